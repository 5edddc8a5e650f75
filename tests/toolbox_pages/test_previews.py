"""Page previews: plain HTML that says its language and direction."""

import pytest
from wagtail.models import Locale

from cms.core.factories import (
    AudienceFactory,
    CityFactory,
    ContentWarningFactory,
    PartnerOrganisationFactory,
)
from toolbox_pages.factories import ModulePageFactory, ToolboxPageFactory

pytestmark = pytest.mark.django_db


def preview_html(page) -> str:
    response = page.make_preview_request()
    assert response.status_code == 200
    return response.content.decode()


def test_every_page_type_previews_as_english_left_to_right(home_page, toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index, title="Dialogue with parents")
    module = ModulePageFactory(parent=toolbox, title="Roles in the family")

    for page in (home_page, toolbox_index, toolbox, module):
        html = preview_html(page)
        assert '<html lang="en" dir="ltr">' in html, type(page).__name__
        assert f"<h1>{page.title}</h1>" in html, type(page).__name__


def test_module_preview_shows_its_objectives_and_body(toolbox_index):
    module = ModulePageFactory(
        parent__parent=toolbox_index,
        learning_objectives__0__objective__value="Listen without judging",
        body__0__heading__text="First contact",
        body__2="testimony_quote",
    )

    html = preview_html(module)

    assert "<li>Listen without judging</li>" in html
    assert "First contact" in html
    assert "could help me without papers" in html


def test_toolbox_preview_lists_only_its_live_modules(toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index)
    ModulePageFactory(parent=toolbox, title="Published module")
    ModulePageFactory(parent=toolbox, title="Draft module", live=False)

    html = preview_html(toolbox)

    assert "Published module" in html
    assert "Draft module" not in html


def test_arabic_translation_previews_right_to_left(toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index)
    module = ModulePageFactory(parent=toolbox)

    translated = module.copy_for_translation(
        Locale.objects.get(language_code="ar"), copy_parents=True
    )

    assert translated.locale.language_code == "ar"
    assert '<html lang="ar" dir="rtl">' in preview_html(translated)


def test_arabic_module_marks_its_english_terms_and_helplines_left_to_right(toolbox_index):
    warning = ContentWarningFactory(name="Sexual violence")
    module = ModulePageFactory(
        parent__parent=toolbox_index, content_warnings=[warning], body__2="helpline_reference"
    )
    helpline = module.body[2].value["helpline"]

    translated = module.copy_for_translation(
        Locale.objects.get(language_code="ar"), copy_parents=True
    )
    html = preview_html(translated)

    assert '<li lang="en" dir="ltr">Sexual violence</li>' in html
    assert f'<strong lang="en" dir="ltr">{helpline.name}</strong>' in html
    assert f'<a href="tel:{helpline.number}" dir="ltr">' in html


def test_english_module_marks_nothing_of_its_own_language(toolbox_index):
    warning = ContentWarningFactory(name="Sexual violence")
    module = ModulePageFactory(parent__parent=toolbox_index, content_warnings=[warning])

    assert "<li>Sexual violence</li>" in preview_html(module)


def test_arabic_toolbox_marks_its_english_city_audiences_and_partners(toolbox_index):
    city = CityFactory(name="Brussels")
    toolbox = ToolboxPageFactory(
        parent=toolbox_index,
        lead_city=city,
        audiences=[AudienceFactory(name="Frontline workers")],
        partner_organisations=[PartnerOrganisationFactory(name="Rainbow House")],
    )

    translated = toolbox.copy_for_translation(
        Locale.objects.get(language_code="ar"), copy_parents=True
    )
    html = preview_html(translated)

    assert '<span lang="en" dir="ltr">Brussels</span>' in html
    assert '<li lang="en" dir="ltr">Frontline workers</li>' in html
    assert '<li lang="en" dir="ltr">Rainbow House</li>' in html
