"""The committed nginx and gunicorn configurations, run as production runs them (without
containers): slow clients hold nginx connections, never the two sync workers; the proxy adds
the security headers and refuses oversized bodies; the image's health check answers.

A short version of `make proxy-check` (10 slow sockets for 5 s instead of 50 for 20 s). It
needs PostgreSQL at 127.0.0.1:5432 (a database of its own) and nginx, as CI has.
"""

import gzip
import http.client
import os
import subprocess
import sys
from pathlib import Path

import pytest

from api.management.commands.proxy_check import run_check
from api.management.local_stack import REPOSITORY, LocalStack
from tests.support.databases import fresh_database, worker_database

pytestmark = pytest.mark.faults

# One database per xdist worker: each worker that runs tests of this module starts its stack.


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    # A new database each run: the publication test creates rows with the factories.
    stack = LocalStack(
        tmp_path_factory.mktemp("proxy"),
        database_url=fresh_database(worker_database("equalcity_proxy_test_")),
        workers=2,
    )
    stack.manage("migrate", "--no-input", "--verbosity", "0")
    with stack:
        yield stack


def get(stack: LocalStack, path: str, headers: dict[str, str] | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", stack.nginx_port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_slow_sockets_do_not_delay_normal_requests(stack):
    answers, report = run_check(stack, slow=10, seconds=5)

    assert report.held_max == 10
    assert len(answers) >= 15
    assert {answer.status for answer in answers} == {200}
    assert max(answer.seconds for answer in answers) < 1.0


def test_the_proxy_adds_security_headers_and_hides_its_version(stack):
    status, headers, _ = get(stack, "/healthz")

    assert status == 200
    assert headers["Server"] == "nginx"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    # Plain http here (PUBLIC_SCHEME=http): no HSTS.
    assert "Strict-Transport-Security" not in headers


def test_a_body_over_the_limit_is_refused_by_nginx(stack):
    connection = http.client.HTTPConnection("127.0.0.1", stack.nginx_port, timeout=10)
    try:
        connection.putrequest("POST", "/api/graphql/")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(21 * 1024 * 1024))
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 413
    finally:
        connection.close()


def test_the_image_health_check_answers_as_the_proxy_would(stack):
    environment = {
        **os.environ,
        "ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_BIND": f"127.0.0.1:{stack.gunicorn_port}",
    }
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(Path(REPOSITORY) / "deploy" / "healthcheck.py")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")

    stopped = {**environment, "GUNICORN_BIND": "127.0.0.1:9"}
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(Path(REPOSITORY) / "deploy" / "healthcheck.py")],
        env=stopped,
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("unhealthy: ")


LISTINGS = (
    "/api/graphql/?query=%7BsafeSpaces(first%3A5)%7BtotalCount%20edges%7Bnode%7Bname%7D%7D%7D%7D"
)
AS_AN_APP = {"Accept": "application/json", "Accept-Encoding": "gzip"}


def test_nginx_keeps_shared_answers_and_refreshes_them_after_a_publication(stack):
    first = get(stack, LISTINGS, AS_AN_APP)
    second = get(stack, LISTINGS, AS_AN_APP)
    assert (first[0], second[0]) == (200, 200)
    assert first[1]["X-Cache-Status"] in {"MISS", "EXPIRED"}
    assert second[1]["X-Cache-Status"] == "HIT"
    assert second[2] == first[2]
    # The surrogate keys are for the caches, not the reader.
    assert "Surrogate-Key" not in second[1]
    assert "Cache-Tag" not in second[1]
    # A keyed request, or one with q-values, always reaches the app.
    keyed = get(stack, LISTINGS, {**AS_AN_APP, "Authorization": "Bearer not-a-key"})
    assert keyed[1]["X-Cache-Status"] == "BYPASS"
    weighted = get(stack, LISTINGS, {**AS_AN_APP, "Accept-Encoding": "br;q=0, gzip"})
    assert weighted[1]["X-Cache-Status"] == "BYPASS"
    # A refresh header with the wrong secret is an ordinary request.
    wrong = get(stack, LISTINGS, {**AS_AN_APP, "X-Equalcity-Cache-Refresh": "guess"})
    assert wrong[1]["X-Cache-Status"] == "HIT"

    stack.manage(
        "shell",
        "-c",
        "from safe_spaces.factories import SafeSpaceFactory; "
        "SafeSpaceFactory(name='Night desk, refreshed')",
    )
    stack.manage("db_worker", "--batch", "--no-startup-delay")

    after = get(stack, LISTINGS, AS_AN_APP)
    assert after[1]["X-Cache-Status"] == "HIT"
    compressed = after[1].get("Content-Encoding") == "gzip"
    body = gzip.decompress(after[2]) if compressed else after[2]
    assert "Night desk, refreshed" in body.decode()
