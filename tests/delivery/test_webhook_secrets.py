"""Webhook secrets at rest: encrypted under a key of the settings, never in the database as
they are; readable after SECRET_KEY changes when the old one is a fallback; a secret no key
reads fails its deliveries, without a retry, until it is rotated."""

import base64

import pytest
from django.utils import timezone

from cms.delivery.factories import WebhookSubscriptionFactory
from cms.delivery.models import WebhookDelivery
from cms.delivery.tasks import deliver_webhook
from cms.delivery.webhook_secrets import SecretUnreadable, decrypt, encrypt, new_secret

pytestmark = pytest.mark.django_db


def test_a_new_secret_is_whsec_and_32_random_bytes():
    secret = new_secret()

    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    assert new_secret() != secret


def test_a_secret_is_kept_encrypted_and_read_back(settings):
    secret = new_secret()

    token = encrypt(secret)

    assert secret not in token and secret.removeprefix("whsec_") not in token
    assert decrypt(token) == secret
    assert encrypt(secret) != token  # Fernet: a new IV each time


def test_the_dedicated_key_wins_over_the_secret_key(settings):
    settings.WEBHOOK_SECRETS_KEY = "a-long-random-key-for-webhook-secrets"
    token = encrypt("whsec_c2VjcmV0")

    settings.WEBHOOK_SECRETS_KEY = ""
    with pytest.raises(SecretUnreadable):
        decrypt(token)
    settings.WEBHOOK_SECRETS_KEY = "a-long-random-key-for-webhook-secrets"
    assert decrypt(token) == "whsec_c2VjcmV0"


def test_a_changed_secret_key_reads_old_secrets_through_its_fallbacks(settings):
    token = encrypt("whsec_c2VjcmV0")
    old = settings.SECRET_KEY

    settings.SECRET_KEY = "a-new-secret-key"
    settings.SECRET_KEY_FALLBACKS = [old]
    assert decrypt(token) == "whsec_c2VjcmV0"
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(SecretUnreadable):
        decrypt(token)


def test_a_secret_no_key_reads_fails_its_delivery_without_a_request(settings, receiver):
    subscription = WebhookSubscriptionFactory(url=receiver.url)
    settings.WEBHOOK_SECRETS_KEY = "another-key-than-the-one-it-was-kept-under"
    delivery = WebhookDelivery.objects.create(
        subscription=subscription,
        event="content.published",
        message_id="msg_test",
        body="{}",
        created_at=timezone.now(),
    )

    deliver_webhook.enqueue(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert receiver.requests == []
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert delivery.last_error == (
        "The endpoint's secret can't be decrypted with the configured key: rotate it."
    )
