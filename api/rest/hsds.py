"""The HSDS 3.1 export of the safe spaces: ``/api/v1/hsds/``.

One dataset per content language (``?locale=``). Every listing is read through
``api.public.safe_spaces``: only live, active or temporarily closed listings, in the requested
language or the default one, confidential locations already withheld. The mapping itself is
``safe_spaces.hsds``.

Queries per request, whatever the number of services: the locale, the key, the count and the
page (one candidate list instead of the count near a point), plus one search query with
``search`` and four for the parts of nested services (``full=true`` and one service by id).
``format=ndjson`` streams every matching service, one query per 200 (five with ``full``).
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpResponseBase, StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from api.consumers import check_city
from api.locales import LocaleContext
from api.public import InvalidArgument
from api.public.safe_space_parts import load_safe_space_parts
from api.public.safe_spaces import SafeSpacePage, get_safe_space, safe_space_chunks
from api.public.search import safe_space_keys_matching
from api.rest.answers import ErrorSerializer, HsdsApiInfoSerializer, HsdsServicePageSerializer
from api.rest.base import ApiView, cacheable, invalid, no_store, page_of
from api.rest.serializers import (
    HsdsLocationSearchSerializer,
    HsdsServicesQuerySerializer,
    LocaleQuerySerializer,
)
from safe_spaces.hsds import HSDS_VERSION, service
from safe_spaces.models import SafeSpace

NDJSON_CHUNK = 200
TAGS = ["HSDS 3.1 export"]
ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="A bad parameter: `fields` says which."),
    401: OpenApiResponse(ErrorSerializer, description="No key, or a wrong or revoked key."),
    403: OpenApiResponse(
        ErrorSerializer, description="A city or language outside the key's scope."
    ),
    429: OpenApiResponse(ErrorSerializer, description="Over the key's limit: see Retry-After."),
}
NOT_JSON = {
    415: OpenApiResponse(ErrorSerializer, description="The body is not sent as application/json.")
}


def profile_url(request: Request) -> str:
    return request.build_absolute_uri(reverse("api:rest-docs")) + "#hsds-profile"


class HsdsRootView(ApiView):
    @extend_schema(
        operation_id="hsds_root",
        summary="This API and its relation to HSDS",
        description=(
            "The HSDS version, the Equalcity profile (the extensions and rules this export "
            "follows) and the OpenAPI document."
        ),
        tags=TAGS,
        responses={200: HsdsApiInfoSerializer, **ERRORS},
    )
    def get(self, request: Request) -> HttpResponseBase:
        self.query(LocaleQuerySerializer)
        return cacheable(
            request,
            {
                "version": HSDS_VERSION,
                "profile": profile_url(request),
                "openapi_url": request.build_absolute_uri(reverse("api:rest-schema"))
                + "?format=json",
            },
        )


class HsdsServicesView(ApiView):
    """Paged lists of services (GET), and the same list near a point (POST)."""

    @extend_schema(
        operation_id="hsds_services_list",
        summary="Services, a page at a time, or all of them as NDJSON",
        description=(
            "The published safe spaces as HSDS services, by name. A key limited to some "
            "cities gets only theirs. Coordinates are never accepted in a URL: search near a "
            "point with POST. `format=ndjson` streams every matching service, one per line, "
            "in id order, without pages."
        ),
        tags=TAGS,
        parameters=[HsdsServicesQuerySerializer],
        responses={
            200: OpenApiResponse(
                HsdsServicePageSerializer,
                description="An HSDS Page of services (or application/x-ndjson).",
            ),
            **ERRORS,
        },
    )
    def get(self, request: Request) -> HttpResponseBase:
        params = self.query(HsdsServicesQuerySerializer)
        context, queryset = self.filtered(params)
        if params["format"] == "ndjson":
            return ndjson_response(queryset, context, full=params["full"])
        return cacheable(request, envelope(page_of(queryset, context, params), params))

    @extend_schema(
        operation_id="hsds_services_near",
        summary="Services near a point, nearest first",
        description=(
            "The position goes in the body, so that it never appears in a URL, a log or a "
            "cache. Confidential locations never take part in a search near a point. The "
            "answer is never cached."
        ),
        tags=TAGS,
        request=HsdsLocationSearchSerializer,
        responses={200: HsdsServicePageSerializer, **NOT_JSON, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        params = self.body(HsdsLocationSearchSerializer)
        context, queryset = self.filtered(params)
        return no_store(envelope(page_of(queryset, context, params), params))

    def filtered(self, params: dict[str, Any]) -> tuple[LocaleContext, QuerySet[SafeSpace]]:
        context = self.locale_context(params.get("locale"))
        queryset = self.safe_spaces(params, context)
        if (term := params.get("taxonomy_term_id")) is not None:
            queryset = queryset.filter(
                Q(pk__in=SafeSpace.objects.filter(categories__translation_key=term).values("pk"))
                | Q(pk__in=SafeSpace.objects.filter(audiences__translation_key=term).values("pk"))
            )
        if (after := params.get("modified_after")) is not None:
            queryset = queryset.filter(last_published_at__gte=after)
        if (text := params.get("search")) is not None:
            try:
                keys = safe_space_keys_matching(text, context)
            except InvalidArgument as error:
                raise InvalidArgument(str(error), "search") from error
            queryset = queryset.filter(translation_key__in=keys)
        return context, queryset


class HsdsServiceView(ApiView):
    @extend_schema(
        operation_id="hsds_service",
        summary="One service, fully nested",
        description=(
            "A published safe space by its id (a UUID, the same in every language). A key "
            "limited to some cities gets 403 for another city's service."
        ),
        tags=TAGS,
        parameters=[
            LocaleQuerySerializer,
            OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH),
        ],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT, description="An HSDS 3.1 service, fully nested."
            ),
            404: OpenApiResponse(ErrorSerializer, description="No published service has this id."),
            **ERRORS,
        },
    )
    def get(self, request: Request, id: str) -> HttpResponseBase:
        params = self.query(LocaleQuerySerializer)
        try:
            translation_key = uuid.UUID(id)
        except ValueError:
            raise invalid("id", "A service id is a UUID.") from None
        context = self.locale_context(params.get("locale"))
        space = get_safe_space(translation_key, context)
        if space is None:
            raise NotFound("No published service has this id.", code="not_found")
        check_city(self.consumer, [space.city.translation_key], space.city.slug)
        return cacheable(request, service(space, load_safe_space_parts([space])))


def envelope(page: SafeSpacePage, params: dict[str, Any]) -> dict[str, Any]:
    """The HSDS ``Page`` of services."""
    parts = load_safe_space_parts(page.items) if params["full"] else None
    contents = [service(space, parts) for space in page.items]
    total_pages = math.ceil(page.total_count / params["per_page"])
    return {
        "total_items": page.total_count,
        "total_pages": total_pages,
        "page_number": params["page"],
        "size": len(contents),
        "first_page": params["page"] == 1,
        "last_page": params["page"] >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def ndjson_response(
    queryset: QuerySet[SafeSpace], context: LocaleContext, *, full: bool
) -> StreamingHttpResponse:
    def lines() -> Iterator[bytes]:
        for chunk in safe_space_chunks(queryset, context, size=NDJSON_CHUNK):
            parts = load_safe_space_parts(chunk) if full else None
            yield "".join(
                json.dumps(service(space, parts), ensure_ascii=False, separators=(",", ":")) + "\n"
                for space in chunk
            ).encode("utf-8")

    response = StreamingHttpResponse(lines(), content_type="application/x-ndjson; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"
    return response
