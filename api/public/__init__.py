"""What the public APIs may read: one queryset helper per domain, and the locale rule they share.

Every public resolver (GraphQL and REST) starts from a helper in this package. The helpers
apply the live, public and locale rules once, so no resolver builds its own unfiltered queryset.
"""

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import (
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)

from api.locales import LocaleContext

T = TypeVar("T")


def in_locale(queryset: QuerySet, context: LocaleContext) -> QuerySet:
    """Rows of the requested locale, plus default-locale rows that have no translation there.

    The caller has already applied its own visibility rules (live, public...) to ``queryset``:
    a translation that is not visible doesn't hide the default-locale row, so an object whose
    translation is still a draft is served in the default language (``is_fallback``), never
    silently dropped. One SQL query, whatever the number of rows.
    """
    if context.is_default:
        return queryset.filter(locale=context.requested)
    translated = queryset.filter(locale=context.requested).values("translation_key")
    return queryset.filter(
        Q(locale=context.requested)
        | (Q(locale=context.default) & ~Q(translation_key__in=translated))
    )


def translated(model: type[Model], key_ref: str, field: str, context: LocaleContext) -> Subquery:
    """``field`` of the requested locale's version of the related row whose translation key is
    at ``key_ref`` (NULL when there is none): wrap it in ``Coalesce`` with the row's own value."""
    return Subquery(
        model._default_manager.filter(
            translation_key=OuterRef(key_ref), locale_id=context.requested.pk
        )
        .order_by()
        .values(field)[:1]
    )


def attach_locale(objects: list[Model], context: LocaleContext) -> list[Model]:
    """Set each object's ``locale`` from the context (no query) and flag the fallbacks.

    The context stays on the object (``locale_context``) for the resolvers of its relations.
    """
    locales = {context.requested.pk: context.requested, context.default.pk: context.default}
    for obj in objects:
        obj.locale_context = context
        locale = locales.get(obj.locale_id)
        if locale is not None:
            obj.locale = locale
        obj.is_fallback = obj.locale_id != context.requested.pk
    return objects


class InvalidArgument(ValueError):
    """A public-API argument that can't be served; ``argument`` names it for the client."""

    def __init__(self, message: str, argument: str | None = None):
        super().__init__(message)
        self.argument = argument


class Batch:
    """The objects of one response, whose relations are loaded together on first use.

    A resolver asks for a relation of one object; the batch prefetches it for every object
    in the response with one query, once. Relations nobody asks for cost nothing, and the
    number of queries never depends on the number of objects.
    """

    def __init__(self, objects: Iterable[Model]):
        self.objects: list[Model] = list(objects)
        self._loaded: dict[str, Any] = {}
        for obj in self.objects:
            obj._api_batch = self

    def prefetch(self, *lookups: str | Prefetch) -> None:
        key = "prefetch:" + ",".join(
            lookup if isinstance(lookup, str) else lookup.prefetch_to for lookup in lookups
        )
        if key not in self._loaded:
            prefetch_related_objects(self.objects, *lookups)
            self._loaded[key] = True

    def load(self, name: str, loader: Callable[[list[Model]], T]) -> T:
        """Run ``loader`` over all the objects once and keep its result."""
        if name not in self._loaded:
            self._loaded[name] = loader(self.objects)
        return self._loaded[name]

    @property
    def members(self) -> list[Model]:
        """Every object of the batch, those that joined it since it was made included."""
        return self.objects

    def load_members(self, name: str, loader: Callable[[list[Model]], T]) -> T:
        """Like ``load``, over ``members``: run again, for all of them together, when objects
        joined since the last run (the modules a toolbox's resolvers ask for later)."""
        members = list(self.members)
        return self.load(f"{name}:{len(members)}", lambda _objects: loader(members))


def batch_of(obj: Model) -> Batch:
    """The batch an object was loaded in (a batch of one for a stray object)."""
    batch = getattr(obj, "_api_batch", None)
    return batch if batch is not None else Batch([obj])
