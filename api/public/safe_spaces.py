"""Safe spaces as the public APIs may read them, and the search over them.

Rules applied here, once, for every public reader (GraphQL, REST, search):

- only live rows (``DraftStateMixin``): a live row holds the published content, and a newer
  draft revision doesn't touch it; inactive listings are never served;
- the requested locale, or the default-locale row as a fallback (flagged ``is_fallback``);
- a confidential location is withheld at load time: address, coordinates, directions,
  accessibility notes (they describe the building), the service's own phones and email are
  blanked on the loaded object, so no field can leak them, and such a listing never takes part
  in a distance search (distances from a few points would reveal where it is).

Distance search is portable (SQLite and PostgreSQL, no PostGIS): a bounding box in SQL on the
(latitude, longitude) index, exact great-circle distances in Python over (id, latitude,
longitude) rows only, then one query for the page of listings.

A listing's public id is its ``translation_key``, the same for every language version; the
row's integer primary key never leaves the server.
"""

import copy
import datetime
import math
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connections
from django.db.models import CharField, Q, QuerySet, Value

from api.locales import LocaleContext, resolve_locale
from api.public import (
    InvalidArgument,
    attach_locale,
    in_locale,
    is_published,
    language_of,
    published,
    serve_related,
    served,
    served_locale,
)
from api.public.cities import CityMatch
from cms.core.models import Audience, City
from safe_spaces.confidentiality import phones_shown, public_location, withhold_confidential
from safe_spaces.models import (
    OpeningHours,
    SafeSpace,
    SafeSpacePhone,
    ScheduleException,
    ServiceCategory,
)
from safe_spaces.opening_hours import open_at_q

EARTH_RADIUS_KM = 6371.0088
DEFAULT_RADIUS_KM = 5.0
MAX_RADIUS_KM = 50.0
MAX_FILTER_VALUES = 50


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


def validate_codes(values: Sequence[str] | None, argument: str) -> tuple[str, ...]:
    """A short list of vocabulary or language codes; an empty list filters nothing."""
    if not values:
        return ()
    if len(values) > MAX_FILTER_VALUES:
        raise InvalidArgument(f"Give at most {MAX_FILTER_VALUES} {argument}.", argument)
    codes = tuple(dict.fromkeys(value.strip().lower() for value in values))
    for code in codes:
        if not is_valid_code(code):
            raise InvalidArgument(f"{code!r} is not a valid code in {argument}.", argument)
    return codes


def is_valid_code(code: str) -> bool:
    """A vocabulary or language code: letters, digits, '-' and '_', at most 64 characters."""
    return bool(code) and len(code) <= 64 and code.replace("-", "").replace("_", "").isalnum()


def validate_instant(value: datetime.datetime, argument: str) -> datetime.datetime:
    """An instant: a date-time with its UTC offset. A naive one is ambiguous, so refused."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidArgument(
            f"{argument} needs a UTC offset, e.g. 2025-03-10T14:00:00+01:00 or "
            "2025-03-10T13:00:00Z.",
            argument,
        )
    return value


def public_safe_spaces(context: LocaleContext) -> QuerySet[SafeSpace]:
    """The one starting point of every public read of safe spaces; ``is_shown_safe_space`` is
    the same rule for one loaded listing."""
    visible = published(SafeSpace).exclude(status=SafeSpace.Status.INACTIVE)
    return in_locale(visible, context)


def is_shown_safe_space(space: SafeSpace | None) -> bool:
    """``public_safe_spaces`` for one loaded listing (a listing a page embeds): live, not
    expired and not inactive. A temporarily closed listing is still shown, with its status."""
    return space is not None and is_published(space) and space.status != SafeSpace.Status.INACTIVE


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
    for pk, latitude, longitude in _raw_rows(candidates):
        phi2 = radians(float(latitude))
        a = (
            sin((phi2 - phi1) / 2) ** 2
            + cos_phi1 * cos(phi2) * sin((radians(float(longitude)) - lambda1) / 2) ** 2
        )
        if a <= limit:
            ranked.append((pk, 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))))
    ranked.sort(key=lambda item: (item[1], item[0]))
    return ranked


def _raw_rows(queryset: QuerySet) -> list[tuple[Any, ...]]:
    """The rows of a values_list() queryset as the database driver returns them.

    Skips the ORM's per-value converters (Decimal quantizing), which cost more than the query
    itself over thousands of candidate rows; the caller converts what it keeps.
    """
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _loaded(spaces: Iterable[SafeSpace], context: LocaleContext) -> list[SafeSpace]:
    spaces = attach_locale(list(spaces), context)
    serve_related(spaces, "city", context, required=True)
    serve_related(spaces, "organization", context, required=False)
    for space in spaces:
        withhold_confidential(space)
        space.distance_km = None
    return spaces


def _with_relations(queryset: QuerySet[SafeSpace]) -> QuerySet[SafeSpace]:
    return queryset.select_related("city", "organization")


def served_safe_spaces(
    translation_keys: Iterable[uuid.UUID], context: LocaleContext
) -> list[SafeSpace]:
    """The listings with these public ids (translation keys), in the requested locale; one
    query. The requested locale's live version, else the default locale's (``is_fallback``);
    a draft, unpublished, inactive or unknown listing is left out."""
    return _loaded(
        _with_relations(
            public_safe_spaces(context).filter(translation_key__in=list(translation_keys))
        ),
        context,
    )


def get_safe_space(translation_key: uuid.UUID, context: LocaleContext) -> SafeSpace | None:
    """A listing by its public id, in the requested locale, or None (see served_safe_spaces)."""
    spaces = served_safe_spaces([translation_key], context)
    return spaces[0] if spaces else None


@dataclass(frozen=True)
class SafeSpaceSearch:
    """The filters of a safe-space list, validated."""

    city: CityMatch | None = None
    categories: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    near: Point | None = None
    radius_km: float = DEFAULT_RADIUS_KM
    open_at: datetime.datetime | None = None


@dataclass
class SafeSpacePage:
    total_count: int
    offset: int
    items: list[SafeSpace] = field(default_factory=list)

    @property
    def has_next_page(self) -> bool:
        return self.offset + len(self.items) < self.total_count


def filtered_safe_spaces(search: SafeSpaceSearch, context: LocaleContext) -> QuerySet[SafeSpace]:
    """The public listings matching every filter. Within a filter, any value matches."""
    queryset = public_safe_spaces(context)
    if search.city is not None:
        queryset = queryset.filter(city_id__in=search.city.pks)
    if search.categories:
        queryset = queryset.filter(
            pk__in=SafeSpace.objects.filter(categories__code__in=search.categories).values("pk")
        )
    if search.audiences:
        queryset = queryset.filter(
            pk__in=SafeSpace.objects.filter(audiences__code__in=search.audiences).values("pk")
        )
    if search.languages:
        # A JSON list of codes: match the quoted code in its text, the same on every database.
        spoken = Q(pk__in=[])
        for code in search.languages:
            spoken |= Q(languages__icontains=f'"{code}"')
        queryset = queryset.filter(spoken)
    if search.open_at is not None:
        if search.city is not None:
            timezones: Iterable[str] = search.city.timezones
        else:
            timezones = published(City).order_by().values_list("timezone", flat=True).distinct()
        queryset = queryset.filter(open_at_q(search.open_at, list(timezones)))
    return queryset


def search_safe_spaces(
    search: SafeSpaceSearch, context: LocaleContext, *, offset: int, limit: int
) -> SafeSpacePage:
    """One page of listings: by name, or nearest first when ``near`` is given.

    Queries: one count (or one candidate list near a point), one for the page; plus one for
    the time zones when ``open_at`` is given without a city. Relations are loaded by the
    caller, per relation, for the whole page.
    """
    return page_of_safe_spaces(
        filtered_safe_spaces(search, context),
        context,
        near=search.near,
        radius_km=search.radius_km,
        offset=offset,
        limit=limit,
    )


def page_of_safe_spaces(
    queryset: QuerySet[SafeSpace],
    context: LocaleContext,
    *,
    near: Point | None,
    radius_km: float,
    offset: int,
    limit: int,
) -> SafeSpacePage:
    """One page of a filtered public queryset (from ``filtered_safe_spaces``): by name, or
    nearest first within ``radius_km`` of ``near``. One count (or one candidate list near a
    point) and one query for the page."""
    if near is None:
        total = queryset.count()
        page_items: list[SafeSpace] = (
            _loaded(
                _with_relations(queryset.order_by("name", "pk"))[offset : offset + limit], context
            )
            if offset < total
            else []
        )
        return SafeSpacePage(total_count=total, offset=offset, items=page_items)
    ranked = nearest(queryset, near, radius_km)
    window = ranked[offset : offset + limit]
    items: list[SafeSpace] = []
    if window:
        by_pk = {
            space.pk: space
            for space in _loaded(
                _with_relations(
                    public_safe_spaces(context).filter(pk__in=[pk for pk, _ in window])
                ),
                context,
            )
        }
        for pk, distance in window:
            space = by_pk.get(pk)
            if space is not None and public_location(space) is not None:
                space.distance_km = distance
                items.append(space)
    return SafeSpacePage(total_count=len(ranked), offset=offset, items=items)


def safe_space_chunks(
    queryset: QuerySet[SafeSpace], context: LocaleContext, *, size: int
) -> Iterator[list[SafeSpace]]:
    """Every listing of a filtered public queryset, in primary-key order, ``size`` at a time:
    one query per chunk (keyset pagination, so a late chunk costs what the first one does)."""
    last_pk: Any = None
    while True:
        chunk = queryset.order_by("pk")
        if last_pk is not None:
            chunk = chunk.filter(pk__gt=last_pk)
        spaces = _loaded(_with_relations(chunk)[:size], context)
        if not spaces:
            return
        yield spaces
        if len(spaces) < size:
            return
        last_pk = spaces[-1].pk


# --- The parts of a page of listings, as plain rows ---------------------------------------------


class WeeklyRow(NamedTuple):
    weekday: int
    opens_at: datetime.time
    closes_at: datetime.time


class DatedRow(NamedTuple):
    valid_from: datetime.date
    valid_to: datetime.date
    closed: bool
    opens_at: datetime.time | None
    closes_at: datetime.time | None
    description: str


class TermRow(NamedTuple):
    """A vocabulary term (service category or audience) of a listing, named in the requested
    language where translated."""

    translation_key: uuid.UUID
    code: str
    name: str
    description: str
    locale: str
    is_fallback: bool


class PhoneRow(NamedTuple):
    number: str
    type: str
    description: str


@dataclass
class SafeSpaceParts:
    """The parts of some listings, by listing primary key."""

    weekly: dict[int, list[WeeklyRow]] = field(default_factory=dict)
    dated: dict[int, list[DatedRow]] = field(default_factory=dict)
    categories: dict[int, list[TermRow]] = field(default_factory=dict)
    audiences: dict[int, list[TermRow]] = field(default_factory=dict)
    phones: dict[int, list[PhoneRow]] = field(default_factory=dict)


def _grouped(rows: Iterable[tuple[Any, ...]], make: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for space_id, *values in rows:
        grouped.setdefault(space_id, []).append(make(*values))
    return grouped


# The texts of a vocabulary term a listing shows, each in its served version.
TERM_TEXTS = ("name", "description")


def load_safe_space_parts(spaces: Sequence[SafeSpace]) -> SafeSpaceParts:
    """Opening hours, exceptions, categories, audiences and phones of loaded listings.

    Four queries whatever the number of listings (none for no listings). The own phone lines
    of a confidential location are never read.
    """
    pks = [space.pk for space in spaces]
    if not pks:
        return SafeSpaceParts()
    open_pks = [space.pk for space in spaces if phones_shown(space)]
    weekly = (
        OpeningHours.objects.filter(safe_space_id__in=pks)
        .order_by("safe_space_id", "weekday", "opens_at", "pk")
        .values_list("safe_space_id", "weekday", "opens_at", "closes_at")
    )
    dated = (
        ScheduleException.objects.filter(safe_space_id__in=pks)
        .order_by("safe_space_id", "valid_from", "valid_to", "pk")
        .values_list(
            "safe_space_id",
            "valid_from",
            "valid_to",
            "closed",
            "opens_at",
            "closes_at",
            "description",
        )
    )
    # Terms are named in the listings' requested language where the term is translated. The
    # listings come from a public loader, which set their locale context.
    context: LocaleContext = spaces[0].locale_context
    terms = []
    for relation, term_model in (("categories", ServiceCategory), ("audiences", Audience)):
        through = getattr(SafeSpace, relation).through
        term_field = term_model._meta.model_name
        texts = {
            f"t_{text}": served(term_model, f"{term_field}__translation_key", text, context)
            for text in TERM_TEXTS
        }
        texts["t_locale"] = served_locale(term_model, f"{term_field}__translation_key", context)
        terms.append(
            through.objects.filter(safespace_id__in=pks)
            .order_by()
            .annotate(t_relation=Value(relation, output_field=CharField()), **texts)
            .values_list(
                "safespace_id",
                "t_relation",
                f"{term_field}__translation_key",
                f"{term_field}__code",
                "t_name",
                "t_description",
                "t_locale",
            )
        )
    parts = SafeSpaceParts(weekly=_grouped(weekly, WeeklyRow), dated=_grouped(dated, DatedRow))
    rows = terms[0].union(terms[1], all=True)
    for space_id, relation, key, code, name, description, locale_id in rows:
        if name is None:  # no live version: a term still in draft
            continue
        language = language_of(locale_id, context)
        getattr(parts, relation).setdefault(space_id, []).append(
            TermRow(_as_uuid(key), code, name, description, **language)
        )
    for grouped in (parts.categories, parts.audiences):
        for rows in grouped.values():
            rows.sort(key=lambda row: (row.name, row.code))
    if open_pks:
        phones = (
            SafeSpacePhone.objects.filter(safe_space_id__in=open_pks)
            .order_by("safe_space_id", "sort_order", "pk")
            .values_list("safe_space_id", "number", "type", "description")
        )
        parts.phones = _grouped(phones, PhoneRow)
    return parts


def _as_uuid(value: Any) -> uuid.UUID:
    """A translation key read through a UNION, which some databases return as text."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


# --- Admin previews --------------------------------------------------------------------------


def preview_listing(space: SafeSpace) -> tuple[SafeSpace, SafeSpaceParts]:
    """A listing being edited, as readers would get it once published: for the admin preview.

    The object (a draft, perhaps never saved) is copied and served like a published listing
    in its own language: its city and organisation in their live versions, each flagged when
    it stands in for a translation, and a confidential location withheld. Its parts are read
    from the draft itself (the revision being previewed), not from the database.
    """
    context = resolve_locale(space.locale.language_code)
    (served,) = _loaded([copy.copy(space)], context)
    return served, preview_parts(served)


def preview_parts(space: SafeSpace) -> SafeSpaceParts:
    """The parts of one listing held in memory (a draft), by the rules of
    ``load_safe_space_parts``: terms as served, never a confidential location's own lines."""
    context: LocaleContext = space.locale_context
    weekly = [
        WeeklyRow(row.weekday, row.opens_at, row.closes_at) for row in space.regular_schedule.all()
    ]
    weekly.sort(key=lambda row: (row.weekday, row.opens_at))
    dated = [
        DatedRow(
            row.valid_from, row.valid_to, row.closed, row.opens_at, row.closes_at, row.description
        )
        for row in space.schedule_exceptions.all()
    ]
    dated.sort(key=lambda row: (row.valid_from, row.valid_to))
    parts = SafeSpaceParts(
        weekly={space.pk: weekly},
        dated={space.pk: dated},
        categories={space.pk: _served_terms(space.categories.all(), context)},
        audiences={space.pk: _served_terms(space.audiences.all(), context)},
    )
    if phones_shown(space):
        parts.phones = {
            space.pk: [
                PhoneRow(row.number, row.type, row.description) for row in space.phones.all()
            ]
        }
    return parts


def _served_terms(terms: Iterable[Any], context: LocaleContext) -> list[TermRow]:
    """Vocabulary terms as readers get them: the live version in the requested locale, else
    in the default one; a term with neither is left out. One query."""
    terms = list(terms)
    if not terms:
        return []
    rank = {context.requested.pk: 0, context.default.pk: 1}
    best: dict[uuid.UUID, Any] = {}
    rows = published(type(terms[0])).filter(
        translation_key__in={term.translation_key for term in terms}, locale_id__in=rank
    )
    for row in rows:
        chosen = best.get(row.translation_key)
        if chosen is None or rank[row.locale_id] < rank[chosen.locale_id]:
            best[row.translation_key] = row
    served = [
        TermRow(
            row.translation_key,
            row.code,
            row.name,
            row.description,
            **language_of(row.locale_id, context),
        )
        for row in best.values()
    ]
    return sorted(served, key=lambda row: (row.name, row.code))
