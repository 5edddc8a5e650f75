"""Safe-space listings as Open Referral HSDS 3.1 services: the mapping, and the profile's rules.

A listing is an HSDS ``service``; its public id is the listing's translation key. Objects HSDS
wants an id for and that the content model doesn't store separately (its location, phones,
schedules, languages...) get a UUID derived from the service id and what they describe, so
that the same data always gets the same ids.

The Equalcity profile of HSDS 3.1:

- one dataset per content language; texts are in the requested language, or in the default
  language where a listing has no published translation (``x-locale`` says which);
- opening hours are wall-clock times in the city's time zone, given by the ``x-timezone``
  extension (an IANA name): HSDS's own ``schedule.timezone`` is a fixed UTC offset, which
  can't describe summer time. ``closes_at`` 23:59 means "until midnight";
- weekly hours are ``freq=WEEKLY`` schedules, one per set of days sharing their hours;
  exceptional closures and openings are schedules valid between two dates, the closures
  flagged with the ``x-closed`` extension;
- service categories and audiences are taxonomy terms, linked as service attributes;
- a service free of charge has one cost option of amount 0; texts come only from editors,
  so a dataset holds no words in another language than its own (or the default one);
- a confidential location (a shelter) has no location, address, coordinates or own phone
  lines: the service's phone and email are its public contact point;
- each phone's ``number`` is E.164 (or a short number's digits), with its display forms beside
  it: ``x-national`` ("02 555 01 23") and ``x-international`` ("+32 2 555 01 23");
- no personal data: no named contacts, no editor, reviewer or assurer, no email of a person.

The mapping is pure: it reads loaded listings and their parts, never the database.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from cms.core.languages import language_name
from cms.core.validators import phone_display_forms

from .confidentiality import PublicLocation, phones_shown, public_location
from .opening_hours import format_opening_time

HSDS_VERSION = "3.1"
# Derived ids: uuid5 in this namespace (a fixed, random UUID; never change it).
ID_NAMESPACE = uuid.UUID("6f2f3a9e-8c1b-4e55-9d0c-2b7a4a1f5e36")

TIMEZONE_EXTENSION = "x-timezone"
LOCALE_EXTENSION = "x-locale"
CLOSED_EXTENSION = "x-closed"
NATIONAL_EXTENSION = "x-national"
INTERNATIONAL_EXTENSION = "x-international"
# The properties the profile adds to HSDS objects, as JSON Schema: the only properties
# outside HSDS that the export produces.
EXTENSIONS: dict[str, dict[str, dict[str, Any]]] = {
    "service": {
        TIMEZONE_EXTENSION: {
            "type": "string",
            "description": (
                "IANA time zone of the city (e.g. Europe/Brussels): every opening time of the "
                "service is wall-clock time there."
            ),
        },
        LOCALE_EXTENSION: {
            "type": "string",
            "description": (
                "Language code of the texts: the dataset's language, or the default language "
                "when the listing has no published translation."
            ),
        },
    },
    "schedule": {
        CLOSED_EXTENSION: {
            "type": "boolean",
            "description": (
                "True for an exceptional closure between valid_from and valid_to (the weekly "
                "hours don't apply then); false for exceptional opening hours."
            ),
        },
    },
    "phone": {
        NATIONAL_EXTENSION: {
            "type": "string",
            "description": (
                "The number as dialled within its country, e.g. 02 555 01 23 (a short number "
                "as stored)."
            ),
        },
        INTERNATIONAL_EXTENSION: {
            "type": "string",
            "description": (
                "The number as dialled from abroad, e.g. +32 2 555 01 23 (a short number as "
                "stored)."
            ),
        },
    },
}

BYDAY = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}
EVERY_DAY = ",".join(BYDAY.values())
# HSDS phone types come from RFC 6350 (voice, text, cell, video...).
PHONE_TYPES = {"voice": "voice", "text": "text", "whatsapp": "text"}
TAXONOMIES = {
    "categories": ("service_category", "Equalcity service categories"),
    "audiences": ("audience", "Equalcity audiences"),
}


def derived_id(*parts: Any) -> str:
    """A stable UUID for an object HSDS wants an id for and the content model doesn't store."""
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(part) for part in parts)))


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """Leave out what has no value: HSDS readers treat a missing field as unknown."""
    return {key: value for key, value in values.items() if value not in (None, "", [])}


def organization(space: Any) -> dict[str, Any]:
    """The partner organisation that runs the listing, or one named after its operator."""
    partner = space.organization
    if partner is not None:
        return _compact(
            {
                "id": str(partner.translation_key),
                "name": partner.name,
                "description": partner.description or partner.name,
                "website": partner.website,
            }
        )
    return {
        "id": derived_id("organization", space.operated_by),
        "name": space.operated_by,
        "description": space.operated_by,
    }


def service(space: Any, parts: Any = None) -> dict[str, Any]:
    """A listing as an HSDS service.

    Without ``parts``, the one-to-one fields and the organization (the shape of a service in
    HSDS lists); with ``parts`` (``api.public.safe_spaces.SafeSpaceParts``), fully nested.
    ``space`` comes from ``api.public.safe_spaces``, which has already blanked what a
    confidential location withholds; the mapping reads the location through
    ``public_location`` again.
    """
    key = str(space.translation_key)
    place = public_location(space)
    city = space.city
    email = space.public_contact_email if place is None else place.email
    org = organization(space)
    result = _compact(
        {
            "id": key,
            "organization_id": org["id"],
            "name": space.name,
            "description": space.description,
            "url": space.url,
            "email": email,
            "status": space.status,
            "interpretation_services": space.interpretation_services,
            "application_process": space.application_process,
            "fees_description": space.fees_description,
            "eligibility_description": space.eligibility_description,
            "minimum_age": space.minimum_age,
            "maximum_age": space.maximum_age,
            "assured_date": _date(space.verified_on),
            "alert": space.alert,
            "last_modified": space.last_published_at.isoformat()
            if space.last_published_at
            else None,
            "organization": org,
        }
    )
    result[TIMEZONE_EXTENSION] = city.timezone
    result[LOCALE_EXTENSION] = space.locale.language_code
    if parts is None:
        return result
    pk = space.pk
    result.update(
        _compact(
            {
                "phones": _phones(space, key, parts.phones.get(pk, [])),
                "schedules": [
                    *_weekly_schedules(key, parts.weekly.get(pk, [])),
                    *_dated_schedules(key, parts.dated.get(pk, [])),
                ],
                "service_areas": [
                    {"id": derived_id("service_area", city.translation_key), "name": city.name}
                ],
                # Free of charge: one cost option of amount 0 (no text, so no language).
                "cost_options": [{"id": derived_id("cost_option", key, "free"), "amount": 0}]
                if space.free_of_charge
                else [],
                "service_at_locations": []
                if place is None
                else _service_at_locations(space, place, key),
                "languages": [
                    _compact(
                        {
                            "id": derived_id("language", key, code),
                            "name": language_name(code),
                            "code": code,
                        }
                    )
                    for code in space.languages or []
                ],
                "attributes": [
                    *_attributes(space, key, "categories", parts.categories.get(pk, [])),
                    *_attributes(space, key, "audiences", parts.audiences.get(pk, [])),
                ],
            }
        )
    )
    return result


def _display_forms(number: str) -> dict[str, str]:
    national, international = phone_display_forms(number)
    return {NATIONAL_EXTENSION: national, INTERNATIONAL_EXTENSION: international}


def _phones(space: Any, key: str, rows: Iterable[Any]) -> list[dict[str, Any]]:
    phones = []
    if phones_shown(space):
        for index, row in enumerate(rows):
            phones.append(
                _compact(
                    {
                        "id": derived_id("phone", key, index, row.number),
                        "number": row.number,
                        **_display_forms(row.number),
                        "type": PHONE_TYPES.get(row.type, "voice"),
                        "description": row.description,
                    }
                )
            )
    contact = (space.public_contact_phone or "").strip()
    if contact and contact not in {phone["number"] for phone in phones}:
        phones.append(
            _compact(
                {
                    "id": derived_id("phone", key, "public-contact", contact),
                    "number": contact,
                    **_display_forms(contact),
                    "type": "voice",
                    "description": space.public_contact_name,
                }
            )
        )
    return phones


def _weekly_schedules(key: str, rows: Iterable[Any]) -> list[dict[str, Any]]:
    """One WEEKLY schedule per opening period shared by a set of days."""
    days_by_hours: dict[tuple[datetime.time, datetime.time], list[int]] = {}
    for row in rows:
        days = days_by_hours.setdefault((row.opens_at, row.closes_at), [])
        if row.weekday not in days:
            days.append(row.weekday)
    schedules = []
    for (opens_at, closes_at), days in sorted(
        days_by_hours.items(), key=lambda item: (min(item[1]), item[0])
    ):
        byday = ",".join(BYDAY[day] for day in sorted(days))
        schedules.append(
            {
                "id": derived_id("schedule", key, "weekly", byday, opens_at, closes_at),
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": byday,
                "opens_at": format_opening_time(opens_at),
                "closes_at": format_opening_time(closes_at),
            }
        )
    return schedules


def _dated_schedules(key: str, rows: Iterable[Any]) -> list[dict[str, Any]]:
    """Exceptional closures and openings between two dates (both included)."""
    schedules = []
    for row in rows:
        schedule = _compact(
            {
                "id": derived_id(
                    "schedule", key, "dated", row.valid_from, row.valid_to, row.closed
                ),
                "valid_from": _date(row.valid_from),
                "valid_to": _date(row.valid_to),
                "dtstart": _date(row.valid_from),
                "until": _date(row.valid_to),
                "description": row.description,
            }
        )
        schedule[CLOSED_EXTENSION] = bool(row.closed)
        if not row.closed and row.opens_at is not None and row.closes_at is not None:
            schedule.update(
                {
                    "freq": "WEEKLY",
                    "wkst": "MO",
                    "byday": EVERY_DAY,
                    "opens_at": format_opening_time(row.opens_at),
                    "closes_at": format_opening_time(row.closes_at),
                }
            )
        schedules.append(schedule)
    return schedules


def _service_at_locations(space: Any, place: PublicLocation, key: str) -> list[dict[str, Any]]:
    """The listing's place, as ``public_location`` serves it (never a confidential one)."""
    has_point = place.latitude is not None and place.longitude is not None
    if not place.address_1 and not has_point:
        return []
    location_id = derived_id("location", key)
    location = _compact(
        {
            "id": location_id,
            "location_type": "physical",
            "name": space.name,
            "transportation": place.transportation,
            "latitude": place.latitude if has_point else None,
            "longitude": place.longitude if has_point else None,
            "accessibility": [
                {"id": derived_id("accessibility", key), "description": place.accessibility}
            ]
            if place.accessibility
            else [],
        }
    )
    if place.address_1:
        address = _compact(
            {
                "id": derived_id("address", key),
                "address_1": place.address_1,
                "address_2": place.address_2,
                "city": place.locality or space.city.name,
                "region": space.city.name if place.locality else "",
                "country": space.city.country,
                "address_type": "physical",
            }
        )
        # Required by HSDS even when unknown; the content model has no state or province.
        address["state_province"] = ""
        address["postal_code"] = place.postal_code
        location["addresses"] = [address]
    return [{"id": derived_id("service_at_location", key), "location": location}]


def _attributes(space: Any, key: str, relation: str, rows: Iterable[Any]) -> list[dict[str, Any]]:
    link_type, taxonomy = TAXONOMIES[relation]
    return [
        {
            "id": derived_id("attribute", key, row.translation_key),
            "link_id": key,
            "link_type": link_type,
            "link_entity": "service",
            "taxonomy_term_id": str(row.translation_key),
            "taxonomy_term": _compact(
                {
                    "id": str(row.translation_key),
                    "code": row.code,
                    "name": row.name,
                    "description": row.description or row.name,
                    "taxonomy": taxonomy,
                    "language": space.locale.language_code,
                }
            ),
        }
        for row in rows
    ]
