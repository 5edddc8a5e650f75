"""Filters that keep request data out of the logs."""

from __future__ import annotations

import logging


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
