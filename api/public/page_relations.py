"""The relations of the toolboxes, modules and pages a request serves, each with its loader
(``api.public.loaders``): modules, vocabulary terms, lead cities, partners and body references.
One query per relation (per kind, for references), whatever the number of pages.

A toolbox's own fields resolve before its modules are asked for, so a caller that knows it will
read the modules and the bodies says so first (``expect``): the modules then join before the
references of every body load, and each kind of reference costs one query, not one per level.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import (
    CharField,
    F,
    Value,
    prefetch_related_objects,
)
from wagtail.models import (
    Page,
)

from api.locales import LocaleContext
from api.public import (
    language_of,
    serve_related,
    served,
    served_locale,
)
from api.public.loaders import Loader, context_of, loader, request_state, serve, served_since
from api.public.pages import (
    group_modules,
    keep_served,
    module_queryset,
    public_pages,
)
from api.public.references import load_references
from api.representations import (
    ReferenceIds,
    References,
    collect_references,
)
from api.surrogate import TOOLBOXES, note
from cms.core.models import Audience, City, ContentWarning, PartnerOrganisation
from toolbox_pages.models import ModulePage, ToolboxPage

Terms = dict[str, list[dict[str, Any]]]
Partners = list[dict[str, Any]]

# --- Modules ---------------------------------------------------------------------------------


def modules_of(toolbox: ToolboxPage) -> list[ModulePage]:
    """The toolbox's live, public modules in order; they are served, and join the loaders."""
    return _modules(context_of(toolbox)).get(toolbox)


def _modules(context: LocaleContext) -> Loader[list[ModulePage]]:
    def load(toolboxes: list[ToolboxPage]) -> dict[int, list[ModulePage]]:
        _load_versions(toolboxes, context)
        modules = keep_served(module_queryset(toolboxes, context), context)
        grouped = group_modules(toolboxes, modules, context)
        for chosen in grouped.values():
            serve(context, chosen, listed=True)
        return grouped

    return loader(context, "modules", load, default=list, accepts=ToolboxPage)


def _load_versions(toolboxes: list[ToolboxPage], context: LocaleContext) -> None:
    """Each toolbox's live versions in the requested and default locales (its modules may
    sit under either)."""
    missing = [t for t in toolboxes if not hasattr(t, "api_versions")]
    if not missing:
        return
    if context.is_default:
        for toolbox in missing:
            toolbox.api_versions = [toolbox]
        return
    keys = [t.translation_key for t in missing]
    note(TOOLBOXES)
    versions = (
        public_pages(ToolboxPage, context)
        .filter(
            translation_key__in=keys,
            locale_id__in=[context.requested.pk, context.default.pk],
        )
        .only("path", "depth", "translation_key", "locale_id")
    )
    by_key: dict[uuid.UUID, list[Page]] = {}
    for version in versions:
        by_key.setdefault(version.translation_key, []).append(version)
    for toolbox in missing:
        toolbox.api_versions = by_key.get(toolbox.translation_key, [toolbox])


# --- Vocabulary terms, lead cities and partners ----------------------------------------------


def terms_of(page: Page, relation: str) -> list[dict[str, Any]]:
    """The audiences or content warnings (``relation``) of a toolbox or module, as served."""
    context = context_of(page)
    terms: Loader[Terms] = loader(
        context,
        "terms",
        lambda pages: _load_terms(pages, context),
        default=dict,
        accepts=(ToolboxPage, ModulePage),
    )
    return terms.get(page).get(relation, [])


def _load_terms(pages: list[Page], context: LocaleContext) -> dict[int, Terms]:
    toolbox_ids = [p.pk for p in pages if isinstance(p, ToolboxPage)]
    module_ids = [p.pk for p in pages if isinstance(p, ModulePage)]
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
                    t_name=served(term_model, f"{term_field}__translation_key", "name", context),
                    t_locale=served_locale(term_model, f"{term_field}__translation_key", context),
                )
                .values_list("t_page", "t_relation", "t_code", "t_name", "t_locale")
            )
    result: dict[int, Terms] = {}
    if not parts:
        return result
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for page_id, relation, code, name, locale_id in rows:
        if name is None:  # no live version: a term still in draft
            continue
        result.setdefault(page_id, {}).setdefault(relation, []).append(
            {"code": code, "name": name, **language_of(locale_id, context)}
        )
    for by_relation in result.values():
        for terms in by_relation.values():
            terms.sort(key=lambda term: (term["name"], term["code"]))
    return result


def lead_city_of(toolbox: ToolboxPage) -> City | None:
    """The toolbox's lead city as served (``serve_related``): the live version in the
    requested locale, else in the default one. One query for the cities not loaded with the
    toolboxes; one more only when a city is a draft or in another locale than requested."""
    context = context_of(toolbox)

    def load(toolboxes: list[ToolboxPage]) -> dict[int, City | None]:
        prefetch_related_objects(
            [t for t in toolboxes if not ToolboxPage.lead_city.is_cached(t)], "lead_city"
        )
        serve_related(toolboxes, "lead_city", context, required=False)
        return {t.pk: t.lead_city for t in toolboxes}

    return loader(context, "lead cities", load, default=lambda: None, accepts=ToolboxPage).get(
        toolbox
    )


def partners_of(toolbox: ToolboxPage) -> Partners:
    """The partner organisations of a toolbox as served, by name."""
    return _partners(context_of(toolbox)).get(toolbox)


def _partners(context: LocaleContext) -> Loader[Partners]:
    return loader(
        context,
        "partners",
        lambda toolboxes: _load_partners(toolboxes, context),
        default=list,
        accepts=ToolboxPage,
    )


def _load_partners(toolboxes: list[ToolboxPage], context: LocaleContext) -> dict[int, Partners]:
    ids = [toolbox.pk for toolbox in toolboxes]
    result: dict[int, Partners] = {pk: [] for pk in ids}
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
                    context,
                )
                for field in ("name", "description", "website")
            },
            p_locale=served_locale(
                PartnerOrganisation, "partnerorganisation__translation_key", context
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
                **language_of(locale_id, context),
            }
        )
    for partners in result.values():
        partners.sort(key=lambda partner: partner["name"])
    return result


# --- Body references -------------------------------------------------------------------------


class _ReferenceLoader:
    """What the bodies, cover images and partner logos of the served pages refer to, loaded
    into one ``References`` that grows as pages are served."""

    def __init__(self, context: LocaleContext):
        self.context = context
        self.references: References | None = None
        self.position = 0
        self.logos: set[int] = set()

    def get(self) -> References:
        objects, self.position = served_since(self.context, self.position)
        pages = [obj for obj in objects if isinstance(obj, Page)]
        partners = _partners(self.context)
        partners.load_pending()
        logos = {
            partner["logo_id"]
            for each in partners.values()
            for partner in each
            if partner["logo_id"]
        }
        if self.references is not None and not pages and logos <= self.logos:
            return self.references
        ids = ReferenceIds()
        for page in pages:
            body = getattr(page, "body", None)
            if body is not None:
                collect_references(body.stream_block, body.raw_data, ids)
            cover = getattr(page, "cover_image_id", None)
            if cover:
                ids.images.add(cover)
        ids.images |= logos
        self.logos |= logos
        self.references = load_references(ids, self.context, known=self.references)
        return self.references


def references_of(page: Page) -> References:
    """Everything the bodies, cover images and partner logos of the served pages refer to.

    Pages served since the last call (modules asked for after a body) are walked and their
    references loaded then; after ``expect``, everything loads in one pass.
    """
    return _references(context_of(page)).get()


def _references(context: LocaleContext) -> _ReferenceLoader:
    return request_state(context, "references", lambda: _ReferenceLoader(context))


def expect(context: LocaleContext, *, modules: bool, references: bool) -> None:
    """Load now what the caller will read of the pages served so far, in the order that keeps
    each kind of reference to one query: the modules first, then every body's references."""
    if modules:
        _modules(context).load_pending()
    if references:
        _references(context).get()
