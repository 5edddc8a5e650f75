"""Two app servers behind the shipped nginx, sharing PostgreSQL and Redis, agree: what one
publishes or takes down the other serves at once, a key's limit counts the requests to both,
and two schedulers publish a due revision once.

Each gunicorn (the committed configuration, two workers) keeps answers in its own memory
(``api.result_cache``) and nginx keeps anonymous GraphQL GETs; the test warms them all before
each change. A short version of `make soak SERVERS=2`. Like tests/deploy/test_proxy.py it needs
PostgreSQL at 127.0.0.1:5432 (a database of its own), nginx and redis-server, as CI has.
"""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time
import urllib.parse

import psycopg
import pytest

from api.management.local_stack import REPOSITORY, LocalStack
from cms.core.locks import PUBLISH_SCHEDULED
from tests.support.databases import database_url, fresh_database, worker_database

pytestmark = pytest.mark.faults

DATABASE = worker_database("equalcity_servers_test_")
DATABASE_URL = database_url(DATABASE)
ADMIN_PASSWORD = "several-servers-" + "p" * 20  # noqa: S105 - a throwaway test database

SETUP = """
from django.contrib.auth import get_user_model
from api.models import ConsumerKey
from cms.core.factories import CityFactory
from safe_spaces.factories import SafeSpaceFactory
rome = CityFactory(name="Rome", slug="rome")
SafeSpaceFactory(city=rome, name="Night desk")
SafeSpaceFactory(city=rome, name="Women's shelter")
import datetime
from django.utils import timezone
from wagtail.models import Revision
day_centre = SafeSpaceFactory(city=rome, name="Day centre")
# Due now: published by the schedulers' test (until then, served as it was).
day_centre.name = "Day centre, open on Sundays"
revision = day_centre.save_revision()
Revision.objects.filter(pk=revision.pk).update(
    approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
)
print(f"Scheduled={day_centre.pk} {day_centre.translation_key}")
get_user_model().objects.create_superuser("admin", "admin@example.org", "{password}")
for name, limit in (("Kiosk", 100000), ("Limited", 6)):
    key = ConsumerKey(name=name, kind="kiosk", all_cities=True, all_locales=True,
                      requests_per_minute=limit)
    print(name + "=" + key.set_new_key())
    key.save()
"""

QUERY = '{ safeSpaces(city: "rome") { edges { node { name } } } }'
GRAPHQL_GET = "/api/graphql/?" + urllib.parse.urlencode({"query": QUERY})
REST = "/api/v1/widgets/safe-spaces?city=rome"
AS_AN_APP = {"Accept": "application/json"}


def script(stack: Servers, code: str) -> str:
    """Run ``code`` in a Django process with the stack's settings; its output."""
    return stack.manage("shell", "--verbosity", "0", "-c", code, timeout=120)


class Servers(LocalStack):
    """The stack with the raw keys (and the scheduled listing) its setup printed."""

    keys: dict[str, str]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    stack = Servers(
        tmp_path_factory.mktemp("servers"),
        database_url=fresh_database(DATABASE),
        workers=2,
        servers=2,
        extra_env={"API_RESULT_CACHE_SECONDS": "300"},
    )
    stack.manage("migrate", "--no-input", "--verbosity", "0")
    output = script(stack, SETUP.replace("{password}", ADMIN_PASSWORD))
    keys = [
        line.split("=", 1)
        for line in output.splitlines()
        if line.startswith(("Kiosk=", "Limited=", "Scheduled="))
    ]
    stack.keys = dict(keys)
    with stack:
        yield stack


class Answer:
    def __init__(
        self, status: int, headers: dict[str, str], body: bytes, cookies: list[str]
    ) -> None:
        self.status, self.headers, self.body, self.cookies = status, headers, body, cookies

    def names(self) -> list[str]:
        assert self.status == 200, (self.status, self.body[:500])
        answer = json.loads(self.body)
        if "data" in answer:
            return sorted(e["node"]["name"] for e in answer["data"]["safeSpaces"]["edges"])
        return sorted(item["name"] for item in answer["results"])


def call(port: int, method: str, path: str, headers=None, body: bytes | None = None) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        headers = response.getheaders()
        cookies = [value for name, value in headers if name.lower() == "set-cookie"]
        return Answer(response.status, dict(headers), response.read(), cookies)
    finally:
        connection.close()


def every_view(stack: Servers) -> dict[str, Answer]:
    """What readers see: each server directly (GraphQL GET and keyed POST, keyed REST) and
    nginx (the same three; only the anonymous GET may come from nginx's cache)."""
    keyed = {**AS_AN_APP, "Authorization": f"Bearer {stack.keys['Kiosk']}"}
    post = json.dumps({"query": QUERY}).encode()
    views = {}
    for name, port in (
        ("A", stack.gunicorn_ports[0]),
        ("B", stack.gunicorn_ports[1]),
        ("nginx", stack.nginx_port),
    ):
        views[f"{name} graphql get"] = call(port, "GET", GRAPHQL_GET, AS_AN_APP)
        views[f"{name} graphql post"] = call(
            port, "POST", "/api/graphql/", {**keyed, "Content-Type": "application/json"}, post
        )
        views[f"{name} rest"] = call(port, "GET", REST, keyed)
    return views


def warm(stack: Servers) -> list[str]:
    """Ask every view four times (each server's two workers keep their own copies); the
    names all of them served."""
    seen = set()
    for _ in range(4):
        for answer in every_view(stack).values():
            seen.add(tuple(answer.names()))
    assert call(stack.nginx_port, "GET", GRAPHQL_GET, AS_AN_APP).headers["X-Cache-Status"] == "HIT"
    assert len(seen) == 1
    return list(seen.pop())


def test_a_publication_through_one_server_is_served_by_the_other_at_once(stack):
    before = warm(stack)
    assert "Night desk" in before

    script(
        stack,
        "from safe_spaces.models import SafeSpace\n"
        "listing = SafeSpace.objects.get(name='Night desk')\n"
        "listing.name = 'Night desk and legal advice'\n"
        "listing.save_revision().publish()",
    )

    after = sorted(
        "Night desk and legal advice" if name == "Night desk" else name for name in before
    )
    views = every_view(stack)
    cached_by_nginx = views.pop("nginx graphql get")
    assert {name: answer.names() for name, answer in views.items()} == dict.fromkeys(views, after)
    # nginx's own copy is refreshed by the queued purge: at once once the worker ran it.
    assert cached_by_nginx.status == 200
    stack.manage("db_worker", "--batch", "--no-startup-delay")
    refreshed = call(stack.nginx_port, "GET", GRAPHQL_GET, AS_AN_APP)
    assert (refreshed.headers["X-Cache-Status"], refreshed.names()) == ("HIT", after)


def test_a_takedown_through_the_admin_of_one_server_is_gone_everywhere_at_once(stack):
    listing = "Women's shelter"
    assert listing in warm(stack)
    pk = script(
        stack,
        "from safe_spaces.models import SafeSpace\n"
        f"print(SafeSpace.objects.get(name={listing!r}).pk)",
    ).strip()
    admin = AdminSession(stack.gunicorn_ports[0])
    admin.log_in("admin", ADMIN_PASSWORD)

    answer = admin.post(
        f"/admin/delivery/take-down/safe_spaces.safespace/{pk}/",
        {"reason": "The shelter's address was published by mistake."},
    )

    assert answer.status == 302
    # No worker has run: the takedown refreshed nginx's copy before its request returned.
    views = every_view(stack)
    assert {name: listing in answer.names() for name, answer in views.items()} == dict.fromkeys(
        views, False
    )


def test_a_keys_limit_counts_the_requests_to_both_servers(stack):
    # The counter is per clock minute: start early enough in one for seven requests.
    if time.time() % 60 > 45:
        time.sleep(61 - time.time() % 60)
    keyed = {**AS_AN_APP, "Authorization": f"Bearer {stack.keys['Limited']}"}
    ports = stack.gunicorn_ports

    statuses = [call(ports[n % 2], "GET", REST, keyed).status for n in range(6)]
    over = [call(port, "GET", REST, keyed) for port in ports]

    assert statuses == [200] * 6
    assert [answer.status for answer in over] == [429, 429]
    assert all(int(answer.headers["Retry-After"]) >= 1 for answer in over)


def test_two_schedulers_publish_a_due_revision_once(stack):
    key = stack.keys["Scheduled"].split()
    publish = [sys.executable, "manage.py", "publish_scheduled"]
    recorded = published(key)[2]

    # A run that finds the lock held does nothing and exits 0.
    with psycopg.connect(DATABASE_URL) as holder:
        holder.execute("SELECT pg_advisory_xact_lock(%s)", [PUBLISH_SCHEDULED])
        held = subprocess.run(  # noqa: S603 - our own manage.py
            publish, env=stack.environment(), cwd=REPOSITORY, capture_output=True, text=True
        )
        holder.rollback()
    assert (held.returncode, held.stdout) == (
        0,
        "Another publish_scheduled run is in progress: nothing done.\n",
    )
    assert published(key) == (0, "Day centre", recorded)

    # Two schedulers at once, for certain: the first, once it holds the lock, waits for the
    # listing's row (held here) while the second starts and must find the lock held.
    pk = int(key[0])
    with psycopg.connect(DATABASE_URL) as row_holder:
        row_holder.execute("SELECT id FROM safe_spaces_safespace WHERE id = %s FOR UPDATE", [pk])
        first = subprocess.Popen(  # noqa: S603 - our own manage.py
            publish, env=stack.environment(), cwd=REPOSITORY, stdout=subprocess.PIPE, text=True
        )
        wait_for_the_lock(row_holder, first)
        second = subprocess.run(  # noqa: S603 - our own manage.py
            publish,
            env=stack.environment(),
            cwd=REPOSITORY,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert first.poll() is None
        row_holder.rollback()
    assert first.wait(timeout=120) == 0
    assert first.stdout is not None
    assert first.stdout.read() == ""
    first.stdout.close()
    assert (second.returncode, second.stdout) == (
        0,
        "Another publish_scheduled run is in progress: nothing done.\n",
    )
    assert published(key) == (1, "Day centre, open on Sundays", recorded + 1)


def wait_for_the_lock(database: psycopg.Connection, run: subprocess.Popen) -> None:
    """Until another session (``run``'s) holds the scheduler's advisory lock."""
    deadline = time.monotonic() + 60
    while run.poll() is None and time.monotonic() < deadline:
        row = database.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid::bigint = %s "
            "AND granted AND pid <> pg_backend_pid()",
            [PUBLISH_SCHEDULED],
        ).fetchone()
        if row and row[0]:
            return
        time.sleep(0.05)
    raise AssertionError("the first run never took the lock")


def published(key: list[str]) -> tuple[int, str, int]:
    """(scheduled publications logged, the live name, publications in the change log)."""
    pk, translation_key = key
    with psycopg.connect(DATABASE_URL) as database:
        logged = database.execute(
            "SELECT count(*) FROM wagtailcore_modellogentry "
            "WHERE object_id = %s AND action = 'wagtail.publish.scheduled'",
            [pk],
        ).fetchone()
        name = database.execute(
            "SELECT name FROM safe_spaces_safespace WHERE id = %s", [int(pk)]
        ).fetchone()
        changes = database.execute(
            "SELECT count(*) FROM delivery_changerecord WHERE key = %s AND action = 'published'",
            [translation_key],
        ).fetchone()
    assert logged is not None and name is not None and changes is not None
    return logged[0], name[0], changes[0]


class AdminSession:
    """An editor's browser on one server: the session and CSRF cookies sent back by hand
    (production marks them Secure, and the test speaks plain HTTP)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def _headers(self) -> dict[str, str]:
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return {"Cookie": cookie} if cookie else {}

    def _keep(self, answer: Answer) -> Answer:
        for value in answer.cookies:
            cookie, _, content = value.split(";", 1)[0].partition("=")
            self.cookies[cookie.strip()] = content
        return answer

    def get(self, path: str) -> Answer:
        return self._keep(call(self.port, "GET", path, self._headers()))

    def post(self, path: str, fields: dict[str, str]) -> Answer:
        form = self.get(path).body.decode()
        token = form.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        headers = {**self._headers(), "Content-Type": "application/x-www-form-urlencoded"}
        return self._keep(call(self.port, "POST", path, headers, body))

    def log_in(self, username: str, password: str) -> None:
        answer = self.post("/admin/login/", {"username": username, "password": password})
        assert answer.status == 302, answer.body[:500]
        assert "sessionid" in self.cookies
