"""Webhooks in the admin: the secret shown once (at creation and when rotated), form errors for
endpoints that may not be reached, the delivery log, and replays that only those who may
change the subscription can ask for."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from standardwebhooks import Webhook
from wagtail.models import ModelLogEntry

from cms.delivery import tasks
from cms.delivery.factories import WebhookSubscriptionFactory
from cms.delivery.models import WebhookDelivery, WebhookSubscription
from cms.delivery.webhooks import encode, new_message_id

pytestmark = pytest.mark.django_db

SECRET = re.compile(r"whsec_[A-Za-z0-9+/]{43}=")


def url(name: str, *args) -> str:
    return reverse(f"wagtailsnippets_delivery_webhooksubscription:{name}", args=args)


def form(**fields) -> dict:
    return {
        "name": "Gothenburg city app",
        "url": "https://hooks.goteborg.example/equalcity",
        "events": ["content.published", "content.taken_down"],
        "all_cities": "on",
        "all_locales": "on",
        "is_active": "on",
        **fields,
    }


def test_the_secret_is_shown_once_when_the_webhook_is_created(admin_client):
    response = admin_client.post(url("add"), form(url="http://127.0.0.1:9/in"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"].split(", ")
    html = response.content.decode()
    shown = SECRET.findall(html)
    subscription = WebhookSubscription.objects.get()
    assert len(set(shown)) == 1
    assert subscription.secret == shown[0]
    assert shown[0] not in subscription.secret_encrypted
    assert shown[0].removeprefix("whsec_") not in subscription.secret_encrypted
    assert subscription.events == ["content.published", "content.taken_down"]
    for page in (url("list"), url("edit", subscription.pk), url("deliveries")):
        assert shown[0] not in admin_client.get(page).content.decode()


def test_rotating_gives_a_new_secret_shown_once_and_logged(admin_client, admin_user):
    subscription = WebhookSubscriptionFactory()
    old = subscription.secret

    confirm = admin_client.get(url("rotate_secret", subscription.pk))
    response = admin_client.post(url("rotate_secret", subscription.pk))

    assert confirm.status_code == 200
    assert "Yes, make a new secret" in confirm.content.decode()
    assert SECRET.findall(confirm.content.decode()) == []
    assert "no-store" in response["Cache-Control"].split(", ")
    (shown,) = set(SECRET.findall(response.content.decode()))
    subscription.refresh_from_db()
    assert subscription.secret == shown != old
    assert subscription.secret_rotated_at is not None
    entry = ModelLogEntry.objects.get(action="equalcity.webhook.rotate_secret")
    assert (entry.object_id, entry.user) == (str(subscription.pk), admin_user)


@pytest.mark.parametrize(
    ("endpoint", "error"),
    [
        ("http://hooks.goteborg.example/in", "A webhook URL must use https://."),
        (
            "https://127.0.0.1/in",
            "“127.0.0.1” resolves to a private, loopback, link-local, multicast or reserved "
            "address: webhooks go to the public internet only.",
        ),
        ("https://hooks goteborg/in", "Enter a valid URL."),
        ("javascript:alert(1)", "Enter a valid URL."),
        ("ftp://hooks.goteborg.example/in", "Not a URL: write https://host/path."),
    ],
)
def test_production_refuses_an_endpoint_with_a_form_error(admin_client, settings, endpoint, error):
    settings.WEBHOOKS_REQUIRE_HTTPS = True
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False

    response = admin_client.post(url("add"), form(url=endpoint))

    assert response.status_code == 200
    assert error in response.context["form"].errors["url"]
    assert not WebhookSubscription.objects.exists()


def test_a_webhook_needs_events_cities_and_languages(admin_client):
    response = admin_client.post(
        url("add"), {"name": "Nothing", "url": "https://hooks.example.org/in"}
    )

    errors = response.context["form"].errors
    assert errors["events"] == ["Choose at least one event."]
    assert errors["cities"] == ["Tick 'every city' or choose the cities it hears about."]
    assert errors["locales"] == ["Tick 'every language' or choose the languages it receives."]
    unknown = admin_client.post(url("add"), form(events=["content.leaked"]))
    assert (
        "Select a valid choice. content.leaked is not one of the available choices."
        in unknown.context["form"].errors["events"]
    )


def delivered(subscription: WebhookSubscription, **fields) -> WebhookDelivery:
    return WebhookDelivery.objects.create(
        subscription=subscription,
        event="content.published",
        message_id=new_message_id(),
        body=encode({"type": "content.published", "data": {"id": "6f1c"}}),
        created_at=timezone.now(),
        **fields,
    )


def test_the_log_shows_status_attempts_latency_and_error(admin_client):
    subscription = WebhookSubscriptionFactory(name="Rome app")
    delivered(
        subscription,
        status="failed",
        attempts=5,
        status_code=503,
        latency_ms=1234,
        last_error="Answered 503 Service Unavailable.",
    )

    response = admin_client.get(url("deliveries"))

    assert response.status_code == 200
    cells = [
        re.sub(r"\s+", " ", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", response.content.decode(), re.S)
    ]
    for expected in (
        "content.published",
        "Rome app",
        "Failed",
        "503",
        "5",
        "1234 ms",
        "Answered 503 Service Unavailable.",
    ):
        assert expected in cells
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_replay_sends_the_same_message_with_a_new_timestamp_and_signature(
    admin_client, admin_user, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    subscription = WebhookSubscriptionFactory(url=receiver.url)
    original = delivered(subscription)
    tasks.deliver_webhook.enqueue(delivery_id=original.pk)
    later = timezone.now() + timedelta(seconds=90)
    monkeypatch.setattr(tasks.timezone, "now", lambda: later)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url("replay", original.pk))

    assert response.status_code == 302
    assert response["Location"] == url("deliveries") + f"?subscription={subscription.pk}"
    first, again = receiver.requests
    assert again.headers["webhook-id"] == first.headers["webhook-id"] == original.message_id
    assert again.body == first.body == original.body.encode()
    assert int(again.headers["webhook-timestamp"]) - int(first.headers["webhook-timestamp"]) >= 89
    assert again.headers["webhook-signature"] != first.headers["webhook-signature"]
    for request in (first, again):
        Webhook(subscription.secret).verify(request.body, request.headers)
    replayed = WebhookDelivery.objects.get(replay_of=original)
    assert (replayed.status, replayed.attempts, replayed.message_id) == (
        "delivered",
        1,
        original.message_id,
    )
    assert ModelLogEntry.objects.filter(action="equalcity.webhook.replay").count() == 1


def test_replay_is_a_csrf_protected_post_from_the_logs_form(admin_user, admin_client):
    original = delivered(WebhookSubscriptionFactory())
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(admin_user)

    assert admin_client.get(url("replay", original.pk)).status_code == 405
    assert csrf_client.post(url("replay", original.pk)).status_code == 403
    assert WebhookDelivery.objects.count() == 1
    log = csrf_client.get(url("deliveries")).content.decode()
    action, token = re.search(
        r'<form action="([^"]+)" method="POST">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">',
        log,
    ).groups()
    assert action == url("replay", original.pk)
    assert csrf_client.post(action, {"csrfmiddlewaretoken": token}).status_code == 302
    assert WebhookDelivery.objects.count() == 2


def test_a_paused_webhook_is_not_replayed(admin_client):
    original = delivered(WebhookSubscriptionFactory(is_active=False))

    response = admin_client.post(url("replay", original.pk), follow=True)

    assert "is paused: make it active to replay." in response.content.decode()
    assert WebhookDelivery.objects.count() == 1


def test_people_without_the_permission_neither_see_the_log_nor_replay(client, django_user_model):
    original = delivered(WebhookSubscriptionFactory())
    editor = django_user_model.objects.create_user("editor", password="x")  # noqa: S106
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    for response in (
        client.get(url("list")),
        client.get(url("deliveries")),
        client.post(url("replay", original.pk)),
        client.post(url("rotate_secret", original.subscription_id)),
    ):
        # Wagtail's refusal: back to the dashboard.
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert WebhookDelivery.objects.count() == 1
    assert "Webhooks" not in client.get("/admin/").content.decode()


def test_a_reader_of_webhooks_sees_the_log_but_may_not_replay(client, django_user_model):
    original = delivered(WebhookSubscriptionFactory(name="Rome app"))
    reader = django_user_model.objects.create_user("reader", password="x")  # noqa: S106
    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_webhooksubscription"),
    )
    client.force_login(reader)

    log = client.get(url("deliveries"))
    refused = client.post(url("replay", original.pk))

    assert log.status_code == 200
    assert "Rome app" in log.content.decode()
    assert 'name="csrfmiddlewaretoken"' not in log.content.decode()
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert WebhookDelivery.objects.count() == 1


def test_deliveries_older_than_the_log_days_are_pruned(settings):
    from io import StringIO

    from django.core.management import call_command

    subscription = WebhookSubscriptionFactory()
    for days in (settings.WEBHOOK_LOG_DAYS + 1, settings.WEBHOOK_LOG_DAYS - 1):
        old = delivered(subscription)
        WebhookDelivery.objects.filter(pk=old.pk).update(
            created_at=timezone.now() - timedelta(days=days)
        )
    out = StringIO()

    call_command("prune_change_log", stdout=out)

    assert WebhookDelivery.objects.count() == 1
    assert out.getvalue().startswith("Deleted 1 webhook deliveries older than ")
