"""The content locales, and how every query turns its `locale` argument into one."""

from typing import Any

import graphene
from django.conf import settings
from graphql import GraphQLResolveInfo
from wagtail.models import Locale

from api.graphql.errors import BadInput
from api.graphql.types.common import LocaleType
from api.locales import LocaleContext, UnknownLocale, direction, resolve_locale
from api.public.pages import resolve_page_locale
from cms.core.languages import native_name

LOCALE_DESCRIPTION = "Language code, e.g. fr; the default language when not given."


def locale_context(
    info: GraphQLResolveInfo, code: str | None, *, pages: bool = False
) -> LocaleContext:
    """The requested and default locales for ``code``, resolved once per request, or a
    BadInput naming the choices. ``pages``: the resolver reads the page tree, so the page
    rules come in the same query."""
    cache: dict[str, Any] | None = getattr(info.context, "api_cache", None)
    key = f"locale:{code or ''}"
    if cache is not None and key in cache:
        return cache[key]
    try:
        context = resolve_page_locale(code) if pages else resolve_locale(code)
    except UnknownLocale as error:
        raise BadInput(str(error), "locale") from error
    if cache is not None:
        cache[key] = context
    return context


class LocaleQuery(graphene.ObjectType):
    locales = graphene.List(
        graphene.NonNull(LocaleType),
        required=True,
        description="The languages content is published in, the default (source) one first.",
    )

    @staticmethod
    def resolve_locales(root: Any, info: GraphQLResolveInfo) -> list[dict[str, Any]]:
        existing = set(Locale.objects.values_list("language_code", flat=True))
        default = settings.LANGUAGE_CODE
        locales = [
            {
                "code": code,
                "name": str(name),
                "native_name": native_name(code),
                "direction": direction(code),
                "is_default": code == default,
            }
            for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
            if code in existing
        ]
        return sorted(locales, key=lambda locale: not locale["is_default"])
