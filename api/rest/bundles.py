"""Signed offline bundles: ``/api/v1/bundles/``.

``GET bundles/{city}/{locale}`` serves the kept bundle of a city in a language
(``cms.delivery.bundles``): the key must allow both, like every other endpoint. The bundle
is served as it is kept, gzipped when the client accepts it, with its content version as the
ETag (``If-None-Match`` gets a 304). A bundle not built yet is built once, at its first
request; afterwards the task queue rebuilds it after each publication that touches it.

``GET bundles/key`` serves the public key that verifies every bundle's signature; it needs no
consumer key.
"""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import APIException, NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from api.rest.answers import ErrorSerializer
from api.rest.base import ApiView
from api.rest.hsds import ERRORS
from cms.delivery import bundles, signing
from cms.delivery.models import Bundle

TAGS = ["Offline bundles"]
UNAVAILABLE = OpenApiResponse(ErrorSerializer, description="The server has no signing key.")


class SigningUnavailable(APIException):
    status_code = 503
    default_code = "bundles_unavailable"
    default_detail = "Offline bundles are not available on this server: it has no signing key."


def _public_key() -> str:
    try:
        return signing.public_key_base64()
    except signing.SigningKeyMissing:
        raise SigningUnavailable() from None


class BundleKeyView(ApiView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(
        tags=TAGS,
        summary="The public key that verifies every bundle",
        description=(
            "Ed25519, the 32-byte raw public key in base64. Pin it in the app: a bundle whose "
            "manifest signature doesn't verify with it must be thrown away."
        ),
        responses={200: OpenApiTypes.OBJECT, 503: UNAVAILABLE},
    )
    def get(self, request: Request) -> Response:
        response = Response(
            {"algorithm": "Ed25519", "format": bundles.FORMAT, "public_key": _public_key()}
        )
        response["Cache-Control"] = "public, max-age=3600"
        return response


class BundleView(ApiView):
    @extend_schema(
        tags=TAGS,
        summary="A city's signed offline bundle in one language",
        description=(
            "Everything the city's kiosk and widgets show in that language: `parts` holds the "
            "answers of the widget endpoints under the request each answers; `manifest` (JSON "
            "text) names each part's sha256 and the content `version`; `signature` is the "
            "Ed25519 signature of the manifest text's UTF-8 bytes, in base64. Verify the "
            "signature, then each part's sha256, before using any of it. The ETag is the "
            "content version: send it back as `If-None-Match` (304 when unchanged)."
        ),
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="The bundle."),
            304: OpenApiResponse(description="The bundle is unchanged."),
            **ERRORS,
            404: OpenApiResponse(
                ErrorSerializer, description="The city has no page in the site's language."
            ),
            503: UNAVAILABLE,
        },
    )
    def get(self, request: Request, city: str, locale: str) -> HttpResponseBase:
        context = self.locale_context(locale)
        self.city(city, context)
        _public_key()  # 503 before anything is built when there is no key
        kept = bundles.city_for(city)
        if kept is None:
            raise NotFound("This city has no bundle: it has no page in the site's language.")
        bundle = Bundle.objects.filter(city=kept, locale=locale).first() or bundles.refresh(
            kept, locale
        )
        etag = f'"{bundle.version}"'
        response: HttpResponseBase | None = get_conditional_response(request._request, etag=etag)
        if response is None:
            if "gzip" in request.headers.get("Accept-Encoding", ""):
                response = HttpResponse(bytes(bundle.body_gzip), content_type="application/json")
                response["Content-Encoding"] = "gzip"
            else:
                response = HttpResponse(bundle.body, content_type="application/json")
        response["ETag"] = etag
        # Kept by the client and revalidated on every use: a takedown must reach it.
        response["Cache-Control"] = "private, no-cache"
        response["Last-Modified"] = bundle.built_at.strftime("%a, %d %b %Y %H:%M:%S GMT")
        patch_vary_headers(response, ("Accept-Encoding",))
        return response
