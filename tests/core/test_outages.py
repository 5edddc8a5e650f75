"""What counts as a database outage, handler500's answers, and the connect timeout."""

import runpy
import sqlite3
from pathlib import Path

import psycopg
import pytest
from django.db import IntegrityError, InterfaceError, OperationalError, ProgrammingError
from django.test import Client, RequestFactory, override_settings
from django.urls import path

from cms.core import outages
from cms.core.outages import DatabaseUnavailable, is_database_outage, server_error

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "cms" / "settings" / "base.py"


def wrapped(django_class, driver_error):
    """A Django database error caused by a driver's, as Django's error wrapper raises it."""
    try:
        raise driver_error
    except Exception as error:  # noqa: BLE001 - re-raised at once
        try:
            raise django_class(*error.args) from error
        except django_class as outer:
            return outer


@pytest.mark.parametrize(
    "error",
    [
        wrapped(OperationalError, psycopg.OperationalError("connection refused")),
        wrapped(OperationalError, psycopg.errors.ConnectionFailure("server closed")),
        wrapped(OperationalError, psycopg.errors.AdminShutdown("terminating connection")),
        wrapped(OperationalError, psycopg.errors.CannotConnectNow("starting up")),
        wrapped(OperationalError, psycopg.errors.TooManyConnections("too many clients")),
        wrapped(InterfaceError, psycopg.InterfaceError("the connection is closed")),
        psycopg.OperationalError("connection refused"),
        OperationalError("no connection"),
        DatabaseUnavailable("no record"),
    ],
    ids=lambda error: type(error.__cause__ or error).__name__,
)
def test_a_lost_or_refused_connection_is_an_outage(error):
    assert is_database_outage(error) is True


@pytest.mark.parametrize(
    "error",
    [
        wrapped(ProgrammingError, psycopg.errors.UndefinedTable("no such relation")),
        wrapped(IntegrityError, psycopg.errors.UniqueViolation("duplicate key")),
        wrapped(OperationalError, psycopg.errors.QueryCanceled("statement timeout")),
        wrapped(OperationalError, psycopg.errors.DeadlockDetected("deadlock")),
        wrapped(OperationalError, sqlite3.OperationalError("no such table: x")),
        ProgrammingError("syntax error"),
        ValueError("not a database error"),
        None,
    ],
    ids=lambda error: type(getattr(error, "__cause__", None) or error).__name__,
)
def test_a_bug_or_a_query_failure_is_not_an_outage(error):
    assert is_database_outage(error) is False


def test_an_outage_behind_another_exception_is_found():
    try:
        try:
            raise wrapped(OperationalError, psycopg.OperationalError("refused"))
        except OperationalError as error:
            raise RuntimeError("while rendering") from error
    except RuntimeError as outer:
        assert is_database_outage(outer) is True


# --- handler500 ---------------------------------------------------------------------------------


def failing_view(request):
    raise ZeroDivisionError


urlpatterns = [path("api/graphql/", failing_view), path("api/v1/x", failing_view)]
urlpatterns += [path("page/", failing_view)]
handler500 = "cms.core.outages.server_error"


@pytest.fixture
def failing_urls():
    with override_settings(ROOT_URLCONF=__name__):
        yield


@pytest.mark.parametrize(
    ("url", "content_type", "body"),
    [
        (
            "/api/graphql/",
            "application/graphql-response+json; charset=utf-8",
            b'{"errors":[{"message":"Internal error",'
            b'"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}',
        ),
        ("/api/v1/x", "application/json", b'{"detail":"Internal error","code":"internal_error"}'),
        ("/page/", "text/html; charset=utf-8", outages.SERVER_ERROR_PAGE.encode()),
    ],
)
def test_a_bug_is_a_plain_500_in_the_paths_shape(db, failing_urls, url, content_type, body):
    response = Client(raise_request_exception=False).get(url)

    assert response.status_code == 500
    assert response["Content-Type"] == content_type
    assert response.content == body
    assert response["Cache-Control"] == "no-store"
    assert "Traceback" not in response.content.decode()


def test_the_project_uses_the_handler():
    from cms import urls

    assert urls.handler500 == "cms.core.outages.server_error"


def test_handler500_answers_an_outage_with_a_503():
    request = RequestFactory().get("/api/v1/hsds/")
    try:
        raise wrapped(OperationalError, psycopg.OperationalError("refused"))
    except OperationalError:
        response = server_error(request)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert vars(response)["_has_been_logged"] is True  # Django logs it otherwise


def test_the_middleware_comes_early():
    from django.conf import settings

    assert settings.MIDDLEWARE.index("cms.core.outages.OutageMiddleware") == 1


# --- Settings -----------------------------------------------------------------------------------


def base_settings(monkeypatch, **environ) -> dict:
    for name in (
        "DATABASE_URL",
        "DATABASE_POOLER",
        "DATABASE_REPLICA_URL",
        "API_CONSUMER_FALLBACK_SECONDS",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))


def test_postgresql_connections_give_up_after_5_seconds(monkeypatch):
    settings = base_settings(monkeypatch, DATABASE_URL="postgres://app@db.internal:5432/equalcity")

    database = settings["DATABASES"]["default"]
    assert database["OPTIONS"] == {"connect_timeout": 5}
    assert database["CONN_HEALTH_CHECKS"] is True


def test_a_connect_timeout_in_the_url_wins(monkeypatch):
    settings = base_settings(
        monkeypatch, DATABASE_URL="postgres://app@db.internal:5432/equalcity?connect_timeout=2"
    )

    assert settings["DATABASES"]["default"]["OPTIONS"]["connect_timeout"] == 2


def test_sqlite_has_no_connect_timeout(monkeypatch):
    settings = base_settings(monkeypatch)

    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert "connect_timeout" not in database.get("OPTIONS", {})


def test_the_fallback_window_is_read_from_the_environment(monkeypatch):
    assert base_settings(monkeypatch)["API_CONSUMER_FALLBACK_SECONDS"] == 300
    assert (
        base_settings(monkeypatch, API_CONSUMER_FALLBACK_SECONDS="0")[
            "API_CONSUMER_FALLBACK_SECONDS"
        ]
        == 0
    )
