"""GraphQL types of cities and helplines."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from api.graphql.types.safe_space_parts import INTERNATIONAL, NATIONAL
from api.public.cities import helplines_of
from api.public.toolboxes import toolbox_of_city
from cms.core.models import City
from cms.core.validators import phone_display_forms
from safe_spaces.models import Helpline

from .common import ServedLanguage, Translatable, TranslatableFields


class CityRole(graphene.Enum):
    PARTNER = City.Role.PARTNER.value
    TRAINEE = City.Role.TRAINEE.value


class HelplineScope(graphene.Enum):
    CITY = Helpline.Scope.CITY.value
    NATIONAL = Helpline.Scope.NATIONAL.value


class EmergencyNumberType(graphene.ObjectType):
    class Meta:
        name = "EmergencyNumber"

    label = graphene.String(required=True, description="e.g. Police, Ambulance.")
    number = graphene.String(required=True, description="As dialled locally, e.g. 112.")


class ToolboxRefType(TranslatableFields, graphene.ObjectType):
    """A reference to a live, public toolbox; query `toolbox(slug)` for the toolbox itself."""

    class Meta:
        name = "ToolboxRef"
        interfaces = (Translatable,)

    title = graphene.String(required=True)
    slug = graphene.String(required=True)


class HelplineType(TranslatableFields, graphene.ObjectType):
    """A phone line for victims or for the people who help them."""

    class Meta:
        name = "Helpline"
        interfaces = (Translatable,)

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    scope = graphene.Field(HelplineScope, required=True)
    country = graphene.String(required=True, description="ISO 3166-1 alpha-2 code.")
    number = graphene.String(
        required=True, description="E.164, or the digits of a short number, e.g. 1712."
    )
    number_national = graphene.String(required=True, description=NATIONAL)
    number_international = graphene.String(required=True, description=INTERNATIONAL)
    description = graphene.String(required=True)
    hours_description = graphene.String(required=True, description="e.g. 'Weekdays 9:00-17:00'.")
    available_24_7 = graphene.Boolean(required=True, name="available247")
    languages = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="ISO 639 codes."
    )
    free_of_charge = graphene.Boolean(required=True)

    @staticmethod
    def resolve_id(line: Helpline, info: GraphQLResolveInfo) -> str:
        return str(line.pk)

    @staticmethod
    def resolve_number_national(line: Helpline, info: GraphQLResolveInfo) -> str:
        return phone_display_forms(line.number)[0]

    @staticmethod
    def resolve_number_international(line: Helpline, info: GraphQLResolveInfo) -> str:
        return phone_display_forms(line.number)[1]

    @staticmethod
    def resolve_scope(line: Helpline, info: GraphQLResolveInfo) -> str:
        return line.scope

    @staticmethod
    def resolve_languages(line: Helpline, info: GraphQLResolveInfo) -> list[str]:
        return list(line.languages or [])


class CityRefType(ServedLanguage, graphene.ObjectType):
    """The city of a listing: enough to show it and to ask for `city(slug)`."""

    class Meta:
        name = "CityRef"

    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    country = graphene.String(required=True, description="ISO 3166-1 alpha-2 code.")
    timezone = graphene.String(required=True, description="IANA time zone, e.g. Europe/Rome.")
    translation_key = graphene.UUID(required=True)


class CityType(TranslatableFields, graphene.ObjectType):
    """A partner city (it piloted a toolbox) or a trainee city (it adopted one)."""

    class Meta:
        name = "City"
        interfaces = (Translatable,)

    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    country = graphene.String(required=True, description="ISO 3166-1 alpha-2 code.")
    timezone = graphene.String(
        required=True, description="IANA time zone that opening hours are written in."
    )
    role = graphene.Field(CityRole, required=True)
    languages = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Languages of the city's services, ISO 639 codes.",
    )
    emergency_numbers = graphene.List(graphene.NonNull(EmergencyNumberType), required=True)
    helplines = graphene.List(
        graphene.NonNull(HelplineType),
        required=True,
        description="Live helplines: the city's own, then its country's national ones.",
    )
    toolbox = graphene.Field(
        ToolboxRefType, description="The toolbox the city leads or adopted, when it is public."
    )

    @staticmethod
    def resolve_role(city: City, info: GraphQLResolveInfo) -> str:
        return city.role

    @staticmethod
    def resolve_languages(city: City, info: GraphQLResolveInfo) -> list[str]:
        return list(city.languages or [])

    @staticmethod
    def resolve_emergency_numbers(city: City, info: GraphQLResolveInfo) -> list[dict[str, str]]:
        return [
            {"label": block.value["label"], "number": block.value["number"]}
            for block in city.emergency_numbers
            if block.block_type == "number"
        ]

    @staticmethod
    def resolve_helplines(city: City, info: GraphQLResolveInfo) -> list[Helpline]:
        return helplines_of(city)

    @staticmethod
    def resolve_toolbox(city: City, info: GraphQLResolveInfo) -> Any:
        if getattr(city, "toolbox_key", None) is None:
            return None
        return toolbox_of_city(city)


class SafetyNoticeType(graphene.ObjectType):
    """A safety or privacy notice, in the language it is written in."""

    class Meta:
        name = "SafetyNotice"

    html = graphene.String(required=True, description="Paragraphs, lists and links, as HTML.")
    locale = graphene.String(required=True, description="The language it is written in.")
    is_fallback = graphene.Boolean(
        required=True,
        description="True when it stands in for a notice not written in the requested language.",
    )


class SafetyType(graphene.ObjectType):
    """Where the quick exit goes and what to show first: a city's own, over the site's."""

    class Meta:
        name = "Safety"

    quick_exit_url = graphene.String(
        required=True,
        description="Where a quick exit sends the reader: replace the page with it (no history).",
    )
    safety_notice = graphene.Field(
        SafetyNoticeType, description="How to leave quickly and clear the history."
    )
    privacy_notice = graphene.Field(SafetyNoticeType, description="What the apps do not collect.")
