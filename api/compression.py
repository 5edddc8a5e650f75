"""Compressed API answers: zstd, brotli or gzip, as the client accepts, above a small size.

django-compression-middleware chooses the encoding and compresses; this module applies it to
the API's paths only (``API_PATH_PREFIX``), and gives the response cache the same choice so
that it can keep each encoding's bytes: a cached hit costs no compression.

The admin and the HTML pages are left alone: they carry a CSRF token next to reflected input,
the case BREACH exploits. API answers carry no secret.
"""

from __future__ import annotations

from typing import Any

from compression_middleware.middleware import (
    MIN_LEN,
    CompressionMiddleware,
    compressor,
    compressors,
)
from django.conf import settings
from django.http import HttpRequest, HttpResponse

IDENTITY = "identity"


def chosen_encoding(accept_encoding: str, size: int) -> str:
    """The encoding an answer of ``size`` bytes is sent in to a client sending this header."""
    if size < MIN_LEN:
        return IDENTITY
    encoding, _, _ = compressor(accept_encoding or "")
    return encoding or IDENTITY


def compress(body: bytes, encoding: str) -> bytes:
    if encoding == IDENTITY:
        return body
    for name, compress_bytes, _ in compressors:
        if name == encoding:
            return compress_bytes(body)
    raise ValueError(f"Unknown encoding {encoding!r}.")


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith(settings.API_PATH_PREFIX)


class ApiCompressionMiddleware(CompressionMiddleware):
    """Compress API answers (not the admin's or the pages' HTML)."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> Any:
        if not is_api_request(request):
            return response
        return super().process_response(request, response)
