"""Django through a real PgBouncer in transaction pool mode (the Debian package's binary), in
front of a throwaway PostgreSQL cluster: what breaks without the pooled settings of
``cms.settings.databases`` (``DATABASE_POOLER=pgbouncer``), and that it doesn't with them.

In transaction mode a client gets a server connection for one transaction (one statement in
autocommit), then another client may get it. PgBouncer hands out the server connection used
last first, so "another client takes the connection I just used" is what happens here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import ProgrammingError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from cms.settings.databases import connection as database_settings
from tests.faults.servers import PgBouncer, PostgresCluster

pytestmark = pytest.mark.faults

ROWS = 1000


@pytest.fixture(scope="module")
def bouncer() -> Iterator[PgBouncer]:
    """PgBouncer with two server connections at most, in front of a cluster holding a
    ``django_content_type`` table of ``ROWS`` rows."""
    with PostgresCluster() as cluster:
        with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as server:
            server.execute(
                "CREATE TABLE django_content_type (id serial PRIMARY KEY, "
                "app_label varchar(100) NOT NULL, model varchar(100) NOT NULL)"
            )
            server.execute(
                "INSERT INTO django_content_type (app_label, model) "
                "SELECT 'app', 'model' || n FROM generate_series(1, %s) AS n",
                [ROWS],
            )
        with PgBouncer(cluster.port, pool_size=2) as bouncer:
            yield bouncer


@contextmanager
def alias(name: str, settings: dict[str, Any], blocker: Any) -> Iterator[BaseDatabaseWrapper]:
    """A database alias of the test's own, removed afterwards."""
    connections.settings[name] = connections.configure_settings({"default": settings})["default"]
    try:
        with blocker.unblock():
            yield connections[name]
    finally:
        connections[name].close()
        del connections[name]
        del connections.settings[name]


def iterate_while_another_client_takes_the_server(url: str, pooler: str, blocker: Any) -> int:
    """``.iterator()`` reads its first chunk; another client then runs a transaction on the
    server connection the first one used; the iteration goes on. The number of rows read."""
    with (
        alias("first", database_settings(url, pooler), blocker),
        alias("second", database_settings(url, pooler), blocker) as second,
    ):
        rows = ContentType.objects.using("first").order_by("pk").iterator(chunk_size=100)
        next(rows)
        with transaction.atomic(using="second"), second.cursor() as cursor:
            cursor.execute("SELECT 1")
            return 1 + sum(1 for _ in rows)


def test_iterator_reads_every_row_through_pgbouncer_with_the_pooled_settings(
    bouncer, django_db_blocker
):
    assert (
        iterate_while_another_client_takes_the_server(bouncer.url(), "pgbouncer", django_db_blocker)
        == ROWS
    )


def test_iterator_loses_its_server_side_cursor_through_pgbouncer_without_them(
    bouncer, django_db_blocker
):
    # Django declares a server-side cursor WITH HOLD; the next FETCH runs on the other
    # server connection, where it doesn't exist (and so does closing it, which psycopg raises
    # as it is, over Django's error).
    with pytest.raises(
        (ProgrammingError, psycopg.errors.InvalidCursorName),
        match=r'cursor "_django_curs_\w+" does not exist',
    ):
        iterate_while_another_client_takes_the_server(bouncer.url(), "", django_db_blocker)


@pytest.mark.parametrize(
    ("prepare_threshold", "error"),
    [(None, None), (5, 'prepared statement "_pg3_0" already exists')],
)
def test_prepared_statements_stay_off_through_pgbouncer(
    bouncer, django_db_blocker, prepare_threshold, error
):
    """Two clients run the same query in turn on the server connection they share. With
    server-side binding psycopg would prepare it on the 5th run, under a name the other client
    also uses; the pooled settings keep ``prepare_threshold`` at None, whatever the binding."""
    settings = database_settings(bouncer.url(), "pgbouncer")
    assert settings["OPTIONS"]["prepare_threshold"] is None
    settings["OPTIONS"].update(server_side_binding=True, prepare_threshold=prepare_threshold)
    answers = []
    with (
        alias("first", settings, django_db_blocker) as first,
        alias("second", settings, django_db_blocker) as second,
    ):
        try:
            for run in range(8):
                for client in (first, second):
                    with client.cursor() as cursor:
                        cursor.execute("SELECT %s::int + 1", [run])
                        answers.append(cursor.fetchone()[0])
        except ProgrammingError as failure:
            answers.append(str(failure))

    if error is None:
        assert answers == [run + 1 for run in range(8) for _ in range(2)]
    else:
        assert answers[-1] == error
