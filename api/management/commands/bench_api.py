"""Benchmark the content API the way city apps use it: `make bench`.

Seeds bulk data into the benchmark's own database, serves it with gunicorn on 127.0.0.1, drives
each scenario at a fixed concurrency with wrk, and prints per scenario the SQL queries one
request runs, requests per second, and the 50th and 99th latency percentiles.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from api.management.grapple_baseline import FIGURES_FILE, comparison_lines, read_figures
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
        self.stdout.write(
            f"Q1 returns {modules} modules ({len(q1_bytes):,} bytes); "
            f"{options['workers']} gunicorn workers, wrk {options['connections']} connections, "
            f"{options['duration']} s per scenario."
        )

        results: dict[str, list[tuple[Scenario, dict[str, float]]]] = {}
        ceiling: dict[str, float] = {}
        with tempfile.TemporaryDirectory() as scripts:
            for mode, cache_seconds in (("response cache off", "0"), ("response cache on", "60")):
                server = self._serve(options, cache_seconds)
                try:
                    results[mode] = []
                    for scenario in plan:
                        script = Path(scripts) / f"{scenario.code}.lua"
                        script.write_text(_wrk_post_script(scenario.body()))
                        results[mode].append(
                            (scenario, _run_wrk(wrk, options, "/api/graphql/", script))
                        )
                    if not ceiling:
                        ceiling = _run_wrk(wrk, options, "/bench/ceiling/", None)
                finally:
                    server.send_signal(signal.SIGTERM)
                    server.wait(timeout=30)

        for mode, rows in results.items():
            self.stdout.write("")
            self.stdout.write(f"{mode:<48} {'SQL':>4} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
            for scenario, result in rows:
                label = f"{scenario.code} {scenario.title}"
                sql = counts[scenario.code] if mode == "response cache off" else 0
                self.stdout.write(
                    f"{label:<48} {sql:>4} {result['rps']:>9.1f} "
                    f"{result['p50']:>8.1f} {result['p99']:>8.1f}"
                )
        self.stdout.write("")
        self.stdout.write(
            f"{'ceiling: Q1 bytes from memory':<48} {0:>4} {ceiling['rps']:>9.1f} "
            f"{ceiling['p50']:>8.1f} {ceiling['p99']:>8.1f}"
        )
        baseline = read_figures(FIGURES_FILE)
        if baseline is not None:
            self.stdout.write("")
            for line in comparison_lines(_ours(results, counts), baseline):
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

    @staticmethod
    def _post(client: Client, scenario: Scenario) -> bytes:
        response = client.post("/api/graphql/", scenario.body(), content_type="application/json")
        payload = json.loads(response.content)
        if response.status_code != 200 or payload.get("errors"):
            raise CommandError(f"{scenario.code} failed: {response.status_code} {payload}")
        return response.content

    def _serve(self, options, cache_seconds: str) -> subprocess.Popen:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
            "API_RESULT_CACHE_SECONDS": cache_seconds,
        }
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
        url = f"http://127.0.0.1:{options['port']}/healthz"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return server
            except OSError:
                time.sleep(0.3)
        server.kill()
        raise CommandError("gunicorn did not answer on /healthz within 60 s.")


def _ours(
    results: dict[str, list[tuple[Scenario, dict[str, float]]]], counts: dict[str, int]
) -> dict[str, dict[str, float]]:
    """Per scenario: SQL, req/s with the response cache off and on, p50 with it off."""
    off = {scenario.code: row for scenario, row in results["response cache off"]}
    on = {scenario.code: row for scenario, row in results["response cache on"]}
    return {
        code: {
            "sql": counts[code],
            "rps_off": off[code]["rps"],
            "rps_on": on[code]["rps"],
            "p50_off": off[code]["p50"],
        }
        for code in off
    }


def _wrk_post_script(body: bytes) -> str:
    return (
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        'wrk.headers["Accept"] = "application/graphql-response+json"\n'
        f"wrk.body = {json.dumps(body.decode())}\n"
    )


_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _run_wrk(wrk: str, options, path: str, script: Path | None) -> dict[str, float]:
    command = [
        wrk,
        "--threads",
        "2",
        "--connections",
        str(options["connections"]),
        "--duration",
        f"{options['duration']}s",
        "--latency",
    ]
    if script is not None:
        command += ["--script", str(script)]
    command.append(f"http://127.0.0.1:{options['port']}{path}")
    output = subprocess.run(  # noqa: S603 - wrk on loopback, fixed arguments
        command, capture_output=True, text=True, check=True
    ).stdout
    if "Non-2xx" in output:
        raise CommandError(f"Some responses were not 2xx:\n{output}")
    latencies = {
        percentile: float(value) * _UNITS[unit]
        for percentile, value, unit in _LATENCY.findall(output)
    }
    rps = _RPS.search(output)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": latencies.get("50", 0.0),
        "p99": latencies.get("99", 0.0),
    }
