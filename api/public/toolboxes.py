"""Toolboxes, modules and pages as the public APIs may read them.

Every public read of the page tree starts from ``public_pages``: live rows (the page row holds
the published revision's values; a newer draft lives only in its revision), not expired, not
inside a section with a view restriction, and under a locale's home page (the default site's
root or one of its translations). Each page comes annotated with that home's ``url_path``, so
its public URL path costs no query.

A request asks for one locale. An object without a live version in it is served in the default
locale with ``is_fallback`` set; each item of a list falls back on its own. Body references
(images, documents, linked pages, helplines, safe spaces) of every page a request serves are
loaded together (``api.public.page_relations``): one query per kind, whatever the number of
pages.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import (
    Q,
    QuerySet,
)
from wagtail.models import (
    Page,
)

from api.locales import LocaleContext
from api.public import (
    InvalidArgument,
)
from api.public.loaders import context_of, loader, serve
from api.public.pages import (
    PUBLIC_PAGE_MODELS,
    P,
    choose_versions,
    group_modules,
    in_tree_order,
    keep_served,
    module_queryset,
    page_rules,
    public_pages,
)
from api.surrogate import PAGES_BY_PATH, TOOLBOXES, note, object_key
from cms.core.models import City
from toolbox_pages.models import ModulePage, ToolboxPage

MAX_PATH_LENGTH = 1000
_PATH_SEGMENT = re.compile(r"^[\w-]+$")


# --- Toolboxes and modules -------------------------------------------------------------------


def _toolbox_queryset(context: LocaleContext) -> QuerySet[ToolboxPage]:
    note(TOOLBOXES)
    return public_pages(ToolboxPage, context).select_related("lead_city")


def get_toolboxes(context: LocaleContext) -> list[ToolboxPage]:
    """Every live, public toolbox, one per translation key, in tree order. One query."""
    locales = [context.requested.pk, context.default.pk]
    candidates = keep_served(_toolbox_queryset(context).filter(locale_id__in=locales), context)
    chosen, anchors = choose_versions(candidates, context)
    toolboxes = in_tree_order(chosen, context, anchors)
    serve(context, toolboxes, listed=True)
    return toolboxes


def _versions_of(queryset: QuerySet[P], context: LocaleContext, **lookup: Any) -> QuerySet[P]:
    """Rows matching ``lookup`` in the requested or default locale, and their translations
    in those locales (a slug may differ between languages)."""
    locales = [context.requested.pk, context.default.pk]
    matched = queryset.filter(locale_id__in=locales, **lookup).values("translation_key")
    return queryset.filter(locale_id__in=locales, translation_key__in=matched)


def get_toolbox(slug: str, context: LocaleContext) -> ToolboxPage | None:
    """The toolbox with this slug (in the requested or the default locale), or None."""
    toolbox = _find_toolbox(slug, context)
    return serve(context, [toolbox])[0] if toolbox is not None else None


def _find_toolbox(slug: str, context: LocaleContext) -> ToolboxPage | None:
    slug = slug.strip()
    if not slug:
        return None
    candidates = keep_served(_versions_of(_toolbox_queryset(context), context, slug=slug), context)
    chosen = _prefer(candidates, context, slug=slug)
    if chosen is None:
        return None
    chosen.api_versions = [c for c in candidates if c.translation_key == chosen.translation_key]
    return chosen


def _prefer(candidates: Sequence[P], context: LocaleContext, **lookup: Any) -> P | None:
    """The requested locale's version of the object ``lookup`` names, else the default's.

    When several objects match (two toolboxes share a slug across languages), the one that
    matches in the requested locale wins, then the one that matches in the default locale.
    """

    def matches(page: Page) -> bool:
        return all(getattr(page, name) == value for name, value in lookup.items())

    by_key: dict[uuid.UUID, dict[int, P]] = {}
    for page in candidates:
        by_key.setdefault(page.translation_key, {})[page.locale_id] = page
    ranked: list[tuple[int, uuid.UUID]] = []
    for key, by_locale in by_key.items():
        if (version := by_locale.get(context.requested.pk)) is not None and matches(version):
            ranked.append((0, key))
        elif (version := by_locale.get(context.default.pk)) is not None and matches(version):
            ranked.append((1, key))
    if not ranked:
        return None
    by_locale = by_key[min(ranked, key=lambda r: (r[0], str(r[1])))[1]]
    return by_locale.get(context.requested.pk) or by_locale.get(context.default.pk)


def served_pages(
    model: type[P], context: LocaleContext, translation_keys: Iterable[uuid.UUID]
) -> list[P]:
    """The live, public pages of ``model`` with these translation keys, one per key: the
    requested locale's version, else the default's (``is_fallback``). One query."""
    locales = [context.requested.pk, context.default.pk]
    translation_keys = list(translation_keys)
    note(*(object_key(key) for key in translation_keys))
    candidates = keep_served(
        public_pages(model, context).filter(
            locale_id__in=locales, translation_key__in=translation_keys
        ),
        context,
    )
    chosen, _anchors = choose_versions(candidates, context)
    return chosen


def toolbox_of_city(city: City) -> ToolboxPage | None:
    """The live, public toolbox a served city leads or adopted (``toolbox_key``), or None;
    one query for every served city. The toolboxes are served in turn."""
    context = context_of(city)
    note(TOOLBOXES)

    def load(cities: list[City]) -> dict[int, ToolboxPage | None]:
        keys = {key for each in cities if (key := getattr(each, "toolbox_key", None))}
        toolboxes = {
            toolbox.translation_key: toolbox
            for toolbox in serve(context, served_pages(ToolboxPage, context, keys) if keys else [])
        }
        return {each.pk: toolboxes.get(getattr(each, "toolbox_key", None)) for each in cities}

    return loader(context, "city toolboxes", load, default=lambda: None, accepts=City).get(city)


def get_module(toolbox_slug: str, slug: str, context: LocaleContext) -> ModulePage | None:
    """The module with this slug in the toolbox with that slug, or None. Two queries."""
    toolbox = _find_toolbox(toolbox_slug, context)
    slug = slug.strip()
    if toolbox is None or not slug:
        return None
    family = module_queryset([toolbox], context)
    matched = family.filter(slug=slug).values("translation_key")
    candidates = keep_served(family.filter(translation_key__in=matched), context)
    grouped = group_modules([toolbox], candidates, context)
    modules = grouped.get(toolbox.pk, [])
    module = _prefer(modules_with_versions(modules, candidates), context, slug=slug)
    if module is None:
        return None
    serve(context, [module])
    return module


def modules_with_versions(chosen: list[ModulePage], candidates: list[ModulePage]) -> list[Any]:
    """The candidate versions of the chosen modules' families (for slug matching)."""
    keys = {module.translation_key for module in chosen}
    return [page for page in candidates if page.translation_key in keys]


# --- Pages by path ---------------------------------------------------------------------------


def normalise_path(path: str) -> str:
    """A URL path below a locale's home ("/", "/toolboxes/protect/") as stored in
    ``url_path`` after the home's part ("", "toolboxes/protect/")."""
    if len(path) > MAX_PATH_LENGTH:
        raise InvalidArgument(f"A path has at most {MAX_PATH_LENGTH} characters.", "path")
    segments = [segment for segment in path.strip().split("/") if segment]
    if any(not _PATH_SEGMENT.match(segment) for segment in segments):
        raise InvalidArgument(
            "A path is made of slugs separated by slashes, e.g. /toolboxes/safe-spaces/.",
            "path",
        )
    return "".join(f"{segment}/" for segment in segments)


def get_page(path: str, context: LocaleContext) -> Page | None:
    """The page at this URL path in the requested locale's tree, else the requested locale's
    translation of the page at this path in the default tree, else that page (fallback).

    None for anything not live and public, exactly as for a path that doesn't exist.
    """
    relative = normalise_path(path)
    note(PAGES_BY_PATH)
    locales = [context.requested.pk, context.default.pk]
    base = public_pages(Page, context).filter(locale_id__in=locales)
    homes = page_rules(context).homes
    at_path = base.filter(
        reduce(
            or_,
            (
                Q(locale_id=pk, url_path=homes[pk].url_path + relative)
                for pk in dict.fromkeys(locales)
                if pk in homes
            ),
            Q(pk__in=[]),
        )
    )
    candidates = keep_served(
        base.filter(
            Q(pk__in=at_path.values("pk"))
            | Q(
                locale_id=context.requested.pk,
                translation_key__in=at_path.values("translation_key"),
            )
        ),
        context,
    )
    target = _pick_by_path(candidates, "/" + relative, context)
    if target is None:
        return None
    model = target.specific_class
    if model not in PUBLIC_PAGE_MODELS:
        return None
    queryset = public_pages(model, context).filter(pk=target.pk)
    if model is ToolboxPage:
        queryset = queryset.select_related("lead_city")
    page = next(iter(keep_served(queryset, context)), None)
    if page is None:
        return None
    serve(context, [page])
    return page


def _pick_by_path(candidates: list[Page], path: str, context: LocaleContext) -> Page | None:
    requested = [p for p in candidates if p.locale_id == context.requested.pk]
    exact = [p for p in requested if p.api_url_path == path]
    if exact:
        return exact[0]
    if requested:
        return requested[0]
    default = [p for p in candidates if p.locale_id == context.default.pk]
    return default[0] if default else None
