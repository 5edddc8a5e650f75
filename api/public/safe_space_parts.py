"""The parts of a page of listings (weekly hours, dated exceptions, categories, audiences,
phones), read as plain rows in one query each, and the same parts for an admin preview."""

import copy
import datetime
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import CharField, Value

from api.locales import LocaleContext, resolve_locale
from api.public import (
    language_of,
    published,
    served,
    served_locale,
)
from api.public.loaders import Loader, context_of, loader
from api.public.safe_spaces import loaded_safe_spaces
from cms.core.models import Audience
from safe_spaces.confidentiality import phones_shown
from safe_spaces.models import (
    OpeningHours,
    SafeSpace,
    SafeSpacePhone,
    ScheduleException,
    ServiceCategory,
)


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


def _parts_loader(space: SafeSpace) -> Loader[SafeSpaceParts]:
    def load(spaces: list[SafeSpace]) -> dict[int, SafeSpaceParts]:
        parts = load_safe_space_parts(spaces)
        return {each.pk: parts for each in spaces}

    return loader(
        context_of(space), "safe space parts", load, default=SafeSpaceParts, accepts=SafeSpace
    )


def safe_space_parts_of(space: SafeSpace) -> SafeSpaceParts:
    """The parts of a served listing, in the ``SafeSpaceParts`` of every listing the request
    had served when it was first asked for (``load_safe_space_parts``: four queries)."""
    return _parts_loader(space).get(space)


def serve_preview_parts(space: SafeSpace) -> None:
    """A served draft's parts are its own, read from the revision (``preview_parts``), not
    the published rows."""
    _parts_loader(space).put(space, preview_parts(space))


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
    (served,) = loaded_safe_spaces([copy.copy(space)], context)
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
