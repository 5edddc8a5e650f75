"""A database outage for unit tests: every new cursor fails as a refused connection would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import psycopg
from django.db import OperationalError, connections


def refuse(*args: object, **kwargs: object) -> None:
    """Raise what Django raises when PostgreSQL refuses a connection: its ``OperationalError``
    wrapping psycopg's (which carries no SQL state)."""
    try:
        raise psycopg.OperationalError("connection failed: Connection refused")
    except psycopg.OperationalError as error:
        raise OperationalError(*error.args) from error


@contextmanager
def database_down() -> Iterator[None]:
    """Every query in the block fails: ``cursor()`` always asks ``ensure_connection`` first."""
    with mock.patch.object(connections["default"], "ensure_connection", side_effect=refuse):
        yield
