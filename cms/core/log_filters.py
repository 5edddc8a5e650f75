"""Filters that keep request data out of the logs."""

from __future__ import annotations

import logging
import re
import threading
import time


class WithoutSqlParameters(logging.Filter):
    """Keeps only the timing of a statement that ``django.db.backends`` logs.

    With ``DEBUG`` (or while queries are counted), Django logs every SQL statement at DEBUG
    with its parameters interpolated: a reader's search text and coordinates. Whatever level
    the logger is given, the statement and its parameters are dropped here.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        duration = getattr(record, "duration", None)
        alias = getattr(record, "alias", None)
        if duration is None:
            record.msg, record.args = "SQL statement", ()
        else:
            record.msg, record.args = "(%.3f) SQL statement; alias=%s", (duration, alias)
        record.sql = record.params = None
        return True


class WithoutRequest(logging.Filter):
    """Drops the request that ``django.request`` attaches to its records.

    Its message names the path only, but the attached request carries the query string and
    headers (search text, a position sent in a URL by mistake) to any handler that reads it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        return True


class OncePerMinute(logging.Filter):
    """Lets through one record of each kind of warning or error per minute, with a count.

    During an outage every request fails the same way; a line (and a traceback) per request
    buries everything else and fills the disk. A *kind* is the logger, the level, the message
    template (not the formatted message, whose path or value varies) and the exception class.
    The first record of a kind passes; the rest within ``interval`` seconds are dropped and
    counted, and the next record that passes says how many were dropped. Records below
    WARNING pass untouched. The state is per process and bounded to ``max_kinds`` kinds.
    """

    def __init__(self, interval: float = 60.0, max_kinds: int = 1000) -> None:
        super().__init__()
        self.interval = interval
        self.max_kinds = max_kinds
        self._kinds: dict[tuple[object, ...], list[float | int]] = {}
        self._lock = threading.Lock()

    def clock(self) -> float:
        return time.monotonic()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        exc_type = record.exc_info[0] if record.exc_info else None
        kind = (record.name, record.levelno, str(record.msg), exc_type)
        now = self.clock()
        with self._lock:
            state = self._kinds.get(kind)
            if state is not None and now - state[0] < self.interval:
                state[1] += 1
                return False
            dropped = int(state[1]) if state is not None else 0
            self._kinds.pop(kind, None)
            if len(self._kinds) >= self.max_kinds:
                self._kinds.pop(next(iter(self._kinds)))
            self._kinds[kind] = [now, 0]
        if dropped:
            record.msg = f"{record.getMessage()} ({dropped} more like this in the last minute)"
            record.args = ()
        return True


class SuspiciousHostOneLine(logging.Filter):
    """A request with a ``Host`` header outside ``ALLOWED_HOSTS`` as one short line.

    Django logs each one at ERROR with the whole traceback of the ``DisallowedHost`` it
    raised (15 lines for what is a scanner's probe, answered 400). Here: no traceback, and the
    header value shortened, so that a long or hostile value can't flood the line.
    """

    max_host_length = 80
    header_value = re.compile(r"Invalid HTTP_HOST header: (.*?)\.(?: |$)")

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        match = self.header_value.search(record.getMessage())
        host = match.group(1)[: self.max_host_length] if match else ""
        record.msg = "Request refused (400): its Host header %s is not in ALLOWED_HOSTS."
        record.args = (host or "(unreadable)",)
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.request = None
        return True
