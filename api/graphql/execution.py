"""How the endpoint executes a document: graphql-core's executor, synchronous and with completed
object subtrees kept between requests.

``SubtreeExecutionContext`` is a graphql-core ``ExecutionContext`` subclass, the executor's
supported extension point. It keeps the completed subtree of an object of a kept type (a
listing, a helpline: ``KEPT_TYPES``) in this process, by the object's type and translation key,
the stamp its surrogate key has now (``api.result_cache``: any change to any language version
of the object gives it a new stamp), the content version (a change to a city or a vocabulary
term), the query text, the operation, the variables and the field's place in the document.
After a publication only the objects that changed are executed again; the others are read
back. Fields that depend on the moment or the reader's position (``isOpen``, ``distanceKm``)
are never kept: they are executed every time and put back in the selection's order. A subtree
that raised an error is not kept, nor anything of a private answer (``api.graphql.privacy``:
a position, search text, a preview's draft).

Every resolver of this API is synchronous, so the check for awaitable values graphql-core runs
on every resolved value is replaced by one that answers False at once.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

from django.conf import settings
from graphql import ExecutionContext, FieldNode, GraphQLObjectType, GraphQLResolveInfo
from graphql.execution.execute import invalid_return_type_error
from graphql.pyutils import Path

from api import result_cache, surrogate
from api.public.loaders import served_objects

# Types whose whole subtree is read from the object's own rows, the content version's models
# (cities, vocabularies, organisations) and nothing else.
KEPT_TYPES = {"SafeSpace": frozenset({"isOpen", "distanceKm"}), "Helpline": frozenset()}
KEPT_MODELS = {"SafeSpace", "Helpline"}


def never_awaitable(value: Any) -> bool:
    """Every resolver here is synchronous (the view refuses an awaitable result)."""
    return False


class SubtreeCache:
    """A thread-safe LRU of completed subtrees, bounded by their number."""

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> dict[str, Any] | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: tuple[Any, ...], value: dict[str, Any], max_entries: int) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


subtree_cache = SubtreeCache()


class SubtreeExecutionContext(ExecutionContext):
    """graphql-core's execution, with kept subtrees (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._stamps: dict[str, str] = {}
        self._document_key: tuple[Any, ...] | None = None

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_nodes: list[FieldNode],
        info: GraphQLResolveInfo,
        path: Path,
        result: Any,
    ) -> Any:
        key = self._subtree_key(return_type, path, result)
        if key is None:
            return super().complete_object_value(return_type, field_nodes, info, path, result)
        if return_type.is_type_of and not return_type.is_type_of(result, info):
            raise invalid_return_type_error(return_type, result, field_nodes)
        fields = self.collect_subfields(return_type, field_nodes)
        volatile = KEPT_TYPES[return_type.name]
        fresh = {name: nodes for name, nodes in fields.items() if nodes[0].name.value in volatile}
        kept = subtree_cache.get(key)
        if kept is None:
            stable = {name: nodes for name, nodes in fields.items() if name not in fresh}
            errors_before = len(self.collected_errors.errors)
            kept = self._executed(return_type, result, path, stable)
            if len(self.collected_errors.errors) == errors_before:
                subtree_cache.put(key, kept, settings.API_GRAPHQL_SUBTREE_CACHE_ENTRIES)
        if not fresh:
            return kept
        now = self._executed(return_type, result, path, fresh)
        # The selection's order, as the specification wants it.
        return {name: now[name] if name in now else kept[name] for name in fields}

    def _executed(
        self,
        return_type: GraphQLObjectType,
        result: Any,
        path: Path,
        fields: dict[str, list[FieldNode]],
    ) -> dict[str, Any]:
        """``execute_fields``, whose answer is never awaitable here (``never_awaitable``)."""
        completed = self.execute_fields(return_type, result, path, fields)
        if not isinstance(completed, dict):
            raise TypeError("A kept type's field returned an awaitable.")
        return completed

    def _subtree_key(
        self, return_type: GraphQLObjectType, path: Path, result: Any
    ) -> tuple[Any, ...] | None:
        translation_key = getattr(result, "translation_key", None)
        if (
            return_type.name not in KEPT_TYPES
            or translation_key is None
            or settings.API_GRAPHQL_SUBTREE_CACHE_ENTRIES <= 0
            # A private answer (a position, search text, a preview's draft) keeps nothing:
            # its key would hold the reader's data or the token, its subtree a draft.
            or getattr(self.context_value, "api_private", False)
        ):
            return None
        stamp = self._stamp(result)
        return (
            return_type.name,
            str(translation_key),
            stamp,
            *self._document(),
            tuple(key for key in path.as_list() if isinstance(key, str)),
        )

    def _document(self) -> tuple[Any, ...]:
        """What names the request's document: its text, operation, variables and the content
        version (read once per request)."""
        if self._document_key is None:
            request = self.context_value
            self._document_key = (
                result_cache.content_version(),
                getattr(request, "api_query_text", None),
                self.operation.name.value if self.operation.name else None,
                json.dumps(self.variable_values, sort_keys=True, default=str),
            )
        return self._document_key

    def _stamp(self, obj: Any) -> str:
        """The stamp of ``obj``'s key; the first call reads the stamps of every object of a
        kept type the request has served so far (one cache read), later ones those since."""
        key = surrogate.object_key(obj.translation_key)
        if key not in self._stamps:
            wanted = {key}
            locale_context = getattr(obj, "locale_context", None)
            if locale_context is not None:
                wanted |= {
                    surrogate.object_key(served.translation_key)
                    for served in served_objects(locale_context)
                    if type(served).__name__ in KEPT_MODELS
                }
            self._stamps.update(result_cache.stamps_of(wanted - set(self._stamps)))
        return self._stamps[key]
