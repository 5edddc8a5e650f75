"""The "Translation status" report and the glossary in the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.translation.models import GlossaryTerm

from .conftest import submit_page, translate_strings, translation_of

pytestmark = pytest.mark.django_db


def test_report_lists_missing_and_in_progress_per_locale(client, module, reviews, admin_user, fr):
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr), limit=1)
    GlossaryTerm.objects.create(
        language_code="fr",
        source_term="disclosure",
        preferred_term="confidence",
        terms_to_avoid=["aveu"],
    )

    response = client.get(reverse("translation:report"), {"locale": "fr"})

    assert response.status_code == 200
    rows = {
        (row.locale_code, row.title): (row.status, row.percent)
        for row in response.context["object_list"]
    }
    assert rows[("fr", "Responding to a disclosure")] == ("in progress", 33)
    assert rows[("fr", "Violence against migrant women")] == ("missing", None)
    assert "Translation status" in response.content.decode()


def test_report_exports_csv(client, module, reviews, admin_user, fr):
    submit_page(client, admin_user, module, fr)

    response = client.get(reverse("translation:report"), {"locale": "fr", "export": "csv"})

    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "Locale,Type,Source,Status,Translated (%),Glossary warnings"
    assert "fr,module,Responding to a disclosure,in progress,0," in lines


def test_report_refuses_an_unknown_locale(admin_client):
    assert admin_client.get(reverse("translation:report"), {"locale": "xx"}).status_code == 404


def test_report_refuses_an_unknown_status(admin_client):
    response = admin_client.get(reverse("translation:report"), {"status": "lost"})

    assert response.status_code == 404


def report_rows(client, **params) -> dict[tuple[str, str], str]:
    response = client.get(reverse("translation:report"), params)
    assert response.status_code == 200
    return {(row.locale_code, row.title): row.status for row in response.context["object_list"]}


@pytest.fixture
def stale_and_missing(client, module, reviews, admin_user, fr, ar):
    """The module stale in French (published there, then changed in English), missing in
    Arabic."""
    from wagtail.models import Page

    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr))
    french = Page.objects.get(translation_key=module.translation_key, locale=fr).specific
    french.save_revision().publish()
    draft = module.get_latest_revision_as_object()
    draft.summary = "Changed in English."
    draft.save_revision().publish()
    return module


def test_the_report_filters_on_screen_by_language_status_and_staleness(
    admin_client, stale_and_missing
):
    page = admin_client.get(reverse("translation:report")).content.decode()
    module = ("fr", "Responding to a disclosure")

    assert 'name="locale"' in page and '<option value="uk">Ukrainian</option>' in page
    assert 'name="status"' in page and '<option value="stale">Stale</option>' in page
    assert 'name="stale"' in page
    assert report_rows(admin_client)[module] == "stale"
    assert report_rows(admin_client)[("ar", "Responding to a disclosure")] == "missing"
    assert set(report_rows(admin_client, locale="fr")) == {
        key for key in report_rows(admin_client) if key[0] == "fr"
    }
    assert report_rows(admin_client, status="stale") == {module: "stale"}
    assert report_rows(admin_client, stale="on") == {module: "stale"}
    assert ("ar", "Responding to a disclosure") in report_rows(admin_client, status="missing")
    assert module not in report_rows(admin_client, status="missing")


def test_the_export_holds_what_the_filters_keep(admin_client, stale_and_missing):
    response = admin_client.get(reverse("translation:report"), {"stale": "on", "export": "csv"})

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "Locale,Type,Source,Status,Translated (%),Glossary warnings"
    assert lines[1:] == ["fr,module,Responding to a disclosure,stale,100,"]


def test_glossary_is_listed_by_language_for_translators(admin_client, db):
    GlossaryTerm.objects.create(
        language_code="ar",
        source_term="survivor",
        preferred_term="ناجية",
        terms_to_avoid=["ضحية"],
        note="",
    )

    response = admin_client.get(
        reverse("wagtailsnippets_translation_glossaryterm:list"), {"language_code": "ar"}
    )

    assert response.status_code == 200
    assert "ناجية" in response.content.decode()


def test_glossary_term_is_created_in_the_admin_with_one_term_to_avoid_per_line(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_translation_glossaryterm:add"),
        {
            "language_code": "fr",
            "source_term": "sex worker",
            "preferred_term": "travailleuse du sexe",
            "terms_to_avoid": "prostituée\n\n  péripatéticienne \n",
            "note": "",
        },
    )

    assert response.status_code == 302
    term = GlossaryTerm.objects.get()
    assert term.terms_to_avoid == ["prostituée", "péripatéticienne"]
    edit = admin_client.get(
        reverse("wagtailsnippets_translation_glossaryterm:edit", args=[term.pk])
    )
    assert "prostituée\npéripatéticienne" in edit.content.decode()


def test_language_review_task_can_be_configured_in_the_admin(admin_client, reviews, db):
    from django.contrib.auth.models import Group
    from wagtail.models import Locale

    nl = Locale.objects.get(language_code="nl")
    group = Group.objects.create(name="Language reviewers: Dutch")

    response = admin_client.post(
        reverse("wagtailadmin_workflows:add_task", args=["translation", "languagereviewtask"]),
        {"name": "Language review: Dutch", "locale": nl.pk, "reviewers": group.pk},
    )

    assert response.status_code == 302
    task = reviews["fr"].task.__class__.objects.get(locale=nl)
    assert (task.name, task.reviewers) == ("Language review: Dutch", group)
