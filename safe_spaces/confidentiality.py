"""What of a safe space may be served, decided in one place.

A listing with a confidential location (a shelter) has no address, coordinates, directions,
accessibility notes (they describe the building), own phones or email on any public surface:
only who runs it and its public contact point. :data:`WITHHELD_WHEN_CONFIDENTIAL` names those
fields; :func:`public_location` is how every public surface (GraphQL, REST, the widgets, the
HSDS export and the admin preview) reads them, and it answers ``None`` for a confidential
location; :func:`withhold_confidential` blanks them on the objects the public API loads, so
that nothing read later can show them either. ``tests/api/test_confidential_everywhere.py``
walks every surface with a confidential listing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The fields of a listing that tell where a confidential location is.
WITHHELD_WHEN_CONFIDENTIAL = (
    "address_1",
    "address_2",
    "postal_code",
    "locality",
    "latitude",
    "longitude",
    "transportation",
    "accessibility",
    "email",
    "phones",
)


@dataclass(frozen=True)
class PublicLocation:
    """Where a listing that is not confidential is, and how to reach it there."""

    address_1: str
    address_2: str
    postal_code: str
    locality: str
    latitude: float | None
    longitude: float | None
    transportation: str
    accessibility: str
    email: str

    @property
    def address(self) -> dict[str, str] | None:
        if not self.address_1:
            return None
        return {
            "address_1": self.address_1,
            "address_2": self.address_2,
            "postal_code": self.postal_code,
            "locality": self.locality,
        }


def is_confidential(space: Any) -> bool:
    return bool(space.confidential_location)


def public_location(space: Any) -> PublicLocation | None:
    """The listing's location as it may be served; ``None`` for a confidential location,
    whatever the row holds. The own phones follow the same answer (``phones_shown``)."""
    if is_confidential(space):
        return None
    return PublicLocation(
        address_1=space.address_1 or "",
        address_2=space.address_2 or "",
        postal_code=space.postal_code or "",
        locality=space.locality or "",
        latitude=None if space.latitude is None else float(space.latitude),
        longitude=None if space.longitude is None else float(space.longitude),
        transportation=space.transportation or "",
        accessibility=space.accessibility or "",
        email=space.email or "",
    )


def phones_shown(space: Any) -> bool:
    """Whether the service's own lines may be served (never for a confidential location)."""
    return public_location(space) is not None


def withhold_confidential(space: Any) -> Any:
    """Blank what :func:`public_location` withholds on a loaded, never-saved API object, so
    that nothing read from it later (a template, a serializer) can show it either."""
    if is_confidential(space):
        for name in WITHHELD_WHEN_CONFIDENTIAL:
            if name in {"latitude", "longitude"}:
                setattr(space, name, None)
            elif name != "phones":
                setattr(space, name, "")
    return space
