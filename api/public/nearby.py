"""Listings near a point, portable (SQLite and PostgreSQL, no PostGIS): a bounding box in SQL
on the (latitude, longitude) index, exact great-circle distances in Python over (id,
latitude, longitude) rows only. A confidential location never takes part."""

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connections
from django.db.models import Q, QuerySet

from api.public import (
    InvalidArgument,
)
from safe_spaces.models import (
    SafeSpace,
)

EARTH_RADIUS_KM = 6371.0088
DEFAULT_RADIUS_KM = 5.0
MAX_RADIUS_KM = 50.0


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def validate_point(latitude: float, longitude: float) -> Point:
    """A point on Earth, or ``InvalidArgument`` naming the bad coordinate."""
    for name, value, limit in (("latitude", latitude, 90), ("longitude", longitude, 180)):
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise InvalidArgument(f"The {name} must be a number.", f"near.{name}")
        if not math.isfinite(value) or not -limit <= value <= limit:
            raise InvalidArgument(
                f"The {name} must be a number between -{limit} and {limit}.", f"near.{name}"
            )
    return Point(float(latitude), float(longitude))


def validate_radius(radius_km: float | None) -> float:
    if radius_km is None:
        return DEFAULT_RADIUS_KM
    if (
        not isinstance(radius_km, int | float)
        or not math.isfinite(radius_km)
        or not 0 < radius_km <= MAX_RADIUS_KM
    ):
        raise InvalidArgument(
            f"radiusKm must be more than 0 and at most {MAX_RADIUS_KM:g} (kilometres).",
            "radiusKm",
        )
    return float(radius_km)


def raw_rows(queryset: QuerySet) -> list[tuple[Any, ...]]:
    """The rows of a values_list() queryset as the database driver returns them.

    Skips the ORM's per-value converters (Decimal quantizing), which cost more than the query
    itself over thousands of candidate rows; the caller converts what it keeps.
    """
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _degrees(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


def bounding_box_q(point: Point, radius_km: float) -> Q:
    """Rows whose coordinates may lie within ``radius_km``: a box around the circle.

    Slightly larger than needed (rounding), never smaller; crosses the poles and the
    antimeridian correctly.
    """
    angle = radius_km / EARTH_RADIUS_KM
    margin = 1e-5
    dlat = math.degrees(angle) + margin
    lat_min, lat_max = point.latitude - dlat, point.latitude + dlat
    if lat_min <= -90 or lat_max >= 90:
        # The circle covers a pole: every longitude.
        return Q(
            latitude__gte=_degrees(max(lat_min, -90)), latitude__lte=_degrees(min(lat_max, 90))
        )
    dlon = math.degrees(math.asin(math.sin(angle) / math.cos(math.radians(point.latitude))))
    dlon += margin
    lon_min, lon_max = point.longitude - dlon, point.longitude + dlon
    box = Q(latitude__gte=_degrees(lat_min), latitude__lte=_degrees(lat_max))
    if lon_min < -180:
        longitudes = Q(longitude__gte=_degrees(lon_min + 360)) | Q(longitude__lte=_degrees(lon_max))
    elif lon_max > 180:
        longitudes = Q(longitude__gte=_degrees(lon_min)) | Q(longitude__lte=_degrees(lon_max - 360))
    else:
        longitudes = Q(longitude__gte=_degrees(lon_min), longitude__lte=_degrees(lon_max))
    return box & longitudes


def nearest(
    queryset: QuerySet[SafeSpace], point: Point, radius_km: float
) -> list[tuple[Any, float]]:
    """(primary key, distance in km) of the listings within the radius, nearest first; one
    query. Confidential locations never take part, whatever their stored coordinates.
    """
    candidates = (
        queryset.filter(
            confidential_location=False, latitude__isnull=False, longitude__isnull=False
        )
        .filter(bounding_box_q(point, radius_km))
        .order_by()
        .values_list("pk", "latitude", "longitude")
    )
    # Haversine with the centre's terms computed once: thousands of candidates per request.
    phi1 = math.radians(point.latitude)
    cos_phi1 = math.cos(phi1)
    lambda1 = math.radians(point.longitude)
    limit = math.sin(radius_km / (2 * EARTH_RADIUS_KM)) ** 2
    sin, cos, radians = math.sin, math.cos, math.radians
    ranked = []
    for pk, latitude, longitude in raw_rows(candidates):
        phi2 = radians(float(latitude))
        a = (
            sin((phi2 - phi1) / 2) ** 2
            + cos_phi1 * cos(phi2) * sin((radians(float(longitude)) - lambda1) / 2) ** 2
        )
        if a <= limit:
            ranked.append((pk, 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))))
    ranked.sort(key=lambda item: (item[1], item[0]))
    return ranked
