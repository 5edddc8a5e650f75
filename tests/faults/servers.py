"""Real servers that fault tests start, stop and restart: a redis-server and a PostgreSQL
cluster, each on a spare port.

Each server belongs to the test that starts it, on a port nobody else uses, so killing it
touches nothing the rest of the suite (or the machine) relies on.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, up: bool, timeout: float = 10.0) -> None:
    """Wait until 127.0.0.1:``port`` accepts connections (``up``) or refuses them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            listening = True
        except OSError:
            listening = False
        if listening == up:
            return
        time.sleep(0.05)
    state = "accept" if up else "refuse"
    raise TimeoutError(f"127.0.0.1:{port} did not {state} connections within {timeout} s.")


class RedisServer:
    """A throwaway redis-server (nothing kept on disk) that a test can kill and restart on
    the same port."""

    def __init__(self, workdir: Path, port: int | None = None) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            raise RuntimeError("redis-server is not installed (Debian package redis-server).")
        self.executable = executable
        self.workdir = workdir
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(  # noqa: S603 - the system redis-server, fixed arguments
            [
                self.executable,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, up=True)

    def kill(self) -> None:
        """SIGKILL, as an out-of-memory killer or a crashed host would."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None
        wait_for_port(self.port, up=False)

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.kill()


def postgres_bindir() -> Path:
    """The newest PostgreSQL server installed under /usr/lib/postgresql (Debian's layout)."""
    candidates = [
        path
        for path in Path("/usr/lib/postgresql").glob("*/bin")
        if (path / "initdb").exists() and (path / "pg_ctl").exists()
    ]
    if not candidates:
        raise RuntimeError("No PostgreSQL server under /usr/lib/postgresql (package postgresql).")
    return max(candidates, key=lambda path: int(re.sub(r"\D", "", path.parent.name) or 0))


class PostgresCluster:
    """A throwaway PostgreSQL cluster (``initdb``) on a spare port, stopped and started with
    ``pg_ctl`` as a test needs; its data directory is deleted at the end.

    PostgreSQL refuses to run as root: when the tests do, its programs run as the ``postgres``
    user (``runuser``), in a directory of its own under the system's temporary directory (the
    test's ``tmp_path`` is private to root). Durability is switched off: nothing here must
    survive a power cut, and it makes ``initdb`` and the migrations faster.
    """

    def __init__(self, port: int | None = None) -> None:
        self.bindir = postgres_bindir()
        self.port = port or free_port()
        self.workdir: Path | None = None
        self.running = False

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def data(self) -> Path:
        assert self.workdir is not None
        return self.workdir / "data"

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(  # noqa: S603 - the system's PostgreSQL programs, fixed arguments
            command,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=60,
        )

    def init(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="equalcity-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.workdir, user="postgres", group="postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.workdir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        log = str(self.workdir / "postgres.log") if self.workdir else "/dev/null"
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "-t", "30", "start"
        )
        self.running = True
        wait_for_port(self.port, up=True)

    def stop(self, mode: str = "immediate") -> None:
        """``immediate``: every backend dies at once, as on a crash; connections break."""
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")
            self.running = False
        wait_for_port(self.port, up=False)

    def __enter__(self) -> PostgresCluster:
        self.init()
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.stop(mode="fast")
        finally:
            if self.workdir is not None:
                shutil.rmtree(self.workdir, ignore_errors=True)


class PgBouncer:
    """A throwaway PgBouncer (Debian package pgbouncer) on a spare port, in transaction pool
    mode, in front of the PostgreSQL at ``server_port``: every database name reaches the
    database of that name (``*``), trusted like the server itself. ``pool_size`` server
    connections per database and user, so that a test knows which clients share one.

    PgBouncer refuses to run as root: as root it runs as the ``postgres`` user (``-u``), like
    ``.ci/pgbouncer``, which writes the same configuration for CI.
    """

    def __init__(self, server_port: int, *, pool_size: int = 2, port: int | None = None) -> None:
        executable = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
        if not Path(executable).exists():
            raise RuntimeError("pgbouncer is not installed (Debian package pgbouncer).")
        self.executable = executable
        self.server_port = server_port
        self.pool_size = pool_size
        self.port = port or free_port()
        self.workdir: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="equalcity-pgbouncer-"))
        users = self.workdir / "userlist.txt"
        users.write_text('"postgres" ""\n')
        config = self.workdir / "pgbouncer.ini"
        config.write_text(
            "[databases]\n"
            f"* = host=127.0.0.1 port={self.server_port}\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\n"
            f"unix_socket_dir =\nauth_type = trust\nauth_file = {users}\n"
            "admin_users = postgres\npool_mode = transaction\n"
            f"default_pool_size = {self.pool_size}\nmax_client_conn = 100\n"
            f"logfile = {self.workdir / 'pgbouncer.log'}\n"
        )
        command = [self.executable, "-q", str(config)]
        if os.geteuid() == 0:
            shutil.chown(self.workdir, user="postgres", group="postgres")
            for path in (users, config):
                shutil.chown(path, user="postgres", group="postgres")
            command[1:1] = ["-u", "postgres"]
        self.process = subprocess.Popen(  # noqa: S603 - the system pgbouncer, fixed arguments
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for_port(self.port, up=True)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def __enter__(self) -> PgBouncer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
