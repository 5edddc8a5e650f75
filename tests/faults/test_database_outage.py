"""PostgreSQL stopped under a production gunicorn, then started again.

A throwaway cluster of the test's own (``PostgresCluster``) serves the app as production runs
it: ``deploy/gunicorn.conf.py``, two sync workers, ``cms.settings.production``, Redis (a
redis-server of the test's own) as the shared cache. With answers warmed in the result cache,
the cluster is stopped as if it had crashed: cached answers (anonymous, and for a key used
a moment ago) keep coming with 200, everything else gets a 503 with ``Retry-After`` in its
API's shape, never a 500, and the log holds a few WARNING lines, no traceback. Started again,
the same gunicorn serves everything normally.

A database that accepts connections and never answers (a socket of the test's own) costs a
request the 5 s of ``connect_timeout``, then a 503: it never holds a worker until gunicorn
kills it.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import time
from pathlib import Path

import pytest

from tests.faults.servers import PostgresCluster, free_port
from tests.faults.stack import graphql, production_env, request, serving, set_up

pytestmark = pytest.mark.faults

CACHED = "{ toolboxes { title } }"
UNCACHED = "{ toolboxes { slug summary } }"
UNAVAILABLE = {
    "errors": [
        {
            "message": "The service is temporarily unavailable: try again in a moment.",
            "extensions": {"code": "SERVICE_UNAVAILABLE"},
        }
    ]
}
REST_UNAVAILABLE = {
    "detail": "The service is temporarily unavailable: try again in a moment.",
    "code": "service_unavailable",
}


@pytest.fixture
def cluster():
    with PostgresCluster() as cluster:
        yield cluster


@pytest.fixture
def environment(cluster, redis_server):
    static_root = Path(tempfile.mkdtemp(prefix="equalcity-static-"))
    port = free_port()
    env = production_env(
        port=port, database_url=cluster.url, redis_url=redis_server.url, static_root=static_root
    )
    yield env, port
    shutil.rmtree(static_root, ignore_errors=True)


@pytest.fixture
def gunicorn(environment, tmp_path):
    """The cluster migrated and seeded, served by gunicorn."""
    env, port = environment
    raw_key = set_up(env)
    log = tmp_path / "gunicorn.log"
    with serving(env, port, log):
        yield port, raw_key, log


def test_cached_answers_survive_postgresql_stopping_and_it_comes_back_without_a_restart(
    cluster, gunicorn
):
    port, key, log = gunicorn
    # The first page view creates the site's safety settings, which empties the result cache
    # (a content change): before the answers are warmed.
    assert request(port, "/toolboxes/women/").status == 200
    # Warm: each worker may answer, and the answers land in the shared (Redis) result cache.
    warm = graphql(port, CACHED)
    assert warm.status == 200
    assert warm.json() == {"data": {"toolboxes": [{"title": "Violence against migrant women"}]}}
    assert graphql(port, CACHED, key=key).status == 200
    assert request(port, "/api/v1/widgets/toolboxes", key=key).status == 200

    cluster.stop()
    statuses: dict[str, list[int]] = {"cached": [], "keyed": [], "uncached": [], "other": []}
    # Rounds, not seconds: the executed anonymous requests stay under the anonymous budget (50
    # per 10 s window; cached answers are not counted).
    rounds = 40
    for _ in range(rounds):
        cached = graphql(port, CACHED)
        assert cached.body == warm.body
        statuses["cached"].append(cached.status)
        statuses["keyed"].append(graphql(port, CACHED, key=key).status)
        uncached = graphql(port, UNCACHED)
        statuses["uncached"].append(uncached.status)
        assert uncached.json() == UNAVAILABLE
        assert uncached.headers["Retry-After"] == "30"
        rest = request(port, "/api/v1/widgets/toolboxes", key=key)
        assert rest.json() == REST_UNAVAILABLE
        assert rest.headers["Retry-After"] == "30"
        page = request(port, "/toolboxes/women/")
        assert page.headers["Content-Type"] == "text/html; charset=utf-8"
        statuses["other"] += [rest.status, page.status]

    assert statuses == {
        "cached": [200] * rounds,
        "keyed": [200] * rounds,
        "uncached": [503] * rounds,
        "other": [503] * (2 * rounds),
    }

    cluster.start()
    deadline = time.monotonic() + 10
    recovered = graphql(port, UNCACHED)
    while recovered.status != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
        recovered = graphql(port, UNCACHED)
    assert recovered.json() == {"data": {"toolboxes": [{"slug": "women", "summary": "For staff."}]}}
    # Both workers, one request each at least: every one is served again.
    for _ in range(6):
        assert graphql(port, "{ toolboxes { title slug } }").status == 200
        assert request(port, "/api/v1/widgets/toolboxes", key=key).status == 200
        assert request(port, "/toolboxes/women/").status == 200

    text = log.read_text()
    assert "Traceback" not in text
    assert "Internal Server Error" not in text
    assert "Service Unavailable" not in text
    warnings = [line for line in text.splitlines() if "Database unavailable" in line]
    # At most one line per kind (graphql, rest, html) and worker in the outage's minute.
    assert 1 <= len(warnings) <= 6


def test_a_database_that_never_answers_costs_a_request_5_seconds_not_a_worker(
    redis_server, tmp_path
):
    """A database host gone silent (packets dropped, a hung server): the connection attempt
    gives up after ``connect_timeout`` (5 s) and the request gets its 503, well before
    gunicorn's 30 s would kill the worker. The silent server is a socket that accepts
    connections (the kernel completes the handshake) and never says a word."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "fault-test-" + "k" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{silent.getsockname()[1]}/equalcity",
            "REDIS_URL": redis_server.url,
            "WEB_CONCURRENCY": "2",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "LOG_LEVEL": "WARNING",
        }
        log = tmp_path / "gunicorn.log"
        with serving(env, port, log):
            started = time.monotonic()
            answer = graphql(port, CACHED)
            elapsed = time.monotonic() - started

    assert answer.status == 503
    assert answer.json() == UNAVAILABLE
    assert answer.headers["Retry-After"] == "30"
    assert 4.5 <= elapsed < 8
    text = log.read_text()
    assert "Traceback" not in text
    assert "WORKER TIMEOUT" not in text
