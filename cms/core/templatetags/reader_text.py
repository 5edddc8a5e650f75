"""Filters and tags for HTML pages and admin previews: each text in its own language and
direction, language names instead of codes, phone numbers as readers write them."""

from typing import Any

from django import template
from django.utils.html import format_html

from cms.core.languages import direction, language_display_name
from cms.core.validators import display_phone_number

register = template.Library()


def _code(locale: Any) -> str:
    """A language code from a code, a Locale, or an API shape's ``locale``."""
    if locale is None:
        return ""
    return str(getattr(locale, "language_code", locale))


@register.simple_tag
def text_lang(locale: Any, around: Any) -> str:
    """` lang=".." dir=".."` for an element holding texts in ``locale`` when the text around
    it (the page, or the enclosing element) is in another language (``around``); nothing
    otherwise. A fallback served in English inside an Arabic page then reads left to right."""
    own, outer = _code(locale), _code(around)
    if not own or own == outer:
        return ""
    return format_html(' lang="{}" dir="{}"', own, direction(own))


@register.filter
def language_names(codes: Any, in_language: Any) -> str:
    """ISO 639 codes as names in the reader's language: ``["fr", "ar"]`` -> "French, Arabic"."""
    language = _code(in_language) or "en"
    return ", ".join(language_display_name(code, language) for code in codes or [])


@register.filter
def phone_number(value: str, region: str | None = None) -> str:
    """A stored phone number in international format ("+32 2 555 01 23")."""
    return display_phone_number(value, region)


@register.simple_tag
def text_lang_of(obj: Any, around: Any) -> str:
    """``text_lang`` for a translatable object shown inside another (a term, a city or a
    snippet inside a page): its locale is read only when it differs from the page's, so the
    texts in the page's own language cost no query."""
    own_id = getattr(obj, "locale_id", None)
    if own_id is None or around is None or own_id == getattr(around, "locale_id", None):
        return ""
    return text_lang(obj.locale, around.locale)
