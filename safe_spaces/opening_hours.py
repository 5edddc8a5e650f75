"""Safe-space opening hours: weekly rows and dated exceptions, read in the city's time zone.

The same rules decide whether a listing is open twice: in Python for one loaded listing
(:func:`is_open_at`, the API's ``isOpen``), and in SQL for a list (:func:`open_at_q`, the
``openAt`` filter). Change both together; ``tests/safe_spaces`` and ``tests/api`` hold them to
the same answers.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Q

from .models import OpeningHours, SafeSpace, ScheduleException

# Editors write 23:59 for "until midnight": that closing minute counts as open.
OPENING_END_OF_DAY = datetime.time(23, 59)
OPENING_STATUSES = frozenset({"active"})


def opening_hours_representation(rows: Iterable[Any]) -> list[dict[str, Any]]:
    """Weekly rows (HSDS ``schedule``, ``freq=WEEKLY``): ISO weekday 1 (Monday) to 7 (Sunday)."""
    return [
        {
            "weekday": row.weekday,
            "opens_at": format_opening_time(row.opens_at),
            "closes_at": format_opening_time(row.closes_at),
        }
        for row in sorted(rows, key=lambda row: (row.weekday, row.opens_at))
    ]


def schedule_exceptions_representation(rows: Iterable[Any]) -> list[dict[str, Any]]:
    """Exceptional closures and openings between two dates, both included."""
    return [
        {
            "valid_from": row.valid_from,
            "valid_to": row.valid_to,
            "closed": row.closed,
            "opens_at": None if row.closed else format_opening_time(row.opens_at),
            "closes_at": None if row.closed else format_opening_time(row.closes_at),
            "description": row.description,
        }
        for row in sorted(rows, key=lambda row: (row.valid_from, row.valid_to))
    ]


def local_moment(at: datetime.datetime, timezone_name: str) -> datetime.datetime:
    """An aware instant as wall-clock time in a city, to the second."""
    return at.astimezone(ZoneInfo(timezone_name)).replace(microsecond=0, tzinfo=None)


def is_within_hours(
    opens_at: datetime.time | None, closes_at: datetime.time | None, time: datetime.time
) -> bool:
    """Opening time included, closing time excluded (but 23:59 means until midnight)."""
    if opens_at is None or closes_at is None:
        return False
    return opens_at <= time and (time < closes_at or closes_at == OPENING_END_OF_DAY)


def is_open_at(
    status: str,
    regular: Iterable[Any],
    exceptions: Iterable[Any],
    local: datetime.datetime,
) -> bool:
    """Whether a safe space is open at a local wall-clock moment.

    Not open unless active. Exceptions valid on that date replace the weekly hours: any
    closure closes the day; otherwise the special openings' hours apply. Without exceptions,
    the weekly rows of that ISO weekday apply, opening time included, closing time excluded.
    """
    if status not in OPENING_STATUSES:
        return False
    date, time = local.date(), local.time()
    today = [row for row in exceptions if row.valid_from <= date <= row.valid_to]
    if today:
        if any(row.closed for row in today):
            return False
        return any(is_within_hours(row.opens_at, row.closes_at, time) for row in today)
    weekday = date.isoweekday()
    return any(
        row.weekday == weekday and is_within_hours(row.opens_at, row.closes_at, time)
        for row in regular
    )


def format_opening_time(value: datetime.time | None) -> str | None:
    """A wall-clock time as "HH:MM" (seconds are never used in opening hours); the content
    API writes opening hours the same way."""
    return value.strftime("%H:%M") if value is not None else None


def open_at_q(at: datetime.datetime, timezones: Iterable[str]) -> Q:
    """Listings open at an instant, each read in its city's time zone.

    The SQL twin of :func:`is_open_at`: change both together.
    """
    # Time zones that show the same wall-clock time share one condition: Brussels, Rome,
    # Luxembourg and Stockholm cost one set of subqueries, not four.
    zones_by_moment: dict[datetime.datetime, list[str]] = {}
    for timezone in sorted(set(timezones)):
        zones_by_moment.setdefault(local_moment(at, timezone), []).append(timezone)
    condition = Q(pk__in=[])
    for local, zones in zones_by_moment.items():
        condition |= Q(city__timezone__in=zones) & _open_at_local_q(local)
    return condition


def _open_at_local_q(local: datetime.datetime) -> Q:
    date, time = local.date(), local.time()
    within = Q(opens_at__lte=time) & (Q(closes_at__gt=time) | Q(closes_at=OPENING_END_OF_DAY))
    exceptions_today = ScheduleException.objects.filter(
        safe_space=OuterRef("pk"), valid_from__lte=date, valid_to__gte=date
    )
    weekly = OpeningHours.objects.filter(safe_space=OuterRef("pk"), weekday=date.isoweekday())
    return (
        Q(status=SafeSpace.Status.ACTIVE)
        & ~Exists(exceptions_today.filter(closed=True))
        & (
            Exists(exceptions_today.filter(within, closed=False))
            | (~Exists(exceptions_today) & Exists(weekly.filter(within)))
        )
    )
