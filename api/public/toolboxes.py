"""Toolboxes, modules and pages as the public APIs may read them.

Every public read of the page tree starts from ``public_pages``: live rows (the page row holds
the published revision's values; a newer draft lives only in its revision), not expired, not
inside a section with a view restriction, and under a locale's home page (the default site's
root or one of its translations). Each page comes annotated with that home's ``url_path``, so
its public URL path costs no query.

A request asks for one locale. An object without a live version in it is served in the default
locale with ``is_fallback`` set; each item of a list falls back on its own. Body references
(images, documents, linked pages, helplines, safe spaces) of every page of a response are
loaded together: one query per kind, whatever the number of pages.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection
from django.db.models import (
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Left, Length
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
    TranslatableMixin,
)

from api.locales import LocaleContext, context_from_rows, requested_codes
from api.public import (
    Batch,
    InvalidArgument,
    attach_locale,
    batch_of,
    is_published,
    language_of,
    not_expired_q,
    serve_related,
    served,
    served_locale,
)
from api.public.cities import public_helplines
from api.public.safe_spaces import public_safe_spaces
from api.public.shapes import safe_space_representation
from api.representations import (
    IMAGE_SIZES,
    ReferenceIds,
    References,
    collect_references,
    document_representation,
    helpline_representation,
    image_representation,
)
from cms.core.models import Audience, City, ContentWarning, HomePage, PartnerOrganisation
from toolbox_pages.models import ModulePage, ToolboxIndexPage, ToolboxPage

P = TypeVar("P", bound=Page)

# Page types the public API serves by path; anything else in the tree is not part of the API.
PUBLIC_PAGE_MODELS: tuple[type[Page], ...] = (HomePage, ToolboxIndexPage, ToolboxPage, ModulePage)

MAX_PATH_LENGTH = 1000
_PATH_SEGMENT = re.compile(r"^[\w-]+$")
_STEP = Page.steplen


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


def page_rules(context: LocaleContext) -> PageRules:
    """The request's page rules: one small query, on the first read of the page tree (none
    when the context came from ``resolve_page_locale``).

    Read per request, never kept between requests: a page made private or withdrawn stops
    being served by the very next request, on every app server.
    """
    rules = context.memo.get("page_rules")
    if rules is None:
        with connection.cursor() as cursor:
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
    with connection.cursor() as cursor:
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


def _served(pages: Iterable[P], context: LocaleContext) -> list[P]:
    """Keep the pages with a public URL, set their URL path, locale and ``is_fallback``."""
    kept = []
    for page in pages:
        path = public_url_path(page, context)
        if path is None:
            continue
        page.api_url_path = path
        kept.append(page)
    return attach_locale(kept, context)


def _tree_order(pages: list[P], context: LocaleContext, anchors: dict[uuid.UUID, str]) -> list[P]:
    """Order by the default-locale tree (``anchors``: path by translation key), then the pages
    that exist only in the requested locale, in their own tree order."""

    def key(page: Page) -> tuple[int, str]:
        anchor = anchors.get(page.translation_key)
        return (0, anchor) if anchor is not None else (1, page.path)

    return sorted(pages, key=key)


def _choose(
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


# --- Toolboxes and modules -------------------------------------------------------------------


def _toolbox_queryset(context: LocaleContext) -> QuerySet[ToolboxPage]:
    return public_pages(ToolboxPage, context).select_related("lead_city")


def get_toolboxes(context: LocaleContext) -> list[ToolboxPage]:
    """Every live, public toolbox, one per translation key, in tree order. One query."""
    locales = [context.requested.pk, context.default.pk]
    candidates = _served(_toolbox_queryset(context).filter(locale_id__in=locales), context)
    chosen, anchors = _choose(candidates, context)
    toolboxes = _tree_order(chosen, context, anchors)
    ToolboxBatch(toolboxes, context)
    return toolboxes


def _versions_of(queryset: QuerySet[P], context: LocaleContext, **lookup: Any) -> QuerySet[P]:
    """Rows matching ``lookup`` in the requested or default locale, and their translations
    in those locales (a slug may differ between languages)."""
    locales = [context.requested.pk, context.default.pk]
    matched = queryset.filter(locale_id__in=locales, **lookup).values("translation_key")
    return queryset.filter(locale_id__in=locales, translation_key__in=matched)


def get_toolbox(slug: str, context: LocaleContext) -> ToolboxPage | None:
    """The toolbox with this slug (in the requested or the default locale), or None."""
    slug = slug.strip()
    if not slug:
        return None
    candidates = _served(_versions_of(_toolbox_queryset(context), context, slug=slug), context)
    chosen = _prefer(candidates, context, slug=slug)
    if chosen is None:
        return None
    chosen.api_versions = [c for c in candidates if c.translation_key == chosen.translation_key]
    ToolboxBatch([chosen], context)
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


def _children_q(parents: Iterable[Page]) -> Q:
    return reduce(
        or_,
        (Q(path__startswith=p.path, depth=p.depth + 1) for p in parents),
        Q(pk__in=[]),
    )


def _module_queryset(toolboxes: list[ToolboxPage], context: LocaleContext) -> QuerySet[ModulePage]:
    """Live, public modules of these toolboxes (every language version of each toolbox the
    response shows), with their live translations in the requested locale wherever they sit."""
    parents = [version for toolbox in toolboxes for version in toolbox.api_versions]
    locales = [context.requested.pk, context.default.pk]
    base = public_pages(ModulePage, context).filter(locale_id__in=locales)
    children = base.filter(_children_q(parents))
    return base.filter(
        Q(pk__in=children.values("pk"))
        | Q(locale_id=context.requested.pk, translation_key__in=children.values("translation_key"))
    )


def _group_modules(
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
                toolbox_by_parent_path[v.path[:-_STEP]]
                for v in versions
                if v.path[:-_STEP] in toolbox_by_parent_path
            ),
            None,
        )
        if owner is None:
            continue
        chosen, family_anchors = _choose(versions, context)
        anchors.update(family_anchors)
        per_toolbox[owner.pk].extend(chosen)
    for toolbox_pk, chosen in per_toolbox.items():
        per_toolbox[toolbox_pk] = _tree_order(chosen, context, anchors)
    return per_toolbox


def served_pages(
    model: type[P], context: LocaleContext, translation_keys: Iterable[uuid.UUID]
) -> list[P]:
    """The live, public pages of ``model`` with these translation keys, one per key: the
    requested locale's version, else the default's (``is_fallback``). One query."""
    locales = [context.requested.pk, context.default.pk]
    candidates = _served(
        public_pages(model, context).filter(
            locale_id__in=locales, translation_key__in=list(translation_keys)
        ),
        context,
    )
    chosen, _anchors = _choose(candidates, context)
    return chosen


def get_module(toolbox_slug: str, slug: str, context: LocaleContext) -> ModulePage | None:
    """The module with this slug in the toolbox with that slug, or None. Two queries."""
    toolbox = get_toolbox(toolbox_slug, context)
    slug = slug.strip()
    if toolbox is None or not slug:
        return None
    family = _module_queryset([toolbox], context)
    matched = family.filter(slug=slug).values("translation_key")
    candidates = _served(family.filter(translation_key__in=matched), context)
    grouped = _group_modules([toolbox], candidates, context)
    modules = grouped.get(toolbox.pk, [])
    module = _prefer(modules_with_versions(modules, candidates), context, slug=slug)
    if module is None:
        return None
    ToolboxBatch([module], context)
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
    candidates = _served(
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
    page = next(iter(_served(queryset, context)), None)
    if page is None:
        return None
    ToolboxBatch([page], context)
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


# --- The batch: relations and body references of one response --------------------------------


class ToolboxBatch(Batch):
    """The pages of one response, whose relations and body references load together.

    The root resolver creates it with the pages it returns; the modules of its toolboxes join
    it when first asked for. Vocabulary terms (audiences and content warnings of toolboxes and
    modules) load in one query, partners in one, and body references in one query per kind,
    for every page of the batch at once.
    """

    def __init__(self, pages: Iterable[Page], context: LocaleContext):
        super().__init__(pages)
        self.context = context
        self.pages: list[Page] = list(self.objects)
        self._references: References | None = None
        self._walked: set[int] = set()
        self._versions_loaded = False

    # Modules --------------------------------------------------------------------------------

    @property
    def members(self) -> list[Page]:
        return self.pages

    @property
    def toolboxes(self) -> list[ToolboxPage]:
        return [page for page in self.pages if isinstance(page, ToolboxPage)]

    def modules_of(self, toolbox: ToolboxPage) -> list[ModulePage]:
        return self.load("modules", self._load_modules).get(toolbox.pk, [])

    def _load_versions(self) -> None:
        """Each toolbox's live versions in the requested and default locales (its modules may
        sit under either)."""
        if self._versions_loaded:
            return
        self._versions_loaded = True
        toolboxes = self.toolboxes
        missing = [t for t in toolboxes if not hasattr(t, "api_versions")]
        if not missing:
            return
        if self.context.is_default:
            for toolbox in missing:
                toolbox.api_versions = [toolbox]
            return
        keys = [t.translation_key for t in missing]
        versions = (
            public_pages(ToolboxPage, self.context)
            .filter(
                translation_key__in=keys,
                locale_id__in=[self.context.requested.pk, self.context.default.pk],
            )
            .only("path", "depth", "translation_key", "locale_id")
        )
        by_key: dict[uuid.UUID, list[Page]] = {}
        for version in versions:
            by_key.setdefault(version.translation_key, []).append(version)
        for toolbox in missing:
            toolbox.api_versions = by_key.get(toolbox.translation_key, [toolbox])

    def _load_modules(self, _objects: list[Any]) -> dict[int, list[ModulePage]]:
        toolboxes = self.toolboxes
        if not toolboxes:
            return {}
        self._load_versions()
        modules = _served(_module_queryset(toolboxes, self.context), self.context)
        grouped = _group_modules(toolboxes, modules, self.context)
        for chosen in grouped.values():
            for module in chosen:
                module._api_batch = self
                self.pages.append(module)
        return grouped

    def ensure_modules(self) -> None:
        self.load("modules", self._load_modules)

    # Vocabulary terms and partners -----------------------------------------------------------

    def terms_of(self, page: Page, relation: str) -> list[dict[str, Any]]:
        terms = self.load_members("terms", self._load_terms)
        return terms.get((page.pk, relation), [])

    def _load_terms(self, _objects: list[Any]) -> dict[tuple[int, str], list[dict[str, Any]]]:
        toolbox_ids = [p.pk for p in self.pages if isinstance(p, ToolboxPage)]
        module_ids = [p.pk for p in self.pages if isinstance(p, ModulePage)]
        parts = []
        for model, ids, page_field in (
            (ToolboxPage, toolbox_ids, "toolboxpage"),
            (ModulePage, module_ids, "modulepage"),
        ):
            if not ids:
                continue
            for relation, term_model, term_field in (
                ("audiences", Audience, "audience"),
                ("content_warnings", ContentWarning, "contentwarning"),
            ):
                through = getattr(model, relation).through
                parts.append(
                    through.objects.filter(**{f"{page_field}_id__in": ids})
                    .order_by()
                    .annotate(
                        t_page=F(f"{page_field}_id"),
                        t_relation=Value(relation, output_field=CharField()),
                        t_code=F(f"{term_field}__code"),
                        t_name=served(
                            term_model, f"{term_field}__translation_key", "name", self.context
                        ),
                        t_locale=served_locale(
                            term_model, f"{term_field}__translation_key", self.context
                        ),
                    )
                    .values_list("t_page", "t_relation", "t_code", "t_name", "t_locale")
                )
        result: dict[tuple[int, str], list[dict[str, Any]]] = {}
        if not parts:
            return result
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        for page_id, relation, code, name, locale_id in rows:
            if name is None:  # no live version: a term still in draft
                continue
            result.setdefault((page_id, relation), []).append(
                {"code": code, "name": name, **language_of(locale_id, self.context)}
            )
        for terms in result.values():
            terms.sort(key=lambda term: (term["name"], term["code"]))
        return result

    def lead_city_of(self, toolbox: ToolboxPage) -> City | None:
        self.load_members("lead cities", self._load_lead_cities)
        return toolbox.lead_city

    def _load_lead_cities(self, members: list[Page]) -> None:
        """The toolboxes' lead cities as served (``serve_related``): the live version in the
        requested locale, else in the default one. One query for the cities not loaded with the
        toolboxes; one more only when a city is a draft or in another locale than requested."""
        toolboxes = [page for page in members if isinstance(page, ToolboxPage)]
        prefetch_related_objects(
            [t for t in toolboxes if not ToolboxPage.lead_city.is_cached(t)], "lead_city"
        )
        serve_related(toolboxes, "lead_city", self.context, required=False)

    def partners_of(self, toolbox: ToolboxPage) -> list[dict[str, Any]]:
        return self.load("partners", self._load_partners).get(toolbox.pk, [])

    def _load_partners(self, _objects: list[Any]) -> dict[int, list[dict[str, Any]]]:
        ids = [toolbox.pk for toolbox in self.toolboxes]
        result: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
        if not ids:
            return result
        through = ToolboxPage.partner_organisations.through
        rows = (
            through.objects.filter(toolboxpage_id__in=ids)
            .order_by()
            .annotate(
                **{
                    f"p_{field}": served(
                        PartnerOrganisation,
                        "partnerorganisation__translation_key",
                        field,
                        self.context,
                    )
                    for field in ("name", "description", "website")
                },
                p_locale=served_locale(
                    PartnerOrganisation, "partnerorganisation__translation_key", self.context
                ),
            )
            .values_list(
                "toolboxpage_id",
                "p_name",
                "partnerorganisation__kind",
                "p_website",
                "p_description",
                "partnerorganisation__logo_id",
                "p_locale",
            )
        )
        for toolbox_id, name, kind, website, description, logo_id, locale_id in rows:
            if name is None:  # no live version: a partner still in draft
                continue
            result[toolbox_id].append(
                {
                    "name": name,
                    "kind": kind,
                    "website": website,
                    "description": description,
                    "logo_id": logo_id,
                    **language_of(locale_id, self.context),
                }
            )
        for partners in result.values():
            partners.sort(key=lambda partner: partner["name"])
        return result

    # Body references --------------------------------------------------------------------------

    def references(self, *, with_partners: bool = False) -> References:
        """Everything the bodies, cover images and partner logos of the batch refer to.

        Pages that joined since the last call (modules asked for after a body) are walked and
        their references loaded then; normally everything is loaded in one pass.
        """
        if with_partners:
            self.load("partners", self._load_partners)
        pending = [page for page in self.pages if page.pk not in self._walked]
        if self._references is not None and not pending and not self._partners_pending():
            return self._references
        ids = ReferenceIds()
        for page in pending:
            self._walked.add(page.pk)
            body = getattr(page, "body", None)
            if body is not None:
                collect_references(body.stream_block, body.raw_data, ids)
            cover = getattr(page, "cover_image_id", None)
            if cover:
                ids.images.add(cover)
        for partners in self._loaded.get("partners", {}).values():
            for partner in partners:
                if partner["logo_id"]:
                    ids.images.add(partner["logo_id"])
        self._partner_logos_seen = True
        loaded = load_references(ids, self.context, known=self._references)
        self._references = loaded
        return loaded

    def _partners_pending(self) -> bool:
        return "partners" in self._loaded and not getattr(self, "_partner_logos_seen", False)


def toolbox_batch_of(page: Page) -> ToolboxBatch:
    """The batch a toolbox, module or home page was loaded in."""
    batch = batch_of(page)
    if not isinstance(batch, ToolboxBatch):
        raise TypeError("Pages reach the API only through api.public.toolboxes.")
    return batch


def load_references(
    ids: ReferenceIds, context: LocaleContext, known: References | None = None
) -> References:
    """Load what ``ids`` names, one query per kind with anything to load; merge into ``known``.

    Only live, public targets are kept: a missing key means "don't link, don't show".
    """
    refs = known or References()
    ids = ids.without(refs)
    if ids.images:
        refs.images.update(_load_images(ids.images))
    if ids.documents:
        refs.documents.update(_load_documents(ids.documents))
    if ids.pages:
        refs.page_urls.update(_load_page_urls(ids.pages, context))
    if ids.helplines:
        refs.helplines.update(_load_helplines(ids.helplines, context))
    if ids.safe_spaces:
        refs.safe_spaces.update(_load_safe_spaces(ids.safe_spaces, context))
    refs.requested.update(ids.all_keys())
    return refs


def _load_images(ids: set[int]) -> dict[int, dict[str, Any]]:
    """Images with their renditions in every allowed size: one query once renditions exist."""
    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    specs = list(IMAGE_SIZES.values())
    renditions = rendition_model.objects.filter(
        image_id__in=ids, filter_spec__in=specs
    ).select_related("image")
    images: dict[int, Any] = {}
    by_image: dict[int, dict[str, Any]] = {}
    for rendition in renditions:
        images[rendition.image_id] = rendition.image
        by_image.setdefault(rendition.image_id, {})[rendition.filter_spec] = rendition
    incomplete = {pk for pk in ids if len(by_image.get(pk, {})) < len(specs)}
    if incomplete:
        # First request after an upload: generate the missing sizes once.
        for image in image_model.objects.filter(pk__in=incomplete):
            images[image.pk] = image
            by_image[image.pk] = dict(image.get_renditions(*specs))
    return {pk: image_representation(images[pk], by_image[pk]) for pk in images if pk in by_image}


def _load_documents(ids: set[int]) -> dict[int, dict[str, Any]]:
    """Documents outside restricted collections."""
    restricted = Collection.objects.filter(
        Exists(CollectionViewRestriction.objects.filter(collection_id=OuterRef("pk")))
    )
    private = Exists(restricted.filter(path=Left(OuterRef("collection__path"), Length("path"))))
    documents = get_document_model().objects.filter(pk__in=ids).exclude(private)
    return {document.pk: document_representation(document) for document in documents}


def _load_page_urls(ids: set[int], context: LocaleContext) -> dict[int, str]:
    urls: dict[int, str] = {}
    pages = public_pages(Page, context, every_locale=True).filter(pk__in=ids)
    for page in pages.only("path", "url_path", "locale_id"):
        path = public_url_path(page, context)
        if path is not None:
            urls[page.pk] = path
    return urls


def _load_helplines(ids: set[Any], context: LocaleContext) -> dict[str, dict[str, Any]]:
    from safe_spaces.models import Helpline

    rows = _by_reference_one_query(public_helplines(context), Helpline, ids, context)
    return {pk: helpline_representation(row) for pk, row in rows.items()}


def _load_safe_spaces(ids: set[Any], context: LocaleContext) -> dict[str, dict[str, Any]]:
    from safe_spaces.models import SafeSpace

    rows = _by_reference_one_query(public_safe_spaces(context), SafeSpace, ids, context)
    return {pk: safe_space_representation(row) for pk, row in rows.items()}


def _by_reference_one_query(
    base: QuerySet, model: type[TranslatableMixin], ids: set[Any], context: LocaleContext
) -> dict[str, Any]:
    """Referenced snippets as served in the requested locale (or the default), keyed by the
    referenced pk as a string; one query.

    ``base`` is the snippet domain's public queryset: a reference whose family has no version
    there (a draft, an unpublished or a deleted snippet) resolves to nothing. Different
    language versions of one snippet may be referenced in one response: each reference is
    matched to its family by translation key.
    """
    valid = _valid_pks(model, ids)
    if not valid:
        return {}
    keys = model.objects.filter(pk__in=valid).values("translation_key")
    served = base.filter(translation_key__in=keys)
    # Every language version of the referenced families (a few rows, by the translation-key
    # index), each flagged when it is the version to serve. An OR of the referenced and the
    # served keys instead would make PostgreSQL scan the whole table.
    rows = list(
        model.objects.filter(translation_key__in=keys)
        .annotate(api_served=Exists(served.filter(pk=OuterRef("pk"))))
        .select_related(*_SNIPPET_RELATIONS.get(model.__name__, ()))
    )
    key_of = {row.pk: row.translation_key for row in rows}
    by_key = {row.translation_key: row for row in rows if row.api_served}
    attach_locale(list(by_key.values()), context)
    result: dict[str, Any] = {}
    for pk in valid:
        key = key_of.get(pk)
        if key is not None and key in by_key:
            result[str(pk)] = by_key[key]
    return result


_SNIPPET_RELATIONS: dict[str, tuple[str, ...]] = {}


def _valid_pks(model: type[TranslatableMixin], ids: set[Any]) -> list[Any]:
    field = model._meta.pk
    valid = []
    for value in ids:
        try:
            valid.append(field.to_python(value))
        except Exception:  # noqa: BLE001, S112 - a malformed stored id references nothing
            continue
    return valid
