"""Filters and tags for HTML pages and admin previews: each text in its own language and
direction, language names instead of codes, phone numbers as readers write them, and the
pages' own words in the reader's language (English marked where a translation is missing)."""

from collections.abc import Callable
from typing import Any

from django import template
from django.conf import settings
from django.template.base import Node, Parser, Token
from django.template.context import Context
from django.templatetags import i18n as django_i18n
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation.trans_real import translation

from cms.core.languages import direction, language_display_name
from cms.core.validators import phone_display_forms

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
def phone_number(value: str) -> str:
    """A stored phone number in international format ("+32 2 555 01 23"); a short number as
    stored."""
    return phone_display_forms(value)[1]


@register.simple_tag
def text_lang_of(obj: Any, around: Any) -> str:
    """``text_lang`` for a translatable object shown inside another (a term, a city or a
    snippet inside a page): its locale is read only when it differs from the page's, so the
    texts in the page's own language cost no query."""
    own_id = getattr(obj, "locale_id", None)
    if own_id is None or around is None or own_id == getattr(around, "locale_id", None):
        return ""
    return text_lang(obj.locale, around.locale)


# --- The pages' own words ---------------------------------------------------------------------
# `translate` and `blocktranslate` as Django's (and extracted by `makemessages` as theirs), but a
# string the reader's language has no translation for yet is shown in English marked
# <span lang="en" dir="ltr">. Load this library after `i18n`, whose tags it replaces.


def _has_translation(msgid: str, message_context: str | None) -> bool:
    language = get_language() or settings.LANGUAGE_CODE
    if language.split("-")[0] == settings.LANGUAGE_CODE:
        return True
    key = f"{message_context}\x04{msgid}" if message_context else msgid
    return key in translation(language)._catalog  # type: ignore[attr-defined]


class ReaderTranslateNode(Node):
    def __init__(self, node: Node, msgid: Callable[[Context], tuple[str, str | None]]) -> None:
        self.node = node
        self.msgid = msgid

    def render(self, context: Context) -> str:
        text = self.node.render(context)
        if getattr(self.node, "asvar", None) or not text or _has_translation(*self.msgid(context)):
            return text
        return format_html('<span lang="en" dir="ltr">{}</span>', text)


def _message_context(node: Any, context: Context) -> str | None:
    return node.message_context.resolve(context) if node.message_context else None


@register.tag("translate")
def reader_translate(parser: Parser, token: Token) -> Node:
    node = django_i18n.do_translate(parser, token)

    def msgid(context: Context) -> tuple[str, str | None]:
        return str(node.filter_expression.var.literal), _message_context(node, context)

    return ReaderTranslateNode(node, msgid)


@register.tag("blocktranslate")
def reader_blocktranslate(parser: Parser, token: Token) -> Node:
    node = django_i18n.do_block_translate(parser, token)

    def msgid(context: Context) -> tuple[str, str | None]:
        singular, _ = node.render_token_list(node.singular)
        return singular, _message_context(node, context)

    return ReaderTranslateNode(node, msgid)
