"""Emergency takedown: a page, a listing or a helpline off every screen at once.

``take_down`` unpublishes the object (a page with the pages under it), in one transaction
with an urgent record in the change log (for each object it takes down) and the record of who
and why (``Takedown``, administrators only). Once committed, the API's response cache is
emptied (its own signals) and the bundles the object was in are rebuilt first in the queue;
kiosks and widgets learn of it from ``GET /api/v1/takedowns`` within one poll.

Allowed to superusers and to holders of the "Can take down published content at once"
permission (``delivery.take_down``), whatever the object's panel or workflow: unpublishing is
always allowed.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from api import edge_cache, result_cache, surrogate
from cms.delivery.changelog import Action, kind_of, record
from cms.delivery.changes import queue_rebuild, scope_of
from cms.delivery.models import Takedown

PERMISSION = "delivery.take_down"
URGENT_PRIORITY = 100  # bundles rebuilt after a takedown go before every other task

logger = logging.getLogger(__name__)


def can_take_down(user: Any, obj: Any) -> bool:
    return (
        user.is_active
        and user.has_perm(PERMISSION)
        and kind_of(obj) is not None
        and bool(getattr(obj, "live", False))
    )


def take_down(obj: Any, user: Any, reason: str) -> Takedown:
    """Take ``obj`` down now (see the module's docstring)."""
    reason = reason.strip()
    if not reason:
        raise ValueError("Say why: administrators read it.")
    with transaction.atomic():
        # No user on the object's history, which editors read: who took it down is for
        # administrators only (Takedown).
        if isinstance(obj, Page):
            taken = list(Page.objects.descendant_of(obj, inclusive=True).live().specific())
        else:
            taken = [obj]
        # The bundles' urgent rebuild first: it is only queued, and must happen whatever
        # the callbacks after it do.
        scopes = {scope_of(item) for item in taken}
        transaction.on_commit(lambda: queue_rebuild(scopes, priority=URGENT_PRIORITY))
        # Then the caches, before the unpublishing's own callbacks; robust, so an edge or a
        # cache that fails can't cancel those (its invalidation, the queued edge purge that
        # retries every URL refreshed here, the webhooks).
        keys = reached_keys(taken)
        transaction.on_commit(lambda: off_every_cache(keys), robust=True)
        for item in taken:
            item.unpublish(user=None)
        for item in taken:
            record(item, Action.TAKEN_DOWN, urgent=True)
        takedown = Takedown.objects.create(
            kind=kind_of(obj) or "",
            key=obj.translation_key,
            title=str(obj)[:255],
            reason=reason,
            taken_by=user,
            at=timezone.now(),
        )
    return takedown


def reached_keys(taken: list[Any]) -> frozenset[str] | None:
    """The surrogate keys of the answers that served ``taken`` (None: every answer)."""
    keys: set[str] = set()
    for item in taken:
        reached = surrogate.keys_for_change(item)
        if reached is None:
            return None
        keys |= reached
    return frozenset(keys)


def off_every_cache(keys: frozenset[str] | None) -> None:
    """The answers that read ``keys`` (every answer for None) out of the shared response
    cache, then refreshed in each edge cache now, in this process (``api.edge_cache``: the
    stack's nginx, a CDN), for at most ``TAKEDOWN_EDGE_SECONDS``. What is left, or what an
    edge failed to refresh, is refreshed again by the queued purge that follows every change
    (the URL index keeps them for it)."""
    if keys is None:
        result_cache.bump_content_version()
    else:
        result_cache.invalidate(keys)
    if not edge_cache.enabled():
        return
    try:
        purged, left = edge_cache.purge_now(keys, settings.TAKEDOWN_EDGE_SECONDS)
    except Exception:
        logger.exception("A takedown's edge purge failed; the queued purge follows.")
        return
    logger.info(
        "Takedown: %d cached URLs refreshed at the edge, %d left to the queued purge.",
        purged,
        left,
    )
