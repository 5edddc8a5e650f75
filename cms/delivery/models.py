"""What is kept for delivery: the newest signed bundle of each city and language, the change
log, takedowns, webhook subscriptions and their delivery log."""

from __future__ import annotations

import gzip
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from api.models import ContentLocalesField
from cms.core.fields import JSONListField
from cms.delivery.webhook_targets import validate_webhook_url


class Bundle(models.Model):
    """The newest signed snapshot of what a city's kiosk and widgets show in one language.

    The body is the bundle's JSON, gzipped, exactly as served: built by the task queue after a
    publication that touches it (``cms.delivery.bundles``), so a request only reads it. It is
    kept in the database, which every app server shares.
    """

    city = models.ForeignKey("core.City", on_delete=models.CASCADE, related_name="+")
    locale = models.CharField(max_length=20)
    version = models.CharField(max_length=64, help_text="sha256 of the manifest's parts")
    body_gzip = models.BinaryField()
    size = models.PositiveIntegerField(help_text="bytes of JSON before gzip")
    built_at = models.DateTimeField()
    build_ms = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["city", "locale"], name="one_bundle_per_city_locale")
        ]

    def __str__(self) -> str:
        return f"Bundle {self.city_id}/{self.locale} {self.version[:12]}"

    @property
    def body(self) -> bytes:
        return gzip.decompress(bytes(self.body_gzip))


class ChangeRecord(models.Model):
    """One change to what readers may get: the log that delta sync and takedowns read.

    Written in the transaction of the change itself (``cms.delivery.changelog``), so a change
    and its record commit or roll back together. It names an object by its kind and
    translation key (the same in every language) and carries nothing about any person: not
    who changed it, not who reads it.
    """

    class Action(models.TextChoices):
        PUBLISHED = "published", "published"
        UNPUBLISHED = "unpublished", "unpublished"
        DELETED = "deleted", "deleted"
        MOVED = "moved", "moved"
        RESTRICTED = "restricted", "made private or public"
        TAKEN_DOWN = "taken_down", "taken down"

    seq = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=40)
    key = models.UUIDField(help_text="the object's translation key")
    locale = models.CharField(
        max_length=20, blank=True, help_text="the changed translation's language"
    )
    city_key = models.UUIDField(null=True, blank=True, help_text="a listing's city, after it")
    action = models.CharField(max_length=20, choices=Action.choices)
    urgent = models.BooleanField(default=False)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "key"], name="change_record_object")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind} {self.key} {self.action}"


class Takedown(models.Model):
    """Who took what down, when and why: read by administrators only (Reports → Takedowns).

    What was taken down is named by its kind and translation key, with its title then; the
    reason is free text for the programme's administrators, never served.
    """

    kind = models.CharField(max_length=40)
    key = models.UUIDField()
    title = models.CharField(max_length=255)
    reason = models.TextField()
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]
        default_permissions = ()
        permissions = [("take_down", "Can take down published content at once")]

    def __str__(self) -> str:
        return f"{self.title} ({self.kind}), taken down {self.at:%Y-%m-%d %H:%M}"


class WebhookEvent(models.TextChoices):
    """What a subscription may ask to hear about (``cms.delivery.webhooks`` says which
    change records make each)."""

    CONTENT_PUBLISHED = "content.published", "content.published: the English source published"
    TRANSLATION_PUBLISHED = (
        "translation.published",
        "translation.published: a translation published",
    )
    CONTENT_UNPUBLISHED = (
        "content.unpublished",
        "content.unpublished: unpublished or deleted, in one language",
    )
    CONTENT_TAKEN_DOWN = (
        "content.taken_down",
        "content.taken_down: taken down in an emergency",
    )


def validate_webhook_events(values: list[str]) -> None:
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise ValidationError("Events must be a list of event names.", code="invalid")
    unknown = sorted(set(values) - set(WebhookEvent.values))
    if unknown:
        raise ValidationError(
            "Not an event: %(events)s.", code="unknown_event", params={"events": ", ".join(unknown)}
        )


class WebhookEventsFormField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        for name in ("encoder", "decoder", "max_length"):
            kwargs.pop(name, None)
        kwargs["choices"] = WebhookEvent.choices
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> list[str]:
        return list(value or [])

    def has_changed(self, initial: Any, data: Any) -> bool:
        return sorted(initial or []) != sorted(data or [])


class WebhookEventsField(JSONListField):
    """The events a subscription receives (``WebhookEvent``), stored as a list."""

    default_validators = [validate_webhook_events]
    form_class = WebhookEventsFormField


class WebhookSubscription(models.Model):
    """An endpoint of a city app that hears about publications as they happen: signed POST
    requests (Standard Webhooks) for the events, cities and languages it is given.

    Administrators, and a city's coordinators for their city, add one per endpoint and give its
    secret (``whsec_...``, shown once, at creation or when rotated) to the app's developers, who
    check every request's signature with it (docs/api-clients.md, "Webhooks"). Payloads name
    objects by kind and id only: nothing about any person, nothing of the content itself.
    """

    name = models.CharField(
        max_length=120,
        help_text="Who receives it, e.g. 'Gothenburg city app (production)'.",
    )
    url = models.URLField(
        "endpoint URL",
        max_length=500,
        validators=[validate_webhook_url],
        help_text=(
            "Where the events are sent (POST), e.g. https://app.goteborg.example/hooks/equalcity. "
            "https:// only; addresses of private networks are refused."
        ),
    )
    events = WebhookEventsField(help_text="The events this endpoint receives.")
    all_cities = models.BooleanField(
        "every city",
        default=False,
        help_text="Events about every city's listings. Leave unticked to limit them to the "
        "cities below.",
    )
    cities = models.ManyToManyField(
        "core.City",
        blank=True,
        related_name="+",
        help_text="The cities whose listings' events it receives. Toolboxes, modules, helplines "
        "and vocabularies belong to no one city: every subscription gets theirs.",
    )
    all_locales = models.BooleanField(
        "every language",
        default=False,
        help_text="Events in every language. Leave unticked to limit them to those below.",
    )
    locales = ContentLocalesField(
        "languages",
        help_text="The languages whose events it receives; events about the English source "
        "come too, since the other languages fall back to it.",
    )
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Untick to pause deliveries. An endpoint that answers 410 Gone is paused.",
    )
    secret_encrypted = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    secret_rotated_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "webhook"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def status(self) -> str:
        return "Active" if self.is_active else "Paused"

    def set_new_secret(self) -> str:
        """Give the endpoint a new secret; returns it (``whsec_...``), kept only encrypted."""
        from cms.delivery.webhook_secrets import encrypt, new_secret

        secret = new_secret()
        self.secret_encrypted = encrypt(secret)
        return secret

    @property
    def secret(self) -> str:
        from cms.delivery.webhook_secrets import decrypt

        return decrypt(self.secret_encrypted)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if not self.events:
            errors["events"] = "Choose at least one event."
        if not self.all_locales and not self.locales:
            errors["locales"] = "Tick 'every language' or choose the languages it receives."
        if self.url and "url" not in errors:
            from cms.delivery.webhook_targets import TargetRefused, check_target

            try:
                check_target(self.url)
            except TargetRefused as refused:
                errors["url"] = str(refused)
        if errors:
            raise ValidationError(errors)


class WebhookDelivery(models.Model):
    """One event sent to one endpoint: its outcome for the delivery log.

    ``body`` is the JSON sent, the same bytes at every attempt and replay (only the
    ``webhook-timestamp`` and the signature change); it names objects by kind and id only. An
    endpoint's answer is never kept beyond its status code: a body could hold anything.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RETRYING = "retrying", "Failed, to be tried again"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    message_id = models.CharField(
        max_length=40, db_index=True, help_text="webhook-id: the same for a retry or a replay"
    )
    body = models.TextField()
    replay_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replays"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(db_index=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "webhook deliveries"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event} to {self.subscription_id} ({self.status})"
