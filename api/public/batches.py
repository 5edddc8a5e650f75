"""The relations of one response's toolboxes and modules, loaded together on first use: the
modules, partners, terms, reviews and translations of the pages served, and their body
references (``api.public.references``); one query per kind, whatever the number of pages."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
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
    Batch,
    batch_of,
    language_of,
    serve_related,
    served,
    served_locale,
)
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
from cms.core.models import Audience, City, ContentWarning, PartnerOrganisation
from toolbox_pages.models import ModulePage, ToolboxPage


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
        modules = keep_served(module_queryset(toolboxes, self.context), self.context)
        grouped = group_modules(toolboxes, modules, self.context)
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
