"""What is kept for delivery: the newest signed bundle of each city and language."""

from __future__ import annotations

import gzip

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
