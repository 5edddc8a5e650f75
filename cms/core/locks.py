"""One run at a time across every host: PostgreSQL advisory locks for periodic commands.

With several schedulers (a second host, a deploy that overlaps the old container with the new
one), a periodic command may start twice at once. ``run_alone`` runs the block inside one
transaction that holds a transaction-scoped advisory lock (``pg_try_advisory_xact_lock``): the
lock ends with the transaction, so it is safe behind PgBouncer in transaction pooling mode,
where a session-scoped lock could be left held on a pooled server connection. A run that
doesn't get the lock doesn't wait: the other run does the work.

On SQLite (the demo: one process) there is nothing to lock against; the block still runs in
one transaction, so it behaves the same on both databases.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, transaction

# Advisory lock keys: fixed, one per command, documented in docs/operations.md.
PUBLISH_SCHEDULED = 72_616_901


@contextmanager
def run_alone(key: int, using: str = "default") -> Iterator[bool]:
    """Yield True inside a transaction that holds lock ``key`` (PostgreSQL), False when
    another transaction holds it; the caller skips its work on False."""
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor != "postgresql":
            yield True
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [key])
            row = cursor.fetchone()
        yield bool(row and row[0])
