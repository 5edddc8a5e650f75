"""Locale resolution for the public APIs: a requested language code to a content locale."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from wagtail.models import Locale

from cms.core.languages import is_rtl


class UnknownLocale(ValueError):
    """The client asked for a language code that is not one of the content locales."""

    def __init__(self, code: str):
        available = ", ".join(code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES)
        super().__init__(f"Unknown locale {code!r}. Available locales: {available}.")


@dataclass(frozen=True)
class LocaleContext:
    """The locale a request asked for and the default locale it falls back to."""

    requested: Locale
    default: Locale
    # What the public helpers read once per request and share (the page rules...).
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_default(self) -> bool:
        return self.requested.pk == self.default.pk


def requested_codes(code: str | None) -> tuple[str, str]:
    """The requested and the default language codes, or ``UnknownLocale``; no query."""
    default_code = settings.LANGUAGE_CODE
    code = (code or default_code).strip()
    if code not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        raise UnknownLocale(code)
    return code, default_code


def context_from_rows(code: str, rows: Iterable[tuple[int, str]]) -> LocaleContext:
    """The context of ``code`` from (pk, language code) rows of the locale table."""
    requested, default_code = requested_codes(code)
    locales = {
        language_code: Locale.from_db("default", ["id", "language_code"], (pk, language_code))
        for pk, language_code in rows
    }
    if requested not in locales or default_code not in locales:
        raise UnknownLocale(requested)
    return LocaleContext(requested=locales[requested], default=locales[default_code])


def resolve_locale(code: str | None) -> LocaleContext:
    """Return the requested and default locales in one query, or raise ``UnknownLocale``."""
    requested, default_code = requested_codes(code)
    rows = Locale.objects.filter(language_code__in={requested, default_code}).values_list(
        "pk", "language_code"
    )
    return context_from_rows(requested, rows)


def direction(code: str) -> str:
    return "RTL" if is_rtl(code) else "LTR"
