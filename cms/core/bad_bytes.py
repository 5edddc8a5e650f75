"""Text that no part of the site can store or look up: refused early, with a clear 400.

A NUL character can't be stored in a PostgreSQL text column, and a lone surrogate (a valid
JSON escape, ``"\\ud800"``) can't be encoded as UTF-8 by any database driver: either one,
reaching a query, would end as a database error and a 500. Bytes that are not UTF-8 can't be
read as text at all.

- ``BadBytesMiddleware``, first in ``MIDDLEWARE``, refuses a request whose path or query
  string holds any of them, before any view runs: JSON for the API (the GraphQL error shape on
  ``/api/graphql/``, the REST one elsewhere under ``/api/``), a readable page for browsers.
- Form fields: Django's ``CharField`` already refuses NUL characters
  (``ProhibitNullCharactersValidator``) with a form error, and form bodies are decoded with
  replacement characters, so no surrogate reaches a form.
- JSON bodies (GraphQL variables and query text, REST bodies) are checked where they are
  decoded, with ``has_bad_characters``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape

BAD_CHARACTERS = re.compile("[\x00\ud800-\udfff]")
MESSAGE = (
    "The {where} holds a character that can't be read as text (a NUL byte, a lone "
    "surrogate or bytes that are not UTF-8). Remove it and try again."
)


def has_bad_characters(value: Any) -> bool:
    """Whether a string, or any key or string inside decoded JSON, holds a NUL character or a
    lone surrogate."""
    if isinstance(value, str):
        return BAD_CHARACTERS.search(value) is not None
    if isinstance(value, dict):
        return any(has_bad_characters(k) or has_bad_characters(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_bad_characters(item) for item in value)
    return False


def _is_bad_text(raw: bytes) -> bool:
    if b"\x00" in raw:
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def bad_part(request: HttpRequest) -> str | None:
    """Which part of the request's URL holds bad bytes ("address", "query string"), or None."""
    # Django re-percent-encodes the bytes of a path that are not UTF-8 ("\xff" -> "%FF"), so
    # they are found by decoding once more. A path with a literal "%FF" (sent as "%25FF") is
    # refused too: none of this site's addresses holds a percent sign.
    if _is_bad_text(unquote_to_bytes(request.path)):
        return "address"
    query_string = request.META.get("QUERY_STRING", "")
    if query_string and _is_bad_text(unquote_to_bytes(query_string.replace("+", " "))):
        return "query string"
    return None


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """A 400 in the form the client reads: JSON for the API, a page for browsers."""
    path = request.path
    if path.startswith("/api/graphql"):
        body: dict[str, Any] = {
            "errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]
        }
        response = HttpResponse(json.dumps(body), status=400, content_type="application/json")
    elif path.startswith(settings.API_PATH_PREFIX) or "json" in request.headers.get("Accept", ""):
        body = {"detail": message, "code": "invalid", "fields": {"request": [message]}}
        response = HttpResponse(json.dumps(body), status=400, content_type="application/json")
    else:
        page = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            "<title>Bad request</title></head><body><h1>Bad request</h1>"
            f"<p>{escape(message)}</p></body></html>"
        )
        response = HttpResponse(page, status=400, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


class BadBytesMiddleware:
    """Refuses (400) a request whose path or query string can't be read as text."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        part = bad_part(request)
        if part is not None:
            return bad_request(request, MESSAGE.format(where=part))
        return self.get_response(request)
