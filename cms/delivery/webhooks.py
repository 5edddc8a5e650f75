"""Signed webhooks: each change in the change log that a subscription asked for becomes a
POST to its endpoint, signed as the Standard Webhooks specification says, sent by the queue.

Events, from the change records (``cms.delivery.changelog``) of one transaction:

- ``content.published``: an object published in the site's default language (English, the
  source every other language falls back to);
- ``translation.published``: a translation published (any other language);
- ``content.unpublished``: an object unpublished or deleted, in one language;
- ``content.taken_down``: an object taken down in an emergency (its unpublication in the same
  transaction is not sent apart).

Moves and changes of privacy are not events: delta sync tells them. Each event is sent to the
active subscriptions that asked for it whose cities and languages reach it: a listing's city
(a city's own changes: that city) must be one of the subscription's, or it has every city;
objects of no one city (toolboxes, modules, helplines, vocabularies) reach every subscription.
Its language must be one of the subscription's, or the default language, which the others
fall back to.

The events are worked out once the change has committed (``on_commit``, robust: a failure here
is logged, never the publication's), record by record; an unpublication that a deletion or a
takedown of the same object follows in the same transaction is told once, by the later event.
Each delivery is a task of its own
(``cms.delivery.tasks.deliver_webhook``): a publication never waits on, or fails because of,
an endpoint.

The payload, the same for every endpoint:
``{"type": event, "timestamp": when it changed, "data": {"type": kind, "id": translation key,
"locale": language, "city": city slug or null, "version": change log position}}``: nothing
about any person and nothing of the content.
"""

from __future__ import annotations

import functools
import json
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from standardwebhooks import Webhook

from cms.delivery.models import (
    ChangeRecord,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)

logger = logging.getLogger(__name__)
Action = ChangeRecord.Action


@dataclass(frozen=True)
class Event:
    name: str
    record: ChangeRecord

    @property
    def city_key(self) -> uuid.UUID | None:
        """The city the change belongs to: a listing's, or a city's own; else None."""
        if self.record.city_key is not None:
            return self.record.city_key
        return self.record.key if self.record.kind == "city" else None


def event_name(record: ChangeRecord) -> str | None:
    if record.action == Action.PUBLISHED:
        if record.locale and record.locale != settings.LANGUAGE_CODE:
            return WebhookEvent.TRANSLATION_PUBLISHED
        return WebhookEvent.CONTENT_PUBLISHED
    if record.action in (Action.UNPUBLISHED, Action.DELETED):
        return WebhookEvent.CONTENT_UNPUBLISHED
    if record.action == Action.TAKEN_DOWN:
        return WebhookEvent.CONTENT_TAKEN_DOWN
    return None


@dataclass(frozen=True)
class Audience:
    """What one active subscription receives, read once per change record."""

    subscription: WebhookSubscription
    city_keys: frozenset[uuid.UUID]

    def wants(self, event: Event) -> bool:
        sub = self.subscription
        if event.name not in sub.events:
            return False
        locale = event.record.locale
        if not (sub.all_locales or locale in sub.locales or locale in ("", settings.LANGUAGE_CODE)):
            return False
        city = event.city_key
        return sub.all_cities or city is None or city in self.city_keys


def audiences() -> list[Audience]:
    subscriptions = list(
        WebhookSubscription.objects.filter(is_active=True).prefetch_related("cities")
    )
    return [
        Audience(sub, frozenset(city.translation_key for city in sub.cities.all()))
        for sub in subscriptions
    ]


def city_slugs(keys: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Each city's slug (its default-language row's), by translation key."""
    from cms.core.models import City

    if not keys:
        return {}
    rows = City.objects.filter(
        translation_key__in=keys, locale__language_code=settings.LANGUAGE_CODE
    ).values_list("translation_key", "slug")
    return dict(rows)


def payload(event: Event, slugs: dict[uuid.UUID, str]) -> dict[str, Any]:
    record = event.record
    city = event.city_key
    return {
        "type": event.name,
        "timestamp": record.at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "data": {
            "type": record.kind,
            "id": str(record.key),
            "locale": record.locale,
            "city": slugs.get(city) if city is not None else None,
            "version": record.seq,
        },
    }


def encode(body: dict[str, Any]) -> str:
    """The JSON text sent: compact, keys in a fixed order, ASCII only."""
    return json.dumps(body, separators=(",", ":"), sort_keys=True)


def new_message_id() -> str:
    return "msg_" + secrets.token_urlsafe(18)


def queue_deliveries(record: ChangeRecord, wanted: list[Audience]) -> list[WebhookDelivery]:
    """A delivery of ``record``'s event to each subscription that wants it, each queued as a
    task of its own; the same ``webhook-id`` and body for all."""
    from cms.delivery.tasks import deliver_webhook

    name = event_name(record)
    if name is None:
        return []
    event = Event(name, record)
    receivers = [audience.subscription for audience in wanted if audience.wants(event)]
    if not receivers:
        return []
    city = event.city_key
    body = encode(payload(event, city_slugs({city} if city is not None else set())))
    message_id = new_message_id()
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                subscription=sub, event=name, message_id=message_id, body=body, created_at=now
            )
            for sub in receivers
        ]
    )
    for delivery in deliveries:
        deliver_webhook.enqueue(delivery_id=delivery.pk)
    return deliveries


def replay(delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery's message again, as a new delivery: the same ``webhook-id`` and body,
    a new timestamp and signature."""
    from cms.delivery.tasks import deliver_webhook

    again = WebhookDelivery.objects.create(
        subscription=delivery.subscription,
        event=delivery.event,
        message_id=delivery.message_id,
        body=delivery.body,
        replay_of=delivery,
        created_at=timezone.now(),
    )
    transaction.on_commit(lambda: deliver_webhook.enqueue(delivery_id=again.pk), robust=True)
    return again


def signed_headers(secret: str, message_id: str, body: str, at: datetime) -> dict[str, str]:
    """The three Standard Webhooks headers for ``body`` sent at ``at``."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id=message_id, timestamp=at, data=body),
    }


# --- Once a change commits --------------------------------------------------------------------


def superseded(record: ChangeRecord) -> bool:
    """Whether an unpublication is told by a later record of the same object and language:
    its deletion (Wagtail unpublishes a live page it deletes) or its takedown (which
    unpublishes first). Seen once the transaction that made them both has committed."""
    return (
        record.action == Action.UNPUBLISHED
        and ChangeRecord.objects.filter(
            kind=record.kind,
            key=record.key,
            locale=record.locale,
            seq__gt=record.seq,
            action__in=(Action.DELETED, Action.TAKEN_DOWN),
        ).exists()
    )


def _committed(record: ChangeRecord) -> None:
    if event_name(record) is None:
        return
    wanted = audiences()
    if not wanted or superseded(record):  # one query when no endpoint listens
        return
    queue_deliveries(record, wanted)


def _recorded(sender: type, instance: ChangeRecord, created: bool = False, **kwargs: Any) -> None:
    # Each record's own callback: one that a rollback discards never reaches an endpoint.
    if created and not kwargs.get("raw") and event_name(instance) is not None:
        transaction.on_commit(functools.partial(_committed, instance), robust=True)


def connect_signals() -> None:
    post_save.connect(_recorded, sender=ChangeRecord, dispatch_uid="delivery-webhooks")
