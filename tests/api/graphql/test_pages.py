"""Any page by its URL path: live and public, or null exactly like a missing page."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from toolbox_pages.models import ToolboxIndexPage, ToolboxPage

from .test_toolboxes import add_module, add_toolbox, ok, publish, run, translate

pytestmark = pytest.mark.django_db


PAGE_QUERY = """
query ($path: String!, $locale: String) {
  page(path: $path, locale: $locale) {
    __typename id title slug urlPath locale isFallback translationKey
    ... on HomePage { introduction }
    ... on ToolboxIndexPage { introduction }
    ... on Toolbox { summary modules { slug } }
    ... on Module { summary body { blockType } }
  }
}
"""


def test_each_page_type_by_path(toolbox_index: ToolboxIndexPage) -> None:
    toolbox_index.introduction = "Pick a toolbox."
    publish(toolbox_index)
    toolbox = add_toolbox(toolbox_index, "protect")
    add_module(toolbox, "listen")

    home = ok(PAGE_QUERY, path="/")["page"]
    index = ok(PAGE_QUERY, path="/toolboxes/")["page"]
    found = ok(PAGE_QUERY, path="toolboxes/protect")["page"]
    module = ok(PAGE_QUERY, path="/toolboxes/protect/listen/")["page"]

    assert (home["__typename"], home["urlPath"]) == ("HomePage", "/")
    assert (index["__typename"], index["introduction"]) == ("ToolboxIndexPage", "Pick a toolbox.")
    assert (found["__typename"], found["urlPath"]) == ("Toolbox", "/toolboxes/protect/")
    assert found["modules"] == [{"slug": "listen"}]
    assert (module["__typename"], module["urlPath"]) == ("Module", "/toolboxes/protect/listen/")


def test_draft_unpublished_private_and_missing_paths_are_all_null(
    toolbox_index: ToolboxIndexPage,
) -> None:
    toolbox = add_toolbox(toolbox_index, "protect")
    add_module(toolbox, "draft", live=False)
    add_module(toolbox, "withdrawn").unpublish()
    private = add_module(toolbox, "private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft_toolbox = ToolboxPage(slug="draft-toolbox", title="D", summary="s", focus="f", live=False)
    toolbox_index.add_child(instance=draft_toolbox)

    for path in [
        "/toolboxes/protect/draft/",
        "/toolboxes/protect/withdrawn/",
        "/toolboxes/protect/private/",
        "/toolboxes/draft-toolbox/",
        "/toolboxes/protect/missing/",
        "/nowhere/",
    ]:
        assert run(PAGE_QUERY, path=path) == {"data": {"page": None}, "errors": None}, path


def test_a_live_module_of_an_unpublished_toolbox_is_null(toolbox_index: ToolboxIndexPage) -> None:
    toolbox = add_toolbox(toolbox_index, "withdrawn-toolbox")
    add_module(toolbox, "still-live")
    assert ok(PAGE_QUERY, path="/toolboxes/withdrawn-toolbox/still-live/")["page"] is not None

    toolbox.unpublish()

    assert run(PAGE_QUERY, path="/toolboxes/withdrawn-toolbox/still-live/") == {
        "data": {"page": None},
        "errors": None,
    }


def test_page_in_the_requested_locale_or_flagged_fallback(toolbox_index: ToolboxIndexPage) -> None:
    toolbox = add_toolbox(toolbox_index, "protect")
    module = add_module(toolbox, "listen")
    add_module(toolbox, "refer")
    translate(toolbox, "fr", title="Protéger", slug="proteger")
    translate(module, "fr", title="Écouter", slug="ecouter")

    by_french_path = ok(PAGE_QUERY, path="/toolboxes/proteger/ecouter/", locale="fr")["page"]
    by_english_path = ok(PAGE_QUERY, path="/toolboxes/protect/listen/", locale="fr")["page"]
    fallback = ok(PAGE_QUERY, path="/toolboxes/protect/refer/", locale="fr")["page"]

    assert (by_french_path["title"], by_french_path["locale"], by_french_path["isFallback"]) == (
        "Écouter",
        "fr",
        False,
    )
    assert by_french_path["urlPath"] == "/toolboxes/proteger/ecouter/"
    assert by_english_path == by_french_path
    assert (fallback["locale"], fallback["isFallback"]) == ("en", True)


def test_malformed_path_and_unknown_locale_are_bad_input(toolbox_index: ToolboxIndexPage) -> None:
    bad_path = run(PAGE_QUERY, path="/toolboxes/<script>/")
    long_path = run(PAGE_QUERY, path="/a" * 600)
    bad_locale = run(PAGE_QUERY, path="/", locale="klingon")

    for result, argument in [(bad_path, "path"), (long_path, "path"), (bad_locale, "locale")]:
        assert result["data"] == {"page": None}
        (error,) = result["errors"]
        assert error.extensions == {"code": "BAD_USER_INPUT", "argument": argument}
