"""Which bundles a content change touches, and their rebuild once the change commits.

The same changes that empty the API's response cache (``api.result_cache.changes_content``)
queue one rebuild per transaction, limited to what the change can reach: a listing's city
only; a translation's language only (a change in the site's default language reaches every
language, whose answers fall back to it).
"""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from api import result_cache
from api.result_cache import changes_content
from cms.delivery.changelog import forget_language_codes, language_code, listing_city_key

_pending = threading.local()
EVERY = "*"


def scope_of(instance: Any) -> tuple[str, str]:
    """(language code or EVERY, city translation key or EVERY) a change of ``instance``
    may alter."""
    code = language_code(getattr(instance, "locale_id", None))
    city = listing_city_key(instance)
    return (
        code if code and code != settings.LANGUAGE_CODE else EVERY,
        str(city) if city is not None else EVERY,
    )


def queue_rebuild(scopes: set[tuple[str, str]], *, priority: int = 0) -> None:
    """Queue one rebuild of the kept bundles these scopes (``scope_of``) reach."""
    from cms.delivery.tasks import refresh_bundles

    locales = {locale for locale, _ in scopes}
    cities = {city for _, city in scopes}
    refresh_bundles.using(priority=priority).enqueue(
        locales=None if EVERY in locales else sorted(locales),
        city_keys=None if EVERY in cities else sorted(cities),
    )


def _queue() -> None:
    scopes: set[tuple[str, str]] = getattr(_pending, "scopes", set())
    _pending.scopes = set()
    if scopes:  # else an earlier callback of this transaction queued it
        queue_rebuild(scopes)


def _on_change(sender: type[Model], instance: Any = None, **kwargs: Any) -> None:
    if not changes_content(sender) or sender._meta.app_label == "delivery":
        return
    if sender._meta.label == "wagtailcore.Locale":
        forget_language_codes()
    scope = scope_of(instance) if isinstance(instance, Model) else (EVERY, EVERY)
    if not hasattr(_pending, "scopes"):
        _pending.scopes = set()
    _pending.scopes.add(scope)
    transaction.on_commit(_queue)


def _purge_edge(keys: frozenset[str] | None = None, **kwargs: Any) -> None:
    """After a change committed: its answers out of the edge caches, first in the queue."""
    from api import edge_cache
    from cms.delivery.takedowns import URGENT_PRIORITY
    from cms.delivery.tasks import purge_edge

    if edge_cache.enabled():
        purge_edge.using(priority=URGENT_PRIORITY).enqueue(
            keys=sorted(keys) if keys is not None else None
        )


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"delivery-bundles-{signal!r}")
    result_cache.changed.connect(_purge_edge, dispatch_uid="delivery-edge-purge")
