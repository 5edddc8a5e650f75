"""Safe-space listings: a filtered, paginated list (optionally nearest first) and one by id.

A listing's id is its translation key: one UUID for all its language versions.
"""

import datetime
import uuid
from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from api.graphql.errors import BadInput, bad_input
from api.graphql.pagination import encode_cursor, offset_after, page_size
from api.graphql.privacy import PositionInput
from api.graphql.queries.locales import LOCALE_DESCRIPTION, locale_context
from api.graphql.types.safe_spaces import SafeSpaceConnectionType, SafeSpaceType
from api.public import InvalidArgument
from api.public.cities import match_city
from api.public.nearby import validate_point, validate_radius
from api.public.safe_spaces import (
    SafeSpaceSearch,
    get_safe_space,
    search_safe_spaces,
    validate_codes,
    validate_instant,
)
from safe_spaces.models import SafeSpace


class NearInput(PositionInput):
    """A point to search around: the reader's position. A query carrying one is accepted
    over POST only; its answer is never cached, stored or logged."""

    latitude = graphene.Float(required=True, description="Between -90 and 90.")
    longitude = graphene.Float(required=True, description="Between -180 and 180.")


def _search_from_arguments(
    context: Any,
    *,
    city: str | None,
    categories: list[str] | None,
    audiences: list[str] | None,
    languages: list[str] | None,
    near: Any,
    radius_km: float | None,
    open_at: datetime.datetime | None,
) -> SafeSpaceSearch:
    point = validate_point(near.latitude, near.longitude) if near is not None else None
    if radius_km is not None and point is None:
        raise InvalidArgument("radiusKm needs near: a point to measure from.", "radiusKm")
    radius = validate_radius(radius_km)
    category_codes = validate_codes(categories, "categories")
    audience_codes = validate_codes(audiences, "audiences")
    language_codes = validate_codes(languages, "languages")
    instant = validate_instant(open_at, "openAt") if open_at is not None else None
    city_match = None
    if city is not None:
        slug = city.strip()
        if not slug or len(slug) > 80:
            raise InvalidArgument("Give a city slug of at most 80 characters.", "city")
        city_match = match_city(slug, context)
    return SafeSpaceSearch(
        city=city_match,
        categories=category_codes,
        audiences=audience_codes,
        languages=language_codes,
        near=point,
        radius_km=radius,
        open_at=instant,
    )


class SafeSpaceQuery(graphene.ObjectType):
    safe_spaces = graphene.Field(
        SafeSpaceConnectionType,
        required=True,
        locale=graphene.String(description=LOCALE_DESCRIPTION),
        city=graphene.String(description="A city slug; an unknown slug is an error."),
        categories=graphene.List(
            graphene.NonNull(graphene.String), description="Service category codes (any of)."
        ),
        audiences=graphene.List(
            graphene.NonNull(graphene.String), description="Audience codes (any of)."
        ),
        languages=graphene.List(
            graphene.NonNull(graphene.String),
            description="ISO 639 codes of languages spoken (any of).",
        ),
        near=graphene.Argument(
            NearInput,
            description=(
                "Nearest first, within radiusKm; listings with a confidential location are "
                "never part of a search near a point."
            ),
        ),
        radius_km=graphene.Float(description="With near: more than 0, at most 50; default 5."),
        open_at=graphene.DateTime(
            description=(
                "Only listings open at this instant (with its UTC offset), each in its city's "
                "time zone. A date-time without an offset is refused."
            )
        ),
        first=graphene.Int(description="Page size, 1 to 100; default 20."),
        after=graphene.String(description="The endCursor of the previous page."),
        description=(
            "Published safe spaces: by name, or nearest first with near. Within a filter any "
            "value matches; all the filters given apply. Inactive listings are never listed."
        ),
    )
    safe_space = graphene.Field(
        SafeSpaceType,
        id=graphene.ID(
            required=True,
            description="The listing's id (a UUID, the same for every language version).",
        ),
        locale=graphene.String(description=LOCALE_DESCRIPTION),
        description=(
            "One published listing in the requested language, or in the default language "
            "(isFallback) when it has no published translation. Null for a draft, "
            "unpublished, inactive or unknown listing alike."
        ),
    )

    @staticmethod
    def resolve_safe_spaces(
        root: Any,
        info: GraphQLResolveInfo,
        locale: str | None = None,
        city: str | None = None,
        categories: list[str] | None = None,
        audiences: list[str] | None = None,
        languages: list[str] | None = None,
        near: Any = None,
        radius_km: float | None = None,
        open_at: datetime.datetime | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> dict[str, Any]:
        limit = page_size(first)
        offset = offset_after(after)
        context = locale_context(info, locale)
        try:
            search = _search_from_arguments(
                context,
                city=city,
                categories=categories,
                audiences=audiences,
                languages=languages,
                near=near,
                radius_km=radius_km,
                open_at=open_at,
            )
        except InvalidArgument as error:
            raise bad_input(error) from error
        page = search_safe_spaces(search, context, offset=offset, limit=limit)
        edges = [
            {"cursor": encode_cursor(offset + index), "node": space}
            for index, space in enumerate(page.items)
        ]
        return {
            "edges": edges,
            "page_info": {
                "has_next_page": page.has_next_page,
                "has_previous_page": offset > 0,
                "start_cursor": edges[0]["cursor"] if edges else None,
                "end_cursor": edges[-1]["cursor"] if edges else None,
            },
            "total_count": page.total_count,
        }

    @staticmethod
    def resolve_safe_space(
        root: Any, info: GraphQLResolveInfo, id: str, locale: str | None = None
    ) -> SafeSpace | None:
        try:
            translation_key = uuid.UUID(str(id).strip())
        except ValueError as error:
            raise BadInput("Invalid id: a safe space id is a UUID.", "id") from error
        context = locale_context(info, locale)
        space = get_safe_space(translation_key, context)
        return space
