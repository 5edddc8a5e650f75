"""The shared cache (Redis), with a per-process fallback so that a Redis outage degrades the
site instead of failing it.

Everything that uses Django's default cache (the API's request counters and response cache,
Wagtail's site lookups) goes through :class:`ResilientRedisCache` when ``REDIS_URL`` is set.
When Redis refuses a connection, times out or answers with an error, the call is answered by a
memory cache of this process instead, and the process marks the shared cache *degraded*:

- while degraded, calls don't wait for Redis: one call every ``RETRY_SECONDS`` probes it again
  and every other call goes straight to memory, so a dead Redis costs nothing per request;
- short socket timeouts (``SOCKET_CONNECT_TIMEOUT``, ``SOCKET_TIMEOUT``) bound what a probe can
  cost when Redis stops answering instead of refusing;
- one WARNING when the outage starts, then at most one per ``REPORT_SECONDS`` (a minute) with
  the number of calls answered from memory, and one when Redis answers again; no traceback;
- the first call that reaches Redis again ends the outage and sends
  :data:`shared_cache_recovered` (the API's response cache uses it to drop what was cached
  before the outage, ``api/result_cache.py``).

Rate limits therefore count per process during an outage, and the response cache, which must
never serve what one process alone remembers, is bypassed (:func:`shared_cache_state`).

The state is per process and shared by every thread's instance of the backend (Django creates
one per thread). Only Django's cache API (get, set, add, incr, ... ) falls back; django-redis's
extras (``lock``, ``ttl``, ``keys``, ...) still raise during an outage.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.dispatch import Signal
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Sent once per process when the shared cache answers again after an outage, with
# ``outage_seconds``: how long this process answered from memory.
shared_cache_recovered = Signal()

OK = "ok"
DEGRADED = "degraded"
LOCAL = "local"

# What an unreachable or failing Redis raises through django-redis: refused or reset
# connections, timeouts, and refusals such as READONLY or OOM.
SHARED_CACHE_ERRORS: tuple[type[BaseException], ...] = (RedisError, ConnectionInterrupted, OSError)

DEFAULT_RETRY_SECONDS = 2.0
DEFAULT_REPORT_SECONDS = 60.0
DEFAULT_CONNECT_TIMEOUT = 0.25
DEFAULT_SOCKET_TIMEOUT = 0.5
# The key /readyz asks for: its presence doesn't matter, only whether Redis answers.
PROBE_KEY = "core:shared-cache-probe"


def monotonic() -> float:
    """The clock of outages and probes (a function, so that tests can move it)."""
    return time.monotonic()


class SharedCacheHealth:
    """Whether this process reaches the shared cache: one per cache location and process."""

    def __init__(self, retry_seconds: float, report_seconds: float) -> None:
        self.retry_seconds = retry_seconds
        self.report_seconds = report_seconds
        self._lock = threading.Lock()
        self.degraded_since: float | None = None
        self._next_probe = 0.0
        self._last_report = 0.0
        self._local_calls = 0
        self._local_calls_total = 0

    @property
    def degraded(self) -> bool:
        return self.degraded_since is not None

    def should_try_shared(self, now: float) -> bool:
        """True while healthy; while degraded, for one call per retry interval (the probe)."""
        with self._lock:
            if self.degraded_since is None:
                return True
            if now >= self._next_probe:
                self._next_probe = now + self.retry_seconds
                return True
            return False

    def failed(self, now: float) -> bool:
        """Count a call that Redis failed; True when it starts the outage."""
        with self._lock:
            self._next_probe = now + self.retry_seconds
            if self.degraded_since is not None:
                self._local_calls += 1
                self._local_calls_total += 1
                return False
            self.degraded_since = now
            self._last_report = now
            self._local_calls = self._local_calls_total = 1
            return True

    def answered_locally(self, now: float) -> tuple[int, float] | None:
        """Count a call answered from memory; once per report interval, the calls since the
        last report and the outage's length so far."""
        with self._lock:
            self._local_calls += 1
            self._local_calls_total += 1
            if self.degraded_since is None or now - self._last_report < self.report_seconds:
                return None
            calls, self._local_calls = self._local_calls, 0
            self._last_report = now
            return calls, now - self.degraded_since

    def recovered(self, now: float) -> tuple[float, int] | None:
        """End the outage, if there was one: its length and the calls answered from memory."""
        with self._lock:
            if self.degraded_since is None:
                return None
            outage = (now - self.degraded_since, self._local_calls_total)
            self.degraded_since = None
            self._local_calls = self._local_calls_total = 0
            return outage


_health_lock = threading.Lock()
_health: dict[str, SharedCacheHealth] = {}


def _health_of(location: str, retry_seconds: float, report_seconds: float) -> SharedCacheHealth:
    with _health_lock:
        if location not in _health:
            _health[location] = SharedCacheHealth(retry_seconds, report_seconds)
        return _health[location]


class ResilientRedisCache(RedisCache):
    """django-redis's cache that answers from a per-process memory cache while Redis is down.

    ``OPTIONS`` take, besides django-redis's own: ``RETRY_SECONDS`` (how often a degraded
    process probes Redis), ``REPORT_SECONDS`` (how often an outage is logged) and
    ``FALLBACK_MAX_ENTRIES`` (size of the memory cache). The socket timeouts default to
    0.25 s (connect) and 0.5 s (commands).
    """

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        retry_seconds = float(options.pop("RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
        report_seconds = float(options.pop("REPORT_SECONDS", DEFAULT_REPORT_SECONDS))
        max_entries = int(options.pop("FALLBACK_MAX_ENTRIES", 10_000))
        options.setdefault("SOCKET_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT)
        options.setdefault("SOCKET_TIMEOUT", DEFAULT_SOCKET_TIMEOUT)
        super().__init__(server, {**params, "OPTIONS": options})
        location = server if isinstance(server, str) else ",".join(server)
        self.health = _health_of(location, retry_seconds, report_seconds)
        # Every thread's instance shares one memory store: LocMemCache keys it by name.
        self.fallback = LocMemCache(
            f"shared-cache-fallback:{location}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "OPTIONS": {"MAX_ENTRIES": max_entries},
            },
        )

    @property
    def state(self) -> str:
        return DEGRADED if self.health.degraded else OK

    def _call(self, name: str, shared: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        health = self.health
        now = monotonic()
        if health.should_try_shared(now):
            try:
                result = shared(*args, **kwargs)
            except SHARED_CACHE_ERRORS as error:
                self._on_failure(now, error)
            else:
                if health.degraded:
                    self._on_recovery()
                return result
        else:
            report = health.answered_locally(now)
            if report is not None:
                calls, outage = report
                logger.warning(
                    "Shared cache (Redis) still unreachable after %d s: %d cache calls "
                    "answered from this process's memory in the last %d s.",
                    outage,
                    calls,
                    health.report_seconds,
                )
        return getattr(self.fallback, name)(*args, **kwargs)

    def _on_failure(self, now: float, error: BaseException) -> None:
        if self.health.failed(now):
            # A fresh start: nothing kept in memory from an earlier outage is served again.
            self.fallback.clear()
            logger.warning(
                "Shared cache (Redis) unreachable (%s): this process answers from its own "
                "memory until Redis is back; the API response cache is bypassed and request "
                "limits are counted per process. Next probe in %g s.",
                type(error).__name__,
                self.health.retry_seconds,
            )

    def _on_recovery(self) -> None:
        outage = self.health.recovered(monotonic())
        if outage is None:
            return
        seconds, calls = outage
        logger.warning(
            "Shared cache (Redis) reachable again after %d s; %d cache calls were answered "
            "from this process's memory meanwhile.",
            seconds,
            calls,
        )
        for receiver, response in shared_cache_recovered.send_robust(
            sender=type(self), outage_seconds=seconds
        ):
            if isinstance(response, Exception):
                logger.warning(
                    "After the shared cache came back, %s failed: %s",
                    getattr(receiver, "__qualname__", receiver),
                    type(response).__name__,
                )

    # --- Django's cache API ---------------------------------------------------------------

    def get(self, key: Any, default: Any = None, version: Any = None, client: Any = None) -> Any:
        if client is not None:
            return super().get(key, default, version, client)
        return self._call("get", super().get, key, default, version=version)

    def set(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set", super().set, *args, **kwargs)

    def add(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("add", super().add, *args, **kwargs)

    def touch(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("touch", super().touch, *args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete", super().delete, *args, **kwargs)

    def has_key(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("has_key", super().has_key, *args, **kwargs)

    def incr(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("incr", super().incr, *args, **kwargs)

    def decr(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("decr", super().decr, *args, **kwargs)

    def get_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("get_many", super().get_many, *args, **kwargs)

    def set_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set_many", super().set_many, *args, **kwargs)

    def delete_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete_many", super().delete_many, *args, **kwargs)

    def incr_version(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("incr_version", super().incr_version, *args, **kwargs)

    def clear(self) -> Any:
        return self._call("clear", super().clear)

    def close(self, **kwargs: Any) -> None:
        # Called at the end of every request: an outage is not the request's business.
        with contextlib.suppress(*SHARED_CACHE_ERRORS):
            super().close(**kwargs)

    def probe(self) -> str:
        """Ask Redis now (unless a probe is not due yet while degraded); the state after."""
        self.has_key(PROBE_KEY)
        return self.state


def shared_cache_state(*, probe: bool = False) -> str:
    """``"ok"``: Redis answers; ``"degraded"``: this process answers from memory until it
    does again; ``"local"``: no shared cache is configured (a single-process deployment).

    With ``probe``, Redis is asked first (at most once per retry interval while degraded).
    """
    backend = caches["default"]
    if not isinstance(backend, ResilientRedisCache):
        return LOCAL
    return backend.probe() if probe else backend.state
