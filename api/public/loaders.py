"""Request-scoped loaders: each relation of what a request serves, loaded for every object
that may need it at once.

The helpers of ``api.public`` hand each object they return to ``serve``, which keeps it on the
request's ``LocaleContext`` (one per request and locale). A resolver that needs a relation of
one object asks that relation's loader (``loader``); the loader loads the relation for that
object and every other object served so far whose relation it hasn't loaded, with one call of
its load function, and keeps the result for the rest of the request. Relations nobody asks for
cost nothing, and the number of queries never depends on the number of objects.

Objects join in partitions: every page is one partition (pages share their queries whatever
their type), every other model its own, so a relation asked of one kind of object never loads
it for another kind that no resolver asked about.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, Generic, TypeVar

from wagtail.models import Page

from api.locales import LocaleContext
from api.surrogate import note_objects

V = TypeVar("V")
Obj = TypeVar("Obj")

_MEMO_KEY = "loaders"


def partition(obj: Any) -> type:
    """The partition an object loads in: ``Page`` for every page type, else its model."""
    return Page if isinstance(obj, Page) else type(obj)


def _key(obj: Any) -> tuple[type, Hashable]:
    return partition(obj), obj.pk


class ServedObjects:
    """The objects one request served in one locale, in the order they were served, and the
    loaders of their relations."""

    def __init__(self) -> None:
        self.keys: set[tuple[type, Hashable]] = set()
        self.order: list[Any] = []
        self.loaders: dict[str, Any] = {}

    def add(self, objects: Iterable[Any], *, named: bool = True) -> None:
        added = []
        for obj in objects:
            key = _key(obj)
            if key not in self.keys:
                self.keys.add(key)
                self.order.append(obj)
                added.append(obj)
        if named:
            note_objects(added)


def _served(context: LocaleContext) -> ServedObjects:
    served = context.memo.get(_MEMO_KEY)
    if served is None:
        served = context.memo[_MEMO_KEY] = ServedObjects()
    return served


def served_since(context: LocaleContext, position: int) -> tuple[list[Any], int]:
    """The objects served after the first ``position`` ones, and the new position."""
    order = _served(context).order
    return order[position:], len(order)


def serve(context: LocaleContext, objects: Iterable[Obj], *, listed: bool = False) -> list[Obj]:
    """Hand ``objects`` to the request's loaders: a relation asked of any of them is loaded
    for all of them together. Returns them, as a list.

    Each is noted as read (``api.surrogate``), unless ``listed``: members of a list whose key
    was noted and which any change of a member reaches (a toolbox's modules, a city's
    listings, the toolboxes) are named by the list alone, so a page of 50 listings carries one
    key, not 51."""
    objects = list(objects)
    _served(context).add(objects, named=not listed)
    return objects


def served_objects(context: LocaleContext) -> list[Any]:
    """Every object served so far in ``context``."""
    return list(_served(context).order)


class Loader(Generic[V]):
    """One relation of the served objects that ``accepts`` names.

    ``load`` takes objects of one partition and returns their values by primary key; an object
    it leaves out gets ``default()``.
    """

    def __init__(
        self,
        served: ServedObjects,
        load: Callable[[list[Any]], Mapping[Any, V]],
        *,
        default: Callable[[], V],
        accepts: type | tuple[type, ...] = object,
    ):
        self._served = served
        self._load = load
        self._default = default
        self._accepts = accepts
        self._values: dict[tuple[type, Hashable], V] = {}
        self._pending: dict[tuple[type, Hashable], Any] = {}
        self._position = 0

    def get(self, obj: Any) -> V:
        """The relation of ``obj``; loads it for every pending object of its partition."""
        key = _key(obj)
        if key not in self._values:
            self._load_partition(key[0], also=obj)
        return self._values[key]

    def put(self, obj: Any, value: V) -> None:
        """Give ``obj`` its relation without loading it (a draft's, held in memory)."""
        key = _key(obj)
        self._values[key] = value
        self._pending.pop(key, None)

    def load_pending(self) -> None:
        """Load the relation for every served object it accepts and hasn't loaded yet."""
        self._collect()
        for kind in dict.fromkeys(key[0] for key in self._pending):
            self._load_partition(kind)

    def values(self) -> Iterable[V]:
        """What was loaded so far."""
        return self._values.values()

    def _collect(self) -> None:
        """Take in the objects served since the last look (each object is looked at once)."""
        order = self._served.order
        for obj in order[self._position :]:
            key = _key(obj)
            if key not in self._values and isinstance(obj, self._accepts):
                self._pending[key] = obj
        self._position = len(order)

    def _load_partition(self, kind: type, also: Any | None = None) -> None:
        self._collect()
        pending = {key: obj for key, obj in self._pending.items() if key[0] is kind}
        if also is not None:
            pending.setdefault(_key(also), also)
        if not pending:
            return
        found = self._load(list(pending.values()))
        for key, obj in pending.items():
            self._values[key] = found[obj.pk] if obj.pk in found else self._default()
            self._pending.pop(key, None)


def loader(
    context: LocaleContext,
    name: str,
    load: Callable[[list[Any]], Mapping[Any, V]],
    *,
    default: Callable[[], V],
    accepts: type | tuple[type, ...] = object,
) -> Loader[V]:
    """The request's loader of relation ``name``, made on first use."""
    served = _served(context)
    found: Loader[V] | None = served.loaders.get(name)
    if found is None:
        found = served.loaders[name] = Loader(served, load, default=default, accepts=accepts)
    return found


def request_state(context: LocaleContext, name: str, make: Callable[[], V]) -> V:
    """A loader of another shape than ``Loader`` (the references of every body), made on
    first use and kept with the others."""
    served = _served(context)
    if name not in served.loaders:
        served.loaders[name] = make()
    found: V = served.loaders[name]
    return found


def context_of(obj: Any) -> LocaleContext:
    """The context an object was served in (``attach_locale`` keeps it on the object)."""
    context: LocaleContext = obj.locale_context
    return context
