"""Pages as the public APIs and the HTML pages may serve them: the page rule (live, public,
not expired, not in a withdrawn section, under a locale's home page), read once per request;
the choice of one version per translation key (requested locale, else the default's); and the
modules of toolboxes in tree order."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any, TypeVar

from django.conf import settings
from django.db import connections, router
from django.db.models import (
    Q,
    QuerySet,
)
from wagtail.models import (
    Locale,
    Page,
    PageViewRestriction,
    Site,
)

from api.locales import LocaleContext, context_from_rows, requested_codes
from api.public import (
    attach_locale,
    is_published,
    not_expired_q,
)
from api.surrogate import children_key, note
from cms.core.models import HomePage
from toolbox_pages.models import ModulePage, ToolboxIndexPage, ToolboxPage

P = TypeVar("P", bound=Page)

# Page types the public API serves by path; anything else in the tree is not part of the API.
PUBLIC_PAGE_MODELS: tuple[type[Page], ...] = (HomePage, ToolboxIndexPage, ToolboxPage, ModulePage)
PATH_STEP = Page.steplen


# --- The page rule ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LocaleHome:
    """A locale's home page: the default site's root page or its translation."""

    path: str
    url_path: str


@dataclass(frozen=True)
class PageRules:
    """What makes a live page public, read once per request.

    ``homes``: the home page of each locale (by locale pk); a public page sits at or below its
    locale's home. ``hidden``: tree paths whose pages and descendants are not public: a page
    with a view restriction, and a page unpublished in the source language that has children
    (a withdrawn toolbox hides its modules; a draft *translation* of a live source page hides
    nothing, so a reviewed translation of a module is served while its toolbox's translation
    is pending). An unpublished page without children hides nothing but itself, which the
    ``live`` filter already does, so the list stays short. ``withdrawn``: the part of
    ``hidden`` that is not a view restriction.
    """

    homes: dict[int, LocaleHome]
    hidden: tuple[str, ...]
    withdrawn: tuple[str, ...] = ()


def _page_rules_sql() -> str:
    page = Page._meta.db_table
    restriction = PageViewRestriction._meta.db_table
    site = Site._meta.db_table
    locale = Locale._meta.db_table
    # Table names from model metadata; the one value is a parameter.
    return f"""
        SELECT 'home', home.locale_id, home.path, home.url_path
          FROM {page} home
         WHERE home.translation_key IN (
               SELECT root.translation_key FROM {site} site
                 JOIN {page} root ON root.id = site.root_page_id
                WHERE site.is_default_site)
        UNION ALL
        SELECT 'restricted', NULL, restricted.path, NULL
          FROM {page} restricted JOIN {restriction} vr ON vr.page_id = restricted.id
        UNION ALL
        SELECT 'withdrawn', NULL, withdrawn.path, NULL
          FROM {page} withdrawn
         WHERE NOT withdrawn.live AND withdrawn.depth > 1 AND withdrawn.numchild > 0
           AND NOT EXISTS (
               SELECT 1 FROM {page} source JOIN {locale} lang ON lang.id = source.locale_id
                WHERE source.live AND source.translation_key = withdrawn.translation_key
                  AND lang.language_code = %s)
    """  # noqa: S608


def _rules_from_rows(rows: Iterable[tuple[str, Any, str, Any]]) -> PageRules:
    homes: dict[int, LocaleHome] = {}
    hidden: list[str] = []
    withdrawn: list[str] = []
    for kind, locale_id, path, url_path in rows:
        if kind == "home":
            homes[locale_id] = LocaleHome(path, url_path)
        elif kind in ("restricted", "withdrawn"):
            hidden.append(path)
            if kind == "withdrawn":
                withdrawn.append(path)
    return PageRules(homes, _outermost(hidden), _outermost(withdrawn))


def _outermost(paths: Iterable[str]) -> tuple[str, ...]:
    """The paths, without those below another one of them (they add nothing)."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return tuple(kept)


def _read_cursor() -> Any:
    """A cursor on the database the ORM would read pages from (the replica for the public API,
    ``cms.core.db_router``): raw SQL is not routed by itself."""
    return connections[router.db_for_read(Page)].cursor()


def page_rules(context: LocaleContext) -> PageRules:
    """The request's page rules: one small query, on the first read of the page tree (none
    when the context came from ``resolve_page_locale``).

    Read per request, never kept between requests: a page made private or withdrawn stops
    being served by the very next request, on every app server.
    """
    rules = context.memo.get("page_rules")
    if rules is None:
        with _read_cursor() as cursor:
            cursor.execute(_page_rules_sql(), [settings.LANGUAGE_CODE])
            rules = context.memo["page_rules"] = _rules_from_rows(cursor.fetchall())
    return rules


def resolve_page_locale(code: str | None) -> LocaleContext:
    """``api.locales.resolve_locale`` for a request that reads the page tree: the locales and
    the page rules in one query. Raises ``UnknownLocale``."""
    requested, default_code = requested_codes(code)
    locale_table = Locale._meta.db_table
    sql = (
        f"SELECT 'locale', id, language_code, NULL FROM {locale_table} "  # noqa: S608
        "WHERE language_code IN (%s, %s) UNION ALL " + _page_rules_sql()
    )
    with _read_cursor() as cursor:
        cursor.execute(sql, [requested, default_code, settings.LANGUAGE_CODE])
        rows = cursor.fetchall()
    context = context_from_rows(
        requested, [(pk, language_code) for kind, pk, language_code, _ in rows if kind == "locale"]
    )
    context.memo["page_rules"] = _rules_from_rows(rows)
    return context


def _locale_pks(context: LocaleContext) -> list[int]:
    return [context.requested.pk, context.default.pk]


def public_pages(
    model: type[P], context: LocaleContext, *, every_locale: bool = False
) -> QuerySet[P]:
    """The one starting point of every public read of the page tree, for one page model.

    Live, not an alias, not expired, under its locale's home page and outside any hidden
    section (see ``PageRules``); in the requested and default locales, or in every locale for
    ``every_locale`` (a link may point to a page in another language).
    """
    rules = page_rules(context)
    locales = rules.homes.keys() if every_locale else _locale_pks(context)
    under_home = [
        Q(locale_id=pk, path__startswith=rules.homes[pk].path)
        for pk in dict.fromkeys(locales)
        if pk in rules.homes
    ]
    # An alias (the copy wagtail-localize makes of an untranslated parent so that a translated
    # child has a place in the tree) shows its source's text: it is not a translation.
    queryset = model.objects.filter(not_expired_q(), live=True, alias_of__isnull=True)
    if not under_home:
        return queryset.none()
    queryset = queryset.filter(reduce(or_, under_home))
    if rules.hidden:
        queryset = queryset.exclude(
            reduce(or_, (Q(path__startswith=path) for path in rules.hidden))
        )
    return queryset


def is_public_page(page: Page, rules: PageRules, *, restrictions_passed: bool = False) -> bool:
    """``public_pages`` for one loaded page (the HTML pages, their links and redirects): live,
    not expired, under its locale's home page and outside any hidden section.

    ``restrictions_passed``: the reader has already passed the page's view restrictions
    (Wagtail asks for the password or login before serving a private page), so only withdrawn
    sections still hide it. Aliases pass: the HTML site serves the alias wagtail-localize makes
    of an untranslated parent at its place in the locale's tree (the APIs serve the source as a
    fallback instead).
    """
    if not is_published(page):
        return False
    home = rules.homes.get(page.locale_id)
    if home is None or not page.path.startswith(home.path):
        return False
    hidden = rules.withdrawn if restrictions_passed else rules.hidden
    return not page.path.startswith(hidden) if hidden else True


def public_url_path(page: Page, context: LocaleContext) -> str | None:
    """The page's path below its locale's home page ("/" for the home page), or None when the
    page is outside the public site."""
    home = page_rules(context).homes.get(page.locale_id)
    if home is None or not page.path.startswith(home.path):
        return None
    if not page.url_path.startswith(home.url_path):
        return None
    return "/" + page.url_path[len(home.url_path) :]


def keep_served(pages: Iterable[P], context: LocaleContext) -> list[P]:
    """Keep the pages with a public URL, set their URL path, locale and ``is_fallback``."""
    kept = []
    for page in pages:
        path = public_url_path(page, context)
        if path is None:
            continue
        page.api_url_path = path
        kept.append(page)
    return attach_locale(kept, context)


def in_tree_order(pages: list[P], context: LocaleContext, anchors: dict[uuid.UUID, str]) -> list[P]:
    """Order by the default-locale tree (``anchors``: path by translation key), then the pages
    that exist only in the requested locale, in their own tree order."""

    def key(page: Page) -> tuple[int, str]:
        anchor = anchors.get(page.translation_key)
        return (0, anchor) if anchor is not None else (1, page.path)

    return sorted(pages, key=key)


def choose_versions(
    candidates: Iterable[P], context: LocaleContext
) -> tuple[list[P], dict[uuid.UUID, str]]:
    """One version per translation key: the requested locale's, else the default's.

    Returns the chosen pages and the default-locale path of each key (for ordering).
    """
    versions: dict[uuid.UUID, dict[int, P]] = {}
    for page in candidates:
        versions.setdefault(page.translation_key, {})[page.locale_id] = page
    chosen: list[P] = []
    anchors: dict[uuid.UUID, str] = {}
    for key, by_locale in versions.items():
        served = by_locale.get(context.requested.pk) or by_locale.get(context.default.pk)
        if served is not None:
            # Every served version: the modules of a toolbox may sit under either.
            served.api_versions = list(by_locale.values())
            chosen.append(served)
        if context.default.pk in by_locale:
            anchors[key] = by_locale[context.default.pk].path
    return chosen, anchors


# --- Modules of toolboxes --------------------------------------------------------------------


def children_q(parents: Iterable[Page]) -> Q:
    return reduce(
        or_,
        (Q(path__startswith=p.path, depth=p.depth + 1) for p in parents),
        Q(pk__in=[]),
    )


def module_queryset(toolboxes: list[ToolboxPage], context: LocaleContext) -> QuerySet[ModulePage]:
    """Live, public modules of these toolboxes (every language version of each toolbox the
    response shows), with their live translations in the requested locale wherever they sit."""
    parents = [version for toolbox in toolboxes for version in toolbox.api_versions]
    note(*(children_key(toolbox.translation_key) for toolbox in toolboxes))
    locales = [context.requested.pk, context.default.pk]
    base = public_pages(ModulePage, context).filter(locale_id__in=locales)
    children = base.filter(children_q(parents))
    return base.filter(
        Q(pk__in=children.values("pk"))
        | Q(locale_id=context.requested.pk, translation_key__in=children.values("translation_key"))
    )


def group_modules(
    toolboxes: list[ToolboxPage], modules: Iterable[ModulePage], context: LocaleContext
) -> dict[int, list[ModulePage]]:
    """Modules per toolbox (by the pk of the toolbox version served), one version each."""
    toolbox_by_parent_path: dict[str, ToolboxPage] = {}
    for toolbox in toolboxes:
        for version in toolbox.api_versions:
            toolbox_by_parent_path[version.path] = toolbox
    families: dict[uuid.UUID, list[ModulePage]] = {}
    for module in modules:
        families.setdefault(module.translation_key, []).append(module)
    per_toolbox: dict[int, list[ModulePage]] = {toolbox.pk: [] for toolbox in toolboxes}
    anchors: dict[uuid.UUID, str] = {}
    for versions in families.values():
        owner = next(
            (
                toolbox_by_parent_path[v.path[:-PATH_STEP]]
                for v in versions
                if v.path[:-PATH_STEP] in toolbox_by_parent_path
            ),
            None,
        )
        if owner is None:
            continue
        chosen, family_anchors = choose_versions(versions, context)
        anchors.update(family_anchors)
        per_toolbox[owner.pk].extend(chosen)
    for toolbox_pk, chosen in per_toolbox.items():
        per_toolbox[toolbox_pk] = in_tree_order(chosen, context, anchors)
    return per_toolbox
