"""The database being unreachable: recognised, answered with a 503, logged in one line.

When PostgreSQL stops, restarts or drops off the network, every query raises. Such an error is
not a bug in the request or the code, and a traceback per request would only bury the one fact
an operator needs ("the database is down"). So:

- ``is_database_outage(exc)`` tells a lost or refused connection (Django's or psycopg's
  ``OperationalError`` / ``InterfaceError`` without an SQL state, of class 08, or a server
  shutting down or full) from a bug or a query's own failure (``ProgrammingError``,
  ``IntegrityError``, a cancelled statement, a deadlock).
- ``OutageMiddleware`` turns such an exception escaping a view into a 503 with
  ``Retry-After``, shaped like the answers of the path it was raised on: GraphQL's error shape,
  the REST API's ``{"detail", "code"}``, or a small HTML page. ``server_error`` (``handler500``)
  does the same for one raised outside a view, and answers every other error without a
  traceback.
- Each kind of outage is logged as one WARNING line without a traceback, at most once a minute
  per process, with the number of requests it refused since the last line.

Answers that need no query (the GraphQL result cache, a consumer key's record cached by
``api.consumers``) keep being served; a connection comes back by itself with the database
(``conn_health_checks``), so no restart is needed.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import utils as db_utils
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
MESSAGE = "The service is temporarily unavailable: try again in a moment."
HTML_PAGE = (
    "<!doctype html>\n"
    '<html lang="en"><head><meta charset="utf-8"><title>Temporarily unavailable</title>'
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head>\n'
    "<body><h1>Temporarily unavailable</h1>\n"
    "<p>This page can't be shown right now. Please try again in a moment.</p></body></html>\n"
)
SERVER_ERROR_PAGE = (
    "<!doctype html>\n"
    '<html lang="en"><head><meta charset="utf-8"><title>Server error</title>'
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head>\n'
    "<body><h1>Server error</h1>\n"
    "<p>Something went wrong on our side. Please try again later.</p></body></html>\n"
)
GRAPHQL_PATH = "/api/graphql"  # with or without the final slash (api/urls.py)
REST_PATH = "/api/"
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"

# SQL states that mean the server can't be used right now rather than that a query is wrong:
# connection exceptions (class 08), the server shutting down or starting, too many clients.
OUTAGE_SQLSTATES = frozenset({"57P01", "57P02", "57P03", "53300"})


class DatabaseUnavailable(Exception):
    """Raised where the database is needed and can't be reached (and no cached copy helps)."""


def _driver_outage(error: BaseException) -> bool | None:
    """Whether a database driver's exception is an outage; None when it is not a driver's."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        psycopg = None  # type: ignore[assignment]
    if psycopg is not None and isinstance(error, psycopg.Error):
        if not isinstance(error, psycopg.OperationalError | psycopg.InterfaceError):
            return False
        sqlstate = getattr(error, "sqlstate", None)
        return sqlstate is None or sqlstate.startswith("08") or sqlstate in OUTAGE_SQLSTATES
    module = type(error).__module__
    if module.startswith(("sqlite3", "_sqlite3")):
        # An embedded file, not a server: its errors are a configuration or code problem.
        return False
    return None


def is_database_outage(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or the driver error behind it) says the database can't be reached."""
    seen: set[int] = set()
    error = exc
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, DatabaseUnavailable):
            return True
        verdict = _driver_outage(error)
        if verdict is not None:
            return verdict
        if isinstance(error, db_utils.OperationalError | db_utils.InterfaceError):
            cause = error.__cause__
            if cause is None:
                # Django's own, with no driver error behind it: a connection it can't use.
                return True
            error = cause
            continue
        if isinstance(error, db_utils.Error):
            return False
        error = error.__cause__ or error.__context__
    return False


# --- Logging: one line per kind and minute ---------------------------------------------------


def _root_cause(error: BaseException | None) -> BaseException | None:
    """The first error of the chain (the driver's), whose class the log line names."""
    seen: set[int] = set()
    while error is not None and error.__cause__ is not None and id(error) not in seen:
        seen.add(id(error))
        error = error.__cause__
    return error


class _OutageLog:
    """Counts outages per kind; logs the first at once, then at most once a minute."""

    interval = 60.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}
        self._suppressed: dict[str, int] = {}

    def note(self, kind: str, error: BaseException | None) -> None:
        now = time.monotonic()
        with self._lock:
            last = self._last.get(kind)
            if last is not None and now - last < self.interval:
                self._suppressed[kind] = self._suppressed.get(kind, 0) + 1
                return
            self._last[kind] = now
            count = self._suppressed.pop(kind, 0) + 1
        name = type(_root_cause(error)).__name__
        logger.warning(
            "Database unavailable (%s, %s): %d request(s) answered 503 in the last minute.",
            kind,
            name,
            count,
        )

    def reset(self) -> None:
        with self._lock:
            self._last.clear()
            self._suppressed.clear()


outage_log = _OutageLog()


def note_outage(kind: str, error: BaseException | None = None) -> None:
    """Record one request refused because of an outage (``kind``: where it was seen)."""
    outage_log.note(kind, error)


# --- Responses ---------------------------------------------------------------------------------


def already_logged(response: HttpResponse) -> HttpResponse:
    """Keep Django from logging the 503 again (an ERROR line per request, "Service
    Unavailable: <path>"): ``note_outage`` has logged it, once a minute."""
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def _unavailable(response: HttpResponse) -> HttpResponse:
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return already_logged(response)


def _json(payload: dict[str, Any], status: int, content_type: str) -> HttpResponse:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body.encode("utf-8"), status=status, content_type=content_type)


def graphql_unavailable(media_type: str | None = None) -> HttpResponse:
    """503 in GraphQL's error shape, in the media type the view negotiated."""
    content_type = f"{media_type or 'application/json'}; charset=utf-8"
    payload = {"errors": [{"message": MESSAGE, "extensions": {"code": "SERVICE_UNAVAILABLE"}}]}
    return _unavailable(_json(payload, 503, content_type))


def rest_unavailable() -> HttpResponse:
    """503 in the REST API's error shape (api/rest/errors.py)."""
    return _unavailable(
        _json({"detail": MESSAGE, "code": "service_unavailable"}, 503, "application/json")
    )


def html_unavailable() -> HttpResponse:
    return _unavailable(
        HttpResponse(HTML_PAGE, status=503, content_type="text/html; charset=utf-8")
    )


def _graphql_media_type(request: HttpRequest) -> str:
    """The media type the GraphQL view would have chosen (JSON when nothing is acceptable)."""
    from api.graphql.negotiation import APPLICATION_JSON, negotiate

    offered = [GRAPHQL_RESPONSE_JSON, APPLICATION_JSON]
    return negotiate(request.headers.get("Accept"), offered) or APPLICATION_JSON


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 for the request's path: GraphQL, REST or an HTML page."""
    path = request.path_info
    if path.rstrip("/") == GRAPHQL_PATH:
        return graphql_unavailable(_graphql_media_type(request))
    if path.startswith(REST_PATH):
        return rest_unavailable()
    return html_unavailable()


def _kind(request: HttpRequest) -> str:
    path = request.path_info
    if path.rstrip("/") == GRAPHQL_PATH:
        return "graphql"
    if path.startswith(REST_PATH):
        return "rest"
    return "html"


class OutageMiddleware:
    """Answers a database outage escaping a view with a 503 (the path's shape), not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_outage(exception):
            return None
        note_outage(_kind(request), exception)
        return unavailable_response(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: an outage raised outside a view (in a middleware) gets its 503; anything
    else a plain 500 in the path's shape. Neither renders a template (which might query) nor
    shows a traceback."""
    error = sys.exc_info()[1]
    if is_database_outage(error):
        note_outage(_kind(request), error)
        # Django logs the exception with its traceback after this handler returns unless the
        # response says it has been logged (``already_logged``): the line above is the log.
        return unavailable_response(request)
    path = request.path_info
    if path.rstrip("/") == GRAPHQL_PATH:
        payload = {
            "errors": [
                {"message": "Internal error", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}
            ]
        }
        response = _json(payload, 500, f"{_graphql_media_type(request)}; charset=utf-8")
    elif path.startswith(REST_PATH):
        response = _json(
            {"detail": "Internal error", "code": "internal_error"}, 500, "application/json"
        )
    else:
        response = HttpResponse(
            SERVER_ERROR_PAGE, status=500, content_type="text/html; charset=utf-8"
        )
    response["Cache-Control"] = "no-store"
    return response
