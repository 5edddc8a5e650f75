"""What `make bench` runs beside wrk: publications while it measures, and the stack's nginx
cache in front of the benchmark's gunicorn."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection

from api.management.local_stack import (
    NGINX_TEMPLATE,
    NO_MEDIA_BUCKET_URL,
    free_port,
    nginx_main_config,
    render_template,
    wait_for_port,
)


class Publisher(threading.Thread):
    """Publishes one object every ``every`` seconds while wrk runs, as the panel's approval
    does: a module of the measured toolbox (Q1) and a listing on the measured page of Brussels
    listings (Q2), in turn. Only for the benchmark's own process: it lets every revision
    through the panel gate."""

    def __init__(self, toolbox_path: str, every: float) -> None:
        super().__init__(daemon=True)
        self.toolbox_path = toolbox_path
        self.every = every
        self.stopped = threading.Event()
        self.done = 0
        self.failed = 0

    def run(self) -> None:
        from cms.panels import gate
        from safe_spaces.models import SafeSpace
        from toolbox_pages.models import ModulePage

        logging.getLogger("wagtail").setLevel(logging.WARNING)
        # What is measured is the cost of a publication to readers, not the panel's review:
        # in this process only, each revision counts as approved (cms/panels/gate.py).
        gate.check = lambda obj, revision: None
        turn = 0
        try:
            while not self.stopped.wait(self.every):
                try:
                    if turn % 2 == 0:
                        module = (
                            ModulePage.objects.live()
                            .filter(path__startswith=self.toolbox_path)
                            .order_by("path")
                            .first()
                        )
                        obj = module
                    else:
                        obj = (
                            SafeSpace.objects.filter(live=True, city__slug="brussels")
                            .order_by("name")
                            .first()
                        )
                    if obj is None:
                        raise LookupError("Nothing to publish.")
                    obj.save_revision().publish()
                    self.done += 1
                except Exception as error:  # noqa: BLE001 - counted and reported
                    self.failed += 1
                    if self.failed == 1:
                        sys.stderr.write(f"A publish failed: {type(error).__name__}: {error}\n")
                turn += 1
        finally:
            connection.close()

    def stop(self) -> tuple[int, int]:
        self.stopped.set()
        self.join(timeout=60)
        return self.done, self.failed


@contextmanager
def nginx_cache(
    upstream_port: int,
    workdir: Path,
    *,
    media_bucket_url: str = NO_MEDIA_BUCKET_URL,
    worker_processes: int = 2,
) -> Iterator[int]:
    """The committed nginx template (its GraphQL cache included) in front of 127.0.0.1's
    ``upstream_port`` (and of ``media_bucket_url`` for the bucket's renditions); yields
    nginx's port."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    prefix = workdir / "nginx"
    prefix.mkdir(parents=True, exist_ok=True)
    site = prefix / "equalcity.conf"
    site.write_text(
        render_template(
            NGINX_TEMPLATE.read_text(),
            {
                "NGINX_PORT": f"127.0.0.1:{port}",
                "UPSTREAM": f"127.0.0.1:{upstream_port}",
                "STATIC_ROOT": str(workdir / "static"),
                "MEDIA_ROOT": str(workdir / "media"),
                "MEDIA_BUCKET_URL": media_bucket_url,
                "PUBLIC_SCHEME": "http",
                "CACHE_ROOT": str(prefix / "cache"),
                "CACHE_REFRESH_SECRET": "bench-refresh-secret",
            },
        )
    )
    main = prefix / "nginx.conf"
    main.write_text(
        nginx_main_config(prefix, site).replace(
            "worker_processes 1;", f"worker_processes {worker_processes};"
        )
    )
    process = subprocess.Popen(  # noqa: S603 - the system nginx, our rendered config
        [nginx, "-p", str(prefix), "-c", str(main), "-e", str(prefix / "error.log")]
        + ["-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def wrk_get_script() -> str:
    return 'wrk.headers["Accept"] = "application/json"\n'


def wrk_post_script(body: bytes) -> str:
    return (
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        'wrk.headers["Accept"] = "application/graphql-response+json"\n'
        f"wrk.body = {json.dumps(body.decode())}\n"
    )


_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(wrk: str, options, path: str, script: Path | None) -> dict[str, float]:
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
