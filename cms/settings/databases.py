"""The database connections: ``DATABASES`` and the replica router's settings, built from the
environment variables ``base.py`` reads (docs/operations.md, "PostgreSQL: pooling and replicas").

- ``DATABASE_URL``: the primary. Without it, the embedded SQLite file under var/.
- ``DATABASE_POOLER=pgbouncer``: ``DATABASE_URL`` (and the replica's URL) lead to PgBouncer in
  transaction pool mode. A transaction may then run on any server connection, so nothing may
  outlive one: no server-side cursors (Django declares them WITH HOLD outside a transaction),
  no prepared statements (psycopg prepares a query it has run 5 times on *its* server
  connection, which the next transaction may not get). Empty: a direct connection, which keeps
  both.
- ``DATABASE_REPLICA_URL``: a streaming replica; the alias ``replica`` then exists and the
  public API reads from it (``cms.core.db_router``).
"""

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

POOLERS = ("pgbouncer",)
POSTGRESQL = "django.db.backends.postgresql"
REPLICA = "replica"

# Seconds a process keeps its connection between requests. Straight to PostgreSQL each one holds
# a server process, so not long; to PgBouncer a client connection costs the pooler almost
# nothing and saves a connection handshake per request.
DIRECT_CONN_MAX_AGE = 60
POOLED_CONN_MAX_AGE = 300
# A database that stops answering (a host gone, packets dropped) fails a connection attempt
# after 5 s instead of holding the worker for minutes; the request gets a 503
# (cms/core/outages.py). A connect_timeout in the URL's query string wins.
CONNECT_TIMEOUT_SECONDS = 5

__all__ = ["DATABASE_ROUTERS"]


def connection(url: str, pooler: str) -> dict[str, Any]:
    """One alias's settings: a PostgreSQL (or other) URL, with the pooler's restrictions."""
    pooled = pooler == "pgbouncer"
    config: dict[str, Any] = dict(
        dj_database_url.parse(
            url,
            conn_max_age=POOLED_CONN_MAX_AGE if pooled else DIRECT_CONN_MAX_AGE,
            conn_health_checks=True,
        )
    )
    if config["ENGINE"] != POSTGRESQL:
        return config
    options = config.setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", CONNECT_TIMEOUT_SECONDS)
    if pooled:
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
        options["prepare_threshold"] = None
    return config


def databases(url: str, replica_url: str, pooler: str, sqlite_path: Path) -> dict[str, Any]:
    """``DATABASES``: ``default`` (the primary) and, with a replica URL, ``replica``."""
    if pooler and pooler not in POOLERS:
        raise ImproperlyConfigured(
            f"DATABASE_POOLER must be empty or one of {', '.join(POOLERS)}, not {pooler!r}."
        )
    if not url:
        if replica_url:
            raise ImproperlyConfigured("DATABASE_REPLICA_URL needs DATABASE_URL (the primary).")
        return {"default": dj_database_url.parse(f"sqlite:///{sqlite_path}", conn_max_age=0)}
    result = {"default": connection(url, pooler)}
    if replica_url:
        result[REPLICA] = connection(replica_url, pooler)
    return result


def replica_alias(configured: dict[str, Any]) -> str | None:
    """The alias the public API reads from, if there is a replica."""
    return REPLICA if REPLICA in configured else None


DATABASE_ROUTERS = ["cms.core.db_router.ReplicaRouter"]


def pooled(config: dict[str, Any]) -> bool:
    """Whether an alias's settings are those of a connection through PgBouncer."""
    return bool(config.get("DISABLE_SERVER_SIDE_CURSORS"))
