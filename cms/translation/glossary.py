"""The glossary check: a translation that uses a term to avoid in its language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wagtail.models import Page
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from .models import GlossaryTerm


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


def _pattern(term: str) -> re.Pattern:
    # Whole words only, case-insensitive; \w is Unicode-aware (Arabic, Persian, Greek...).
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)


def texts_of(obj) -> list[tuple[str, str]]:
    """Every translatable text of ``obj`` as (field path, plain text)."""
    if isinstance(obj, Page):
        obj = obj.specific
    return [
        (segment.path, segment.string.render_text())
        for segment in extract_segments(obj)
        if isinstance(segment, StringSegmentValue)
    ]


def check_texts(texts: list[tuple[str, str]], language_code: str) -> list[GlossaryWarning]:
    warnings = []
    terms = list(GlossaryTerm.objects.for_language(language_code))
    for path, text in texts:
        for term in terms:
            for avoid in term.terms_to_avoid:
                if _pattern(avoid).search(text):
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
