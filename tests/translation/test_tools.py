"""Tools for translators: PO export and import, machine translation (off by default, never
publishing), the glossary check."""

from __future__ import annotations

import polib
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from cms.translation.glossary import glossary_warnings
from cms.translation.models import GlossaryTerm
from tests.support.workflow import act

from .conftest import publish_in_editor, submit_page, translate_strings, translated, translation_of

pytestmark = pytest.mark.django_db

FRENCH = {
    "Responding to a disclosure": "Réagir à une révélation",
    "responding": "reagir",
    "What to say first.": "Ce qu'il faut dire d'abord.",
}


def test_po_export_and_import_round_trip(client, module, reviews, admin_user, fr):
    submit_page(client, admin_user, module, fr)
    translation = translation_of(module, fr)

    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))

    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    assert sorted(entry.msgid for entry in po) == sorted(FRENCH)
    assert all(entry.msgstr == "" for entry in po)
    for entry in po:
        entry.msgstr = FRENCH[entry.msgid]
    upload = SimpleUploadedFile("module-fr.po", str(po).encode(), "text/x-gettext-translation")
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": "/admin/"},
    )

    assert response.status_code == 302
    assert translation.get_progress() == (3, 3)
    assert sorted(
        StringTranslation.objects.filter(locale=fr).values_list("data", flat=True)
    ) == sorted(FRENCH.values())
    exported = polib.pofile(
        client.get(
            reverse("wagtail_localize:download_pofile", args=[translation.pk])
        ).content.decode()
    )
    assert {entry.msgid: entry.msgstr for entry in exported} == FRENCH
    assert translated(module, fr).live is False


def test_no_machine_translator_by_default(client, module, reviews, admin_user, fr):
    submit_page(client, admin_user, module, fr)

    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation_of(module, fr).pk])
    )

    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
    assert response.status_code == 404


@override_settings(
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR={
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
    }
)
def test_a_configured_machine_translator_fills_a_draft_only(
    client, module, reviews, admin_user, fr
):
    submit_page(client, admin_user, module, fr)
    translation = translation_of(module, fr)

    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )

    assert response.status_code == 302
    assert translation.get_progress() == (3, 3)
    assert set(
        StringTranslation.objects.filter(locale=fr).values_list("translation_type", flat=True)
    ) == {"machine"}
    assert translated(module, fr).live is False


@pytest.fixture
def glossary(db):
    return GlossaryTerm.objects.create(
        language_code="fr",
        source_term="survivor",
        preferred_term="survivante",
        terms_to_avoid=["victime consentante", "rescapée"],
        note="Parler de la personne, pas de ce qu'elle a subi.",
    )


def test_glossary_flags_a_term_to_avoid_in_the_revision_under_review(
    client, module, reviews, admin_user, fr, fr_reviewer, glossary
):
    submit_page(client, admin_user, module, fr)
    translate_strings(
        translation_of(module, fr),
        lambda s: "Écouter une Rescapée" if s == "What to say first." else f"FR {s}",
    )
    publish_in_editor(client, admin_user, translated(module, fr))
    french = translated(module, fr)

    warnings = glossary_warnings(french)

    assert [(w.term_to_avoid, w.preferred_term, w.field) for w in warnings] == [
        ("rescapée", "survivante", "summary")
    ]
    client.force_login(fr_reviewer)
    task_state = french.current_workflow_task_state
    dialog = client.get(
        reverse("wagtailadmin_pages:workflow_action", args=[french.pk, "approve", task_state.pk]),
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    html = dialog.json()["html"]
    assert "This translation uses 1 term to avoid" in html
    assert "use “survivante”" in html
    # A warning, not a veto: the reviewer decides.
    assert act(client, fr_reviewer, french, "approve").status_code == 200


def test_glossary_matches_whole_words_only(module, fr, glossary):
    from cms.translation.glossary import check_texts

    assert check_texts([("summary", "Les rescapées")], "fr") == []
    assert len(check_texts([("summary", "une victime consentante.")], "fr")) == 1
    assert check_texts([("summary", "une rescapée")], "ar") == []


def test_a_preferred_term_cannot_also_be_avoided(db):
    term = GlossaryTerm(
        language_code="fr",
        source_term="victim",
        preferred_term="victime",
        terms_to_avoid=["Victime"],
    )
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert error.value.message_dict["terms_to_avoid"] == [
        "The preferred term can't also be a term to avoid."
    ]
