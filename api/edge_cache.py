"""Shared caches in front of the API (the stack's nginx, a CDN), purged by surrogate key.

A cacheable GET answer carries its surrogate keys (``Surrogate-Key``, ``Cache-Tag``): a CDN
that purges by key needs nothing more. Wagtail's ``frontend_cache`` backends (HTTP/Varnish,
Cloudflare, CloudFront, Azure, and ``api.edge_cache.NginxCacheBackend`` for the stack's nginx)
purge by URL, so while ``WAGTAILFRONTENDCACHE`` is set the app also keeps, for each key, the
URLs it answered with that key, and for each URL the (Accept, Accept-Encoding) pairs it
answered, for as long as an edge may keep the answer (``API_GRAPHQL_CACHE_MAX_AGE``).

After a change commits, ``purge_edge`` (a background task) purges the URLs of the keys the
change reached through every configured backend; a change that empties the response cache
purges every URL remembered.

In Redis the index is two kinds of sets; without Redis (development, tests) it lives in the
process's memory.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django_redis.cache import RedisCache
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from cms.core.cache import SHARED_CACHE_ERRORS

logger = logging.getLogger(__name__)

EVERY_URL = "*"
REFRESH_HEADER = "X-Equalcity-Cache-Refresh"


def enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def is_refresh(request: HttpRequest) -> bool:
    """A refresh of an edge answer (``NginxCacheBackend``): it carries a backend's secret.
    Not counted against the anonymous budget: refused, it would leave the old answer at the
    edge (after a takedown, too)."""
    sent = request.headers.get(REFRESH_HEADER, "")
    if not sent:
        return False
    secrets = [
        str(backend["SECRET"])
        for backend in (getattr(settings, "WAGTAILFRONTENDCACHE", None) or {}).values()
        if backend.get("SECRET")
    ]
    return any(hmac.compare_digest(sent.encode(), secret.encode()) for secret in secrets)


def _url_set(key: str) -> str:
    return f"api:edge:{key}"


def _variant_set(url: str) -> str:
    return "api:edge-variants:" + hashlib.sha256(url.encode()).hexdigest()


class _MemoryIndex:
    """The index in this process's memory (no Redis)."""

    def __init__(self) -> None:
        self.sets: dict[str, set[str]] = {}
        self.lock = threading.Lock()

    def add(self, members: dict[str, Iterable[str]]) -> None:
        with self.lock:
            for name, values in members.items():
                self.sets.setdefault(name, set()).update(values)

    def pop(self, names: Iterable[str]) -> set[str]:
        with self.lock:
            popped: set[str] = set()
            for name in names:
                popped |= self.sets.pop(name, set())
            return popped

    def members(self, name: str) -> set[str]:
        with self.lock:
            return set(self.sets.get(name, set()))

    def clear(self) -> None:
        with self.lock:
            self.sets.clear()


_memory = _MemoryIndex()


def _redis() -> Any:
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return backend.client.get_client(write=True)
    return None


def remember(request: HttpRequest, keys: Iterable[str]) -> None:
    """Index a cacheable GET answer's URL under its keys (and every URL's set)."""
    if not enabled():
        return
    url = request.build_absolute_uri()
    variant = "\t".join(
        (request.headers.get("Accept", ""), request.headers.get("Accept-Encoding", ""))
    )
    names = [_url_set(key) for key in (*keys, EVERY_URL)]
    ttl = settings.API_GRAPHQL_CACHE_MAX_AGE + 60
    client = _redis()
    if client is None:
        _memory.add({**{name: [url] for name in names}, _variant_set(url): [variant]})
        return
    try:
        pipe = client.pipeline(transaction=False)
        for name in names:
            pipe.sadd(name, url)
            pipe.expire(name, ttl)
        pipe.sadd(_variant_set(url), variant)
        pipe.expire(_variant_set(url), ttl)
        pipe.execute()
    except SHARED_CACHE_ERRORS:
        logger.warning("Could not index an answer for the edge cache: Redis unreachable.")


def urls_for(keys: Iterable[str] | None, *, forget: bool = True) -> set[str]:
    """The URLs answered with any of ``keys`` (every URL for None), forgotten as they go
    unless ``forget`` is False (a purge that a queued one will repeat)."""
    names = [_url_set(key) for key in (keys if keys is not None else [EVERY_URL])]
    client = _redis()
    if client is None:
        if not forget:
            return set().union(*(_memory.members(name) for name in names))
        return _memory.pop(names)
    pipe = client.pipeline(transaction=False)
    for name in names:
        pipe.smembers(name)
    if forget:
        pipe.delete(*names)
    results = pipe.execute()
    urls: set[str] = set()
    for members in results[: len(names)]:
        urls |= {m.decode() if isinstance(m, bytes) else m for m in members}
    return urls


def variants_of(url: str) -> list[tuple[str, str]]:
    """The (Accept, Accept-Encoding) pairs ``url`` was answered for."""
    client = _redis()
    if client is None:
        members = _memory.members(_variant_set(url))
    else:
        members = {
            m.decode() if isinstance(m, bytes) else m for m in client.smembers(_variant_set(url))
        }
    pairs = []
    for member in sorted(members):
        accept, _, encoding = member.partition("\t")
        pairs.append((accept, encoding))
    return pairs


def purge(keys: Iterable[str] | None) -> int:
    """Purge the answers of ``keys`` (every answer for None) from every configured edge, in
    this process; the number of URLs purged.

    Wagtail's ``purge_urls_from_cache`` would queue one more task (a second wait for the
    worker, and none at all for a takedown that purges before its request returns): its task
    is called here instead, which is what the queued task would run."""
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    urls = urls_for(keys)
    if urls:
        purge_urls_from_cache_task.call(sorted(urls))
    return len(urls)


def purge_now(keys: Iterable[str] | None, seconds: float) -> tuple[int, int]:
    """Purge the answers of ``keys`` from every configured edge in this process, URL by URL,
    for at most about ``seconds`` (a takedown's request waits for it); (purged, left).

    The index keeps every URL: the purge queued after the change (``purge_edge``) finds them
    all again, so a URL left for lack of time, or one an edge failed to refresh, is retried
    by the worker."""
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    urls = sorted(urls_for(keys, forget=False))
    deadline = time.monotonic() + seconds
    for done, url in enumerate(urls):
        if time.monotonic() >= deadline:
            return done, len(urls) - done
        purge_urls_from_cache_task.call([url])
    return len(urls), 0


class NginxCacheBackend(BaseBackend):
    """The stack's nginx cache (deploy/nginx): refreshed, since stock nginx can't purge.

    For each URL and each (Accept, Accept-Encoding) pair it was answered for, a GET to
    ``LOCATION`` with the refresh header (``SECRET``, which nginx compares) makes nginx skip
    its cached copy, fetch the answer again and keep the new one.
    """

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        self.location = params["LOCATION"].rstrip("/")
        self.secret = params["SECRET"]
        self.timeout = float(params.get("TIMEOUT", 5))

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        target = self.location + parts.path + (f"?{parts.query}" if parts.query else "")
        for accept, encoding in variants_of(url) or [("", "")]:
            headers = {
                "Host": parts.netloc,
                REFRESH_HEADER: self.secret,
                "X-Forwarded-Proto": parts.scheme,
            }
            if accept:
                headers["Accept"] = accept
            if encoding:
                headers["Accept-Encoding"] = encoding
            request = Request(target, headers=headers, method="GET")  # noqa: S310
            try:
                with urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    response.read()
            except OSError as error:
                logger.warning("Could not refresh an nginx cache entry: %s", error)
