"""A safe space's public shapes for the APIs, widgets and the admin preview: as a block refers
to it, and with every public field. What of a listing may be served is decided by
``safe_spaces.confidentiality.public_location``, which every surface reads it through."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from api.representations import phone_forms, translation_representation
from safe_spaces.confidentiality import public_location
from safe_spaces.opening_hours import (
    is_open_at,
    local_moment,
    opening_hours_representation,
    schedule_exceptions_representation,
)

if TYPE_CHECKING:
    from api.public.safe_space_parts import SafeSpaceParts


def safe_space_representation(space: Any) -> dict[str, Any]:
    """A safe space as a body block refers to it. A confidential location has no address and
    no coordinates here: only who runs it and its public contact point."""
    location = public_location(space)
    return {
        # The public id: the translation key, the same for every language version.
        "id": str(space.translation_key),
        "name": space.name,
        "operated_by": space.operated_by,
        "status": space.status,
        "confidential_location": location is None,
        "address": None
        if location is None
        else {
            "address_1": location.address_1,
            "address_2": location.address_2,
            "postal_code": location.postal_code,
            "locality": location.locality,
        },
        "latitude": None if location is None else location.latitude,
        "longitude": None if location is None else location.longitude,
        "public_contact": {
            "name": space.public_contact_name,
            "phone": space.public_contact_phone,
            **phone_forms(space.public_contact_phone, "phone_"),
            "email": space.public_contact_email,
        },
        **translation_representation(space),
    }


def city_reference(city: Any) -> dict[str, Any]:
    """A city as served (``serve_related`` or a public loader set its language)."""
    return {
        "slug": city.slug,
        "name": city.name,
        "country": city.country,
        "timezone": city.timezone,
        "locale": city.locale.language_code,
        "is_fallback": bool(getattr(city, "is_fallback", False)),
    }


def term_reference(term: Any) -> dict[str, Any]:
    return {
        "code": term.code,
        "name": term.name,
        "locale": term.locale,
        "is_fallback": term.is_fallback,
    }


def public_safe_space_representation(
    space: Any, parts: SafeSpaceParts, now: datetime.datetime
) -> dict[str, Any]:
    """A listing with every public field, as widgets and kiosks get it, and as the admin
    preview shows it (so that the preview can't show more than readers get).

    The one rule of the public shape: a confidential location has no address, coordinates,
    directions, accessibility notes, phones or email, only its public contact point. ``space``
    comes from ``api.public.safe_spaces`` (served, its locale attached); ``parts`` from
    ``load_safe_space_parts`` or ``preview_parts``, which never read a confidential
    location's own lines."""
    location = public_location(space)
    weekly = parts.weekly.get(space.pk, [])
    dated = parts.dated.get(space.pk, [])
    distance = getattr(space, "distance_km", None)
    return {
        **safe_space_representation(space),
        "alert": space.alert,
        "distance_km": None if location is None or distance is None else round(distance, 3),
        "city": city_reference(space.city),
        "description": space.description,
        "eligibility_description": space.eligibility_description,
        "minimum_age": space.minimum_age,
        "maximum_age": space.maximum_age,
        "free_of_charge": space.free_of_charge,
        "fees_description": space.fees_description,
        "languages": list(space.languages or []),
        "interpretation_services": space.interpretation_services,
        # Describes the place itself (entrances, rooms): withheld with the address.
        "accessibility": "" if location is None else location.accessibility,
        "application_process": space.application_process,
        "transportation": "" if location is None else location.transportation,
        "phones": []
        if location is None
        else [
            {**row._asdict(), **phone_forms(row.number)} for row in parts.phones.get(space.pk, [])
        ],
        "email": "" if location is None else location.email,
        "url": space.url,
        "categories": [term_reference(t) for t in parts.categories.get(space.pk, [])],
        "audiences": [term_reference(t) for t in parts.audiences.get(space.pk, [])],
        "opening_hours": opening_hours_representation(weekly),
        "schedule_exceptions": schedule_exceptions_representation(dated),
        "is_open_now": is_open_at(
            space.status, weekly, dated, local_moment(now, space.city.timezone)
        ),
        "verified_on": space.verified_on,
    }
