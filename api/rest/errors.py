"""Every REST error as one JSON shape: ``{"detail": ..., "code": ...}``, plus ``fields`` (the
message of each bad parameter) for bad input. Never a traceback; the database being
unreachable is a 503 ``service_unavailable`` with ``Retry-After`` (``cms.core.outages``)."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from api.consumers import ConsumerRejected
from api.locales import UnknownLocale
from api.public import InvalidArgument
from cms.core.outages import MESSAGE as UNAVAILABLE_MESSAGE
from cms.core.outages import RETRY_AFTER_SECONDS, already_logged, is_database_outage, note_outage

CODES = {"throttled": "rate_limited", "not_authenticated": "key_required"}


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested validation details as {"field" or "field.sub": [messages]}."""
    if isinstance(detail, dict):
        fields: dict[str, list[str]] = {}
        for name, value in detail.items():
            key = f"{prefix}.{name}" if prefix else str(name)
            if name == "non_field_errors":
                key = prefix or "request"
            for field, field_messages in _flatten(value, key).items():
                fields.setdefault(field, []).extend(field_messages)
        return fields
    if isinstance(detail, list):
        messages: list[str] = []
        nested: dict[str, list[str]] = {}
        for item in detail:
            if isinstance(item, dict | list):
                for field, values in _flatten(item, prefix).items():
                    nested.setdefault(field, []).extend(values)
            else:
                messages.append(str(item))
        if messages:
            nested.setdefault(prefix or "request", []).extend(messages)
        return nested
    return {prefix or "request": [str(detail)]}


def bad_input(fields: dict[str, list[str]]) -> dict[str, Any]:
    summary = "; ".join(
        f"{field}: {' '.join(messages)}" if field != "request" else " ".join(messages)
        for field, messages in fields.items()
    )
    return {"detail": summary, "code": "invalid", "fields": fields}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if is_database_outage(exc):
        note_outage("rest", exc)
        response = Response(
            {"detail": UNAVAILABLE_MESSAGE, "code": "service_unavailable"},
            status=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
        already_logged(response)
    elif isinstance(exc, ConsumerRejected):
        response = Response(
            {"detail": exc.message, "code": exc.code}, status=exc.status, headers=exc.headers
        )
    elif isinstance(exc, InvalidArgument):
        response = Response(bad_input({exc.argument or "request": [str(exc)]}), status=400)
    elif isinstance(exc, UnknownLocale):
        response = Response(bad_input({"locale": [str(exc)]}), status=400)
    else:
        handled = drf_exception_handler(exc, context)
        if handled is None:
            return None
        response = handled
        if isinstance(exc, exceptions.ValidationError):
            response.data = bad_input(_flatten(exc.detail))
        else:
            detail = getattr(exc, "detail", None)
            code = str(getattr(detail, "code", None) or getattr(exc, "default_code", "error"))
            response.data = {
                "detail": str(detail if detail is not None else exc),
                "code": CODES.get(code, code),
            }
    response["Cache-Control"] = "no-store"
    return response
