"""``seed_demo``'s translations: the Luxembourg toolbox live in French and Arabic through the
language review, the Brussels toolbox partly translated, one French module stale."""

from __future__ import annotations

import pytest
from wagtail.models import Locale, Page, TaskState

from cms.core.models import City
from cms.translation.public import public_translations
from cms.translation.status import locale_statuses
from tests.support import graphql
from toolbox_pages.models import ModulePage, ToolboxPage


@pytest.fixture
def demo(seeded, db):
    return {code: Locale.objects.get(language_code=code) for code in ("en", "fr", "ar")}


def in_locale(slug: str, locale: Locale) -> Page:
    return Page.objects.get(slug=slug, locale=locale, alias_of__isnull=True).specific


def test_luxembourg_toolbox_is_live_in_french_and_arabic_with_every_module(demo):
    for code, title in (
        ("fr", "Violences faites aux femmes et aux filles migrantes"),
        ("ar", "العنف ضد النساء والفتيات المهاجرات"),
    ):
        toolbox = in_locale("violence-against-migrant-women-and-girls", demo[code])
        assert (toolbox.title, toolbox.live) == (title, True)
        modules = ModulePage.objects.child_of(toolbox)
        assert modules.count() == 4
        assert all(module.live and not module.has_unpublished_changes for module in modules)
        assert toolbox.get_parent().live and toolbox.get_parent().alias_of_id is None


def test_every_demo_translation_was_approved_by_a_reviewer_of_its_language(demo):
    approved = TaskState.objects.filter(
        task__languagereviewtask__isnull=False, status=TaskState.STATUS_APPROVED
    ).select_related("finished_by", "task__languagereviewtask__locale")
    # 7 pages and 11 snippets (city, 3 partners, 4 audiences, 3 content warnings), twice.
    assert approved.count() == 36
    for state in approved:
        code = state.task.languagereviewtask.locale.language_code
        assert state.finished_by.username == f"reviewer-{code}"


def test_demo_shows_each_state_in_the_report(demo):
    fr = {str(row.source): row.status for row in locale_statuses(demo["fr"])}
    assert fr["Mapping needs and gaps"] == "stale"
    assert fr["Safe spaces for LGBTQI+ people"] == "in progress"
    assert fr["Training manual, part 2: responding and referring"] == "up to date"
    assert fr["Dialogues with parents"] == "missing"
    ar = {str(row.source): row.status for row in locale_statuses(demo["ar"])}
    assert ar["Mapping needs and gaps"] == "up to date"


def test_stale_french_module_keeps_being_served_and_says_so(demo):
    french = in_locale("mapping-needs-and-gaps", demo["fr"])
    arabic = in_locale("mapping-needs-and-gaps", demo["ar"])

    fr_info, ar_info = (r.translation for r in public_translations([french, arabic]))

    assert (french.live, french.title) == (True, "Cartographie des besoins et des lacunes")
    assert (fr_info.source_locale, fr_info.is_stale) == ("en", True)
    assert ar_info.is_stale is False
    english = ToolboxPage.objects.get(slug="safe-spaces-for-lgbtqi-people", locale=demo["en"])
    assert public_translations([english])[0].available_locales == ("en",)


def test_the_toolboxs_city_partners_and_terms_are_reviewed_in_arabic(demo):
    query = (
        '{ toolbox(slug: "violence-against-migrant-women-and-girls", locale: "ar") { '
        "leadCity { name } partners { name } audiences { name } contentWarnings { name } } }"
    )
    toolbox = graphql.data(query)["toolbox"]
    assert toolbox["leadCity"] == {"name": "لوكسمبورغ"}
    assert {p["name"] for p in toolbox["partners"]} == {
        "المنظمة الدولية للهجرة",
        "Femmes en Détresse A.S.B.L.",
        "مدينة لوكسمبورغ",
    }
    assert {a["name"] for a in toolbox["audiences"]} == {
        "العاملون في الخطوط الأمامية",
        "أفراد الشرطة",
        "الأخصائيون الاجتماعيون",
        "العاملون في المجال الصحي",
    }
    assert {w["name"] for w in toolbox["contentWarnings"]} == {"العنف الأسري", "العنف الجنسي"}
    city = City.objects.get(slug="luxembourg", locale=demo["ar"])
    assert (city.live, city.timezone, city.country) == (True, "Europe/Luxembourg", "LU")
