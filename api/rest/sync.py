"""Delta sync over REST: ``GET /api/v1/sync/`` (``api.public.sync``; GraphQL ``sync`` is the
same). The key's cities and languages and its request limit apply as everywhere."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from api.consumers import require_city
from api.public.sync import SyncError, SyncPage, sync_page
from api.rest.answers import ErrorSerializer
from api.rest.base import ApiView, invalid
from api.rest.hsds import ERRORS
from api.rest.serializers import city_field


class SyncQuerySerializer(serializers.Serializer):
    locale = serializers.CharField(max_length=10, help_text="Language code, e.g. fr (required).")
    city = city_field()
    token = serializers.CharField(
        required=False,
        max_length=4000,
        help_text="The next_page_token or next_sync_token of the last answer; none at first.",
    )
    page_size = serializers.IntegerField(
        required=False,
        default=settings.SYNC_PAGE_SIZE_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(settings.SYNC_PAGE_SIZE_MAX)],
        help_text=f"Items and tombstones per page, at most {settings.SYNC_PAGE_SIZE_MAX}.",
    )


class SyncItemSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="city, service_category, audience, ... safe_space")
    id = serializers.UUIDField(help_text="The object's translation key.")
    data = serializers.DictField(  # type: ignore[assignment]  # the item's "data"
        help_text="The object as the widget endpoints shape it."
    )


class TombstoneSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.UUIDField()


class SyncPageSerializer(serializers.Serializer):
    items = SyncItemSerializer(many=True)
    deleted = TombstoneSerializer(many=True)
    next_page_token = serializers.CharField(allow_null=True)
    next_sync_token = serializers.CharField(allow_null=True)


class TokenGone(APIException):
    status_code = 410
    default_code = "sync_token_expired"


def page_answer(page: SyncPage) -> dict[str, Any]:
    return {
        "items": page.items,
        "deleted": page.deleted,
        "next_page_token": page.next_page_token,
        "next_sync_token": page.next_sync_token,
    }


class SyncView(ApiView):
    @extend_schema(
        operation_id="sync",
        summary="Delta sync: everything, then only what changed",
        description=(
            "Without a token: every item a client of the language (and city) needs, in pages "
            "(`next_page_token`); the last page carries `next_sync_token`. With a sync token: "
            "only what changed since, and `deleted` tombstones (type and id) for what readers "
            "may no longer see (unpublished, deleted, expired, made private, moved out of the "
            "city or language). A token older than the tombstones kept (`SYNC_TOMBSTONE_DAYS`, "
            "90) gets a 410: sync from scratch."
        ),
        tags=["Sync"],
        parameters=[SyncQuerySerializer],
        responses={
            200: SyncPageSerializer,
            410: OpenApiResponse(ErrorSerializer, description="Too old: sync from scratch."),
            **ERRORS,
        },
    )
    def get(self, request: Request) -> Response:
        params = self.query(SyncQuerySerializer)
        context = self.locale_context(params["locale"], pages=True)
        if params.get("city"):
            city = self.city(params["city"], context)
        else:
            require_city(self.consumer, "city")  # a key limited to cities names one
            city = None
        try:
            page = sync_page(context, city, params.get("token"), params["page_size"])
        except SyncError as error:
            if error.gone:
                raise TokenGone(str(error)) from None
            raise invalid("token", str(error)) from None
        response = Response(page_answer(page))
        response["Cache-Control"] = "no-store"
        return response
