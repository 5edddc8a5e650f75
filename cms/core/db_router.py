"""Which database a query goes to: the public API's reads to the replica, everything else to
the primary (docs/operations.md, "PostgreSQL: pooling and replicas").

With ``DATABASE_REPLICA_URL`` set, ``settings.DATABASE_REPLICA_ALIAS`` names a second alias.
:class:`ReplicaReadsMiddleware` marks each request under ``/api/`` (GraphQL, REST, the
widgets', kiosks' and HSDS reads); :class:`ReplicaRouter` sends that request's reads to the
replica, with these exceptions, which read the primary:

- a read inside a transaction of the primary, or after the request wrote anything (a consumer
  key's last use, a registered document): the request sees its own writes;
- a read within ``DATABASE_REPLICA_LAG_SECONDS`` of the last change of published content
  (:func:`note_change`, called when the response cache gives a change's keys new stamps).
  Without it a lagging replica would answer with the content from before a publication or a
  takedown, and the response cache and the edge would keep that answer under the fresh stamps
  as if it were new, until the next change. After the window the replica is taken to have
  replayed the change;
- a read while the shared cache is unreachable, when the time of the last change is unknown.

Everything else (the admin, workflows, tasks, management commands, the HTML pages) never sets
the mark and reads the primary, where every write goes; so an editor always reads their own
writes. Migrations run on the primary only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, HttpResponse

from cms.core.cache import DEGRADED, shared_cache_state

PRIMARY = "default"
# When published content last changed (time.time()), shared by every app server.
CHANGED_AT_KEY = "db:content-changed-at"


class ApiReads:
    """One public-API request's routing: the alias its reads go to, decided at its first read
    (so an answer from the response cache costs no lookup), and whether it wrote."""

    def __init__(self) -> None:
        self.alias: str | None = None
        self.wrote = False


_api_reads: ContextVar[ApiReads | None] = ContextVar("api_reads", default=None)


def note_change() -> None:
    """Published content changed (its transaction committed): the API reads the primary for
    the next ``DATABASE_REPLICA_LAG_SECONDS``. Nothing to note without a replica."""
    if settings.DATABASE_REPLICA_ALIAS is None:
        return
    cache.set(CHANGED_AT_KEY, time.time(), timeout=None)


def replica_has_caught_up() -> bool:
    """True when the last change of published content is older than the lag window. A time
    lost with the shared cache's memory counts as a change now."""
    if shared_cache_state() == DEGRADED:
        return False
    now = time.time()
    changed_at = cache.get(CHANGED_AT_KEY)
    if changed_at is None:
        cache.add(CHANGED_AT_KEY, now, timeout=None)
        changed_at = now
    return now - float(changed_at) >= settings.DATABASE_REPLICA_LAG_SECONDS


def read_primary() -> None:
    """The rest of this request reads the primary: for what must see the latest saved writes
    whatever the lag, such as a draft's preview (an editor's revision saved a moment ago)."""
    reads = _api_reads.get()
    if reads is not None:
        reads.alias = PRIMARY


def _read_alias(reads: ApiReads) -> str:
    replica = settings.DATABASE_REPLICA_ALIAS
    if replica is None or reads.wrote or connections[PRIMARY].in_atomic_block:
        return PRIMARY
    if reads.alias is None:
        reads.alias = replica if replica_has_caught_up() else PRIMARY
    return reads.alias


class ReplicaRouter:
    """``DATABASE_ROUTERS``: see the module's docstring."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        reads = _api_reads.get()
        if reads is None:
            return PRIMARY
        instance = hints.get("instance")
        if instance is not None and instance._state.db == PRIMARY:
            return PRIMARY  # a relation of an object read from (or written to) the primary
        return _read_alias(reads)

    def db_for_write(self, model: type, **hints: Any) -> str:
        reads = _api_reads.get()
        if reads is not None:
            reads.wrote = True
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


def is_public_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(settings.API_PATH_PREFIX)


class ReplicaReadsMiddleware:
    """Marks the public API's requests, whose reads may go to the replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.DATABASE_REPLICA_ALIAS is None or not is_public_api(request):
            return self.get_response(request)
        token = _api_reads.set(ApiReads())
        try:
            return self.get_response(request)
        finally:
            _api_reads.reset(token)
