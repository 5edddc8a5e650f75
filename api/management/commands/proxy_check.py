"""Slow clients against the committed proxy stack, without containers: `make proxy-check`.

Starts gunicorn (deploy/gunicorn.conf.py, production settings) behind nginx (the committed
template, rendered on spare ports), holds many slow sockets open against nginx (half send their
headers one byte at a time, half a POST body one byte at a time) and meanwhile sends normal
requests. Every normal request must be answered in under the limit (1 s), without a 5xx: the
slow sockets occupy nginx connections, never gunicorn's few sync workers.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from api.management.commands.bench_api import ensure_database
from api.management.local_stack import LocalStack, StackError

GRAPHQL_BODY = json.dumps({"query": "{ toolboxes { title slug } }"}).encode()


@dataclass
class SlowReport:
    opened: int = 0
    held_max: int = 0
    closed_with_408: int = 0
    closed_silently: int = 0
    reset: int = 0
    held_seconds: list[float] = field(default_factory=list)


class SlowSockets:
    """``count`` sockets against 127.0.0.1:``port`` that each send one byte every ``interval``
    seconds: even ones a request header that never ends, odd ones a POST body that never
    ends. A socket nginx closes is replaced, so ``count`` stay open throughout."""

    def __init__(self, port: int, count: int, interval: float = 2.0) -> None:
        self.port = port
        self.count = count
        self.interval = interval
        self.report = SlowReport()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _open(self, index: int) -> tuple[socket.socket, float]:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        sock.setblocking(False)
        if index % 2:
            sock.send(
                b"POST /api/graphql/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
            )
        else:
            sock.send(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        self.report.opened += 1
        return sock, time.monotonic()

    def _closed(self, sock: socket.socket) -> bool:
        """Whether nginx has closed ``sock``, counting how."""
        try:
            data = sock.recv(4096)
        except BlockingIOError:
            return False
        except OSError:
            self.report.reset += 1
            return True
        if data.startswith(b"HTTP/1.1 408"):
            self.report.closed_with_408 += 1
        elif data:
            # An answer to a request that was never finished would be a bug in the check.
            raise StackError(f"A slow socket got an unexpected answer: {data[:60]!r}")
        else:
            self.report.closed_silently += 1
        return True

    def _run(self) -> None:
        sockets = [self._open(index) for index in range(self.count)]
        while not self._stop.wait(self.interval):
            for index, (sock, opened_at) in enumerate(sockets):
                if self._closed(sock):
                    self.report.held_seconds.append(time.monotonic() - opened_at)
                    sock.close()
                    sockets[index] = self._open(index)
                    continue
                try:
                    sock.send(b"a" if index % 2 else b"X")
                except BlockingIOError:
                    pass
                except OSError:
                    self.report.reset += 1
                    self.report.held_seconds.append(time.monotonic() - opened_at)
                    sock.close()
                    sockets[index] = self._open(index)
            self.report.held_max = max(self.report.held_max, len(sockets))
        for sock, opened_at in sockets:
            self.report.held_seconds.append(time.monotonic() - opened_at)
            sock.close()

    def __enter__(self) -> SlowSockets:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join(timeout=30)


@dataclass(frozen=True)
class Answer:
    name: str
    status: int
    seconds: float


def normal_requests(port: int, seconds: float, pause: float = 0.1) -> list[Answer]:
    """Normal readers, one request at a time for ``seconds``: anonymous GraphQL, the health
    check, an HTML page. A request that fails to connect counts as status 0."""
    plan = [
        ("graphql", "POST", "/api/graphql/", GRAPHQL_BODY),
        ("healthz", "GET", "/healthz", None),
        ("html", "GET", "/", None),
    ]
    answers: list[Answer] = []
    deadline = time.monotonic() + seconds
    turn = 0
    while time.monotonic() < deadline:
        name, method, path, body = plan[turn % len(plan)]
        turn += 1
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            headers = {"Content-Type": "application/json"} if body else {}
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except OSError:
            status = 0
        finally:
            connection.close()
        answers.append(Answer(name, status, time.monotonic() - started))
        time.sleep(pause)
    return answers


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def run_check(stack: LocalStack, *, slow: int, seconds: float) -> tuple[list[Answer], SlowReport]:
    with SlowSockets(stack.nginx_port, slow) as sockets:
        time.sleep(1)  # every slow socket is open before the first normal request
        answers = normal_requests(stack.nginx_port, seconds)
    return answers, sockets.report


class Command(BaseCommand):
    help = (
        "Start gunicorn behind nginx with the committed configs, hold slow sockets against "
        "nginx and check that normal requests are still answered in under a second."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--slow-sockets", type=int, default=50)
        parser.add_argument("--seconds", type=float, default=20)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        parser.add_argument("--limit-ms", type=float, default=1000)

    def handle(self, *args, slow_sockets, seconds, workers, limit_ms, **options):
        database = settings.DATABASES["default"]
        if database["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("The proxy check runs on PostgreSQL: set DATABASE_URL.")
        ensure_database()
        with tempfile.TemporaryDirectory(prefix="equalcity-proxy-") as workdir:
            stack = LocalStack(
                Path(workdir),
                database_url=os.environ["DATABASE_URL"],
                workers=workers,
            )
            try:
                stack.manage("migrate", "--no-input", "--verbosity", "0")
                with stack:
                    answers, report = run_check(stack, slow=slow_sockets, seconds=seconds)
            except StackError as error:
                raise CommandError(str(error)) from None
        self._report(answers, report, slow_sockets, seconds, workers, limit_ms)

    def _report(self, answers, report, slow, seconds, workers, limit_ms) -> None:
        latencies = [answer.seconds * 1000 for answer in answers]
        slowest = max(latencies, default=0.0)
        failed = [a for a in answers if a.status == 0 or a.status >= 500]
        late = [a for a in answers if a.seconds * 1000 >= limit_ms]
        held = report.held_seconds
        self.stdout.write(
            f"{slow} slow sockets for {seconds:.0f} s against nginx, gunicorn with {workers} "
            f"sync workers."
        )
        self.stdout.write(
            f"Normal requests: {len(answers)} (graphql, healthz, html), max {slowest:.1f} ms, "
            f"p99 {percentile(latencies, 0.99):.1f} ms, p50 {percentile(latencies, 0.5):.1f} ms; "
            f"statuses {sorted({a.status for a in answers})}."
        )
        self.stdout.write(
            f"Slow sockets: {report.opened} opened, up to {report.held_max} held at once; "
            f"nginx closed {report.closed_with_408} with 408, {report.closed_silently} without "
            f"an answer, {report.reset} reset; held {min(held, default=0):.1f}-"
            f"{max(held, default=0):.1f} s each."
        )
        if not answers or failed or late:
            raise CommandError(
                f"{len(failed)} normal requests failed and {len(late)} took {limit_ms:.0f} ms "
                "or more."
            )
        self.stdout.write(self.style.SUCCESS("Proxy check passed."))
