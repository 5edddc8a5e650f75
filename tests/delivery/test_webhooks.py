"""Signed webhooks: the Standard Webhooks signature, which change makes which event, who
receives it, and what a request carries (ids and codes, nothing about anyone)."""

import json
from datetime import UTC, datetime

import pytest
from django.db import transaction
from standardwebhooks import Webhook, WebhookVerificationError

from cms.core.factories import CityFactory
from cms.delivery.factories import WebhookSubscriptionFactory
from cms.delivery.models import ChangeRecord, WebhookDelivery, WebhookEvent
from cms.delivery.takedowns import take_down
from cms.delivery.webhooks import signed_headers
from safe_spaces.factories import SafeSpaceFactory
from toolbox_pages.factories import ToolboxPageFactory

pytestmark = pytest.mark.django_db

# The test vector of the Standard Webhooks specification (its libraries' own tests).
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = '{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

PUBLISHED = WebhookEvent.CONTENT_PUBLISHED
TRANSLATED = WebhookEvent.TRANSLATION_PUBLISHED
UNPUBLISHED = WebhookEvent.CONTENT_UNPUBLISHED
TAKEN_DOWN = WebhookEvent.CONTENT_TAKEN_DOWN


def test_signatures_match_the_specification_test_vector():
    at = datetime.fromtimestamp(SPEC_TIMESTAMP, UTC)

    headers = signed_headers(SPEC_SECRET, SPEC_ID, SPEC_BODY, at)

    assert headers == {
        "webhook-id": SPEC_ID,
        "webhook-timestamp": "1614265330",
        "webhook-signature": SPEC_SIGNATURE,
    }


def test_a_signed_body_verifies_and_a_changed_one_or_another_secret_does_not():
    body = '{"data":{"id":"6f1c"},"type":"content.published"}'
    headers = signed_headers(SPEC_SECRET, SPEC_ID, body, datetime.now(UTC))

    assert Webhook(SPEC_SECRET).verify(body, headers) == json.loads(body)
    with pytest.raises(WebhookVerificationError, match="No matching signature found"):
        Webhook(SPEC_SECRET).verify(body.replace("6f1c", "6f1d"), headers)
    with pytest.raises(WebhookVerificationError, match="No matching signature found"):
        Webhook("whsec_" + "A" * 43 + "=").verify(body, headers)
    stale = signed_headers(SPEC_SECRET, SPEC_ID, body, datetime.fromtimestamp(SPEC_TIMESTAMP, UTC))
    with pytest.raises(WebhookVerificationError, match="Message timestamp too old"):
        Webhook(SPEC_SECRET).verify(body, stale)


@pytest.fixture
def rome(db):
    return CityFactory(name="Rome", slug="rome")


@pytest.fixture
def brussels(db):
    return CityFactory(name="Brussels", slug="brussels")


@pytest.fixture
def rome_desk(rome):
    return SafeSpaceFactory(city=rome, name="Rome ward desk")


def subscribe(receiver, *events, cities=(), locales=None, **fields):
    return WebhookSubscriptionFactory(
        url=receiver.url,
        events=list(events or WebhookEvent.values),
        all_cities=not cities,
        cities=list(cities),
        all_locales=locales is None,
        locales=locales or [],
        **fields,
    )


def bodies(receiver) -> list[dict]:
    return [json.loads(request.body) for request in receiver.requests]


def test_a_listing_published_in_scope_reaches_its_endpoint_once_signed(
    receiver, rome, rome_desk, django_capture_on_commit_callbacks
):
    subscription = subscribe(receiver, PUBLISHED, cities=[rome], locales=["it"])

    with django_capture_on_commit_callbacks(execute=True):
        rome_desk.save_revision().publish()

    record = ChangeRecord.objects.filter(action="published").latest("seq")
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert request.path == "/hooks/equalcity"
    assert request.headers["content-type"] == "application/json"
    assert set(request.headers) >= {"webhook-id", "webhook-timestamp", "webhook-signature"}
    assert request.headers["webhook-id"].startswith("msg_")
    verified = Webhook(subscription.secret).verify(request.body, request.headers)
    assert verified == {
        "type": "content.published",
        "timestamp": record.at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "data": {
            "type": "safe_space",
            "id": str(rome_desk.translation_key),
            "locale": "en",
            "city": "rome",
            "version": record.seq,
        },
    }
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.status_code, delivery.last_error) == (
        "delivered",
        1,
        200,
        "",
    )
    assert delivery.latency_ms is not None and delivery.latency_ms < 5000
    assert delivery.message_id == request.headers["webhook-id"]
    assert delivery.body.encode() == request.body


def test_events_out_of_scope_reach_no_endpoint(
    receiver, rome, brussels, rome_desk, django_capture_on_commit_callbacks
):
    subscribe(receiver, PUBLISHED, cities=[brussels])  # another city
    subscribe(receiver, UNPUBLISHED, cities=[rome])  # another event
    subscribe(receiver, PUBLISHED, cities=[rome], is_active=False)  # paused

    with django_capture_on_commit_callbacks(execute=True):
        rome_desk.save_revision().publish()

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_translation_is_its_own_event_and_reaches_only_its_languages(
    receiver, toolbox, fr, ar, django_capture_on_commit_callbacks
):
    french_app = subscribe(receiver, PUBLISHED, TRANSLATED, locales=["fr"])
    arabic_app = subscribe(receiver, PUBLISHED, TRANSLATED, locales=["ar"])
    french = toolbox.copy_for_translation(fr, copy_parents=True).specific

    with django_capture_on_commit_callbacks(execute=True):
        french.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        toolbox.save_revision().publish()

    sent = [(delivery.subscription, delivery.event) for delivery in WebhookDelivery.objects.all()]
    # The English source reaches every language, which falls back to it.
    assert sorted(sent, key=str) == sorted(
        [
            (french_app, "translation.published"),
            (french_app, "content.published"),
            (arabic_app, "content.published"),
        ],
        key=str,
    )
    translated = next(b for b in bodies(receiver) if b["type"] == "translation.published")
    assert translated["data"] == {
        "type": "toolbox",
        "id": str(toolbox.translation_key),
        "locale": "fr",
        "city": None,
        "version": translated["data"]["version"],
    }


def test_a_takedown_is_one_taken_down_event_per_object(
    receiver, rome_desk, admin_user, django_capture_on_commit_callbacks
):
    subscribe(receiver)

    with django_capture_on_commit_callbacks(execute=True):
        take_down(rome_desk, admin_user, "The address was published by mistake.")

    assert [(b["type"], b["data"]["id"]) for b in bodies(receiver)] == [
        ("content.taken_down", str(rome_desk.translation_key))
    ]


def test_unpublishing_and_deleting_a_page_are_each_told_once(
    receiver, toolbox_index, django_capture_on_commit_callbacks
):
    page = ToolboxPageFactory(parent=toolbox_index, title="Toolbox")
    page.save_revision().publish()
    subscribe(receiver, UNPUBLISHED, TAKEN_DOWN)

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        page.delete()  # unpublishes, then deletes: told once

    assert [(b["type"], b["data"]["id"]) for b in bodies(receiver)] == [
        ("content.unpublished", str(page.translation_key)),
        ("content.unpublished", str(page.translation_key)),
    ]


def test_a_payload_names_nothing_but_ids_and_codes(
    receiver, rome_desk, django_capture_on_commit_callbacks
):
    subscribe(receiver)

    with django_capture_on_commit_callbacks(execute=True):
        rome_desk.save_revision().publish()

    (body,) = bodies(receiver)
    assert set(body) == {"type", "timestamp", "data"}
    assert set(body["data"]) == {"type", "id", "locale", "city", "version"}
    text = receiver.requests[0].body.decode()
    for personal in (rome_desk.name, rome_desk.address_1, rome_desk.operated_by, "admin"):
        assert personal not in text


def test_a_rolled_back_publication_sends_nothing(
    receiver, rome_desk, django_capture_on_commit_callbacks
):
    subscribe(receiver)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            rome_desk.save_revision().publish()
            raise RuntimeError("the publication fails")
        rome_desk.refresh_from_db()
        rome_desk.save_revision().publish()

    assert len(callbacks) >= 1  # the publication that committed queued its own
    assert [b["type"] for b in bodies(receiver)] == ["content.published"]
    assert WebhookDelivery.objects.count() == 1
