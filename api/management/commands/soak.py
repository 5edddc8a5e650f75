"""Saturate the production stack for minutes while editors publish: `make soak`.

Seeds the demo content into the soak's own PostgreSQL database (as `make bench` does), starts
gunicorn (deploy/gunicorn.conf.py, production settings) behind nginx (the committed template)
with a private Redis, and drives it from client processes that each send the next request as
soon as the last is answered (GraphQL anonymous and keyed, cached and uncached; REST with a
key; HTML pages; the readiness check), while another process publishes a page or snippet
revision every 10 s. Prints requests, non-2xx by status, 5xx and latency percentiles; exits
non-zero on any 5xx or failed connection.

With ``--servers 2`` (`make soak SERVERS=2`) two gunicorn servers share the database and Redis
behind nginx, a task worker runs, and one more process publishes, renames and takes down a
listing in turn, reading it through each server and nginx after each change
(``api.management.soak_editors``): any stale answer fails the soak too.
"""

from __future__ import annotations

import dataclasses
import http.client
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from api.management.commands.bench_api import ensure_database
from api.management.commands.proxy_check import percentile
from api.management.local_stack import REPOSITORY, LocalStack, StackError
from api.management.soak_editors import (
    consistency_from_env,
    consistency_lines,
    finish_checker,
    publish_loop,
    start_checker,
)

# What each client sends, with its share of the requests.
MIX = {
    "graphql-anon-cached": 3,
    "graphql-anon-uncached": 1,
    "graphql-key-cached": 3,
    "graphql-key-uncached": 1,
    "rest-key": 2,
    "html": 2,
    "readyz": 1,
}
SOAK_KEY_NAME = "Soak benchmark"


@dataclass(frozen=True)
class Report:
    """What a soak run measured."""

    total: int
    by_status: dict[int, int]
    non_2xx: dict[int, int]
    server_errors: int
    refused_429: int
    failed_connections: int
    p50_ms: float
    p99_ms: float
    seconds: float
    publishes: int
    publish_errors: int
    non_2xx_by_kind: dict[str, int]
    consistency: dict | None = None

    @property
    def passed(self) -> bool:
        return (
            self.server_errors == 0
            and self.failed_connections == 0
            and self.publish_errors == 0
            and self.total > 0
            and (
                self.consistency is None
                or (
                    self.consistency["stale_count"] == 0
                    and self.consistency["server_errors"] == 0
                    and self.consistency["rounds"] > 0
                )
            )
        )


def summarise(
    samples: list[tuple[str, int, float]], *, seconds: float, publishes: int, publish_errors: int
) -> Report:
    """The report of ``samples``: (kind, status, latency in ms) per request, status 0 for a
    request that got no answer (refused or dropped connection)."""
    statuses = Counter(status for _, status, _ in samples)
    answered = [latency for _, status, latency in samples if status]
    by_kind = Counter(f"{kind} {status}" for kind, status, _ in samples if not 200 <= status < 300)
    return Report(
        total=len(samples),
        by_status=dict(sorted(statuses.items())),
        non_2xx={s: n for s, n in sorted(statuses.items()) if s and not 200 <= s < 300},
        server_errors=sum(n for s, n in statuses.items() if s >= 500),
        refused_429=statuses.get(429, 0),
        failed_connections=statuses.get(0, 0),
        p50_ms=percentile(answered, 0.5),
        p99_ms=percentile(answered, 0.99),
        seconds=seconds,
        publishes=publishes,
        publish_errors=publish_errors,
        non_2xx_by_kind=dict(sorted(by_kind.items())),
    )


def format_report(report: Report) -> list[str]:
    rate = report.total / report.seconds if report.seconds else 0.0
    non_2xx = ", ".join(f"{s}: {n}" for s, n in report.non_2xx.items()) or "none"
    return [
        f"Requests: {report.total} in {report.seconds:.0f} s ({rate:.1f}/s)",
        f"Non-2xx by status: {non_2xx}",
        "Non-2xx by request: "
        + (", ".join(f"{k}: {n}" for k, n in report.non_2xx_by_kind.items()) or "none"),
        f"5xx: {report.server_errors}; 429 (anonymous limit): {report.refused_429}; "
        f"no answer: {report.failed_connections}",
        f"Latency: p50 {report.p50_ms:.1f} ms, p99 {report.p99_ms:.1f} ms",
        f"Publishes: {report.publishes} done, {report.publish_errors} failed",
        *consistency_lines(report.consistency),
    ]


def _graphql(query: str, variables: dict | None = None) -> bytes:
    return json.dumps({"query": query, "variables": variables or {}}).encode()


def _request(kind: str, pages: list[str], key: str, ready_path: str, rng: random.Random):
    """(method, path, body, headers) of one request of ``kind``."""
    keyed = {"Authorization": f"Bearer {key}"}
    graphql = {"Content-Type": "application/json"}
    cached = _graphql("{ toolboxes { title slug modules { title slug } } }")
    # A fresh alias makes a document no cache has seen: parsed, validated and executed.
    uncached = _graphql(
        f"{{ t{rng.randrange(10**9)}: toolboxes {{ title slug modules {{ title slug }} }} }}"
    )
    if kind == "graphql-anon-cached":
        return "POST", "/api/graphql/", cached, graphql
    if kind == "graphql-anon-uncached":
        return "POST", "/api/graphql/", uncached, graphql
    if kind == "graphql-key-cached":
        return "POST", "/api/graphql/", cached, {**graphql, **keyed}
    if kind == "graphql-key-uncached":
        return "POST", "/api/graphql/", uncached, {**graphql, **keyed}
    if kind == "rest-key":
        path = rng.choice(
            [
                "/api/v1/widgets/toolboxes",
                "/api/v1/hsds/services",
                "/api/v1/widgets/helplines?city=brussels",
            ]
        )
        return "GET", path, None, keyed
    if kind == "html":
        return "GET", rng.choice(pages), None, {}
    return "GET", ready_path, None, {}


def _client(port, seconds, pages, key, ready_path, seed, results) -> None:
    """One client: the next request as soon as the last is answered, until the deadline."""
    rng = random.Random(seed)  # noqa: S311 - a load mix, not a secret
    kinds = [kind for kind, weight in MIX.items() for _ in range(weight)]
    samples: list[tuple[str, int, float]] = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        kind = rng.choice(kinds)
        method, path, body, headers = _request(kind, pages, key, ready_path, rng)
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException):
            status = 0
            connection.close()
        samples.append((kind, status, (time.monotonic() - started) * 1000))
    connection.close()
    results.put(samples)


class Command(BaseCommand):
    help = (
        "Seed the demo content, start nginx + gunicorn with the committed configs and saturate "
        "them for --seconds while publishing every 10 s; fail on any 5xx."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=600)
        parser.add_argument("--clients", type=int, default=12, help="client processes")
        parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (0: cores)")
        parser.add_argument("--publish-every", type=float, default=10)
        parser.add_argument("--servers", type=int, default=1, help="gunicorn servers")
        parser.add_argument("--skip-seed", action="store_true")
        parser.add_argument(
            "--consistency-only",
            action="store_true",
            help="Only the several servers' reads after each change (the soak starts this).",
        )
        parser.add_argument(
            "--publish-only",
            action="store_true",
            help="Only publish every --publish-every s for --seconds (the soak starts this).",
        )

    def handle(self, *args, seconds, clients, workers, publish_every, skip_seed, **options):
        if options["publish_only"]:
            done, errors = publish_loop(seconds, publish_every)
            self.stdout.write(f"{done} {errors}")
            return
        if options["consistency_only"]:
            self.stdout.write(consistency_from_env(seconds, publish_every))
            return
        servers = options["servers"]
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("The soak runs on PostgreSQL: set DATABASE_URL.")
        ensure_database()
        with tempfile.TemporaryDirectory(prefix="equalcity-soak-") as workdir:
            stack = LocalStack(
                Path(workdir),
                database_url=os.environ["DATABASE_URL"],
                workers=workers or _default_workers(servers),
                servers=servers,
            )
            try:
                stack.manage("migrate", "--no-input", "--verbosity", "0")
                if not skip_seed:
                    call_command("seed_demo", verbosity=0)
                key = self._consumer_key()
                pages = self._pages()
                connections.close_all()
                with stack:
                    ready_path = _ready_path(stack)
                    self.stdout.write(
                        f"{clients} clients for {seconds:.0f} s through nginx, {servers} gunicorn "
                        f"with {stack.workers} sync workers each, a publish every "
                        f"{publish_every:.0f} s; "
                        f"readiness at {ready_path}."
                    )
                    report = self._run(
                        stack, seconds, clients, pages, key, ready_path, publish_every
                    )
            except StackError as error:
                raise CommandError(str(error)) from None
        for line in format_report(report):
            self.stdout.write(line)
        if not report.passed:
            raise CommandError(
                "The soak saw server errors, unanswered requests or failed publishes."
            )
        self.stdout.write(self.style.SUCCESS("Soak passed: 0 x 5xx."))

    def _run(self, stack, seconds, clients, pages, key, ready_path, publish_every) -> Report:
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        processes = [
            context.Process(
                target=_client,
                args=(stack.nginx_port, seconds, pages, key, ready_path, seed, results),
            )
            for seed in range(clients)
        ]
        started = time.monotonic()
        for process in processes:
            process.start()
        # The publisher runs with the stack's settings (its Redis, its database), so that each
        # publish invalidates the response cache gunicorn reads.
        publisher = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", "soak", "--publish-only", "--seconds", str(seconds)]
            + ["--publish-every", str(publish_every)],
            env=stack.environment(),
            cwd=REPOSITORY,
            stdout=subprocess.PIPE,
            text=True,
        )
        checker = start_checker(stack, seconds, key, publish_every)
        samples: list[tuple[str, int, float]] = []
        for _ in range(clients):
            samples.extend(results.get(timeout=seconds + 120))
        output, _ = publisher.communicate(timeout=seconds + 120)
        publishes, publish_errors = (int(n) for n in output.split()[-2:])
        consistency = finish_checker(checker, timeout=seconds + 300)
        for process in processes:
            process.join(timeout=30)
        return dataclasses.replace(
            summarise(
                samples,
                seconds=time.monotonic() - started,
                publishes=publishes,
                publish_errors=publish_errors,
            ),
            consistency=consistency,
        )

    @staticmethod
    def _consumer_key() -> str:
        """A fresh city-app key for every city and language, with the highest limit a key may
        have: the soak measures the stack, not the key's budget."""
        from api.models import ConsumerKey

        ConsumerKey.objects.filter(name=SOAK_KEY_NAME).delete()
        key = ConsumerKey(
            name=SOAK_KEY_NAME,
            kind=ConsumerKey.Kind.CITY_APP,
            all_cities=True,
            all_locales=True,
            requests_per_minute=100_000,
        )
        raw = key.set_new_key()
        key.full_clean()
        key.save()
        return raw

    @staticmethod
    def _pages() -> list[str]:
        from wagtail.models import Page

        urls = [
            page.url
            for page in Page.objects.live().public().filter(depth__gte=2).specific()[:40]
            if page.url
        ]
        if not urls:
            raise CommandError("No live page: the seed did not run.")
        return urls


def _default_workers(servers: int = 1) -> int:
    """gunicorn.conf.py's own default, 2 x the cores this process may use + 1, shared by the
    servers (on one machine, more would only queue for the same cores)."""
    import runpy

    from api.management.local_stack import GUNICORN_CONF

    cores = runpy.run_path(str(GUNICORN_CONF))["available_cpus"]()
    return max(2, (cores * 2 + 1) // servers)


def _ready_path(stack: LocalStack) -> str:
    """/readyz, or /healthz on a build without the readiness check."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.nginx_port, timeout=10)
    try:
        connection.request("GET", "/readyz")
        response = connection.getresponse()
        response.read()
        return "/readyz" if response.status == 200 else "/healthz"
    finally:
        connection.close()
