"""CORS for the public API: browsers may call it only from the origins a key allows.

- An actual request (GET, POST) gets ``Access-Control-Allow-Origin`` only when it carries a
  valid key whose allowed origins include the request's ``Origin``. Any other request (no key,
  a wrong key, an origin the key doesn't list) gets no CORS header, so a browser on another
  website can't read the answer.
- A preflight (``OPTIONS`` with ``Access-Control-Request-Method``) can't carry the key: browsers
  never send ``Authorization`` with it. It is allowed (204 with CORS headers) when its origin is
  allowed by at least one active key, refused (403, no CORS headers) otherwise; the key itself
  is then checked on the actual request.

Every API response varies on ``Origin`` and ``Authorization``: a shared cache never serves one
origin's CORS headers to another, nor one key's answer to another key.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers

from api.models import ConsumerKey

ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "Authorization, Content-Type, Accept, If-None-Match, X-Equalcity-Preview"
EXPOSED_HEADERS = "Retry-After, ETag"
PREFLIGHT_MAX_AGE = "600"


def origin_allowed_by_any_key(origin: str) -> bool:
    """Whether an active key lists the origin; one query (a few hundred short rows at most)."""
    for origins in ConsumerKey.objects.active().values_list("allowed_origins", flat=True):
        if origin in (origins or ()):
            return True
    return False


class ApiCorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(settings.API_PATH_PREFIX):
            return self.get_response(request)
        origin = request.headers.get("Origin")
        if (
            request.method == "OPTIONS"
            and origin
            and "Access-Control-Request-Method" in request.headers
        ):
            return self.preflight(origin)
        response = self.get_response(request)
        patch_vary_headers(response, ("Origin", "Authorization"))
        consumer = getattr(request, "api_consumer", None)
        if origin and consumer is not None and consumer.allows_origin(origin):
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response

    @staticmethod
    def preflight(origin: str) -> HttpResponse:
        if not origin_allowed_by_any_key(origin):
            response: HttpResponse = JsonResponse(
                {"detail": "This origin may not call the API.", "code": "origin_not_allowed"},
                status=403,
            )
        else:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        patch_vary_headers(response, ("Origin",))
        return response
