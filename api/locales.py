"""Locale resolution for the public APIs: a requested language code to a content locale."""

from dataclasses import dataclass

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

    @property
    def is_default(self) -> bool:
        return self.requested.pk == self.default.pk


def resolve_locale(code: str | None) -> LocaleContext:
    """Return the requested and default locales in one query, or raise ``UnknownLocale``."""
    default_code = settings.LANGUAGE_CODE
    code = (code or default_code).strip()
    if code not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        raise UnknownLocale(code)
    locales = {
        locale.language_code: locale
        for locale in Locale.objects.filter(language_code__in={code, default_code})
    }
    if code not in locales or default_code not in locales:
        raise UnknownLocale(code)
    return LocaleContext(requested=locales[code], default=locales[default_code])


def direction(code: str) -> str:
    return "RTL" if is_rtl(code) else "LTR"
