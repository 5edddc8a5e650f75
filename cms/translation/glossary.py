"""The glossary check (a translation that uses a term to avoid in its language) and the
glossary shown to translators next to wagtail-localize's translation editor."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Page
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import StringValue

from .models import GlossaryTerm

if TYPE_CHECKING:
    from wagtail_localize.models import Translation


@dataclass(frozen=True)
class GlossaryWarning:
    term_to_avoid: str
    preferred_term: str
    source_term: str
    note: str
    field: str  # where it was found, e.g. "title" or "body.<block id>.value"

    def message(self) -> str:
        return (
            f"“{self.term_to_avoid}” is a term to avoid for “{self.source_term}”: use "
            f"“{self.preferred_term}”." + (f" {self.note}" if self.note else "")
        )


# Arabic writes some words as one with the next: the article (ال), "and" (و), "with/by" (ب),
# "for/to" (ل), "like" (ك); "to the" is لل. A term to avoid counts with them attached.
ARABIC_PREFIXES = "(?:و?(?:[بلك]?ال|لل|[بلك])|و)?"


def _pattern(term: str, language_code: str = "") -> re.Pattern:
    r"""Whole words only, case-insensitive; \w is Unicode-aware (Arabic, Persian, Greek...).
    In Arabic, also with attached prefixes; a term written with its article (الضحية) is also
    found after ل as لل (للضحية). The editor's script (``glossary-live.js``) applies the same
    rule as the translator types: change both together."""
    words = re.escape(term)
    if language_code.split("-")[0] == "ar":
        bare = term[2:] if term.startswith("ال") else term
        words = rf"(?:{ARABIC_PREFIXES}{re.escape(bare)}|{ARABIC_PREFIXES}{re.escape(term)})"
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def texts_of(obj) -> list[tuple[str, str]]:
    """Every translatable text of ``obj`` as (field path, plain text)."""
    if isinstance(obj, Page):
        obj = obj.specific
    return [
        (segment.path, segment.string.render_text())
        for segment in extract_segments(obj)
        if isinstance(segment, StringSegmentValue)
    ]


def check_texts(
    texts: list[tuple[str, str]],
    language_code: str,
    terms: list[GlossaryTerm] | None = None,
) -> list[GlossaryWarning]:
    """Terms to avoid of ``language_code`` used in ``texts``. ``terms`` saves the query when
    the caller already has that language's glossary."""
    warnings = []
    if terms is None:
        terms = list(GlossaryTerm.objects.for_language(language_code))
    for path, text in texts:
        for term in terms:
            for avoid in term.terms_to_avoid:
                if _pattern(avoid, language_code).search(text):
                    warnings.append(
                        GlossaryWarning(
                            term_to_avoid=avoid,
                            preferred_term=term.preferred_term,
                            source_term=term.source_term,
                            note=term.note,
                            field=path,
                        )
                    )
    return warnings


def glossary_warnings(obj) -> list[GlossaryWarning]:
    """Terms to avoid that the latest revision of ``obj`` (what a reviewer is asked to
    approve) uses, in the object's language."""
    latest = obj.get_latest_revision_as_object() if hasattr(obj, "latest_revision") else obj
    return check_texts(texts_of(latest), obj.locale.language_code)


@dataclass(frozen=True)
class EditorGlossary:
    """The glossary of a translation's target language, as shown next to the editor."""

    language_code: str
    terms: list[GlossaryTerm]  # the terms this object's source text calls for
    warnings: list[GlossaryWarning]  # terms to avoid that the translation already uses
    glossary_url: str  # the whole glossary of the language
    # Every term to avoid in the language, for the check as the translator types.
    avoid: list[dict[str, str]] = dataclass_field(default_factory=list)

    @property
    def live_rules(self) -> dict[str, object]:
        """What ``glossary-live.js`` reads (as JSON in the page)."""
        return {"language": self.language_code, "avoid": self.avoid}


def _source_pattern(term: str) -> re.Pattern:
    # Source texts are English: "survivor" also finds "survivors", "witness" "witnesses".
    return re.compile(rf"(?<!\w){re.escape(term)}(?:e?s)?(?!\w)", re.IGNORECASE)


def glossary_url(language_code: str) -> str:
    """The glossary snippet listing, filtered to one language."""
    listing = reverse("wagtailsnippets_translation_glossaryterm:list")
    return f"{listing}?{urlencode({'language_code': language_code})}"


def editor_glossary(translation: Translation) -> EditorGlossary:
    """What a translator needs from the glossary while translating ``translation``.

    A target-language term is relevant when the source text uses its (English) source term,
    or the preferred term of the same concept in the source language. The warnings come
    from :func:`check_texts` applied to the strings translated so far, which is what the
    editor shows (the translated object itself changes only on publish). Two queries,
    whatever the size of the glossary or of the object.
    """
    source_language = translation.source.locale.language_code
    target_language = translation.target_locale.language_code
    segments = (
        translation.source.stringsegment_set.select_related("string", "context")
        .annotate_translation(translation.target_locale, include_errors=True)
        .order_by("order")
    )
    source_texts = []
    translated_texts = []
    for segment in segments:
        source_texts.append(segment.string.as_value().render_text())
        if segment.translation:
            translated_texts.append(
                (segment.context.path, StringValue(segment.translation).render_text())
            )

    glossary = list(
        GlossaryTerm.objects.filter(language_code__in=[target_language, source_language])
    )
    target_terms = [term for term in glossary if term.language_code == target_language]
    source_wording = {
        term.source_term.casefold(): term.preferred_term
        for term in glossary
        if term.language_code == source_language
    }

    source_text = "\n".join(source_texts)

    def is_relevant(term: GlossaryTerm) -> bool:
        wordings = {term.source_term, source_wording.get(term.source_term.casefold(), "")}
        return any(_source_pattern(wording).search(source_text) for wording in wordings if wording)

    return EditorGlossary(
        language_code=target_language,
        terms=[term for term in target_terms if is_relevant(term)],
        warnings=check_texts(translated_texts, target_language, terms=target_terms),
        glossary_url=glossary_url(target_language),
        avoid=[
            {
                "avoid": avoid,
                "preferred": term.preferred_term,
                "source": term.source_term,
                "note": term.note,
            }
            for term in target_terms
            for avoid in term.terms_to_avoid
        ],
    )
