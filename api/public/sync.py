"""Delta sync: everything a client of a city and language needs, then only what changed.

A sync runs through the kinds in a fixed order (``KINDS``), each by translation key, a page at
a time. Without a token it lists every item a client of that language (and city) may read;
with a sync token, only the objects the change log (``cms.delivery.models.ChangeRecord``) names
since the token, plus those whose embedded references changed: each is an item when readers
may see it now, else a tombstone (``deleted``: kind and id). The last page carries a
``next_sync_token``; the others a ``next_page_token``.

Items are what the public rules serve (live, public, not expired, active, in the requested
language or its fallback), in the same shapes as the widget endpoints, without what changes
with the clock alone (``is_open_now``) or the reader (``distance_km``).

Tokens are opaque, signed (``django.core.signing``) and carry only the language, the city and
positions in the change log: nothing about the reader. A token older than
``SYNC_TOMBSTONE_DAYS`` (records are pruned after that) is refused: sync from scratch.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.db.models import Max, Q
from django.utils import timezone

from api.locales import LocaleContext
from api.public import attach_locale, in_locale, published
from api.public.cities import CityMatch, helplines_for, load_cities, public_cities
from api.public.loaders import serve
from api.public.page_relations import modules_of
from api.public.safe_space_parts import load_safe_space_parts
from api.public.safe_spaces import public_safe_spaces, served_safe_spaces
from api.public.shapes import city_reference, public_safe_space_representation
from api.public.toolbox_shapes import widget_toolbox
from api.public.toolboxes import get_toolboxes
from api.representations import helpline_representation
from cms.core import db_router
from cms.core.models import Audience, City, ContentWarning
from cms.delivery.models import ChangeRecord
from safe_spaces.models import Helpline, SafeSpace, ServiceCategory
from toolbox_pages.models import ModulePage, ToolboxPage

SALT = "equalcity.sync"
TOKEN_VERSION = 1
KINDS = (
    "city",
    "service_category",
    "audience",
    "content_warning",
    "helpline",
    "toolbox",
    "module",
    "safe_space",
)
# A change to one of these is embedded in other items: those are sent again too.
EMBEDDED_IN = {
    "city": ("safe_space", "helpline"),
    "service_category": ("safe_space",),
    "audience": ("safe_space", "toolbox", "module"),
    "content_warning": ("toolbox", "module"),
    "partner_organisation": ("safe_space", "toolbox"),
}


class SyncError(ValueError):
    """A token that can't be used: ``gone`` when it is too old (sync from scratch)."""

    def __init__(self, message: str, *, gone: bool = False) -> None:
        super().__init__(message)
        self.gone = gone


@dataclass
class Position:
    """Where a sync stands: in which mode, which kind, after which key, over which changes."""

    locale: str
    city: str
    delta: bool = False
    kind: int = 0
    after: str = ""
    since: int = 0  # change records after this one (delta)
    upto: int = 0  # settled when this sync began: the next sync starts here

    def token(self) -> str:
        return signing.dumps(
            [
                TOKEN_VERSION,
                self.locale,
                self.city,
                int(self.delta),
                self.kind,
                self.after,
                self.since,
                self.upto,
            ],
            salt=SALT,
            compress=True,
        )

    @classmethod
    def from_token(cls, token: str, locale: str, city: str) -> Position:
        max_age = datetime.timedelta(days=settings.SYNC_TOMBSTONE_DAYS)
        try:
            values = signing.loads(token, salt=SALT, max_age=max_age)
        except signing.SignatureExpired:
            raise SyncError(
                f"This token is older than {settings.SYNC_TOMBSTONE_DAYS} days and what was "
                "deleted since is no longer known: sync from scratch (no token).",
                gone=True,
            ) from None
        except signing.BadSignature:
            raise SyncError("This is not a sync token: use the token a sync answer gave.") from None
        if not isinstance(values, list) or len(values) != 8 or values[0] != TOKEN_VERSION:
            raise SyncError("This sync token is from an older version: sync from scratch.")
        _, token_locale, token_city, delta, kind, after, since, upto = values
        if (token_locale, token_city) != (locale, city):
            raise SyncError(
                "This token was given for another language or city: send the same locale and "
                "city as the sync that gave it."
            )
        return cls(token_locale, token_city, bool(delta), kind, after, since, upto)


@dataclass
class SyncPage:
    items: list[dict[str, Any]] = field(default_factory=list)
    deleted: list[dict[str, str]] = field(default_factory=list)
    next_page_token: str | None = None
    next_sync_token: str | None = None


def settled_seq() -> int:
    """The newest change record that every transaction before it has surely committed
    (older than ``SYNC_SETTLE_SECONDS``): a sync never moves past a change still being made."""
    settled = timezone.now() - datetime.timedelta(seconds=settings.SYNC_SETTLE_SECONDS)
    newest = ChangeRecord.objects.filter(at__lte=settled).aggregate(seq=Max("seq"))["seq"]
    return int(newest or 0)


# --- What each kind serves ---------------------------------------------------------------------

Keys = set[str] | None  # None: every visible object of the kind


def _keyed(keys: Keys) -> Q:
    return Q() if keys is None else Q(translation_key__in=[uuid.UUID(key) for key in keys])


def _cities(context: LocaleContext, city: CityMatch | None, keys: Keys) -> dict[str, Any]:
    queryset = public_cities(context).filter(_keyed(keys))
    if city is not None:
        queryset = queryset.filter(translation_key__in=city.translation_keys)
    return {str(c.translation_key): city_reference(c) for c in load_cities(queryset, context)}


def _terms(model: type) -> Callable[[LocaleContext, CityMatch | None, Keys], dict[str, Any]]:
    def load(context: LocaleContext, city: CityMatch | None, keys: Keys) -> dict[str, Any]:
        rows = list(in_locale(published(model).filter(_keyed(keys)), context))
        terms = serve(context, attach_locale(rows, context))
        return {
            str(term.translation_key): {
                "code": term.code,
                "name": term.name,
                "locale": term.locale.language_code,
                "is_fallback": term.is_fallback,
            }
            for term in terms
        }

    return load


def _helplines(context: LocaleContext, city: CityMatch | None, keys: Keys) -> dict[str, Any]:
    lines = helplines_for(city, context)
    return {
        str(line.translation_key): helpline_representation(line)
        for line in lines
        if keys is None or str(line.translation_key) in keys
    }


def _toolboxes_and_modules(context: LocaleContext) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every visible toolbox (its modules by id) and every visible module; a fixed number of
    queries, kept for the request (both kinds read it)."""
    if "sync:toolboxes" not in context.memo:
        toolboxes: dict[str, Any] = {}
        modules: dict[str, Any] = {}
        for toolbox in get_toolboxes(context):
            shape = widget_toolbox(toolbox)
            keys = [str(module.translation_key) for module in modules_of(toolbox)]
            for key, module in zip(keys, shape.pop("modules"), strict=True):
                modules[key] = {**module, "toolbox": str(toolbox.translation_key)}
            toolboxes[str(toolbox.translation_key)] = {
                **shape,
                "sensitivity": toolbox.sensitivity,
                "modules": keys,
            }
        context.memo["sync:toolboxes"] = (toolboxes, modules)
    return context.memo["sync:toolboxes"]


def _toolboxes(context: LocaleContext, city: CityMatch | None, keys: Keys) -> dict[str, Any]:
    found = _toolboxes_and_modules(context)[0]
    return found if keys is None else {key: found[key] for key in keys if key in found}


def _modules(context: LocaleContext, city: CityMatch | None, keys: Keys) -> dict[str, Any]:
    found = _toolboxes_and_modules(context)[1]
    return found if keys is None else {key: found[key] for key in keys if key in found}


def _safe_space_query(context: LocaleContext, city: CityMatch | None) -> Any:
    queryset = public_safe_spaces(context)
    if city is not None:
        queryset = queryset.filter(city__translation_key__in=city.translation_keys)
    return queryset


def _safe_spaces(context: LocaleContext, city: CityMatch | None, keys: Keys) -> dict[str, Any]:
    if keys is None:
        keys = {
            str(key)
            for key in _safe_space_query(context, city).values_list("translation_key", flat=True)
        }
    spaces = served_safe_spaces([uuid.UUID(key) for key in keys], context)
    if city is not None:
        spaces = [s for s in spaces if s.city.translation_key in city.translation_keys]
    parts = load_safe_space_parts(spaces)
    now = timezone.now()
    items = {}
    for space in spaces:
        shape = public_safe_space_representation(space, parts, now)
        shape.pop("is_open_now")  # changes with the clock, not with the content
        shape.pop("distance_km")
        items[str(space.translation_key)] = shape
    return items


LOADERS: dict[str, Callable[[LocaleContext, CityMatch | None, Keys], dict[str, Any]]] = {
    "city": _cities,
    "service_category": _terms(ServiceCategory),
    "audience": _terms(Audience),
    "content_warning": _terms(ContentWarning),
    "helpline": _helplines,
    "toolbox": _toolboxes,
    "module": _modules,
    "safe_space": _safe_spaces,
}


def visible_keys(kind: str, context: LocaleContext, city: CityMatch | None) -> list[str]:
    """Every key of ``kind`` a client may read, sorted."""
    if kind == "safe_space":
        keys = _safe_space_query(context, city).values_list("translation_key", flat=True)
        return sorted({str(key) for key in keys})
    return sorted(LOADERS[kind](context, city, None))


# --- What changed --------------------------------------------------------------------------------


def changed_keys(
    position: Position, context: LocaleContext
) -> tuple[dict[str, set[str]], set[str]]:
    """The objects changed since ``since`` that matter in this language (a
    change in the default language matters in every one), by kind, with the items that embed
    a changed reference; and which keys are there only for that (sent again when visible,
    never as tombstones: a client never had an item it could not see)."""
    languages = {context.requested.language_code, context.default.language_code, ""}
    changes = (
        # Up to the newest record, not only to ``upto``: a change still settling is sent now
        # and, since the next sync starts at ``upto``, again then (never missed).
        ChangeRecord.objects.filter(seq__gt=position.since, locale__in=languages)
        .values_list("kind", "key")
        .distinct()
    )
    changed: dict[str, set[str]] = {kind: set() for kind in KINDS}
    embedded: dict[str, set[uuid.UUID]] = {}
    for kind, key in changes:
        if kind in changed:
            changed[kind].add(str(key))
        if kind in EMBEDDED_IN:
            embedded.setdefault(kind, set()).add(key)
    embedding: set[str] = set()
    for kind, keys in embedded.items():
        for dependent in EMBEDDED_IN[kind]:
            found = _embedding(kind, keys, dependent) - changed[dependent]
            changed[dependent] |= found
            embedding |= found
    return changed, embedding


def _embedding(kind: str, keys: set[uuid.UUID], dependent: str) -> set[str]:
    """The items of kind ``dependent`` that embed one of these objects."""
    if dependent == "safe_space":
        lookup = {
            "city": "city__translation_key__in",
            "service_category": "categories__translation_key__in",
            "audience": "audiences__translation_key__in",
            "partner_organisation": "organization__translation_key__in",
        }[kind]
        rows = SafeSpace.objects.filter(**{lookup: keys}).values_list("translation_key", flat=True)
        return {str(key) for key in rows}
    if dependent == "helpline":
        cities = City.objects.filter(translation_key__in=keys).values("country")
        rows = Helpline.objects.filter(
            Q(city__translation_key__in=keys) | Q(country__in=cities)
        ).values_list("translation_key", flat=True)
        return {str(key) for key in rows}
    # Toolboxes and modules are few: any change to what they embed sends them all again.
    model = ToolboxPage if dependent == "toolbox" else ModulePage
    return {str(key) for key in model.objects.values_list("translation_key", flat=True)}


# --- A page ------------------------------------------------------------------------------------


def sync_page(
    context: LocaleContext, city: CityMatch | None, token: str | None, page_size: int
) -> SyncPage:
    """One page of a sync (see the module's docstring)."""
    # Cursors over the change log: a replica that has not replayed a change yet would let the
    # cursor pass it, and that client would never hear of it.
    db_router.read_primary()
    locale, slug = context.requested.language_code, city.slug if city else ""
    if token is None:
        position = Position(locale, slug, upto=settled_seq())
    else:
        position = Position.from_token(token, locale, slug)
        if position.kind >= len(KINDS):  # a sync token: a new delta from where it ended
            position = Position(locale, slug, delta=True, since=position.upto, upto=settled_seq())
    changed, embedding = changed_keys(position, context) if position.delta else (None, set())
    page = SyncPage()
    while position.kind < len(KINDS) and len(page.items) + len(page.deleted) < page_size:
        kind = KINDS[position.kind]
        candidates = (
            sorted(changed[kind]) if changed is not None else visible_keys(kind, context, city)
        )
        wanted = [key for key in candidates if key > position.after]
        room = page_size - len(page.items) - len(page.deleted)
        chosen = wanted[:room]
        found = LOADERS[kind](context, city, set(chosen)) if chosen else {}
        for key in chosen:
            if key in found:
                page.items.append({"type": kind, "id": key, "data": found[key]})
            elif changed is not None and key not in embedding:
                page.deleted.append({"type": kind, "id": key})
        if len(wanted) > room:
            position.after = chosen[-1]
        else:
            position.kind += 1
            position.after = ""
    if position.kind < len(KINDS):
        page.next_page_token = position.token()
    else:
        page.next_sync_token = position.token()
    return page
