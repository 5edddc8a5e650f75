"""The glossary of the target language, beside wagtail-localize's translation editor."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.panels.factories import UserFactory
from cms.translation.glossary import check_texts, editor_glossary
from cms.translation.models import GlossaryTerm
from safe_spaces.factories import HelplineFactory
from safe_spaces.models import Helpline
from toolbox_pages.models import ModulePage

from .conftest import submit_page, translate_strings, translated, translation_of
from .test_snippets import submit_snippet

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(toolbox) -> ModulePage:
    page = ModulePage(
        title="Responding to a disclosure",
        slug="responding",
        summary="Believe survivors of domestic violence.",
    )
    toolbox.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def glossary(db) -> dict[str, GlossaryTerm]:
    def term(language_code, source_term, preferred_term, terms_to_avoid=(), note=""):
        return GlossaryTerm.objects.create(
            language_code=language_code,
            source_term=source_term,
            preferred_term=preferred_term,
            terms_to_avoid=list(terms_to_avoid),
            note=note,
        )

    return {
        "fr survivor": term(
            "fr",
            "survivor",
            "survivante",
            ["victime consentante", "rescapée"],
            "Parler de la personne, pas de ce qu'elle a subi.",
        ),
        "fr disclosure": term("fr", "disclosure", "révélation", ["aveu"]),
        # Relevant through the English wording of the concept, not its source term.
        "fr partner violence": term(
            "fr",
            "partner violence",
            "violences conjugales",
            ["drame familial"],
            "Jamais « drame ».",
        ),
        "en partner violence": term("en", "partner violence", "domestic violence"),
        "fr consent": term("fr", "consent", "consentement", ["accord tacite"]),
        "ar survivor": term(
            "ar", "survivor", "ناجية", ["ضحية"], "نتحدث عن الناجيات لا عن الضحايا."
        ),
    }


def edit_url(obj) -> str:
    if hasattr(obj, "snippet_viewset"):
        return reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk])
    return reverse("wagtailadmin_pages:edit", args=[obj.pk])


def open_editor(client, user, obj):
    client.force_login(user)
    return client.get(edit_url(obj))


def panel(response):
    return BeautifulSoup(response.content, "html.parser").find("aside", class_="glossary-panel")


def text(element) -> str:
    return "" if element is None else " ".join(element.get_text().split())


def shown_terms(response) -> list[tuple[str, str, str, str]]:
    """(source term, "Use: …", "Avoid: …", note) of each term in the panel."""
    return [
        (
            text(term.dt),
            text(term.select_one("[data-glossary-preferred]")),
            text(term.select_one("[data-glossary-avoid]")),
            text(term.select_one("[data-glossary-note]")),
        )
        for term in panel(response).select("[data-glossary-term]")
    ]


def warnings_shown(response) -> list[str]:
    block = panel(response).select_one("[data-glossary-warnings]")
    return [] if block is None else [text(li) for li in block.select("li")]


def test_french_editor_shows_the_terms_the_source_text_uses(
    client, module, translator, fr, glossary
):
    submit_page(client, translator, module, fr)

    response = open_editor(client, translator, translated(module, fr))

    assert response.status_code == 200
    assert b"js-translation-editor" in response.content  # wagtail-localize's editor is there
    aside = panel(response)
    assert aside["aria-labelledby"] == "glossary-panel-heading"
    assert aside.h2.get_text(strip=True) == "Glossary: French"
    # Ordered by source term; "consent" is not in the text, the Arabic term is not French.
    assert shown_terms(response) == [
        ("disclosure", "Use: révélation", "Avoid: aveu", ""),
        (
            "partner violence",
            "Use: violences conjugales",
            "Avoid: drame familial",
            "Jamais « drame ».",
        ),
        (
            "survivor",
            "Use: survivante",
            "Avoid: victime consentante, rescapée",
            "Parler de la personne, pas de ce qu'elle a subi.",
        ),
    ]
    link = aside.find("a", string=lambda text: text and "whole glossary" in text)
    assert link["href"] == "/admin/snippets/translation/glossaryterm/?language_code=fr"
    assert warnings_shown(response) == []


def test_arabic_editor_shows_arabic_terms_right_to_left(client, module, admin_user, ar, glossary):
    submit_page(client, admin_user, module, ar)
    translate_strings(
        translation_of(module, ar),
        lambda s: "صدّقوا كل ضحية." if s.startswith("Believe") else f"AR {s}",
    )

    response = open_editor(client, admin_user, translated(module, ar))

    assert panel(response).h2.get_text(strip=True) == "Glossary: Arabic"
    assert shown_terms(response) == [
        ("survivor", "Use: ناجية", "Avoid: ضحية", "نتحدث عن الناجيات لا عن الضحايا.")
    ]
    preferred = panel(response).select_one("[data-glossary-term] strong")
    assert (preferred["lang"], preferred["dir"]) == ("ar", "rtl")
    link = panel(response).find("a", string=lambda text: text and "whole glossary" in text)
    assert link["href"] == "/admin/snippets/translation/glossaryterm/?language_code=ar"
    assert warnings_shown(response) == [
        "“ضحية” is a term to avoid for “survivor”: use “ناجية”."
        " نتحدث عن الناجيات لا عن الضحايا. (summary)"
    ]


def test_editor_says_so_when_no_term_of_the_glossary_is_relevant(client, module, admin_user, fr):
    GlossaryTerm.objects.create(language_code="fr", source_term="consent", preferred_term="x")
    submit_page(client, admin_user, module, fr)

    response = open_editor(client, admin_user, translated(module, fr))

    assert shown_terms(response) == []
    assert "No term of the glossary appears in this text." in panel(response).get_text()


def test_editor_warns_when_the_translation_uses_a_term_to_avoid(
    client, module, admin_user, fr, glossary
):
    submit_page(client, admin_user, module, fr)
    translate_strings(
        translation_of(module, fr),
        lambda s: (
            "Croire les Rescapées d'un drame familial." if s.startswith("Believe") else f"FR {s}"
        ),
    )

    response = open_editor(client, admin_user, translated(module, fr))

    # Whole words only: "Rescapées" is not "rescapée".
    assert warnings_shown(response) == [
        "“drame familial” is a term to avoid for “partner violence”: use “violences conjugales”."
        " Jamais « drame ». (summary)"
    ]
    assert "This translation uses 1 term to avoid:" in panel(response).get_text(" ", strip=True)


def test_warnings_follow_the_strings_being_translated_not_the_published_page(
    client, module, admin_user, fr, glossary
):
    submit_page(client, admin_user, module, fr)
    translation = translation_of(module, fr)
    translate_strings(translation, lambda s: f"FR {s}")
    translate_strings(translation, lambda s: "Un aveu.", limit=1)  # the title, not published

    response = open_editor(client, admin_user, translated(module, fr))

    assert [w.split(":")[0] for w in warnings_shown(response)] == [
        "“aveu” is a term to avoid for “disclosure”"
    ]


def test_snippet_editor_shows_the_glossary(client, admin_user, locale_en, fr):
    line = HelplineFactory(name="Violence listening line", locale=locale_en)
    line.save_revision().publish()
    helpline = Helpline.objects.get(pk=line.pk)
    GlossaryTerm.objects.create(
        language_code="fr", source_term="violence", preferred_term="violences", note="Pluriel."
    )
    GlossaryTerm.objects.create(language_code="fr", source_term="survivor", preferred_term="x")
    submit_snippet(client, admin_user, helpline, fr)

    response = open_editor(client, admin_user, translated(helpline, fr))

    assert response.status_code == 200
    assert panel(response).h2.get_text(strip=True) == "Glossary: French"
    assert shown_terms(response) == [("violence", "Use: violences", "", "Pluriel.")]


def test_user_who_cannot_edit_the_translation_is_refused_and_sees_no_glossary(
    client, module, admin_user, fr, glossary
):
    submit_page(client, admin_user, module, fr)
    outsider = UserFactory(username="outsider")
    outsider.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )

    response = open_editor(client, outsider, translated(module, fr))

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert b"glossary-panel" not in response.content


def test_glossary_takes_two_queries_whatever_its_size(
    module, admin_user, client, fr, glossary, django_assert_num_queries
):
    submit_page(client, admin_user, module, fr)
    translation = translation_of(module, fr)
    translate_strings(translation, lambda s: f"FR {s}")
    translation.source.locale, translation.target_locale  # noqa: B018 (loaded by the view)

    with django_assert_num_queries(2):
        small = editor_glossary(translation)

    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(
            language_code=language_code,
            source_term=f"survivor {n}",
            preferred_term=f"terme {n}",
            terms_to_avoid=["aveu", f"mot {n}"],
        )
        for n in range(50)
        for language_code in ("fr", "en")
    )
    with django_assert_num_queries(2):
        large = editor_glossary(translation)

    assert [term.source_term for term in small.terms] == [
        "disclosure",
        "partner violence",
        "survivor",
    ]
    assert [term.source_term for term in large.terms] == [term.source_term for term in small.terms]


def test_editor_page_queries_do_not_grow_with_the_glossary(
    client, module, admin_user, fr, glossary
):
    submit_page(client, admin_user, module, fr)
    french = translated(module, fr)
    client.force_login(admin_user)
    client.get(edit_url(french))  # warm caches (content types, site root paths)

    with CaptureQueriesContext(connection) as before:
        client.get(edit_url(french))
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(
            language_code="fr",
            source_term=f"term {n}",
            preferred_term=f"terme {n}",
            terms_to_avoid=[f"mot {n}"],
        )
        for n in range(50)
    )
    with CaptureQueriesContext(connection) as after:
        response = client.get(edit_url(french))

    assert len(shown_terms(response)) == 3
    assert len(after.captured_queries) == len(before.captured_queries)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("الضحية", True),
        ("والضحية", True),
        ("بالضحية", True),
        ("للضحية", True),
        ("كالضحية", True),
        ("وضحية", True),
        ("ضحية", True),
        ("الضحيتان", False),
        ("مضحية", False),
    ],
)
def test_an_arabic_term_to_avoid_is_found_with_its_attached_prefixes(text, found):
    term = GlossaryTerm(
        language_code="ar",
        source_term="victim",
        preferred_term="الناجية",
        terms_to_avoid=["الضحية"],
    )

    warnings = check_texts([("body", f"نص {text} هنا")], "ar", terms=[term])

    assert bool(warnings) is found


def test_another_language_finds_whole_words_only():
    term = GlossaryTerm(
        language_code="fr",
        source_term="disclosure",
        preferred_term="révélation",
        terms_to_avoid=["aveu"],
    )

    assert check_texts([("title", "Un aveu")], "fr", terms=[term])
    assert not check_texts([("title", "Des aveux, laveur")], "fr", terms=[term])
