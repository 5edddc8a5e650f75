"""Webhook deliveries on the database queue: a publication never waits for an endpoint;
failures are retried with backoff, given up after the last attempt, and logged with their
status, attempts and latency, never an endpoint's answer."""

import datetime
import json
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from standardwebhooks import Webhook

from cms.core.factories import CityFactory
from cms.delivery.factories import WebhookSubscriptionFactory
from cms.delivery.models import WebhookDelivery, WebhookSubscription
from safe_spaces.factories import SafeSpaceFactory
from tests.support.webhooks import closed_port

# The worker takes its own transactions (an exclusive one on SQLite): these tests commit.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def webhook_tasks():
    return DBTaskResult.objects.filter(task_path__endswith=".deliver_webhook")


def run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def run_retries_now() -> None:
    webhook_tasks().filter(status="READY").update(run_after=timezone.now())
    run_worker()


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.TASK_MAX_ATTEMPTS = 3


@pytest.fixture
def listing():
    return SafeSpaceFactory(city=CityFactory(name="Rome", slug="rome"), name="Rome ward desk")


def subscribe(url: str) -> WebhookSubscription:
    return WebhookSubscriptionFactory(url=url, events=["content.published"])


def test_a_publication_does_not_wait_for_the_endpoint(queue, receiver, listing):
    subscribe(receiver.url)

    listing.save_revision().publish()

    assert receiver.requests == []  # queued, not sent
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("queued", 0)
    assert webhook_tasks().get().args_kwargs["kwargs"] == {"delivery_id": delivery.pk}
    run_worker()
    assert len(receiver.requests) == 1


def test_a_500_is_retried_with_backoff_and_each_attempt_signed_anew(queue, receiver, listing):
    subscription = subscribe(receiver.url)
    receiver.statuses = [500, 500]
    listing.save_revision().publish()
    before = timezone.now()

    run_worker()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.status_code) == ("retrying", 1, 500)
    assert delivery.last_error == "Answered 500 Internal Server Error."
    assert delivery.latency_ms is not None
    retry = webhook_tasks().get(status="READY")
    assert retry.args_kwargs["kwargs"] == {"delivery_id": delivery.pk, "attempt": 2}
    ten_seconds = datetime.timedelta(seconds=10)
    assert before + ten_seconds <= retry.run_after <= timezone.now() + ten_seconds
    assert delivery.next_attempt_at is not None
    assert before + ten_seconds <= delivery.next_attempt_at <= timezone.now() + ten_seconds

    run_retries_now()
    second = WebhookDelivery.objects.get()
    assert (second.status, second.attempts) == ("retrying", 2)
    assert second.next_attempt_at is not None and second.last_attempt_at is not None
    assert 20 <= (second.next_attempt_at - second.last_attempt_at).total_seconds() < 21
    assert webhook_tasks().get(status="READY").args_kwargs["kwargs"]["attempt"] == 3
    run_retries_now()

    delivered = WebhookDelivery.objects.get()
    assert (delivered.status, delivered.attempts, delivered.status_code, delivered.last_error) == (
        "delivered",
        3,
        200,
        "",
    )
    assert delivered.next_attempt_at is None
    assert len(receiver.requests) == 3
    assert len({request.headers["webhook-id"] for request in receiver.requests}) == 1
    assert len({request.body for request in receiver.requests}) == 1
    for request in receiver.requests:
        assert Webhook(subscription.secret).verify(request.body, request.headers)["type"] == (
            "content.published"
        )


def test_a_refused_connection_is_retried_then_given_up(queue, listing):
    subscribe(f"http://127.0.0.1:{closed_port()}/hooks")
    listing.save_revision().publish()

    run_worker()
    run_retries_now()
    run_retries_now()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.status_code) == ("failed", 3, None)
    assert delivery.last_error.startswith("ConnectionRefusedError: ")
    assert delivery.next_attempt_at is None
    assert webhook_tasks().filter(status="FAILED").count() == 3
    assert not webhook_tasks().filter(status="READY").exists()


def test_after_the_last_attempt_a_500_is_given_up_and_no_answer_is_kept(
    queue, settings, receiver, listing, admin_client
):
    settings.TASK_MAX_ATTEMPTS = 2
    subscribe(receiver.url)
    receiver.statuses = [500, 503, 200]
    listing.save_revision().publish()

    run_worker()
    run_retries_now()
    run_retries_now()  # nothing left to run

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.status_code) == ("failed", 2, 503)
    assert delivery.last_error == "Answered 503 Service Unavailable."
    assert len(receiver.requests) == 2
    kept = json.dumps(list(WebhookDelivery.objects.values()), default=str)
    assert "Jane Doe" not in kept and "Rue Haute" not in kept
    log = admin_client.get("/admin/snippets/delivery/webhooksubscription/deliveries/")
    cells = [
        " ".join(cell.split())
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", log.content.decode(), re.S)
    ]
    status = cells.index("Failed")  # then the answer, the attempts, the latency
    assert cells[status : status + 4] == ["Failed", "503", "2", f"{delivery.latency_ms} ms"]
    assert "Answered 503 Service Unavailable." in cells
    assert "Jane Doe" not in log.content.decode()


def test_a_410_pauses_the_subscription_without_a_retry(queue, receiver, listing):
    subscription = subscribe(receiver.url)
    receiver.statuses = [410]
    listing.save_revision().publish()

    run_worker()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.status_code) == ("failed", 1, 410)
    assert delivery.last_error == "Answered 410 Gone. The subscription is paused."
    assert not webhook_tasks().filter(status="READY").exists()
    subscription.refresh_from_db()
    assert subscription.is_active is False
