"""GraphQL types of a listing's parts: its status, organisation, address, position, public
contact, phones, weekly hours and dated exceptions."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from api.public.safe_space_parts import (
    PhoneRow,
)
from cms.core.models import PartnerOrganisation
from cms.core.validators import phone_display_forms
from safe_spaces.models import (
    SafeSpace,
    SafeSpacePhone,
)

from .common import ServedLanguage


class SafeSpaceStatus(graphene.Enum):
    ACTIVE = SafeSpace.Status.ACTIVE.value
    TEMPORARILY_CLOSED = SafeSpace.Status.TEMPORARILY_CLOSED.value
    INACTIVE = SafeSpace.Status.INACTIVE.value


NATIONAL = "As dialled within the country, e.g. 02 555 01 23 (a short number as stored)."
INTERNATIONAL = "As dialled from abroad, e.g. +32 2 555 01 23 (a short number as stored)."


class PhoneType(graphene.Enum):
    VOICE = SafeSpacePhone.Type.VOICE.value
    TEXT = SafeSpacePhone.Type.TEXT.value
    WHATSAPP = SafeSpacePhone.Type.WHATSAPP.value


class OrganizationKind(graphene.Enum):
    CITY = PartnerOrganisation.Kind.CITY.value
    NGO = PartnerOrganisation.Kind.NGO.value
    UNIVERSITY = PartnerOrganisation.Kind.UNIVERSITY.value
    INTERNATIONAL = PartnerOrganisation.Kind.INTERNATIONAL.value


class OrganizationType(ServedLanguage, graphene.ObjectType):
    """The partner organisation that runs a listing (HSDS ``organization``)."""

    class Meta:
        name = "Organization"

    name = graphene.String(required=True)
    kind = graphene.Field(OrganizationKind, required=True)
    website = graphene.String()

    @staticmethod
    def resolve_website(organization: PartnerOrganisation, info: GraphQLResolveInfo) -> str | None:
        return organization.website or None


class AddressType(graphene.ObjectType):
    """A street address (HSDS ``address``)."""

    class Meta:
        name = "Address"

    address1 = graphene.String(required=True)
    address2 = graphene.String()
    postal_code = graphene.String()
    locality = graphene.String(description="Municipality or district, if not the city itself.")
    city = graphene.String(required=True)
    country = graphene.String(required=True, description="ISO 3166-1 alpha-2 code.")


class GeoPointType(graphene.ObjectType):
    class Meta:
        name = "GeoPoint"

    latitude = graphene.Float(required=True)
    longitude = graphene.Float(required=True)


class PublicContactType(graphene.ObjectType):
    """How to reach a service whose location is confidential (or a named contact point)."""

    class Meta:
        name = "ContactPoint"

    name = graphene.String()
    phone = graphene.String(description="E.164, or the digits of a short number.")
    phone_national = graphene.String(description=NATIONAL)
    phone_international = graphene.String(description=INTERNATIONAL)
    email = graphene.String()

    @staticmethod
    def resolve_phone_national(contact: dict, info: GraphQLResolveInfo) -> str | None:
        return phone_display_forms(contact["phone"])[0] if contact.get("phone") else None

    @staticmethod
    def resolve_phone_international(contact: dict, info: GraphQLResolveInfo) -> str | None:
        return phone_display_forms(contact["phone"])[1] if contact.get("phone") else None


class PhoneNumberType(graphene.ObjectType):
    class Meta:
        name = "Phone"

    number = graphene.String(required=True, description="E.164, e.g. +3225123456.")
    national = graphene.String(required=True, description=NATIONAL)
    international = graphene.String(required=True, description=INTERNATIONAL)
    type = graphene.Field(PhoneType, required=True)
    description = graphene.String()

    @staticmethod
    def resolve_national(phone: PhoneRow, info: GraphQLResolveInfo) -> str:
        return phone_display_forms(phone.number)[0]

    @staticmethod
    def resolve_international(phone: PhoneRow, info: GraphQLResolveInfo) -> str:
        return phone_display_forms(phone.number)[1]

    @staticmethod
    def resolve_description(phone: PhoneRow, info: GraphQLResolveInfo) -> str | None:
        return phone.description or None


class OpeningHoursType(graphene.ObjectType):
    """One weekly opening period, in the city's time zone (HSDS ``schedule``)."""

    class Meta:
        name = "OpeningHours"

    weekday = graphene.Int(required=True, description="ISO weekday: 1 is Monday, 7 is Sunday.")
    opens_at = graphene.String(required=True, description="Local time, HH:MM.")
    closes_at = graphene.String(
        required=True, description="Local time, HH:MM, excluded; 23:59 means until midnight."
    )


class ScheduleExceptionType(graphene.ObjectType):
    """Exceptional closure or opening hours on a range of dates, both included."""

    class Meta:
        name = "ScheduleException"

    valid_from = graphene.Date(required=True)
    valid_to = graphene.Date(required=True)
    closed = graphene.Boolean(required=True)
    opens_at = graphene.String(description="Local time, HH:MM; null when closed.")
    closes_at = graphene.String(description="Local time, HH:MM; null when closed.")
    description = graphene.String()

    @staticmethod
    def resolve_description(row: dict[str, Any], info: GraphQLResolveInfo) -> str | None:
        return row["description"] or None
