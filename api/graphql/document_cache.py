"""What the endpoint caches in memory, and how it names an answer for HTTP caches: the bounded
LRU cache of documents that parsed and validated, and the ETag of an answer."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any, Generic, TypeVar

from graphql import (
    DocumentNode,
)

from api.graphql.privacy import ReaderData

# A document that parsed and validated, with what it reads of a reader's data.
ParsedDocument = tuple[DocumentNode, ReaderData]


V = TypeVar("V")


class DocumentCache(Generic[V]):
    """A thread-safe LRU cache of documents that parsed and validated, keyed by query text.

    Bounded by the total length of the cached query texts rather than by their number: a
    parsed document takes about 100 bytes of memory per character of its text, and one long
    query must not weigh the same as one short one.
    """

    def __init__(self) -> None:
        self._documents: OrderedDict[tuple[Any, ...], tuple[V, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> V | None:
        with self._lock:
            entry = self._documents.get(key)
            if entry is None:
                return None
            self._documents.move_to_end(key)
            return entry[0]

    def put(self, key: tuple[Any, ...], document: V, size: int, max_size: int) -> None:
        if size > max_size:
            return
        with self._lock:
            previous = self._documents.pop(key, None)
            if previous is not None:
                self._size -= previous[1]
            self._documents[key] = (document, size)
            self._size += size
            while self._size > max_size:
                _, (_, evicted_size) = self._documents.popitem(last=False)
                self._size -= evicted_size

    def clear(self) -> None:
        with self._lock:
            self._documents.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._documents)


document_cache: DocumentCache[ParsedDocument] = DocumentCache()


def etag_for(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
