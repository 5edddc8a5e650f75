"""What editors do while `make soak` saturates the stack, each in a process of its own with the
stack's settings (its database, its Redis, its nginx), so that each change invalidates what the
app servers and nginx keep, as an editor's would.

- ``publish_loop``: a revision of the home page or a city published every few seconds.
- ``consistency_loop`` (several app servers): a city's helpline (no panel's approval needed)
  published, renamed and taken down in turn, each change followed at once by reads through
  every app server directly and through nginx, which must all agree with it. A stale answer
  is counted; so is a 5xx.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import re
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from api.management.local_stack import REPOSITORY, LocalStack

STALE_WAIT_SECONDS = 30  # nginx's cached GET after a publication: refreshed by the worker


def publish_loop(seconds: float, every: float) -> tuple[int, int]:
    """Publish a revision of the English home page or a city snippet every ``every`` seconds,
    in turn, as an editor pressing Publish would (the cache invalidation runs as it does then).
    Toolbox and module pages need their expert panel's approval first, so the home page (no
    panel) stands for the pages."""
    from wagtail.models import Page

    from cms.core.models import City

    logging.getLogger("wagtail").setLevel(logging.WARNING)  # no line per publish
    done = errors = 0
    deadline = time.monotonic() + seconds
    turn = 0
    while time.monotonic() + every <= deadline:
        time.sleep(every)
        try:
            if turn % 2 == 0:
                page = Page.objects.live().filter(depth=2, locale__language_code="en")
                page.order_by("path").first().specific.save_revision(log_action=True).publish()
            else:
                city = City.objects.filter(live=True).order_by("pk").first()
                if city is None:
                    raise LookupError("No live city to publish.")
                city.save_revision(log_action=True).publish()
            done += 1
        except Exception as error:  # noqa: BLE001 - a failed publish is counted and reported
            errors += 1
            if errors == 1:
                sys.stderr.write(f"A publish failed: {type(error).__name__}: {error}\n")
        turn += 1
    return done, errors


@dataclass
class Consistency:
    """What the consistency loop saw."""

    rounds: int = 0
    reads: int = 0
    stale: list[str] = field(default_factory=list)
    server_errors: int = 0
    refused: int = 0
    edge_refresh_seconds: list[float] = field(default_factory=list)

    def line(self) -> str:
        return json.dumps(
            {
                "rounds": self.rounds,
                "reads": self.reads,
                "stale": self.stale[:20],
                "stale_count": len(self.stale),
                "server_errors": self.server_errors,
                "refused": self.refused,
                "edge_refresh_seconds": self.edge_refresh_seconds,
            }
        )


def _read(port: int, method: str, path: str, headers: dict, body: bytes | None) -> tuple:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Views:
    """One helpline as readers see it: each app server and nginx; GraphQL GET (anonymous: the
    answer nginx keeps), GraphQL POST with a key, REST (the helplines widget) with a key."""

    def __init__(self, ports: dict[str, int], key: str, city: str, prefix: str) -> None:
        self.ports = ports
        self.prefix = prefix
        query = f'{{ helplines(city: "{city}") {{ name }} }}'
        self.get = "/api/graphql/?" + urllib.parse.urlencode({"query": query})
        self.post = json.dumps({"query": query}).encode()
        self.rest = "/api/v1/widgets/helplines?" + urllib.parse.urlencode({"city": city})
        self.keyed = {"Accept": "application/json", "Authorization": f"Bearer {key}"}

    def names(self, seen: Consistency, *, nginx_get: bool = True) -> dict[str, str | None]:
        """The name each view serves for the helpline (None: not served)."""
        names: dict[str, str | None] = {}
        plain = {"Accept": "application/json"}
        posted = {**self.keyed, "Content-Type": "application/json"}
        for server, port in self.ports.items():
            reads = {
                "graphql get": ("GET", self.get, plain, None),
                "graphql post": ("POST", "/api/graphql/", posted, self.post),
                "rest": ("GET", self.rest, self.keyed, None),
            }
            if server == "nginx" and not nginx_get:
                del reads["graphql get"]
            for what, (method, path, headers, body) in reads.items():
                status, answer = _read(port, method, path, headers, body)
                seen.reads += 1
                if status >= 500:
                    seen.server_errors += 1
                names[f"{server} {what}"] = self.served(status, answer)
        return names

    def served(self, status: int, body: bytes) -> str | None:
        if status == 429:
            return REFUSED
        if status != 200:
            return f"status {status}"
        found = re.search(rf'"({re.escape(self.prefix)}[^"]*)"', body.decode())
        return found.group(1) if found else None


REFUSED = "refused"  # 429: the anonymous budget, spent by the soak's clients; nothing served


def _expect(seen: Consistency, names: dict[str, str | None], wanted: str | None, when: str):
    for view, name in names.items():
        if name == REFUSED:
            seen.refused += 1
        elif name != wanted:
            seen.stale.append(f"{when}: {view} served {name!r}, not {wanted!r}")


def _wait_for_nginx(seen: Consistency, views: Views, wanted: str, when: str) -> None:
    """Until nginx's kept GET serves ``wanted`` (the worker's refresh); how long it took."""
    started = time.monotonic()
    while views.names(seen)["nginx graphql get"] not in (wanted, REFUSED):
        if time.monotonic() - started > STALE_WAIT_SECONDS:
            seen.stale.append(f"{when}: nginx's GET stale after {STALE_WAIT_SECONDS} s")
            break
        time.sleep(0.1)
    seen.edge_refresh_seconds.append(round(time.monotonic() - started, 2))


def consistency_loop(seconds: float, every: float, ports: dict[str, int], key: str) -> str:
    """Every ``every`` seconds: publish a new helpline of a city, read it everywhere (each view
    keeps a copy), rename it (a publication), read again, take it down, read again. Returns
    the JSON line of a :class:`Consistency`."""
    from cms.core.models import City
    from cms.delivery.takedowns import take_down
    from safe_spaces.factories import HelplineFactory

    logging.getLogger("wagtail").setLevel(logging.WARNING)
    seen = Consistency()
    city = City.objects.filter(live=True).order_by("pk").first()
    if city is None:
        raise LookupError("No live city: the seed did not run.")
    deadline = time.monotonic() + seconds
    while time.monotonic() + every <= deadline:
        time.sleep(every)
        seen.rounds += 1
        prefix = f"Soak line {seen.rounds}"
        line = HelplineFactory(city_line=True, city=city, name=prefix)
        views = Views(ports, key, city.slug, prefix)
        # A publication: at once on every server and every uncached path through nginx;
        # nginx's kept GET once the worker has refreshed it.
        _expect(seen, views.names(seen, nginx_get=False), line.name, "published")
        _wait_for_nginx(seen, views, line.name, "published")
        for _ in range(2):  # now kept by each server's workers and by nginx
            _expect(seen, views.names(seen), line.name, "published, kept")
        line.name = f"{prefix}, renamed"
        line.save_revision().publish()
        _expect(seen, views.names(seen, nginx_get=False), line.name, "renamed")
        _wait_for_nginx(seen, views, line.name, "renamed")
        # A takedown: at once everywhere, nginx's kept GET included.
        take_down(line, None, "Soak: a takedown under load.")
        _expect(seen, views.names(seen), None, "taken down")
    return seen.line()


def start_checker(
    stack: LocalStack, seconds: float, key: str, every: float
) -> tuple[subprocess.Popen, subprocess.Popen] | None:
    """With several servers: a task worker (nginx's refresh after a publication) and the
    consistency check (`manage.py soak --consistency-only`), each a process with the stack's
    settings; None with one server."""
    if len(stack.gunicorn_ports) < 2:
        return None
    ports = {f"server {n + 1}": port for n, port in enumerate(stack.gunicorn_ports)}
    env = {
        **stack.environment(),
        "SOAK_PORTS": json.dumps({**ports, "nginx": stack.nginx_port}),
        "SOAK_KEY": key,
    }
    worker = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay"],
        env=env,
        cwd=REPOSITORY,
        stdout=subprocess.DEVNULL,
    )
    checked = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "soak", "--consistency-only", "--seconds", str(seconds)]
        + ["--publish-every", str(every)],
        env=env,
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        text=True,
    )
    return checked, worker


def finish_checker(
    checker: tuple[subprocess.Popen, subprocess.Popen] | None, timeout: float
) -> dict[str, Any] | None:
    """Wait for the check, stop the worker; what the check saw (``Consistency.line``)."""
    if checker is None:
        return None
    checked, worker = checker
    output, _ = checked.communicate(timeout=timeout)
    worker.terminate()
    worker.wait(timeout=30)
    lines = output.strip().splitlines()
    if checked.returncode != 0 or not lines:
        return {**json.loads(Consistency().line()), "stale": ["the check failed"], "stale_count": 1}
    return json.loads(lines[-1])


def consistency_from_env(seconds: float, every: float) -> str:
    """The check as `manage.py soak --consistency-only` runs it (``start_checker``)."""
    return consistency_loop(
        seconds, every, json.loads(os.environ["SOAK_PORTS"]), os.environ["SOAK_KEY"]
    )


def consistency_lines(seen: dict[str, Any] | None) -> list[str]:
    """The soak report's lines about several servers."""
    if seen is None:
        return []
    refresh = seen["edge_refresh_seconds"] or [0.0]
    return [
        f"Several servers: {seen['rounds']} publish/rename/takedown rounds, {seen['reads']} "
        f"reads, {seen['stale_count']} stale, {seen['server_errors']} x 5xx, "
        f"{seen.get('refused', 0)} anonymous reads refused (429); nginx's cached "
        f"GET refreshed {max(refresh):.1f} s at most after a publication (worker), at once "
        "after a takedown",
        *(f"  stale: {line}" for line in seen["stale"]),
    ]
