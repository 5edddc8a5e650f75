"""GraphQL types of the page tree: home, toolbox index, toolboxes and their modules.

Every object comes from ``api.public.toolboxes``, which serves it to the request's loaders: its
relations and body references load for every page of the request at once
(``api.public.page_relations``).
"""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo
from wagtail.models import Page

from api.public.page_relations import (
    lead_city_of,
    modules_of,
    partners_of,
    references_of,
    terms_of,
)
from api.representations import stream_representation, string_list
from cms.core.models import HomePage
from toolbox_pages.models import ModulePage, ToolboxIndexPage, ToolboxPage

from .blocks import ImageType, StreamFieldBlock
from .common import ServedLanguage, Translatable, TranslatableFields, VocabularyTermType
from .reviews import resolve_review, review_field


def _body(page: Page) -> list[dict[str, Any]]:
    return stream_representation(page.body.raw_data, references_of(page))


class Sensitivity(graphene.Enum):
    PUBLIC = ToolboxPage.Sensitivity.PUBLIC.value
    PROFESSIONALS = ToolboxPage.Sensitivity.PROFESSIONALS.value

    @property
    def description(self) -> str:
        return {
            "public": "Anyone may read it.",
            "professionals": "For trained staff; kept out of kiosks and public widgets.",
        }[self.value]


class PartnerKind(graphene.Enum):
    CITY = "city"
    NGO = "ngo"
    UNIVERSITY = "university"
    INTERNATIONAL = "international"


class PartnerType(ServedLanguage, graphene.ObjectType):
    """An organisation that built the toolbox with its city."""

    class Meta:
        name = "Partner"

    name = graphene.String(required=True)
    kind = graphene.Field(PartnerKind, required=True)
    website = graphene.String(required=True)
    description = graphene.String(required=True)
    logo = graphene.Field(ImageType)

    @staticmethod
    def resolve_logo(partner: dict[str, Any], info: GraphQLResolveInfo) -> dict[str, Any] | None:
        refs = partner.get("references")
        if refs is None or not partner["logo_id"]:
            return None
        return refs.image(partner["logo_id"], partner["name"])


class PageInterface(graphene.Interface):
    """A live, public page, found by its URL path with `page(path)`."""

    class Meta:
        name = "Page"

    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    slug = graphene.String(required=True)
    url_path = graphene.String(
        required=True, description="Path below the locale's home page, e.g. /toolboxes/x/."
    )
    last_published_at = graphene.DateTime()
    locale = graphene.String(required=True)
    translation_key = graphene.UUID(required=True)
    is_fallback = graphene.Boolean(required=True)

    @classmethod
    def resolve_type(cls, instance: Page, info: GraphQLResolveInfo) -> type:
        return PAGE_TYPES[type(instance)]


class PageFields(TranslatableFields):
    """Resolvers shared by every page type."""

    @staticmethod
    def resolve_id(page: Page, info: GraphQLResolveInfo) -> int:
        return page.pk

    @staticmethod
    def resolve_url_path(page: Page, info: GraphQLResolveInfo) -> str:
        return page.api_url_path


def _city_ref_type() -> type:
    from .cities import CityRefType

    return CityRefType


class HomePageType(PageFields, graphene.ObjectType):
    class Meta:
        name = "HomePage"
        interfaces = (PageInterface, Translatable)

    introduction = graphene.String(required=True)


class ToolboxIndexPageType(PageFields, graphene.ObjectType):
    class Meta:
        name = "ToolboxIndexPage"
        interfaces = (PageInterface, Translatable)

    introduction = graphene.String(required=True)


class ModuleType(PageFields, graphene.ObjectType):
    """A module of a toolbox: a manual, a training session or a dialogue guide."""

    class Meta:
        name = "Module"
        interfaces = (PageInterface, Translatable)

    review = review_field()
    resolve_review = staticmethod(resolve_review)

    summary = graphene.String(required=True)
    duration_minutes = graphene.Int()
    learning_objectives = graphene.List(graphene.NonNull(graphene.String), required=True)
    audiences = graphene.List(graphene.NonNull(VocabularyTermType), required=True)
    content_warnings = graphene.List(
        graphene.NonNull(VocabularyTermType),
        required=True,
        description="Show them before the module opens.",
    )
    body = graphene.List(graphene.NonNull(StreamFieldBlock), required=True)

    @staticmethod
    def resolve_learning_objectives(page: ModulePage, info: GraphQLResolveInfo) -> list[str]:
        return string_list(page.learning_objectives.raw_data)

    @staticmethod
    def resolve_audiences(page: ModulePage, info: GraphQLResolveInfo) -> list[dict[str, str]]:
        return terms_of(page, "audiences")

    @staticmethod
    def resolve_content_warnings(
        page: ModulePage, info: GraphQLResolveInfo
    ) -> list[dict[str, str]]:
        return terms_of(page, "content_warnings")

    @staticmethod
    def resolve_body(page: ModulePage, info: GraphQLResolveInfo) -> list[dict[str, Any]]:
        return _body(page)


class ToolboxType(PageFields, graphene.ObjectType):
    """One of the Equalcity toolboxes: its purpose, audiences, partners and modules."""

    class Meta:
        name = "Toolbox"
        interfaces = (PageInterface, Translatable)

    review = review_field()
    resolve_review = staticmethod(resolve_review)

    summary = graphene.String(required=True)
    focus = graphene.String(required=True)
    sensitivity = graphene.Field(Sensitivity, required=True)
    audiences = graphene.List(graphene.NonNull(VocabularyTermType), required=True)
    content_warnings = graphene.List(
        graphene.NonNull(VocabularyTermType),
        required=True,
        description="Show them before the toolbox opens.",
    )
    cover_image = graphene.Field(ImageType)
    body = graphene.List(graphene.NonNull(StreamFieldBlock), required=True)
    lead_city = graphene.Field(
        lambda: _city_ref_type(), description="The partner city that piloted it."
    )
    partners = graphene.List(graphene.NonNull(PartnerType), required=True)
    modules = graphene.List(
        graphene.NonNull(ModuleType),
        required=True,
        description="Live, public modules in the order editors set.",
    )

    @staticmethod
    def resolve_audiences(page: ToolboxPage, info: GraphQLResolveInfo) -> list[dict[str, str]]:
        return terms_of(page, "audiences")

    @staticmethod
    def resolve_content_warnings(
        page: ToolboxPage, info: GraphQLResolveInfo
    ) -> list[dict[str, str]]:
        return terms_of(page, "content_warnings")

    @staticmethod
    def resolve_cover_image(page: ToolboxPage, info: GraphQLResolveInfo) -> dict[str, Any] | None:
        if not page.cover_image_id:
            return None
        return references_of(page).image(page.cover_image_id, page.cover_image_alt)

    @staticmethod
    def resolve_body(page: ToolboxPage, info: GraphQLResolveInfo) -> list[dict[str, Any]]:
        return _body(page)

    @staticmethod
    def resolve_lead_city(page: ToolboxPage, info: GraphQLResolveInfo) -> Any:
        return lead_city_of(page)

    @staticmethod
    def resolve_partners(page: ToolboxPage, info: GraphQLResolveInfo) -> list[dict[str, Any]]:
        partners = partners_of(page)
        if not any(partner["logo_id"] for partner in partners):
            return partners
        refs = references_of(page)
        return [{**partner, "references": refs} for partner in partners]

    @staticmethod
    def resolve_modules(page: ToolboxPage, info: GraphQLResolveInfo) -> list[ModulePage]:
        return modules_of(page)


PAGE_TYPES: dict[type[Page], type[graphene.ObjectType]] = {
    HomePage: HomePageType,
    ToolboxIndexPage: ToolboxIndexPageType,
    ToolboxPage: ToolboxType,
    ModulePage: ModuleType,
}
