"""Measure the baseline of the performance targets: `make bench-grapple`.

A plain Wagtail + wagtail-grapple site (``bench/grapple_site``) gets its own virtualenv
(``var/grapple-venv``, from its pinned requirements; made once) and its own PostgreSQL
database, loaded with the rows our benchmark serves (exported from the benchmark's database,
seeded first as `make bench` seeds it). It is served by gunicorn with the same workers as
`make bench`, and wrk drives the grapple equivalents of Q1 and Q2 with the same connections
and duration. Prints SQL queries, requests per second, p50, p99 and response bytes per
scenario, and writes them to ``var/bench/grapple.json``, which `make bench` reads to print its
own figures as multiples of these.
"""

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from api.management.bench_load import run_wrk, wrk_post_script
from api.management.commands.bench_api import ensure_database, seed
from api.management.grapple_baseline import (
    FIGURES_FILE,
    REQUIREMENTS,
    SITE,
    GrappleScenario,
    grapple_scenarios,
    write_figures,
)
from api.management.grapple_dataset import export_dataset, q1_toolbox, write_dataset

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/equalcity_grapple"


class Command(BaseCommand):
    help = "Serve a plain Wagtail + wagtail-grapple site with the benchmark's data; measure it."
    # The benchmark's database may not exist yet: it is created before anything touches it.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--database-url",
            default=os.environ.get("GRAPPLE_DATABASE_URL", DEFAULT_DATABASE_URL),
            help="The baseline's own PostgreSQL database (created when missing).",
        )
        parser.add_argument(
            "--venv", type=Path, default=Path(settings.BASE_DIR) / "var" / "grapple-venv"
        )
        parser.add_argument("--safe-spaces", type=int, default=50_000)
        parser.add_argument("--modules-per-toolbox", type=int, default=50)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        parser.add_argument("--connections", type=int, default=8, help="wrk connections")
        parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
        parser.add_argument("--port", type=int, default=8766)
        parser.add_argument(
            "--skip-seed", action="store_true", help="Don't seed the benchmark's own database."
        )
        parser.add_argument("--output", type=Path, default=FIGURES_FILE)

    def handle(self, *args, **options):
        if settings.DEBUG:
            raise CommandError("Run the benchmark with DEBUG off: `make bench-grapple` does.")
        wrk = shutil.which("wrk")
        if not wrk:
            raise CommandError("The benchmark drives load with wrk: apt-get install wrk.")
        database = dj_database_url.parse(options["database_url"])
        if database["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("The baseline runs on PostgreSQL, like the benchmark.")
        if database["NAME"] == settings.DATABASES["default"]["NAME"]:
            raise CommandError("The baseline needs a database of its own, not the benchmark's.")

        python = self._virtualenv(options["venv"])
        if not options["skip_seed"]:
            ensure_database()
            seed(options["safe_spaces"], options["modules_per_toolbox"], self.stdout)
        toolbox = q1_toolbox()
        if toolbox is None:
            raise CommandError("No live toolbox: the benchmark's seed did not run.")

        bench_dir = Path(settings.BASE_DIR) / "var" / "bench"
        dataset_file = bench_dir / "grapple-dataset.json"
        self.stdout.write("Exporting the benchmark's rows for the baseline...")
        dataset = export_dataset(toolbox)
        write_dataset(dataset, dataset_file)
        ensure_database(database)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "grapple_site.settings",
            "GRAPPLE_DATABASE_URL": options["database_url"],
            "GRAPPLE_MEDIA_ROOT": str(bench_dir / "grapple-media"),
        }
        self._site(python, env, "migrate", "--no-input", "--verbosity", "0")
        self.stdout.write(self._site(python, env, "load_dataset", str(dataset_file)).strip())

        plan = grapple_scenarios(toolbox.slug)
        counted = self._count_queries(python, env, plan, bench_dir)
        self.stdout.write(
            f"Baseline Q1 returns {len(dataset['toolbox']['modules'])} modules; "
            f"{options['workers']} gunicorn workers, wrk {options['connections']}"
            f" connections, {options['duration']} s per scenario."
        )

        results: dict[str, dict[str, float]] = {}
        server = self._serve(python, env, options)
        try:
            with tempfile.TemporaryDirectory() as scripts:
                for scenario in plan:
                    script = Path(scripts) / f"{scenario.code}.lua"
                    script.write_text(wrk_post_script(scenario.body()))
                    results[scenario.code] = {
                        **run_wrk(wrk, options, "/graphql/", script),
                        **counted[scenario.code],
                    }
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

        self.stdout.write("")
        self.stdout.write(
            f"{'wagtail-grapple baseline':<48} {'SQL':>4} {'req/s':>9} {'p50 ms':>8} "
            f"{'p99 ms':>8} {'bytes':>8}"
        )
        for scenario in plan:
            row = results[scenario.code]
            label = f"{scenario.code} {scenario.title}"
            self.stdout.write(
                f"{label:<48} {row['sql']:>4} {row['rps']:>9.1f} {row['p50']:>8.1f} "
                f"{row['p99']:>8.1f} {row['bytes']:>8}"
            )
        write_figures(options["output"], results, self._setup(python, options))
        self.stdout.write(self.style.SUCCESS(f"Baseline figures written to {options['output']}."))

    def _virtualenv(self, venv: Path) -> Path:
        """The baseline's virtualenv, made from its pinned requirements when missing or when
        the requirements changed since it was made."""
        python = venv / "bin" / "python"
        marker = venv / ".requirements.sha256"
        wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
        if python.exists() and marker.exists() and marker.read_text().strip() == wanted:
            return python
        self.stdout.write(f"Installing the baseline's requirements into {venv}...")
        if not python.exists():
            subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
                [sys.executable, "-m", "venv", str(venv)], check=True
            )
        subprocess.run(  # noqa: S603 - the venv's pip, the committed requirements
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--require-hashes",
                "-r",
                str(REQUIREMENTS),
            ],
            check=True,
        )
        marker.write_text(wanted + "\n")
        return python

    @staticmethod
    def _site(python: Path, env: dict[str, str], *arguments: str) -> str:
        """Run one of the baseline's management commands; its output, or its error."""
        completed = subprocess.run(  # noqa: S603 - the baseline's manage.py, fixed arguments
            [str(python), "manage.py", *arguments],
            cwd=SITE,
            env=env,
            capture_output=True,
            text=True,
        )
        if completed.returncode != 0:
            raise CommandError(
                f"manage.py {arguments[0]} failed in the baseline:\n{completed.stderr[-3000:]}"
            )
        return completed.stdout

    def _count_queries(
        self, python: Path, env: dict[str, str], plan: list[GrappleScenario], bench_dir: Path
    ) -> dict[str, dict[str, int]]:
        plan_file = bench_dir / "grapple-plan.json"
        plan_file.write_text(
            json.dumps([{"code": s.code, "query": s.query, "variables": s.variables} for s in plan])
        )
        output = self._site(
            python,
            env,
            "count_queries",
            str(plan_file),
            "--responses",
            str(bench_dir / "grapple-responses"),
        )
        return json.loads(output.strip().splitlines()[-1])

    def _serve(self, python: Path, env: dict[str, str], options) -> subprocess.Popen:
        server = subprocess.Popen(  # noqa: S603 - the baseline's gunicorn, fixed arguments
            [
                str(python.with_name("gunicorn")),
                "grapple_site.wsgi",
                "--workers",
                str(options["workers"]),
                "--bind",
                f"127.0.0.1:{options['port']}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=SITE,
        )
        url = f"http://127.0.0.1:{options['port']}/graphql/"
        probe = json.dumps({"query": "{ __typename }"}).encode()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            request = urllib.request.Request(  # noqa: S310 - loopback
                url, data=probe, headers={"Content-Type": "application/json"}
            )
            try:
                with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return server
            except OSError:
                time.sleep(0.3)
        server.kill()
        raise CommandError("The baseline's gunicorn did not answer within 60 s.")

    def _setup(self, python: Path, options) -> dict[str, Any]:
        versions = subprocess.run(  # noqa: S603 - the baseline's interpreter, fixed program
            [
                str(python),
                "-c",
                "from importlib.metadata import version as v; import json; print(json.dumps("
                "{n: v(n) for n in ('wagtail', 'wagtail-grapple', 'Django', 'graphene-django')}))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return {
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "versions": json.loads(versions),
            "workers": options["workers"],
            "connections": options["connections"],
            "duration_s": options["duration"],
        }
