"""What the content API tells apps of a translation: the languages an object is published in,
its source language, when it was written and whether it is behind its source."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.support import graphql
from tests.support.workflow import act
from toolbox_pages.models import ModulePage

from .conftest import publish_in_editor, submit_page, translate_strings, translated
from .conftest import translation_of as translation_job

pytestmark = pytest.mark.django_db

FRESHNESS = "locale isFallback availableLocales translation { sourceLocale translatedAt isStale }"
TOOLBOX = (
    'query { toolbox(slug: "women", locale: "fr") { title '
    + FRESHNESS
    + " modules { title "
    + FRESHNESS
    + " } } }"
)


def go_live(client, admin_user, reviewer, page, locale, capture) -> None:
    with capture(execute=True):
        publish_in_editor(client, admin_user, translated(page, locale))
    with capture(execute=True):
        act(client, reviewer, translated(page, locale), "approve")
    client.logout()


@pytest.fixture
def french_module(
    client, module, reviews, admin_user, fr, fr_reviewer, django_capture_on_commit_callbacks
):
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_job(module, fr))
    go_live(client, admin_user, fr_reviewer, module, fr, django_capture_on_commit_callbacks)
    return translated(module, fr)


def test_a_reviewed_translation_says_where_it_comes_from(toolbox, french_module):
    data = graphql.data(TOOLBOX)["toolbox"]

    # The toolbox has no French version: English, flagged, and not a translation.
    assert (data["locale"], data["isFallback"], data["availableLocales"]) == ("en", True, ["en"])
    assert data["translation"] is None
    module = data["modules"][0]
    assert module["title"] == "[Responding to a disclosure]"
    assert (module["locale"], module["isFallback"]) == ("fr", False)
    assert module["availableLocales"] == ["en", "fr"]
    assert module["translation"] == {
        "sourceLocale": "en",
        "translatedAt": french_module.live_revision.created_at.isoformat(),
        "isStale": False,
    }


def test_a_source_object_lists_its_languages_and_is_no_translation(toolbox, french_module):
    query = 'query { module(toolboxSlug: "women", slug: "responding") { ' + FRESHNESS + " } }"

    module = graphql.data(query)["module"]

    assert module == {
        "locale": "en",
        "isFallback": False,
        "availableLocales": ["en", "fr"],
        "translation": None,
    }


def test_a_stale_translation_keeps_being_served_flagged(toolbox, module, french_module):
    draft = module.get_latest_revision_as_object()
    draft.summary = "What to say first, and what never to say."
    draft.save_revision().publish()

    served = graphql.data(TOOLBOX)["toolbox"]["modules"][0]

    assert served["title"] == "[Responding to a disclosure]"
    assert served["locale"] == "fr"
    assert served["translation"]["isStale"] is True


def test_freshness_of_a_toolbox_and_its_modules_costs_the_same_for_1_and_5_modules(
    toolbox, french_module
):
    with CaptureQueriesContext(connection) as one:
        assert len(graphql.data(TOOLBOX)["toolbox"]["modules"]) == 1
    for n in range(4):
        extra = ModulePage(title=f"Extra {n}", slug=f"extra-{n}", summary="s")
        toolbox.add_child(instance=extra)
        extra.save_revision().publish()
    with CaptureQueriesContext(connection) as five:
        assert len(graphql.data(TOOLBOX)["toolbox"]["modules"]) == 5

    assert len(five) == len(one)
