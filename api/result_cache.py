"""A shared cache of whole API responses, invalidated by what each one read.

Each cached response keeps the surrogate keys it read (``api.surrogate``) with the stamp each
key had when it was stored; a change of a listing, a page or a helpline gives the keys it
reaches new stamps once its transaction commits (``invalidate``), and an answer whose stamps
no longer match is a miss. Publishing a Rome listing leaves a Brussels toolbox cached.

A change that can't be placed precisely (a city, a vocabulary term, an image, a document, a
view restriction, a move or a deletion) bumps the *content version* every response key
holds, so every earlier response is unreachable at once. With Redis
(``REDIS_URL``) the version is shared by every app server and the invalidation is immediate;
with the per-process memory cache another process may serve a response for at most
``API_RESULT_CACHE_SECONDS``.

While Redis is unreachable (``cms.core.cache``) the response cache is bypassed: nothing is read
or stored, because a copy kept in one process's memory would go on serving a page another
process unpublished. A change published during the outage can't bump the shared version, so
the version is bumped once when Redis answers again: nothing cached before the outage
outlives it.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from api import surrogate
from api.compression import IDENTITY, chosen_encoding, compress
from cms.core.cache import DEGRADED, shared_cache_recovered, shared_cache_state
from cms.core.db_router import note_change

VERSION_KEY = "api:content-version"
KEY_STAMP_PREFIX = "api:stamp:"
GENERATION_KEY = "api:invalidations"
# Sent after a commit with the surrogate keys it reached (``keys``; None: everything); the
# edge purge listens (cms.delivery.changes).
changed = Signal()
CONTENT_APPS = {"core", "toolbox_pages", "safe_spaces"}
CONTENT_MODELS: tuple[type[Model], ...] = (
    Page,
    PageViewRestriction,
    Site,
    Locale,
    AbstractImage,
    AbstractDocument,
)


def enabled() -> bool:
    return settings.API_RESULT_CACHE_SECONDS > 0


def content_version() -> int:
    """The version every kept answer is checked against. It starts from the clock, so that a
    version lost with Redis's memory never matches the answers kept under the old one."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def bump_content_version() -> None:
    """Make every cached response unreachable. Never raises: during an outage of the shared
    cache this only touches the process's memory, and the recovery bumps it again. The
    generation moves first, as in ``invalidate``; the API reads the primary for a while
    (``cms.core.db_router.note_change``)."""
    note_change()
    _next_generation()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        content_version()


def response_key(*parts: Any) -> str:
    """A key that names no query text or variable in clear (they may hold search terms or
    coordinates)."""
    digest = hashlib.sha256(
        json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str).encode()
    ).hexdigest()
    return f"api:response:{digest}"


def bypassed() -> bool:
    """True while the shared cache is unreachable: no response is read or stored."""
    return shared_cache_state() == DEGRADED


@dataclass(frozen=True)
class CachedAnswer:
    """An answer as sent: its bytes in one encoding, and the surrogate keys it read."""

    body: bytes
    encoding: str
    keys: tuple[str, ...]

    def response(self, content_type: str) -> HttpResponse:
        response = HttpResponse(self.body, content_type=content_type)
        if self.encoding != IDENTITY:
            response["Content-Encoding"] = self.encoding
        patch_vary_headers(response, ("Accept-Encoding",))
        return response


def _stamp_keys(keys: Iterable[str]) -> list[str]:
    return [KEY_STAMP_PREFIX + key for key in keys]


def _current_stamps(keys: Iterable[str]) -> dict[str, str]:
    """Each key's stamp; a key without one (never invalidated, or evicted) gets a new one,
    so an answer stored under an evicted stamp can never match again."""
    names = _stamp_keys(keys)
    stamps = cache.get_many(names)
    missing = [name for name in names if name not in stamps]
    if missing:
        fresh = {name: uuid.uuid4().hex for name in missing}
        for name, stamp in fresh.items():
            cache.add(name, stamp, timeout=None)
        stamps.update(cache.get_many(missing))
    return stamps


def stamps_of(keys: Iterable[str]) -> dict[str, str]:
    """The current stamp of each key (a key without one gets one); one cache read."""
    keys = list(keys)
    stamps = _current_stamps(keys)
    return {key: stamps[KEY_STAMP_PREFIX + key] for key in keys}


def generation() -> int:
    """How many invalidations there have been: read before an answer executes and passed to
    ``put``, which keeps nothing when an invalidation ran in between."""
    return int(cache.get(GENERATION_KEY, 0))


def _next_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 1, timeout=None)


def invalidate(keys: Iterable[str]) -> None:
    """Give ``keys`` new stamps: every answer that read one of them is a miss from now on.

    The generation moves first: an answer that executed before the change committed and reads
    the new stamps afterwards also sees the new generation, and is not kept.
    """
    names = _stamp_keys(keys)
    if not names:
        return
    note_change()  # before the new stamps: no answer from a lagging replica is kept under them
    _next_generation()
    cache.set_many({name: uuid.uuid4().hex for name in names}, timeout=None)


def get(key: str, accept_encoding: str = "") -> CachedAnswer | None:
    """The answer under ``key`` in the encoding this client accepts, if the content version
    and every key it read are unchanged.

    An answer this process has served before is read from its memory, checked with one small
    read of the shared cache (the version and the stamps); otherwise from the shared cache,
    with a second read for the stamps. An encoding not kept yet is made once and kept."""
    if bypassed():
        return None
    local = _local.get(key)
    if local is not None:
        if local.expires > time.monotonic() and cache.get_many(list(local.wanted)) == local.wanted:
            return _answer(key, local, accept_encoding)
        _local.drop(key)
    entry = cache.get(key)
    if entry is None:
        return None
    version, stamps, keys, body = entry
    wanted = {VERSION_KEY: version, **stamps}
    if cache.get_many(list(wanted)) != wanted:
        return None
    kept = _local.put(key, _Kept(wanted, keys, {IDENTITY: body}, _expiry()))
    return _answer(key, kept, accept_encoding)


def put(key: str, body: bytes, keys: Iterable[str] = (), since: int | None = None) -> None:
    """Keep ``body`` with the content version and the stamps its keys have now, unless an
    invalidation ran since the ``generation`` read before it executed (``since``): it may
    have read the old rows."""
    if bypassed():
        return
    ordered = tuple(sorted(keys))
    stamps = _current_stamps(ordered) if ordered else {}
    version = content_version()
    if since is not None and generation() != since:
        return
    cache.set(key, (version, stamps, ordered, body), timeout=settings.API_RESULT_CACHE_SECONDS)
    _local.put(key, _Kept({VERSION_KEY: version, **stamps}, ordered, {IDENTITY: body}, _expiry()))


def _expiry() -> float:
    """Kept in memory no longer than in the shared cache: an answer may hold what time alone
    changes (open now, a scheduled expiry)."""
    return time.monotonic() + settings.API_RESULT_CACHE_SECONDS


def _answer(key: str, kept: _Kept, accept_encoding: str) -> CachedAnswer:
    body = kept.bodies[IDENTITY]
    encoding = chosen_encoding(accept_encoding, len(body))
    encoded = kept.bodies.get(encoding)
    if encoded is None:
        encoded = cache.get(f"{key}:{encoding}")
        if encoded is None:
            encoded = compress(body, encoding)
            cache.set(f"{key}:{encoding}", encoded, timeout=settings.API_RESULT_CACHE_SECONDS)
        _local.add_encoding(key, kept, encoding, encoded)
    return CachedAnswer(encoded, encoding, kept.keys)


@dataclass
class _Kept:
    """An answer in this process's memory: the version and stamps it is valid with."""

    wanted: dict[str, Any]
    keys: tuple[str, ...]
    bodies: dict[str, bytes]
    expires: float  # time.monotonic()

    @property
    def size(self) -> int:
        return sum(len(body) for body in self.bodies.values())


class _LocalAnswers:
    """Answers this process served, by response key, bounded by their bytes
    (``API_RESULT_LOCAL_BYTES``): a hit reads only the small stamps from the shared cache."""

    def __init__(self) -> None:
        self._answers: OrderedDict[str, _Kept] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> _Kept | None:
        with self._lock:
            kept = self._answers.get(key)
            if kept is not None:
                self._answers.move_to_end(key)
            return kept

    def put(self, key: str, kept: _Kept) -> _Kept:
        with self._lock:
            self._remove(key)
            self._answers[key] = kept
            self._size += kept.size
            self._trim()
        return kept

    def add_encoding(self, key: str, kept: _Kept, encoding: str, body: bytes) -> None:
        with self._lock:
            if self._answers.get(key) is kept:
                kept.bodies[encoding] = body
                self._size += len(body)
                self._trim()

    def drop(self, key: str) -> None:
        with self._lock:
            self._remove(key)

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self._size = 0

    def _remove(self, key: str) -> None:
        kept = self._answers.pop(key, None)
        if kept is not None:
            self._size -= kept.size

    def _trim(self) -> None:
        while self._size > settings.API_RESULT_LOCAL_BYTES and self._answers:
            _, evicted = self._answers.popitem(last=False)
            self._size -= evicted.size


_local = _LocalAnswers()


def clear_local() -> None:
    """Forget the answers kept in this process (tests; the shared cache is untouched)."""
    _local.clear()


def changes_content(sender: type[Model]) -> bool:
    return sender._meta.app_label in CONTENT_APPS or issubclass(sender, CONTENT_MODELS)


def _on_change(sender: type[Model], instance: Any = None, **kwargs: Any) -> None:
    if not changes_content(sender):
        return
    if kwargs.get("signal") is post_save and surrogate.is_draft_only(kwargs.get("update_fields")):
        return
    keys = None
    if isinstance(instance, Model):
        keys = surrogate.keys_for_change(instance, deleted=kwargs.get("signal") is post_delete)
    if keys is None:
        transaction.on_commit(empty)
        return
    transaction.on_commit(_Invalidation(keys))


class _Invalidation:
    """The keys one change reaches, invalidated once its transaction commits (a rolled back
    transaction drops the callback, and so its keys). The edge purge that follows pops the
    URLs it purges, so the other parts of one publication find nothing left to purge."""

    def __init__(self, keys: set[str]) -> None:
        self.keys = frozenset(keys)

    def __call__(self) -> None:
        invalidate(self.keys)
        changed.send(sender=None, keys=self.keys)


def _before_save(sender: type[Model], instance: Any = None, **kwargs: Any) -> None:
    if changes_content(sender) and not surrogate.is_draft_only(kwargs.get("update_fields")):
        surrogate.remember_stored(instance)


def empty() -> None:
    """Make every cached answer unreachable, here and at the edge."""
    bump_content_version()
    changed.send(sender=None, keys=None)


def _on_everything_changed(**kwargs: Any) -> None:
    transaction.on_commit(empty)


def _on_shared_cache_recovered(**kwargs: Any) -> None:
    # Whatever was published while Redis was unreachable could not bump the version.
    bump_content_version()


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"api-result-cache-{signal!r}")
    pre_save.connect(_before_save, dispatch_uid="api-result-cache-pre-save")
    # A move changes two lists of children and every URL below the page.
    post_page_move.connect(_on_everything_changed, dispatch_uid="api-result-cache-move")
    shared_cache_recovered.connect(
        _on_shared_cache_recovered, dispatch_uid="api-result-cache-recovered"
    )
