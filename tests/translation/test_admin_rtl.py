"""Editors write the content of right-to-left locales (Arabic, Persian, Dari) right-to-left,
whatever their own admin language; every other locale keeps the admin's direction.

The editors load translation/js/content-direction.js only for a right-to-left locale; which
inputs it turns is proved in the browser (tests/browser/test_admin_rtl.py).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Locale

from cms.core.languages import is_rtl
from safe_spaces.factories import HelplineFactory, SafeSpaceFactory
from toolbox_pages.factories import ToolboxPageFactory
from toolbox_pages.models import ToolboxPage

from .conftest import submit_page, translated

pytestmark = pytest.mark.django_db

SCRIPT = "translation/js/content-direction.js"
TRANSLATION_EDITOR_CSS = "translation/css/translation-editor-direction.css"


def direction_script(language_code: str) -> str:
    return f'data-content-direction="rtl" data-content-language="{language_code}"'


@pytest.fixture
def toolbox(toolbox_index) -> ToolboxPage:
    return ToolboxPageFactory(parent=toolbox_index, title="Safe spaces", slug="safe-spaces")


def translated_toolbox(toolbox: ToolboxPage, language_code: str) -> ToolboxPage:
    locale = Locale.objects.get(language_code=language_code)
    return toolbox.copy_for_translation(locale, copy_parents=True).specific


def page_editors(page) -> list[str]:
    """The page's edit view and the view creating a toolbox next to it."""
    parent = page.get_parent()
    return [
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:add", args=["toolbox_pages", "toolboxpage", parent.pk]),
    ]


def snippet_editors(obj) -> list[str]:
    viewset = obj.snippet_viewset
    return [
        reverse(viewset.get_url_name("edit"), args=[obj.pk]),
        reverse(viewset.get_url_name("add")) + f"?locale={obj.locale.language_code}",
    ]


@pytest.mark.parametrize("language_code", ["ar", "fa", "prs"])
def test_right_to_left_locales_are_the_ones_locale_is_bidi_reports(language_code):
    # The editor templates use Locale.is_bidi; the API and the frontend use is_rtl.
    locale = Locale.objects.get(language_code=language_code)
    assert locale.is_bidi is True
    assert is_rtl(language_code) is True


def test_every_content_language_has_the_same_direction_for_the_admin_and_the_api(db):
    assert {loc.language_code: loc.is_bidi for loc in Locale.objects.all()} == {
        loc.language_code: is_rtl(loc.language_code) for loc in Locale.objects.all()
    }


@pytest.mark.parametrize("language_code", ["ar", "fa"])
def test_page_editors_of_a_right_to_left_page_write_its_content_right_to_left(
    admin_client, toolbox, language_code
):
    page = translated_toolbox(toolbox, language_code)
    for url in page_editors(page):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert html.count(SCRIPT) == 1, url
        assert direction_script(language_code) in html, url


def test_page_editors_of_an_english_page_keep_the_admin_direction(admin_client, toolbox):
    for url in page_editors(toolbox):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert SCRIPT not in response.content.decode(), url
        assert 'data-content-direction="rtl"' not in response.content.decode(), url


@pytest.mark.parametrize(
    ("factory", "language_code"),
    [(SafeSpaceFactory, "ar"), (HelplineFactory, "ar"), (SafeSpaceFactory, "fa")],
)
def test_snippet_editors_of_a_right_to_left_snippet_write_its_content_right_to_left(
    admin_client, factory, language_code
):
    obj = factory(locale=Locale.objects.get(language_code=language_code))
    for url in snippet_editors(obj):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert html.count(SCRIPT) == 1, url
        assert direction_script(language_code) in html, url


@pytest.mark.parametrize("factory", [SafeSpaceFactory, HelplineFactory])
def test_snippet_editors_of_an_english_snippet_keep_the_admin_direction(
    admin_client, locale_en, factory
):
    obj = factory(locale=locale_en)
    for url in snippet_editors(obj):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert SCRIPT not in response.content.decode(), url


def test_snippets_without_a_locale_keep_the_admin_direction(admin_client, db):
    response = admin_client.get(reverse("wagtailsnippets_translation_glossaryterm:add"))
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()


@pytest.mark.parametrize(("language_code", "expected"), [("ar", True), ("fr", False)])
def test_translation_editor_shows_translations_into_a_right_to_left_locale_right_to_left(
    client, admin_user, module, language_code, expected
):
    locale = Locale.objects.get(language_code=language_code)
    submit_page(client, admin_user, module, locale)
    target = translated(module, locale)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "js-translation-editor" in html  # wagtail-localize's editor, not Wagtail's
    assert (TRANSLATION_EDITOR_CSS in html) is expected
    assert SCRIPT not in html
