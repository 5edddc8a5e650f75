"""GraphQL types of safe-space listings, with HSDS 3.1 names in camelCase where they fit.

A listing with a confidential location (a shelter) has no address, coordinates, directions,
phones or email in the API: only its public contact point. ``api.public.safe_spaces`` blanks
them when the listing is loaded; the resolvers here check the flag again.
"""

from __future__ import annotations

import datetime
from typing import Any

import graphene
from django.utils import timezone as django_timezone
from graphql import GraphQLResolveInfo

from api.graphql.errors import bad_input
from api.public import InvalidArgument
from api.public.safe_space_parts import (
    DatedRow,
    PhoneRow,
    SafeSpaceParts,
    TermRow,
    WeeklyRow,
    safe_space_parts_of,
)
from api.public.safe_spaces import validate_instant
from safe_spaces.confidentiality import is_confidential, phones_shown, public_location
from safe_spaces.models import (
    SafeSpace,
)
from safe_spaces.opening_hours import (
    is_open_at,
    local_moment,
    opening_hours_representation,
    schedule_exceptions_representation,
)

from .cities import CityRefType
from .common import Translatable, TranslatableFields, VocabularyTermType
from .reviews import resolve_review, review_field
from .safe_space_parts import (
    AddressType,
    GeoPointType,
    OpeningHoursType,
    OrganizationType,
    PhoneNumberType,
    PublicContactType,
    SafeSpaceStatus,
    ScheduleExceptionType,
)

# --- The listing -----------------------------------------------------------------------------


def _text_or_none(attribute: str) -> Any:
    def resolve(space: SafeSpace, info: GraphQLResolveInfo) -> str | None:
        return getattr(space, attribute) or None

    return resolve


def _parts(space: SafeSpace) -> SafeSpaceParts:
    """The parts of every listing the request served, loaded together on first use."""
    return safe_space_parts_of(space)


def _regular_and_exceptions(space: SafeSpace) -> tuple[list[WeeklyRow], list[DatedRow]]:
    parts = _parts(space)
    return parts.weekly.get(space.pk, []), parts.dated.get(space.pk, [])


class SafeSpaceType(TranslatableFields, graphene.ObjectType):
    """A place inside a public or partner service where a victim is received safely."""

    class Meta:
        name = "SafeSpace"
        interfaces = (Translatable,)

    review = review_field()
    resolve_review = staticmethod(resolve_review)

    id = graphene.ID(
        required=True,
        description=(
            "The listing's stable public id, a UUID (HSDS service id): the same for every "
            "language version, equal to `translationKey`. Pass it to `safeSpace(id)`."
        ),
    )
    name = graphene.String(required=True)
    operated_by = graphene.String(required=True, description="Who runs the service.")
    organization = graphene.Field(OrganizationType)
    city = graphene.Field(CityRefType, required=True)
    categories = graphene.List(graphene.NonNull(VocabularyTermType), required=True)
    audiences = graphene.List(graphene.NonNull(VocabularyTermType), required=True)
    description = graphene.String(required=True)
    eligibility_description = graphene.String(description="Who can come; null if anyone.")
    minimum_age = graphene.Int()
    maximum_age = graphene.Int()
    fees_description = graphene.String()
    free_of_charge = graphene.Boolean(required=True)
    languages = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Languages spoken by staff, ISO 639 codes.",
    )
    interpretation_services = graphene.String()
    accessibility = graphene.String(
        description="Access notes; null when the location is confidential (they describe it)."
    )
    application_process = graphene.String(description="How to get help: walk in, call first...")
    transportation = graphene.String(
        description="How to get there; null when the location is confidential."
    )
    confidential_location = graphene.Boolean(
        required=True,
        description=(
            "The address is confidential (a shelter): address, coordinates, directions, phones "
            "and email are null or empty; use publicContact."
        ),
    )
    address = graphene.Field(AddressType, description="Null when the location is confidential.")
    location = graphene.Field(
        GeoPointType, description="Null when unknown or when the location is confidential."
    )
    latitude = graphene.Float(description="Null when unknown or confidential.")
    longitude = graphene.Float(description="Null when unknown or confidential.")
    distance_km = graphene.Float(
        description="Distance from `near`, in km; null when the list was not searched near a point."
    )
    public_contact = graphene.Field(
        PublicContactType,
        description=(
            "The public contact point: always present when the location is confidential; "
            "otherwise present only when editors named one."
        ),
    )
    phones = graphene.List(
        graphene.NonNull(PhoneNumberType),
        required=True,
        description="The service's own lines; empty when the location is confidential.",
    )
    email = graphene.String(description="Null when the location is confidential.")
    url = graphene.String()
    status = graphene.Field(SafeSpaceStatus, required=True)
    alert = graphene.String(description="A short notice to show first, e.g. 'Closed in August'.")
    timezone = graphene.String(
        required=True, description="IANA time zone of the opening hours (the city's)."
    )
    opening_hours = graphene.List(graphene.NonNull(OpeningHoursType), required=True)
    schedule_exceptions = graphene.List(graphene.NonNull(ScheduleExceptionType), required=True)
    is_open = graphene.Boolean(
        required=True,
        at=graphene.DateTime(description="An instant with its UTC offset; now when not given."),
        description="Open at that instant, in the city's time zone, exceptions included.",
    )
    verified_on = graphene.Date(description="When the listing was last checked with the service.")

    resolve_eligibility_description = _text_or_none("eligibility_description")
    resolve_fees_description = _text_or_none("fees_description")
    resolve_interpretation_services = _text_or_none("interpretation_services")

    @staticmethod
    def resolve_accessibility(space: SafeSpace, info: GraphQLResolveInfo) -> str | None:
        location = public_location(space)
        return None if location is None else (location.accessibility or None)

    resolve_application_process = _text_or_none("application_process")
    resolve_url = _text_or_none("url")
    resolve_alert = _text_or_none("alert")

    @staticmethod
    def resolve_id(space: SafeSpace, info: GraphQLResolveInfo) -> str:
        return str(space.translation_key)

    @staticmethod
    def resolve_status(space: SafeSpace, info: GraphQLResolveInfo) -> str:
        return space.status

    @staticmethod
    def resolve_languages(space: SafeSpace, info: GraphQLResolveInfo) -> list[str]:
        return list(space.languages or [])

    @staticmethod
    def resolve_timezone(space: SafeSpace, info: GraphQLResolveInfo) -> str:
        return space.city.timezone

    @staticmethod
    def resolve_categories(space: SafeSpace, info: GraphQLResolveInfo) -> list[TermRow]:
        return _parts(space).categories.get(space.pk, [])

    @staticmethod
    def resolve_audiences(space: SafeSpace, info: GraphQLResolveInfo) -> list[TermRow]:
        return _parts(space).audiences.get(space.pk, [])

    @staticmethod
    def resolve_transportation(space: SafeSpace, info: GraphQLResolveInfo) -> str | None:
        location = public_location(space)
        return None if location is None else (location.transportation or None)

    @staticmethod
    def resolve_address(space: SafeSpace, info: GraphQLResolveInfo) -> dict[str, Any] | None:
        location = public_location(space)
        if location is None or not location.address_1:
            return None
        return {
            "address1": location.address_1,
            "address2": location.address_2 or None,
            "postal_code": location.postal_code or None,
            "locality": location.locality or None,
            "city": space.city.name,
            "country": space.city.country,
        }

    @staticmethod
    def resolve_location(space: SafeSpace, info: GraphQLResolveInfo) -> dict[str, float] | None:
        location = public_location(space)
        if location is None or location.latitude is None or location.longitude is None:
            return None
        return {"latitude": location.latitude, "longitude": location.longitude}

    @staticmethod
    def resolve_latitude(space: SafeSpace, info: GraphQLResolveInfo) -> float | None:
        location = public_location(space)
        return None if location is None else location.latitude

    @staticmethod
    def resolve_longitude(space: SafeSpace, info: GraphQLResolveInfo) -> float | None:
        location = public_location(space)
        return None if location is None else location.longitude

    @staticmethod
    def resolve_distance_km(space: SafeSpace, info: GraphQLResolveInfo) -> float | None:
        distance = getattr(space, "distance_km", None)
        if is_confidential(space) or distance is None:
            return None
        return round(distance, 3)

    @staticmethod
    def resolve_public_contact(space: SafeSpace, info: GraphQLResolveInfo) -> dict | None:
        contact = {
            "name": space.public_contact_name or None,
            "phone": space.public_contact_phone or None,
            "email": space.public_contact_email or None,
        }
        if not is_confidential(space) and not any(contact.values()):
            return None
        return contact

    @staticmethod
    def resolve_phones(space: SafeSpace, info: GraphQLResolveInfo) -> list[PhoneRow]:
        if not phones_shown(space):
            return []
        return _parts(space).phones.get(space.pk, [])

    @staticmethod
    def resolve_email(space: SafeSpace, info: GraphQLResolveInfo) -> str | None:
        location = public_location(space)
        return None if location is None else (location.email or None)

    @staticmethod
    def resolve_opening_hours(space: SafeSpace, info: GraphQLResolveInfo) -> list[dict[str, Any]]:
        regular, _ = _regular_and_exceptions(space)
        return opening_hours_representation(regular)

    @staticmethod
    def resolve_schedule_exceptions(
        space: SafeSpace, info: GraphQLResolveInfo
    ) -> list[dict[str, Any]]:
        _, exceptions = _regular_and_exceptions(space)
        return schedule_exceptions_representation(exceptions)

    @staticmethod
    def resolve_is_open(
        space: SafeSpace, info: GraphQLResolveInfo, at: datetime.datetime | None = None
    ) -> bool:
        try:
            moment = validate_instant(at, "at") if at is not None else django_timezone.now()
        except InvalidArgument as error:
            raise bad_input(error) from error
        regular, exceptions = _regular_and_exceptions(space)
        return is_open_at(
            space.status, regular, exceptions, local_moment(moment, space.city.timezone)
        )


class SafeSpaceEdgeType(graphene.ObjectType):
    class Meta:
        name = "SafeSpaceEdge"

    cursor = graphene.String(required=True, description="Pass it as `after` to continue.")
    node = graphene.Field(SafeSpaceType, required=True)


class SafeSpaceConnectionType(graphene.ObjectType):
    """A page of listings: by name, or nearest first when searched near a point."""

    class Meta:
        name = "SafeSpaceConnection"

    edges = graphene.List(graphene.NonNull(SafeSpaceEdgeType), required=True)
    page_info = graphene.Field(graphene.relay.PageInfo, required=True)
    total_count = graphene.Int(required=True, description="Listings matching, on every page.")
