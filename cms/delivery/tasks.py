"""The delivery tasks (``cms.delivery.queue``)."""

from __future__ import annotations

import logging

from django.conf import settings

from api import edge_cache
from cms.delivery import bundles
from cms.delivery.models import Bundle
from cms.delivery.queue import retried

logger = logging.getLogger(__name__)


@retried()
def refresh_bundles(
    *, locales: list[str] | None = None, city_keys: list[str] | None = None, attempt: int = 1
) -> dict[str, int]:
    """Rebuild the kept bundles a change may touch (every city and language when None); a
    bundle whose content didn't change keeps its version. Returns what it did."""
    kept = Bundle.objects.select_related("city", "city__toolbox").order_by("city_id", "locale")
    if locales is not None:
        kept = kept.filter(locale__in=locales)
    if city_keys is not None:
        kept = kept.filter(city__translation_key__in=city_keys)
    done = {"rebuilt": 0, "unchanged": 0, "removed": 0}
    failed: list[str] = []
    for bundle in kept:
        city = bundles.city_for(bundle.city.slug)
        if city is None or bundle.locale not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
            bundle.delete()  # the city is no longer published: nothing to serve
            done["removed"] += 1
            continue
        try:
            version = bundles.refresh(city, bundle.locale).version
        except bundles.BuildFailed as error:
            failed.append(str(error))
            continue
        done["rebuilt" if version != bundle.version else "unchanged"] += 1
    if failed:
        raise bundles.BuildFailed("; ".join(failed))
    return done


@retried()
def purge_edge(*, keys: list[str] | None = None, attempt: int = 1) -> int:
    """Purge the edge caches' answers that read any of ``keys`` (every answer for None);
    returns the number of URLs purged (``api.edge_cache``)."""
    return edge_cache.purge(keys)
