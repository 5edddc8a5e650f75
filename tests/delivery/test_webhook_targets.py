"""Where webhooks may go: https:// only, and public addresses only, both when a subscription
is saved and at each delivery after DNS resolution (DNS rebinding); never a redirect."""

import socket

import pytest
from django.core.exceptions import ValidationError

from cms.delivery.factories import WebhookSubscriptionFactory
from cms.delivery.models import WebhookDelivery, WebhookSubscription
from cms.delivery.tasks import deliver_webhook
from cms.delivery.webhook_targets import TargetRefused, check_target, is_public, parse_url

pytestmark = pytest.mark.django_db

PRIVATE = "resolves to a private, loopback, link-local, multicast or reserved address"
REFUSED = f"{PRIVATE}: webhooks go to the public internet only."


@pytest.fixture
def production(settings):
    settings.WEBHOOKS_REQUIRE_HTTPS = True
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    return settings


@pytest.fixture
def dns(monkeypatch):
    """Names resolved as the test says (``dns["hooks.city.example"] = "10.0.0.5"``); every
    look-up of such a name is counted."""
    answers: dict[str, list[str]] = {}
    lookups: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            lookups.append(host)
            return [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
                for address in answers[host]
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return Answers(answers, lookups)


class Answers:
    def __init__(self, answers: dict[str, list[str]], lookups: list[str]) -> None:
        self.answers = answers
        self.lookups = lookups

    def __setitem__(self, host: str, addresses: list[str]) -> None:
        self.answers[host] = addresses


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.5",
        "172.16.3.4",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # shared address space
        "0.0.0.0",  # noqa: S104 - an address judged, not bound
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2001:db8::1",  # documentation
    ],
)
def test_addresses_off_the_public_internet_are_not_public(address):
    import ipaddress

    assert is_public(ipaddress.ip_address(address)) is False


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_public(address):
    import ipaddress

    assert is_public(ipaddress.ip_address(address)) is True


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://hooks.city.example/in", "A webhook URL must use https://."),
        ("ftp://hooks.city.example/in", "Not a URL: write https://host/path."),
        ("hooks.city.example/in", "Not a URL: write https://host/path."),
        ("https://", "Not a URL: write https://host/path."),
        ("https://hooks.city.example:99999/", "Not a URL: write https://host/path."),
        ("https://user:pw@hooks.city.example/", "A webhook URL carries no user name or password."),
        ("https://hooks.city.example/in#part", "A webhook URL has no #fragment."),
        (
            "https://127.0.0.1/in",
            f"“127.0.0.1” {REFUSED}",
        ),
        ("https://[::1]:8443/in", f"“::1” {REFUSED}"),
        (
            "https://localhost/in",
            f"“localhost” {REFUSED}",
        ),
    ],
)
def test_production_refuses_bad_endpoints(production, url, message):
    with pytest.raises(TargetRefused) as refused:
        check_target(url)

    assert str(refused.value) == message


def test_production_refuses_a_name_that_resolves_to_a_private_address(production, dns):
    dns["hooks.city.example"] = ["93.184.216.34", "10.0.0.5"]

    with pytest.raises(TargetRefused, match=f"“hooks.city.example” {PRIVATE}"):
        check_target("https://hooks.city.example/in")
    dns["hooks.city.example"] = ["93.184.216.34"]
    check_target("https://hooks.city.example/in")  # public: accepted


def test_a_model_with_a_private_target_does_not_validate(production, dns):
    dns["intranet.city.example"] = ["192.168.10.20"]
    subscription = WebhookSubscription(
        name="Intranet", url="https://intranet.city.example/in", events=["content.published"]
    )
    subscription.all_cities = subscription.all_locales = True

    with pytest.raises(ValidationError) as invalid:
        subscription.full_clean(exclude=["secret_encrypted"])

    assert invalid.value.message_dict == {"url": [f"“intranet.city.example” {REFUSED}"]}


def test_development_allows_plain_http_to_this_machine(settings):
    assert settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS is True
    check_target("http://127.0.0.1:8001/hooks")
    assert parse_url("http://localhost:8001/hooks").port == 8001


def send(subscription: WebhookSubscription) -> WebhookDelivery:
    delivery = WebhookDelivery.objects.create(
        subscription=subscription,
        event="content.published",
        message_id="msg_test",
        body='{"type":"content.published"}',
        created_at=subscription.created_at,
    )
    deliver_webhook.enqueue(delivery_id=delivery.pk)  # the immediate backend: sent now
    delivery.refresh_from_db()
    return delivery


def test_a_name_rebound_to_this_machine_after_saving_is_refused_at_send_time(
    settings, dns, receiver
):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    port = receiver.server.server_address[1]
    dns["hooks.city.example"] = ["93.184.216.34"]
    subscription = WebhookSubscriptionFactory(url=f"http://hooks.city.example:{port}/in")
    subscription.full_clean(exclude=["secret_encrypted"])  # valid when saved
    dns["hooks.city.example"] = ["127.0.0.1"]  # then the name points here

    delivery = send(subscription)

    assert receiver.requests == []
    assert (delivery.status, delivery.attempts, delivery.status_code) == ("failed", 1, None)
    assert delivery.last_error == (f"“hooks.city.example” {REFUSED}")


def test_a_delivery_connects_to_the_address_it_checked_without_a_second_lookup(dns, receiver):
    port = receiver.server.server_address[1]
    dns["hooks.city.example"] = ["127.0.0.1"]
    subscription = WebhookSubscriptionFactory(url=f"http://hooks.city.example:{port}/in?app=1")

    delivery = send(subscription)

    assert delivery.status == "delivered"
    assert dns.lookups == ["hooks.city.example"]
    (request,) = receiver.requests
    assert request.headers["host"] == f"hooks.city.example:{port}"
    assert request.path == "/in?app=1"


def test_a_redirect_is_a_failure_and_is_not_followed(receiver):
    receiver.statuses = [302]
    subscription = WebhookSubscriptionFactory(url=receiver.url)

    delivery = send(subscription)

    # The immediate backend (tests, make demo) can't defer a retry: a failure is final.
    assert (delivery.status, delivery.status_code, delivery.last_error) == (
        "failed",
        302,
        "Answered 302 Found.",
    )
    assert len(receiver.requests) == 1
