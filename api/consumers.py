"""Consumer keys at request time: who is calling, what it may read, how often.

Shared by the REST API (``api.rest.authentication``) and the GraphQL endpoint
(``api.graphql.consumers``). A key is sent as ``Authorization: Bearer <key>``.

- A malformed, unknown or revoked key: 401. A key asking for a city or a language outside
  its scope: 403. More requests in a minute than the key allows: 429 with ``Retry-After``.
- Requests are counted per key and per clock minute in the shared Django cache (Redis when
  ``REDIS_URL`` is set, so every app server counts together). Nothing identifies an end user:
  no IP address or user agent is read, counted or stored.
- Anonymous requests (allowed by the GraphQL endpoint only) share one budget: without a key
  nothing tells one anonymous client from another but its IP address, which this platform
  doesn't process. So that one client can't deny the others, the budget counts executed work
  only: an answer served from the response cache costs next to nothing and is never counted
  or refused, and neither is a document refused before execution (it costs a parse and the
  limits' linear pass). The budget is spread over short windows
  (``API_ANONYMOUS_WINDOW_SECONDS``, 10 s: a sixth of the per-minute budget each), so a burst
  exhausts at most the rest of its window, with ``Retry-After`` saying exactly how long.
  Per-address limits, if wanted, belong to the proxy in front, outside the application's data.
- ``last_used_at`` is written at most once a minute per key (and app server without Redis),
  not on every request.
"""

from __future__ import annotations

import dataclasses
import hmac
import math
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from django.utils import timezone

from api.models import ConsumerKey, hash_key, split_key
from cms.core.outages import DatabaseUnavailable, is_database_outage

WWW_AUTHENTICATE = 'Bearer realm="Equalcity API"'
ANONYMOUS_BUCKET = "anonymous"


@dataclass(frozen=True)
class Consumer:
    """A valid, active key as a request sees it."""

    pk: int
    name: str
    prefix: str
    all_cities: bool
    city_keys: frozenset[uuid.UUID]
    all_locales: bool
    locales: tuple[str, ...]
    allowed_origins: tuple[str, ...]
    requests_per_minute: int

    def allows_origin(self, origin: str) -> bool:
        return origin in self.allowed_origins

    def allows_locale(self, code: str) -> bool:
        return self.all_locales or code in self.locales

    def allows_city(self, translation_keys: Iterable[uuid.UUID]) -> bool:
        return self.all_cities or bool(self.city_keys & set(translation_keys))


class ConsumerRejected(Exception):
    """A request refused because of its key (or the lack of one)."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def _unauthorized(code: str, message: str, invalid_token: bool = True) -> ConsumerRejected:
    challenge = WWW_AUTHENTICATE + (', error="invalid_token"' if invalid_token else "")
    return ConsumerRejected(401, code, message, {"WWW-Authenticate": challenge})


def missing_key() -> ConsumerRejected:
    return _unauthorized(
        "key_required",
        "This endpoint needs a consumer key: send it as 'Authorization: Bearer <key>'.",
        invalid_token=False,
    )


def bearer_token(request: HttpRequest) -> str | None:
    """The key sent with the request, None when there is no Authorization header."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header.strip():
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        raise _unauthorized(
            "invalid_authorization",
            "Send the consumer key as 'Authorization: Bearer <key>'.",
        )
    return token


def authenticate(raw_key: str) -> Consumer:
    """The consumer a raw key belongs to, or 401. One query (and, at most once a minute, an
    update of its last-used date and a copy of its record in the shared cache).

    When the database can't be reached, the cached copy answers instead (``fallback``); a key
    without one gets ``DatabaseUnavailable`` (a 503), not a 401: it may well be valid.
    """
    prefix = split_key(raw_key)
    if prefix is None:
        raise _unauthorized("invalid_key", "This consumer key is not valid.")
    try:
        rows = _key_rows(prefix)
    except DatabaseError as error:
        if not is_database_outage(error):
            raise
        return fallback(raw_key, prefix, error)
    if not rows or not hmac.compare_digest(rows[0][2], hash_key(raw_key)):
        raise _unauthorized("invalid_key", "This consumer key is not valid.")
    first = rows[0]
    pk, name, key_hash, revoked_at, all_cities, all_locales, locales, origins, per_minute, _ = first
    if revoked_at is not None:
        raise _unauthorized("revoked_key", "This consumer key was revoked.")
    consumer = Consumer(
        pk=pk,
        name=name,
        prefix=prefix,
        all_cities=all_cities,
        city_keys=frozenset(row[-1] for row in rows if row[-1] is not None),
        all_locales=all_locales,
        locales=tuple(locales or ()),
        allowed_origins=tuple(origins or ()),
        requests_per_minute=per_minute,
    )
    _note_use(consumer, key_hash)
    return consumer


def _key_rows(prefix: str) -> list[tuple]:
    return list(
        ConsumerKey.objects.filter(key_prefix=prefix)
        .order_by()
        .values_list(
            "pk",
            "name",
            "key_hash",
            "revoked_at",
            "all_cities",
            "all_locales",
            "locales",
            "allowed_origins",
            "requests_per_minute",
            "cities__translation_key",
        )
    )


def _used_key(prefix: str) -> str:
    return f"api:key-used:{prefix}"


def _record_key(prefix: str) -> str:
    return f"api:key-record:{prefix}"


def _note_use(consumer: Consumer, key_hash: str) -> None:
    """Once a minute per key: write its last-used date and refresh its cached record.

    Skipped while the database is down: the request is served (or refused) all the same.
    """
    if not cache.add(_used_key(consumer.prefix), 1, timeout=60):
        return
    if settings.API_CONSUMER_FALLBACK_SECONDS > 0:
        # Plain values, not the class: a record written before a deployment that changed
        # ``Consumer`` is then refused (and the request gets its 503), never misread.
        cache.set(
            _record_key(consumer.prefix),
            (key_hash, dataclasses.asdict(consumer)),
            timeout=settings.API_CONSUMER_FALLBACK_SECONDS,
        )
    try:
        ConsumerKey.objects.filter(pk=consumer.pk).update(last_used_at=timezone.now())
    except DatabaseError as error:
        if not is_database_outage(error):
            raise


def fallback(raw_key: str, prefix: str, error: DatabaseError) -> Consumer:
    """The key's cached record while the database is down; ``DatabaseUnavailable`` without
    one. A key seen in the last ``API_CONSUMER_FALLBACK_SECONDS`` keeps working for answers
    that need no query (the GraphQL result cache); anything else still gets its 503."""
    entry = None
    if settings.API_CONSUMER_FALLBACK_SECONDS > 0:
        try:
            entry = cache.get(_record_key(prefix))
        except Exception:  # noqa: BLE001 - the cache failing too leaves nothing to fall back on
            entry = None
    consumer = None
    if entry is not None:
        key_hash, fields = entry
        try:
            consumer = Consumer(**fields)
        except TypeError:
            consumer = None
    if consumer is None:
        raise DatabaseUnavailable("The consumer key can't be checked right now.") from error
    if not hmac.compare_digest(key_hash, hash_key(raw_key)):
        raise _unauthorized("invalid_key", "This consumer key is not valid.")
    return consumer


def forget_key(prefix: str) -> None:
    """Drop a key's cached record (and its last-use mark, so that the next request caches the
    record again at once): its scope, limit or status may have changed."""
    cache.delete_many([_record_key(prefix), _used_key(prefix)])


def _on_key_change(sender: type, instance: object, **kwargs: object) -> None:
    if isinstance(instance, ConsumerKey) and instance.key_prefix:
        forget_key(instance.key_prefix)


def connect_signals() -> None:
    """A key saved, revoked, deleted or given other cities loses its cached record."""
    post_save.connect(_on_key_change, sender=ConsumerKey, dispatch_uid="api-consumer-key-saved")
    post_delete.connect(_on_key_change, sender=ConsumerKey, dispatch_uid="api-consumer-key-deleted")
    m2m_changed.connect(
        _on_key_change, sender=ConsumerKey.cities.through, dispatch_uid="api-consumer-key-cities"
    )


def now_seconds() -> float:
    """The clock the request counters use (a function, so that tests can set it)."""
    return time.time()


def count_request(bucket: str, limit: int, window: int = 60, what: str = "requests") -> None:
    """Count one request of ``bucket`` in the current window of ``window`` seconds (clock
    aligned); 429 above ``limit``, with ``Retry-After`` the seconds left in the window."""
    now = now_seconds()
    slot = int(now // window)
    counter = (
        f"api:requests:{bucket}:{slot}"
        if window == 60
        else f"api:requests:{bucket}:{window}s:{slot}"
    )
    cache.add(counter, 0, timeout=2 * window)
    try:
        count = cache.incr(counter)
    except ValueError:
        # Evicted between add() and incr().
        cache.set(counter, 1, timeout=2 * window)
        count = 1
    if count > limit:
        retry_after = max(1, window - int(now % window))
        span = "this minute" if window == 60 else f"in {window} seconds"
        raise ConsumerRejected(
            429,
            "rate_limited",
            f"More than {limit} {what} {span}: try again in {retry_after} seconds.",
            {"Retry-After": str(retry_after)},
        )


def anonymous_limit() -> int:
    """Anonymous executions allowed per window: the per-minute budget spread over the minute."""
    window = settings.API_ANONYMOUS_WINDOW_SECONDS
    return max(1, math.ceil(settings.API_ANONYMOUS_REQUESTS_PER_MINUTE * window / 60))


def count_anonymous_execution() -> None:
    """Count one anonymous request that is about to execute (its answer was not in the
    response cache) against the shared anonymous budget; 429 above it."""
    count_request(
        ANONYMOUS_BUCKET,
        anonymous_limit(),
        window=settings.API_ANONYMOUS_WINDOW_SECONDS,
        what="anonymous requests",
    )


def count_consumer_request(consumer: Consumer) -> None:
    count_request(consumer.prefix, consumer.requests_per_minute)


def admit(request: HttpRequest, *, anonymous: bool) -> Consumer | None:
    """Authenticate a request and count it against its key's limit; the consumer, or None for
    an anonymous one (where allowed), which is counted only if it executes
    (:func:`count_anonymous_execution`).

    The consumer is kept on the request (``api_consumer``) for the CORS headers.
    """
    raw_key = bearer_token(request)
    if raw_key is None:
        if not anonymous:
            raise missing_key()
        return None
    consumer = authenticate(raw_key)
    request.api_consumer = consumer  # type: ignore[attr-defined]
    count_consumer_request(consumer)
    return consumer


def check_locale(consumer: Consumer | None, code: str) -> None:
    if consumer is not None and not consumer.allows_locale(code):
        allowed = ", ".join(consumer.locales) or "none"
        raise ConsumerRejected(
            403,
            "locale_not_allowed",
            f"This consumer key may not read the language {code!r} (allowed: {allowed}).",
        )


def check_city(consumer: Consumer | None, translation_keys: Iterable[uuid.UUID], slug: str) -> None:
    if consumer is not None and not consumer.allows_city(translation_keys):
        raise ConsumerRejected(
            403, "city_not_allowed", f"This consumer key may not read the city {slug!r}."
        )


def require_city(consumer: Consumer | None, argument: str) -> None:
    """A key limited to some cities must name one where a list would span every city."""
    if consumer is not None and not consumer.all_cities:
        raise ConsumerRejected(
            403,
            "city_required",
            f"This consumer key is limited to some cities: name one with {argument!r}.",
        )
