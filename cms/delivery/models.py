"""What is kept for delivery: the newest signed bundle of each city and language."""

from __future__ import annotations

import gzip

from django.conf import settings
from django.db import models


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
