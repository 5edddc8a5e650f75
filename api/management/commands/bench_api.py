"""Benchmark the content API the way city apps use it: `make bench`.

Seeds bulk data into the benchmark's own database, serves it with gunicorn on 127.0.0.1, drives
each scenario at a fixed concurrency with wrk, and prints per scenario the SQL queries one
request runs, requests per second, and the 50th and 99th latency percentiles.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from api.management.bench_load import (
    Publisher,
    nginx_cache,
    run_wrk,
    wrk_get_script,
    wrk_post_script,
)
from api.management.grapple_baseline import FIGURES_FILE, comparison_lines, read_figures
from api.management.local_stack import StackError, wait_for_http
from cms.delivery.models import Bundle
from toolbox_pages.models import ModulePage, ToolboxPage

# A fixed instant (a Wednesday, 11:00 in Brussels) so that "open now" means the same every run.
OPEN_AT = "2026-11-25T10:00:00+00:00"
BRUSSELS_CENTRE = {"latitude": 50.8467, "longitude": 4.3525}


@dataclass(frozen=True)
class Scenario:
    code: str
    title: str
    query: str
    variables: dict

    def body(self) -> bytes:
        return json.dumps({"query": self.query, "variables": self.variables}).encode()

    def get_path(self) -> str:
        """The same request as a GET (a CDN or nginx may keep its answer)."""
        params = {"query": self.query}
        if self.variables:
            params["variables"] = json.dumps(self.variables)
        return "/api/graphql/?" + urlencode(params)


def _block_fields() -> str:
    return """
      id blockType
      ... on HeadingBlock { text level }
      ... on ParagraphBlock { html }
      ... on CalloutBlock { calloutKind title html }
      ... on ImageBlock { image { altText rendition(size: MEDIUM) { url width height } } caption }
      ... on ExerciseBlock { exerciseKind title instructionsHtml durationMinutes transcript }
      ... on ReferralPathwayBlock { title steps { title contact how } }
      ... on TestimonyQuoteBlock { quote attribution }
      ... on QuestionsAnswersBlock { title items { question answerHtml } }
    """


def scenarios(toolbox_slug: str, module_slug: str) -> list[Scenario]:
    safe_space_fields = """
      id name operatedBy description status alert confidentialLocation freeOfCharge
      languages eligibilityDescription minimumAge maximumAge accessibility
      categories { code name } audiences { code name }
      address { address1 postalCode locality } location { latitude longitude }
      publicContact { name phone email } phones { number type description }
      openingHours { weekday opensAt closesAt } isOpen
      city { slug name timezone } verifiedOn locale translationKey isFallback
    """
    return [
        Scenario(
            "Q1",
            "one toolbox, all modules and their bodies",
            "query Q1($slug: String!) { toolbox(slug: $slug) { title summary focus"
            " partners { name } modules { title slug summary durationMinutes body {"
            + _block_fields()
            + "} } } }",
            {"slug": toolbox_slug},
        ),
        Scenario(
            "Q2",
            "first 50 safe spaces of a city, all fields",
            'query Q2 { safeSpaces(city: "brussels", first: 50) { totalCount edges { node {'
            + safe_space_fields
            + "} } } }",
            {},
        ),
        Scenario(
            "Q3",
            "one module by slug",
            "query Q3($toolbox: String!, $slug: String!) { module(toolboxSlug: $toolbox,"
            " slug: $slug) { title summary learningObjectives body {" + _block_fields() + "} } }",
            {"toolbox": toolbox_slug, "slug": module_slug},
        ),
        Scenario(
            "Q4",
            "20 nearest open now within 5 km, of 50,000",
            "query Q4($near: NearInput!, $at: DateTime!) { safeSpaces(near: $near,"
            " radiusKm: 5, openAt: $at, first: 20) { totalCount edges { node {"
            " id name distanceKm status categories { code } openingHours { weekday opensAt"
            " closesAt } } } } }",
            {"near": BRUSSELS_CENTRE, "at": OPEN_AT},
        ),
        Scenario(
            "Q5",
            "search",
            'query Q5 { search(text: "legal aid", first: 20) { __typename'
            " ... on Toolbox { title slug } ... on Module { title slug }"
            " ... on SafeSpace { id name } } }",
            {},
        ),
    ]


def ensure_database(settings_dict: Mapping[str, Any] | None = None) -> None:
    """Create the benchmark's PostgreSQL database (``settings.DATABASES["default"]`` unless
    another one's settings are given) when it doesn't exist yet."""
    database: Mapping[str, Any] = settings_dict or settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    import psycopg
    from psycopg import sql

    params: dict[str, Any] = {
        key: value
        for key, value in {
            "host": database.get("HOST"),
            "port": database.get("PORT"),
            "user": database.get("USER"),
            "password": database.get("PASSWORD"),
        }.items()
        if value
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as server:
        exists = server.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (database["NAME"],)
        ).fetchone()
        if not exists:
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database["NAME"])))


def seed(safe_spaces: int, modules_per_toolbox: int, stdout) -> None:
    """Migrate, then seed the demo content and the bulk rows (idempotent)."""
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", verbosity=0)
    call_command(
        "seed_bulk",
        safe_spaces=safe_spaces,
        modules_per_toolbox=modules_per_toolbox,
        seed=2026,
        verbosity=1,
        stdout=stdout,
    )


class Command(BaseCommand):
    help = "Seed bulk data, serve it with gunicorn and measure the content API with wrk."
    # The database may not exist yet: it is created before anything touches it.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--safe-spaces", type=int, default=50_000)
        parser.add_argument("--modules-per-toolbox", type=int, default=50)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        parser.add_argument("--connections", type=int, default=8, help="wrk connections")
        parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--skip-seed", action="store_true")

    def handle(self, *args, **options):
        if settings.DEBUG:
            raise CommandError("Run the benchmark with DEBUG off: `make bench` does.")
        wrk = shutil.which("wrk")
        if not wrk:
            raise CommandError("The benchmark drives load with wrk: apt-get install wrk.")
        if not options["skip_seed"]:
            ensure_database()
            seed(options["safe_spaces"], options["modules_per_toolbox"], self.stdout)

        toolbox = ToolboxPage.objects.live().order_by("path").first()
        if toolbox is None:
            raise CommandError("No live toolbox: the seed did not run.")
        module = ModulePage.objects.child_of(toolbox).live().order_by("path").first()
        plan = scenarios(toolbox.slug, module.slug)

        counts, q1_bytes = self._count_queries(plan)
        if settings.BENCH_CEILING_FILE is None:
            raise CommandError("make bench runs under cms.settings.bench.")
        Path(settings.BENCH_CEILING_FILE).parent.mkdir(parents=True, exist_ok=True)
        Path(settings.BENCH_CEILING_FILE).write_bytes(q1_bytes)
        modules = ModulePage.objects.child_of(toolbox).live().count()
        for code, sizes in self._sizes(plan[:2]).items():
            self.stdout.write(
                f"{code} bytes as sent: "
                + ", ".join(f"{encoding} {size:,}" for encoding, size in sizes.items())
            )
        self.stdout.write(
            f"Q1 returns {modules} modules ({len(q1_bytes):,} bytes); "
            f"{options['workers']} gunicorn workers, wrk {options['connections']} connections, "
            f"{options['duration']} s per scenario."
        )

        if "Redis" not in settings.CACHES["default"]["BACKEND"]:
            raise CommandError(
                "The benchmark publishes from this process while gunicorn serves: both need "
                "the same Redis (REDIS_URL; `make bench` sets BENCH_REDIS_URL)."
            )
        Bundle.objects.all().delete()  # rebuilt by bench_bundles; a worker's job, not the app's
        runs: list[tuple[str, list[tuple[Scenario, dict[str, float]]]]] = []
        ceiling: dict[str, float] = {}
        shared = plan[:2]
        with tempfile.TemporaryDirectory() as scratch:
            work = Path(scratch)

            def measure(scenarios: list[Scenario], *, get: bool = False, **extra: Any) -> list:
                rows = []
                for scenario in scenarios:
                    script = work / f"{scenario.code}-{'get' if get else 'post'}.lua"
                    script.write_text(wrk_get_script() if get else wrk_post_script(scenario.body()))
                    path = scenario.get_path() if get else "/api/graphql/"
                    rows.append((scenario, run_wrk(wrk, {**options, **extra}, path, script)))
                return rows

            cold = {"API_RESULT_CACHE_SECONDS": "0", "API_GRAPHQL_SUBTREE_CACHE_ENTRIES": "0"}
            with self._serving(options, cold):
                runs.append(("cold: every cache empty", measure(plan)))
            cache.clear()
            with self._serving(options, {"API_RESULT_CACHE_SECONDS": "60"}):
                runs.append(("cached", measure(plan)))
                ceiling = run_wrk(wrk, options, "/bench/ceiling/", None)
                for every, duration in ((1, options["duration"]), (10, 3 * options["duration"])):
                    publisher = Publisher(toolbox.path, every)
                    publisher.start()
                    rows = measure(shared, duration=duration)
                    done, failed = publisher.stop()
                    runs.append((f"a publish every {every} s ({done} done, {failed} failed)", rows))
                runs.append(("cached, GET, from the app", measure(shared, get=True)))
                with nginx_cache(options["port"], work) as nginx_port:
                    measure(shared, get=True, port=nginx_port)  # fills nginx's cache
                    runs.append(
                        ("cached, GET, through nginx", measure(shared, get=True, port=nginx_port))
                    )

        for mode, rows in runs:
            self.stdout.write("")
            self.stdout.write(f"{mode:<48} {'SQL':>4} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
            for scenario, result in rows:
                label = f"{scenario.code} {scenario.title}"
                sql = counts[scenario.code] if mode.startswith("cold") else 0
                self.stdout.write(
                    f"{label:<48} {sql:>4} {result['rps']:>9.1f} "
                    f"{result['p50']:>8.1f} {result['p99']:>8.1f}"
                )
        self.stdout.write("")
        self.stdout.write(
            f"{'ceiling: Q1 bytes from memory':<48} {0:>4} {ceiling['rps']:>9.1f} "
            f"{ceiling['p50']:>8.1f} {ceiling['p99']:>8.1f}"
        )
        self._ratios(runs, ceiling)
        baseline = read_figures(FIGURES_FILE)
        if baseline is not None:
            self.stdout.write("")
            for line in comparison_lines(_ours(runs, counts), baseline):
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Benchmark finished."))

    @override_settings(API_RESULT_CACHE_SECONDS=0)
    def _count_queries(self, plan: list[Scenario]) -> tuple[dict[str, int], bytes]:
        client = Client()
        counts: dict[str, int] = {}
        q1_bytes = b""
        for scenario in plan:
            # The first request creates image renditions and fills the document cache.
            self._post(client, scenario)
            with CaptureQueriesContext(connection) as captured:
                content = self._post(client, scenario)
            counts[scenario.code] = len(captured.captured_queries)
            if scenario.code == "Q1":
                q1_bytes = content
        return counts, q1_bytes

    @override_settings(API_RESULT_CACHE_SECONDS=0)
    def _sizes(self, plan: list[Scenario]) -> dict[str, dict[str, int]]:
        """What each scenario's answer weighs on the wire: before compression, and in each
        encoding a client may accept."""
        client = Client()
        sizes: dict[str, dict[str, int]] = {}
        for scenario in plan:
            sizes[scenario.code] = {}
            for encoding in ("identity", "gzip", "br", "zstd"):
                response = client.post(
                    "/api/graphql/",
                    scenario.body(),
                    content_type="application/json",
                    HTTP_ACCEPT_ENCODING=encoding,
                )
                sizes[scenario.code][encoding] = len(response.content)
        return sizes

    @staticmethod
    def _post(client: Client, scenario: Scenario) -> bytes:
        response = client.post("/api/graphql/", scenario.body(), content_type="application/json")
        payload = json.loads(response.content)
        if response.status_code != 200 or payload.get("errors"):
            raise CommandError(f"{scenario.code} failed: {response.status_code} {payload}")
        return response.content

    @contextmanager
    def _serving(self, options, environment: dict[str, str]) -> Iterator[None]:
        server = self._serve(options, environment)
        try:
            yield
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    def _ratios(self, runs: list, ceiling: dict[str, float]) -> None:
        """The targets' ratios: after publications and through nginx against the cached
        rate, the cached rate against the ceiling."""
        rates = {mode: {s.code: r["rps"] for s, r in rows} for mode, rows in runs}
        cached = rates["cached"]
        self.stdout.write("")
        for mode, by_code in rates.items():
            if mode.startswith("a publish") or mode.endswith("through nginx"):
                base = rates["cached, GET, from the app"] if "nginx" in mode else cached
                shares = ", ".join(f"{c} {by_code[c] / base[c]:.2f}x" for c in by_code)
                self.stdout.write(f"{mode}: {shares} of the cached rate")
        self.stdout.write(f"cached Q1: {cached['Q1'] / ceiling['rps']:.0%} of the ceiling")

    def _serve(self, options, environment: dict[str, str]) -> subprocess.Popen:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.bench", **environment}
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            [
                str(gunicorn),
                "cms.wsgi",
                "--workers",
                str(options["workers"]),
                "--bind",
                f"127.0.0.1:{options['port']}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )
        try:
            wait_for_http(f"http://127.0.0.1:{options['port']}/healthz", 60, server)
        except StackError as error:
            server.kill()
            raise CommandError(f"gunicorn did not start: {error}") from None
        return server


def _ours(
    runs: list[tuple[str, list[tuple[Scenario, dict[str, float]]]]], counts: dict[str, int]
) -> dict[str, dict[str, float]]:
    """Per scenario: SQL, req/s cold and cached, p50 cold (for the baseline's comparison)."""
    by_mode = {mode: {scenario.code: row for scenario, row in rows} for mode, rows in runs}
    cold, cached = by_mode["cold: every cache empty"], by_mode["cached"]
    return {
        code: {
            "sql": counts[code],
            "rps_off": cold[code]["rps"],
            "rps_on": cached[code]["rps"],
            "p50_off": cold[code]["p50"],
        }
        for code in cold
    }
