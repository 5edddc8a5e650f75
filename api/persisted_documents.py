"""The persisted GraphQL documents apps register (``api.graphql.persisted``)."""

from __future__ import annotations

from django.db import models


class PersistedDocument(models.Model):
    """A GraphQL document an app registered before release (``api.graphql.persisted``): it is
    then asked for by id (``sha256:`` and the hex digest of its UTF-8 text), so a GET by id
    is short enough for any CDN, and a key may be held to its registered documents."""

    document_id = models.CharField(max_length=71, unique=True)
    text = models.TextField()
    registered_by = models.ManyToManyField(
        "api.ConsumerKey", related_name="persisted_documents", blank=True
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["registered_at", "pk"]

    def __str__(self) -> str:
        return self.document_id
