"""Previews on the widget endpoints: ``X-Equalcity-Preview: <token>`` answers the draft a
preview token names (``api.public.previews``) in place of the live object.

A header rather than a parameter: a token never sits in a URL (logs, shared caches). An
answer with a draft is ``private, no-store``; every answer of these endpoints varies on the
header, so that no cache hands a live answer to a preview or a draft to anyone. A token that is
not valid now, or names an object of another kind than the endpoint serves, gets the 404 of an
unknown object.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponseBase
from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from api.public.previews import HEADER, preview_for


def preview_token(request: Request) -> str | None:
    """The token the request carries, or None without the header (an empty one is a bad
    token, not an absent one)."""
    return request.headers.get(HEADER)


def draft_or_404(token: str, models: type | tuple[type, ...], message: str) -> Any:
    """The served draft of one of ``models`` the token names, or the endpoint's 404."""
    draft = preview_for(token)
    if not isinstance(draft, models):
        raise NotFound(message, code="not_found")
    return draft


def private(data: Any) -> Response:
    """An answer holding a draft: no cache keeps it, the browser's included."""
    response = Response(data)
    response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, (HEADER,))
    return response


def varies(response: HttpResponseBase) -> HttpResponseBase:
    patch_vary_headers(response, (HEADER,))
    return response


# Documents the header on the endpoints that read it.
PREVIEW_PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=(
        "A preview token made by the admin's preview: the answer holds that draft in place of "
        "the live object (in the draft's language), private and never cached. A token that is "
        "not valid (any more) gets the 404 of an unknown object."
    ),
)
