"""The delivery tasks (``cms.delivery.queue``)."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any, NoReturn

from django.conf import settings
from django.utils import timezone

from api import edge_cache
from cms.delivery import bundles, webhook_targets
from cms.delivery.models import Bundle, WebhookDelivery, WebhookSubscription
from cms.delivery.queue import GiveUp, backoff, retried, will_retry
from cms.delivery.webhook_secrets import SecretUnreadable
from cms.delivery.webhooks import signed_headers

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


@retried()
def deliver_webhook(*, delivery_id: int, attempt: int = 1) -> dict[str, Any]:
    """Send one webhook delivery (``cms.delivery.webhooks``), signed with a fresh timestamp,
    and write its outcome to the delivery log. An answer other than 2xx, a timeout or a
    refused connection is retried with backoff; an endpoint that may not be reached (a
    private address) or that answers ``410 Gone`` (it wants no more: its subscription is
    paused) is not."""
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None:
        return {"status": "gone"}  # its subscription was deleted
    subscription = delivery.subscription
    delivery.next_attempt_at = None
    if not subscription.is_active:
        _give_up(delivery, "Not sent: the subscription is paused.")
    delivery.attempts += 1
    delivery.last_attempt_at = timezone.now()
    try:
        headers = signed_headers(
            subscription.secret, delivery.message_id, delivery.body, timezone.now()
        )
        answer = webhook_targets.post(subscription.url, delivery.body.encode(), headers)
    except (webhook_targets.TargetRefused, SecretUnreadable) as refused:
        _give_up(delivery, str(refused))
    delivery.status_code = answer.status_code
    delivery.latency_ms = answer.latency_ms
    if answer.ok:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.last_error = ""
        delivery.save()
        return {"status": delivery.status, "status_code": answer.status_code}
    if answer.status_code == HTTPStatus.GONE:
        WebhookSubscription.objects.filter(pk=subscription.pk).update(is_active=False)
        _give_up(delivery, f"{answer.error} The subscription is paused.")
    if will_retry(deliver_webhook, attempt):
        delivery.status = WebhookDelivery.Status.RETRYING
        delivery.next_attempt_at = timezone.now() + backoff(attempt)
    else:
        delivery.status = WebhookDelivery.Status.FAILED
    delivery.last_error = answer.error[:255]
    delivery.save()
    raise WebhookFailed(answer.error)


class WebhookFailed(Exception):
    """An attempt that failed: retried by the queue."""


def _give_up(delivery: WebhookDelivery, error: str) -> NoReturn:
    delivery.status = WebhookDelivery.Status.FAILED
    delivery.last_error = error[:255]
    delivery.save()
    raise GiveUp(error)
