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

import datetime
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from api.locales import LocaleContext
from api.public import (
    InvalidArgument,
    attach_locale,
    in_locale,
    is_published,
    published,
    serve_related,
)
from api.public.cities import CityMatch
from api.public.loaders import serve
from api.public.nearby import (
    DEFAULT_RADIUS_KM,
    Point,
    nearest,
)
from api.surrogate import note, note_safe_space_list, object_key
from cms.core.models import City
from safe_spaces.confidentiality import public_location, withhold_confidential
from safe_spaces.models import (
    SafeSpace,
)
from safe_spaces.opening_hours import open_at_q

MAX_FILTER_VALUES = 50


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


def loaded_safe_spaces(spaces: Iterable[SafeSpace], context: LocaleContext) -> list[SafeSpace]:
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
    translation_keys = list(translation_keys)
    note(*(object_key(key) for key in translation_keys))
    return loaded_safe_spaces(
        _with_relations(public_safe_spaces(context).filter(translation_key__in=translation_keys)),
        context,
    )


def get_safe_space(translation_key: uuid.UUID, context: LocaleContext) -> SafeSpace | None:
    """A listing by its public id, in the requested locale, or None (see served_safe_spaces)."""
    spaces = serve(context, served_safe_spaces([translation_key], context))
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
    note_safe_space_list(search.city.translation_keys if search.city is not None else None)
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
    the time zones when ``open_at`` is given without a city. The listings are served
    (``api.public.loaders``): each relation loads for the whole page at once.
    """
    page = page_of_safe_spaces(
        filtered_safe_spaces(search, context),
        context,
        near=search.near,
        radius_km=search.radius_km,
        offset=offset,
        limit=limit,
    )
    serve(context, page.items, listed=True)
    return page


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
            loaded_safe_spaces(
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
            for space in loaded_safe_spaces(
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
        spaces = loaded_safe_spaces(_with_relations(chunk)[:size], context)
        if not spaces:
            return
        yield spaces
        if len(spaces) < size:
            return
        last_pk = spaces[-1].pk
