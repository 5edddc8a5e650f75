"""Logs an operator can read: one line per kind of warning or error per minute (with a count
of the dropped ones), a bad Host header as one line with no traceback, and still no request
data."""

import io
import logging
from collections.abc import Iterator

import pytest
from django.test import Client

from cms.core.log_filters import OncePerMinute, SuspiciousHostOneLine


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def record(msg: str, *args: object, level: int = logging.ERROR, exc: BaseException | None = None):
    exc_info = (type(exc), exc, None) if exc is not None else None
    return logging.LogRecord("django.request", level, __file__, 1, msg, args, exc_info)


@pytest.fixture
def once() -> OncePerMinute:
    limiter = OncePerMinute()
    limiter.clock = Clock()  # type: ignore[method-assign]
    return limiter


def test_the_first_record_of_a_kind_passes_and_the_rest_of_the_minute_are_counted(once):
    passed = [once.filter(record("Internal Server Error: %s", f"/p/{n}")) for n in range(500)]
    assert passed == [True] + [False] * 499

    once.clock.now += 60
    later = record("Internal Server Error: %s", "/p/again")
    assert once.filter(later) is True
    assert later.getMessage() == (
        "Internal Server Error: /p/again (499 more like this in the last minute)"
    )
    # The count starts again with the new window.
    assert once.filter(record("Internal Server Error: %s", "/p/x")) is False


def test_kinds_are_told_apart_by_logger_level_template_and_exception_class(once):
    assert once.filter(record("Internal Server Error: %s", "/a")) is True
    assert once.filter(record("Internal Server Error: %s", "/b", level=logging.WARNING)) is True
    assert once.filter(record("Service Unavailable: %s", "/a")) is True
    assert once.filter(record("Internal Server Error: %s", "/a", exc=ValueError())) is True
    assert once.filter(record("Internal Server Error: %s", "/a", exc=KeyError())) is True
    assert once.filter(record("Internal Server Error: %s", "/c", exc=KeyError())) is False


def test_records_below_warning_always_pass(once):
    assert all(once.filter(record("Published %s", n, level=logging.INFO)) for n in range(10))


def test_the_kinds_remembered_are_bounded():
    limiter = OncePerMinute(max_kinds=3)
    for n in range(10):
        assert limiter.filter(record(f"kind {n}")) is True
    assert len(limiter._kinds) == 3
    assert limiter.filter(record("kind 9")) is False


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the configured console handler writes, with its per-minute state cleared."""
    (handler,) = logging.getLogger("django.request").handlers
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    for limiter in handler.filters:
        assert isinstance(limiter, OncePerMinute)
        limiter._kinds.clear()
    yield stream
    handler.setStream(previous)
    for limiter in handler.filters:
        assert isinstance(limiter, OncePerMinute)
        limiter._kinds.clear()


@pytest.mark.django_db
def test_a_bad_host_header_is_one_line_without_traceback(console):
    for host in ("scanner.invalid", "scanner.invalid:8080", "x" * 300):
        response = Client(HTTP_HOST=host).get("/toolboxes/?q=shelter+near+me")
        assert response.status_code == 400

    lines = console.getvalue().splitlines()
    assert lines == [
        "WARNING django.security.DisallowedHost Request refused (400): its Host header "
        "'scanner.invalid' is not in ALLOWED_HOSTS."
    ]
    assert "Traceback" not in console.getvalue()
    assert "shelter" not in console.getvalue()


def test_a_long_host_header_is_shortened():
    message = f"Invalid HTTP_HOST header: '{'x' * 300}'. You may need to add it."
    line = logging.LogRecord(
        "django.security.DisallowedHost", logging.ERROR, "", 1, message, (), None
    )
    assert SuspiciousHostOneLine().filter(line) is True
    assert line.getMessage() == (
        f"Request refused (400): its Host header '{'x' * 79} is not in ALLOWED_HOSTS."
    )
    assert line.levelname == "WARNING"


@pytest.mark.django_db
def test_an_error_repeated_by_every_request_is_logged_once_a_minute(console):
    logger = logging.getLogger("django.request")
    for n in range(200):
        try:
            raise ConnectionError("connection refused")
        except ConnectionError:
            logger.error("Internal Server Error: %s", f"/api/v1/safe-spaces/{n}", exc_info=True)

    output = console.getvalue()
    assert output.count("Internal Server Error") == 1
    assert output.count("Traceback") == 1
