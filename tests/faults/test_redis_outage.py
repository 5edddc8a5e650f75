"""Redis killed under a request loop on a production gunicorn, then started again.

The stack of the test's own (``tests/faults/stack.py``): a throwaway PostgreSQL cluster,
``deploy/gunicorn.conf.py`` with two sync workers, ``cms.settings.production`` and a
redis-server of the test's own as the shared cache. Redis is killed while GraphQL, REST, an
HTML page, ``/healthz`` and ``/readyz`` are asked in turn: no answer is a server error,
``/readyz`` stays 200 and says the cache is degraded, and a page published meanwhile (by
another process, as the admin would) publishes without an error. Redis started again on the
same port: within seconds ``/readyz`` says the cache is ok, the response cache is written to
Redis again, and the answer cached before the outage is not served (the publication during
the outage can't have bumped the shared content version; the recovery does).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import redis

from tests.faults.servers import PostgresCluster, free_port
from tests.faults.stack import BASE_DIR, graphql, production_env, request, serving, set_up

pytestmark = pytest.mark.faults

TITLES = "{ toolboxes { title } }"
PUBLISH = """
import django
django.setup()
from toolbox_pages.models import ToolboxPage
toolbox = ToolboxPage.objects.get(slug="women")
toolbox.title = "Renamed while Redis was down"
toolbox.save_revision().publish()
print("PUBLISHED")
"""


@pytest.fixture
def stack(redis_server, tmp_path):
    static_root = Path(tempfile.mkdtemp(prefix="equalcity-static-"))
    port = free_port()
    with PostgresCluster() as cluster:
        env = production_env(
            port=port,
            database_url=cluster.url,
            redis_url=redis_server.url,
            static_root=static_root,
        )
        raw_key = set_up(env)
        log = tmp_path / "gunicorn.log"
        with serving(env, port, log):
            yield env, port, raw_key, log
    shutil.rmtree(static_root, ignore_errors=True)


def response_keys(redis_server) -> list[bytes | str]:
    return redis.Redis.from_url(redis_server.url).keys("*api:response:*")


def test_redis_killed_under_load_costs_no_server_error_and_comes_back_without_a_restart(
    redis_server, stack
):
    env, port, key, log = stack
    # The first page view creates the site's safety settings (a content change): first.
    assert request(port, "/toolboxes/women/").status == 200
    before = graphql(port, TITLES)
    assert before.json() == {"data": {"toolboxes": [{"title": "Violence against migrant women"}]}}
    assert len(response_keys(redis_server)) == 1
    assert request(port, "/readyz").json() == {"status": "ok", "database": "ok", "cache": "ok"}

    redis_server.kill()
    statuses: dict[str, set[int]] = {}
    ready: list[dict[str, str]] = []
    published = None
    started = time.monotonic()
    rounds = 0
    while time.monotonic() - started < 6:
        rounds += 1
        answers = {
            "graphql": graphql(port, TITLES),
            "graphql-keyed": graphql(port, "{ toolboxes { slug } }", key=key),
            "rest": request(port, "/api/v1/widgets/toolboxes", key=key),
            "html": request(port, "/toolboxes/women/"),
            "healthz": request(port, "/healthz"),
        }
        for name, answer in answers.items():
            statuses.setdefault(name, set()).add(answer.status)
        readiness = request(port, "/readyz")
        statuses.setdefault("readyz", set()).add(readiness.status)
        ready.append(readiness.json())
        if published is None and time.monotonic() - started > 2:
            published = subprocess.run(  # noqa: S603 - our own interpreter, fixed script
                [sys.executable, "-c", PUBLISH],
                env=env,
                cwd=BASE_DIR,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )

    assert rounds >= 20
    # While Redis is down the response cache is bypassed, so every anonymous query executes and
    # counts against the anonymous budget, per process (50 per 10 s each): a fast loop may
    # meet its 429. Never a server error.
    anonymous = statuses.pop("graphql")
    assert 200 in anonymous
    assert anonymous <= {200, 429}
    assert statuses == {name: {200} for name in statuses}
    assert {"status": "ok", "database": "ok", "cache": "degraded"} in ready
    assert published is not None
    assert (published.returncode, published.stdout.strip()) == (0, "PUBLISHED")
    assert "Traceback" not in published.stderr
    # The answer during the outage is fresh: the response cache is bypassed. (With the key:
    # the anonymous budget may be used up by the loop.)
    assert graphql(port, TITLES, key=key).json() == {
        "data": {"toolboxes": [{"title": "Renamed while Redis was down"}]}
    }

    redis_server.start()
    deadline = time.monotonic() + 10
    readiness = request(port, "/readyz").json()
    while readiness["cache"] != "ok" and time.monotonic() < deadline:
        time.sleep(0.2)
        readiness = request(port, "/readyz").json()
    assert readiness == {"status": "ok", "database": "ok", "cache": "ok"}
    # Both workers back on Redis: every answer is fresh and the response cache fills again.
    # (With the key: a worker that has not yet probed Redis again still counts anonymous
    # requests in its own memory, where the loop may have used up the budget.)
    for _ in range(8):
        assert graphql(port, TITLES, key=key).json() == {
            "data": {"toolboxes": [{"title": "Renamed while Redis was down"}]}
        }
    # Written again (each worker bumps the content version once when it reaches Redis again:
    # one key per version seen).
    assert 1 <= len(response_keys(redis_server)) <= 3

    text = log.read_text()
    assert "Traceback" not in text
    assert "Internal Server Error" not in text
    unreachable = [line for line in text.splitlines() if "Redis) unreachable" in line]
    # One line per worker when the outage starts, not one per request.
    assert 1 <= len(unreachable) <= 2
