"""A city coordinator manages the webhooks that hear about their city only, as with consumer
keys: their log and replays too; any other webhook is a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.delivery.factories import WebhookSubscriptionFactory
from cms.delivery.models import WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"wagtailsnippets_delivery_webhooksubscription:{name}", args=args)


@pytest.fixture
def hooks(rome, brussels) -> dict[str, WebhookSubscription]:
    def hook(name: str, *cities) -> WebhookSubscription:
        return WebhookSubscriptionFactory(name=name, all_cities=not cities, cities=list(cities))

    return {
        "rome": hook("Rome app", rome),
        "brussels": hook("Brussels app", brussels),
        "both": hook("Rome and Brussels app", rome, brussels),
        "every": hook("Programme app"),
    }


def delivery(subscription: WebhookSubscription) -> WebhookDelivery:
    return WebhookDelivery.objects.create(
        subscription=subscription,
        event="content.published",
        message_id="msg_" + subscription.name.replace(" ", "_"),
        body="{}",
        created_at=timezone.now(),
    )


def test_the_coordinator_sees_and_opens_their_citys_webhooks_only(client, rome_coordinator, hooks):
    client.force_login(rome_coordinator)

    listed = client.get(url("list")).content.decode()
    statuses = {name: client.get(url("edit", hook.pk)).status_code for name, hook in hooks.items()}
    rotated = client.post(url("rotate_secret", hooks["brussels"].pk))

    assert "Rome app" in listed
    for other in ("Brussels app", "Rome and Brussels app", "Programme app"):
        assert other not in listed
    assert statuses == {"rome": 200, "brussels": 404, "both": 404, "every": 404}
    assert rotated.status_code == 404


def test_the_coordinator_reads_and_replays_their_citys_deliveries_only(
    client, rome_coordinator, hooks, django_capture_on_commit_callbacks
):
    rome_delivery = delivery(hooks["rome"])
    brussels_delivery = delivery(hooks["brussels"])
    client.force_login(rome_coordinator)

    log = client.get(url("deliveries")).content.decode()
    other = client.post(url("replay", brussels_delivery.pk))
    with django_capture_on_commit_callbacks(execute=True):
        own = client.post(url("replay", rome_delivery.pk))

    assert "msg_Rome_app" in log
    assert "msg_Brussels_app" not in log
    assert other.status_code == 404
    assert own.status_code == 302
    assert WebhookDelivery.objects.filter(replay_of=rome_delivery).count() == 1
    assert not WebhookDelivery.objects.filter(replay_of=brussels_delivery).exists()


def test_the_coordinator_adds_a_webhook_for_their_city_and_never_every_city(
    client, rome_coordinator, rome, brussels
):
    client.force_login(rome_coordinator)
    form = client.get(url("add")).context["form"]
    fields = {
        "name": "Rome city app",
        "url": "https://hooks.roma.example/equalcity",
        "events": ["content.published"],
        "all_locales": "on",
        "is_active": "on",
    }

    refused = client.post(url("add"), {**fields, "cities": [brussels.pk], "all_cities": "on"})
    created = client.post(url("add"), {**fields, "cities": [rome.pk]})

    assert "all_cities" not in form.fields
    assert list(form.fields["cities"].queryset) == [rome]
    assert "cities" in refused.context["form"].errors
    assert created.status_code == 200
    subscription = WebhookSubscription.objects.get()
    assert (subscription.all_cities, list(subscription.cities.all())) == (False, [rome])
    assert subscription.secret in created.content.decode()
