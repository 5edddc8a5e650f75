"""What every REST endpoint shares: the key, the renderers, reading parameters, caching."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponseBase
from django.utils.cache import get_conditional_response, patch_vary_headers
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.consumers import Consumer, check_city, check_locale
from api.locales import LocaleContext, requested_codes, resolve_locale
from api.public.cities import CityMatch, match_city
from api.public.nearby import DEFAULT_RADIUS_KM, Point
from api.public.pages import resolve_page_locale
from api.public.safe_spaces import (
    SafeSpacePage,
    SafeSpaceSearch,
    filtered_safe_spaces,
    page_of_safe_spaces,
)
from api.rest.authentication import ConsumerKeyAuthentication, ConsumerKeyThrottle, HasConsumerKey
from api.rest.errors import exception_handler
from cms.core.bad_bytes import MESSAGE as BAD_TEXT_MESSAGE
from cms.core.bad_bytes import has_bad_characters
from safe_spaces.models import SafeSpace

MAX_BODY_BYTES = 16 * 1024
# Query parameters that would put a reader's position in a URL (logs, shared caches).
POSITION_PARAMETERS = frozenset({"latitude", "longitude", "lat", "lng", "lon", "proximity", "near"})


class AcceptHeaderNegotiation(DefaultContentNegotiation):
    """The renderer is chosen by the Accept header only: ``format`` is an HSDS parameter
    (``format=ndjson``), not REST framework's renderer override."""

    class settings:  # noqa: N801 - stands in for REST framework's settings object
        URL_FORMAT_OVERRIDE = None


class ApiView(APIView):
    """A REST endpoint: a consumer key is required and counted; JSON in and out; the browsable
    API only in development.

    Set here rather than as REST framework defaults: Wagtail's admin API and
    wagtail-localize's views are DRF views too, and must keep their own session rules.
    """

    authentication_classes = [ConsumerKeyAuthentication]
    permission_classes = [HasConsumerKey]
    throttle_classes = [ConsumerKeyThrottle]
    parser_classes = [JSONParser]
    content_negotiation_class = AcceptHeaderNegotiation

    def get_exception_handler(self) -> Any:
        return exception_handler

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # Before anything else (the key, the method): a position in a URL is refused on
        # every endpoint, with the way to send it.
        if given := sorted(POSITION_PARAMETERS & set(request.query_params)):
            raise serializers.ValidationError(
                {
                    name: [
                        "A position is never sent in a URL: POST it in a JSON body "
                        "(POST /api/v1/widgets/safe-spaces/near or POST /api/v1/hsds/services)."
                    ]
                    for name in given
                }
            )
        super().initial(request, *args, **kwargs)

    def get_renderers(self) -> list[BaseRenderer]:
        renderers: list[BaseRenderer] = [JSONRenderer()]
        if settings.DEBUG:
            renderers.append(BrowsableAPIRenderer())
        return renderers

    @property
    def consumer(self) -> Consumer | None:
        auth = getattr(self.request, "auth", None)
        return auth if isinstance(auth, Consumer) else None

    # --- Parameters --------------------------------------------------------------------------

    def query(self, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:
        """The URL's parameters, validated; unknown parameters are refused."""
        params = self.request.query_params
        # A repeated parameter reaches its field as a list: a list field takes it, any other
        # refuses it.
        data = {name: values[0] if len(values) == 1 else values for name, values in params.lists()}
        return self._validated(serializer_class, data)

    def body(self, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:
        """The JSON body, validated; unknown members are refused."""
        length = self.request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > MAX_BODY_BYTES:
            raise serializers.ValidationError(
                {"request": [f"The body is larger than {MAX_BODY_BYTES} bytes."]}
            )
        data = self.request.data
        if not isinstance(data, dict):
            raise serializers.ValidationError(
                {"request": ['The body must be a JSON object, e.g. {"latitude": 50.85, ...}.']}
            )
        if has_bad_characters(data):
            raise serializers.ValidationError({"request": [BAD_TEXT_MESSAGE.format(where="body")]})
        return self._validated(serializer_class, data)

    def _validated(
        self, serializer_class: type[serializers.Serializer], data: dict[str, Any]
    ) -> dict[str, Any]:
        serializer = serializer_class(data=data)
        known = set(serializer.fields)
        unknown = sorted(str(name) for name in data if name not in known)
        if unknown:
            raise serializers.ValidationError(
                {
                    name: [f"Unknown parameter. Known ones: {', '.join(sorted(known))}."]
                    for name in unknown
                }
            )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    # --- Scope -------------------------------------------------------------------------------

    def locale_context(self, code: str | None, *, pages: bool = False) -> LocaleContext:
        """The requested locale (400 when unknown) if the key may read it (403 otherwise).
        ``pages``: the view reads the page tree, so its rules come in the same query."""
        requested, _ = requested_codes(code)
        check_locale(self.consumer, requested)
        return resolve_page_locale(requested) if pages else resolve_locale(requested)

    def city(self, slug: str, context: LocaleContext) -> CityMatch:
        """The city a slug names (400 when unknown) if the key may read it (403 otherwise)."""
        match = match_city(slug, context)
        check_city(self.consumer, match.translation_keys, slug)
        return match

    def city_keys_in_scope(self) -> frozenset[Any] | None:
        """The cities (translation keys) a list is limited to when none is named, or None."""
        consumer = self.consumer
        if consumer is None or consumer.all_cities:
            return None
        return consumer.city_keys

    def safe_spaces(
        self, params: dict[str, Any], context: LocaleContext, **filters: Any
    ) -> QuerySet[SafeSpace]:
        """The public listings matching ``filters`` (``SafeSpaceSearch`` fields) in the city
        ``params`` names (400, 403 as ``city``), or else in every city the key may read."""
        city = self.city(params["city"], context) if "city" in params else None
        queryset = filtered_safe_spaces(SafeSpaceSearch(city=city, **filters), context)
        if city is None and (keys := self.city_keys_in_scope()) is not None:
            queryset = queryset.filter(city__translation_key__in=keys)
        return queryset

    # --- Responses ---------------------------------------------------------------------------

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Authorization", "Accept"))
        return response


def cacheable(request: Request, data: Any) -> HttpResponseBase:
    """A GET answer that the client (never a shared cache: it needs a key) may keep for a
    minute and revalidate with its ETag (304)."""
    body = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str).encode()
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    not_modified = get_conditional_response(request._request, etag=etag)
    response: HttpResponseBase = not_modified if not_modified is not None else Response(data)
    response["ETag"] = etag
    response["Cache-Control"] = f"private, max-age={settings.API_REST_CACHE_MAX_AGE}"
    return response


def page_of(
    queryset: QuerySet[SafeSpace], context: LocaleContext, params: dict[str, Any]
) -> SafeSpacePage:
    """The page ``params`` ask for (``page``, ``per_page``): by name, or nearest first within
    ``radius_km`` when they hold a position (a body's ``latitude`` and ``longitude``)."""
    near = Point(params["latitude"], params["longitude"]) if "latitude" in params else None
    return page_of_safe_spaces(
        queryset,
        context,
        near=near,
        radius_km=params.get("radius_km", DEFAULT_RADIUS_KM),
        offset=(params["page"] - 1) * params["per_page"],
        limit=params["per_page"],
    )


def no_store(data: Any) -> Response:
    """An answer to a POST search: never kept (its body may hold a position)."""
    response = Response(data)
    response["Cache-Control"] = "no-store"
    return response


def split_codes(values: Iterable[str] | None) -> list[str]:
    """Codes given as ``a,b`` or repeated: one list."""
    codes: list[str] = []
    for value in values or []:
        codes.extend(code for code in str(value).split(",") if code.strip())
    return codes


def invalid(field: str, message: str) -> serializers.ValidationError:
    return serializers.ValidationError({field: [message]})
