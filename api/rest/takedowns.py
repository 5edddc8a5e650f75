"""``GET /api/v1/takedowns``: the tiny feed of urgent tombstones that kiosks and widgets poll.

Each entry names an object taken down (kind and id, the translation key) and when; a client
removes it from its screen and its offline store at once. ``since`` is the ``cursor`` of the
last answer: only newer takedowns come. Poll every ``poll_seconds``
(``TAKEDOWN_POLL_SECONDS``, 30). Revalidate with the ETag: an unchanged feed is a 304.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseBase
from django.utils.cache import get_conditional_response
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from api.rest.base import ApiView
from api.rest.hsds import ERRORS
from cms.core import db_router
from cms.delivery.models import ChangeRecord


class TakedownQuerySerializer(serializers.Serializer):
    since = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="The cursor of the last answer: only takedowns after it. None at first.",
    )


class TakedownEntrySerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.UUIDField()
    at = serializers.DateTimeField()


class TakedownFeedSerializer(serializers.Serializer):
    takedowns = TakedownEntrySerializer(many=True)
    cursor = serializers.IntegerField(help_text="Send it back as since.")
    poll_seconds = serializers.IntegerField()


class TakedownFeedView(ApiView):
    @extend_schema(
        operation_id="takedowns",
        summary="Urgent tombstones: what to remove at once",
        description=(
            "Objects taken down (type and id), oldest first, after `since` (the `cursor` of the "
            "last answer). Remove each from the screen and any offline store at once, then "
            "refresh what held it. Poll every `poll_seconds`."
        ),
        tags=["Sync"],
        parameters=[TakedownQuerySerializer],
        responses={
            200: TakedownFeedSerializer,
            304: OpenApiResponse(description="Nothing new."),
            **ERRORS,
        },
    )
    def get(self, request: Request) -> HttpResponseBase:
        # The urgent tombstones from the primary: a lagging replica would hide a takedown.
        db_router.read_primary()
        since = self.query(TakedownQuerySerializer).get("since")
        urgent = ChangeRecord.objects.filter(urgent=True, seq__gt=since or 0)
        fields = ("seq", "kind", "key", "at")
        limit = settings.SYNC_PAGE_SIZE_MAX
        if since is not None:
            rows = list(urgent.order_by("seq").values_list(*fields)[:limit])
        else:
            # A first look: the newest, so that the cursor is the starting point.
            rows = list(urgent.order_by("-seq").values_list(*fields)[:limit])[::-1]
        cursor = rows[-1][0] if rows else since or 0
        etag = f'"takedowns-{since}-{cursor}"'
        response: HttpResponseBase | None = get_conditional_response(request._request, etag=etag)
        if response is None:
            response = Response(
                {
                    "takedowns": [
                        {"type": kind, "id": str(key), "at": at.isoformat()}
                        for _, kind, key, at in rows
                    ],
                    "cursor": cursor,
                    "poll_seconds": settings.TAKEDOWN_POLL_SECONDS,
                }
            )
        response["ETag"] = etag
        response["Cache-Control"] = "private, no-cache"
        return response
