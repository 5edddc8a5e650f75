"""A shared cache of whole API responses, emptied whenever published content changes.

Every cached response is stored under the current *content version*. Any change that can
alter what the API serves (a page or snippet published, unpublished, moved or deleted; a city,
vocabulary term, image, document or view restriction saved) bumps the version once its
transaction commits, so every earlier response is unreachable at once. With Redis
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
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site

from cms.core.cache import DEGRADED, shared_cache_recovered, shared_cache_state

VERSION_KEY = "api:content-version"
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
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def bump_content_version() -> None:
    """Make every cached response unreachable. Never raises: during an outage of the shared
    cache this only touches the process's memory, and the recovery bumps it again."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def response_key(*parts: Any) -> str:
    """A key that names no query text or variable in clear (they may hold search terms or
    coordinates)."""
    digest = hashlib.sha256(
        json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str).encode()
    ).hexdigest()
    return f"api:response:{content_version()}:{digest}"


def bypassed() -> bool:
    """True while the shared cache is unreachable: no response is read or stored."""
    return shared_cache_state() == DEGRADED


def get(key: str) -> bytes | None:
    if bypassed():
        return None
    return cache.get(key)


def put(key: str, body: bytes) -> None:
    if bypassed():
        return
    cache.set(key, body, timeout=settings.API_RESULT_CACHE_SECONDS)


def changes_content(sender: type[Model]) -> bool:
    return sender._meta.app_label in CONTENT_APPS or issubclass(sender, CONTENT_MODELS)


def _on_change(sender: type[Model], **kwargs: Any) -> None:
    if changes_content(sender):
        transaction.on_commit(bump_content_version)


def _on_shared_cache_recovered(**kwargs: Any) -> None:
    # Whatever was published while Redis was unreachable could not bump the version.
    bump_content_version()


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"api-result-cache-{signal!r}")
    shared_cache_recovered.connect(
        _on_shared_cache_recovered, dispatch_uid="api-result-cache-recovered"
    )
