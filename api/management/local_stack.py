"""The production stack without containers: the committed nginx template and gunicorn config,
run as the current user on spare ports of 127.0.0.1, for `make proxy-check` and `make soak`.

nginx runs from a temporary prefix (its pid file, temporary files and logs stay there), with a
small main configuration that includes the rendered template in its http block, exactly as the
nginx image includes /etc/nginx/templates/*.template after rendering them. gunicorn runs with
production settings and deploy/gunicorn.conf.py. Redis is a private redis-server on a spare
port (nothing kept on disk), so nothing here touches a Redis that others use.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
DEPLOY = REPOSITORY / "deploy"
NGINX_TEMPLATE = DEPLOY / "nginx" / "equalcity.conf.template"
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"
# The template's MEDIA_BUCKET_URL when media is on the local disk, as in these stacks: nothing
# listens there (the discard port), so /media/bucket/images/ answers 502.
NO_MEDIA_BUCKET_URL = "http://127.0.0.1:9/no-bucket"

_TEMPLATE_VARIABLE = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)\}")


class StackError(RuntimeError):
    """A part of the stack did not start; the message says which and why."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def template_variables(text: str) -> set[str]:
    """The ${NAME} placeholders of a template."""
    return set(_TEMPLATE_VARIABLE.findall(text))


def render_template(text: str, values: dict[str, str]) -> str:
    """What the nginx image's envsubst makes of a template: each ${NAME} replaced by its
    value; nginx's own $variables (no braces around an upper-case name) left alone. A
    placeholder without a value is an error here (the image would leave it and nginx would
    refuse the file later, less clearly)."""
    missing = template_variables(text) - values.keys()
    if missing:
        raise StackError("The nginx template needs values for: " + ", ".join(sorted(missing)))
    return _TEMPLATE_VARIABLE.sub(lambda match: values[match.group(1)], text)


def upstream_servers(ports: list[int]) -> str:
    """The template's ``UPSTREAM`` for several servers: the template reads
    ``server ${UPSTREAM};``, so each further server closes the line before it. (In compose,
    a scaled-out service needs none of this: its one name resolves to every container.)"""
    return "; server ".join(f"127.0.0.1:{port}" for port in ports)


def nginx_main_config(prefix: Path, site: Path) -> str:
    """A main nginx.conf for an unprivileged nginx whose files all live under ``prefix``.

    Started as root (a CI container), the workers stay root: as ``nobody`` they could not
    reach the cache under a private temporary directory. The http block holds what the nginx
    image's own nginx.conf sets around the included template."""
    mime_types = Path("/etc/nginx/mime.types")
    types = f"include {mime_types};" if mime_types.exists() else "types { text/css css; }"
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log crit;
events {{
    worker_connections 1024;
}}
http {{
    {types}
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {site};
}}
"""


def wait_for_http(url: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    """Wait until ``url`` answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise StackError(f"{url}: the server exited with status {process.returncode}.")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.2)
    raise StackError(f"{url} did not answer 200 within {timeout:.0f} s.")


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise StackError(f"Nothing listens on 127.0.0.1:{port} after {timeout:.0f} s.")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class LocalStack:
    """Redis, gunicorn (production settings, committed config) and nginx (committed template)
    on spare ports; a context manager that stops all three on exit.

    ``database_url`` must point at a database the caller has migrated (and seeded, for pages).
    With ``servers`` above 1, that many gunicorn servers (each with ``workers`` workers, on a
    port of its own) share the database and Redis, and nginx balances between them (round
    robin), as behind a load balancer or a compose service scaled out.
    """

    def __init__(
        self,
        workdir: Path,
        *,
        database_url: str,
        workers: int = 2,
        servers: int = 1,
        health_path: str = "/healthz",
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.workdir = workdir
        self.database_url = database_url
        self.workers = workers
        self.health_path = health_path
        self.extra_env = extra_env or {}
        self.nginx_port = free_port()
        self.gunicorn_ports = [free_port() for _ in range(servers)]
        self.gunicorn_logs: list[Path] = []
        self.gunicorns: list[subprocess.Popen] = []
        self.redis_port = free_port()
        self.static_root = workdir / "static"
        self.media_root = workdir / "media"
        self.cache_refresh_secret = secrets.token_urlsafe(32)
        self._exit = ExitStack()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.nginx_port}"

    @property
    def gunicorn_port(self) -> int:
        """The first app server's port."""
        return self.gunicorn_ports[0]

    def server_url(self, index: int) -> str:
        """One app server, directly (not through nginx)."""
        return f"http://127.0.0.1:{self.gunicorn_ports[index]}"

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    def environment(self) -> dict[str, str]:
        """Production settings as the compose file gives them, on loopback, plain HTTP."""
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "STATIC_ROOT": str(self.static_root),
            "MEDIA_ROOT": str(self.media_root),
            # nginx speaks plain HTTP here: no redirect to https, no HSTS.
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_BIND": f"127.0.0.1:{self.gunicorn_port}",
            "WEB_CONCURRENCY": str(self.workers),
            "NGINX_CACHE_URL": self.url,
            "CACHE_REFRESH_SECRET": self.cache_refresh_secret,
            **self.extra_env,
        }

    def manage(self, *arguments: str, timeout: float | None = None) -> str:
        """Run ``manage.py`` with the stack's environment (migrate, collectstatic, shell...);
        what it printed."""
        result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", *arguments],
            env=self.environment(),
            cwd=REPOSITORY,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise StackError(f"manage.py {' '.join(arguments)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def __enter__(self) -> LocalStack:
        try:
            self.workdir.mkdir(parents=True, exist_ok=True)
            self.media_root.mkdir(parents=True, exist_ok=True)
            self._start_redis()
            self.manage("collectstatic", "--no-input", "--verbosity", "0")
            for port in self.gunicorn_ports:
                self._start_gunicorn(port)
            for port, process in zip(self.gunicorn_ports, self.gunicorns, strict=True):
                wait_for_http(f"http://127.0.0.1:{port}/healthz", 60, process)
            self._start_nginx()
        except BaseException:
            self._exit.close()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self._exit.close()

    def _start_redis(self) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            raise StackError("redis-server is not installed (Debian package redis-server).")
        process = subprocess.Popen(  # noqa: S603 - the system redis-server, fixed arguments
            [executable, "--bind", "127.0.0.1", "--port", str(self.redis_port), "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._exit.callback(_stop, process)
        wait_for_port(self.redis_port)

    def _start_gunicorn(self, port: int) -> None:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.gunicorn_log = self.workdir / f"gunicorn-{port}.log"
        self.gunicorn_logs.append(self.gunicorn_log)
        log = self._exit.enter_context(self.gunicorn_log.open("wb"))
        process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            [str(gunicorn), "--config", str(GUNICORN_CONF), "cms.wsgi"],
            env={**self.environment(), "GUNICORN_BIND": f"127.0.0.1:{port}"},
            cwd=REPOSITORY,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._exit.callback(_stop, process)
        self.gunicorn = process
        self.gunicorns.append(process)

    def _start_nginx(self) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise StackError("nginx is not installed (Debian package nginx-light).")
        prefix = self.workdir / "nginx"
        prefix.mkdir(parents=True, exist_ok=True)
        site = prefix / "equalcity.conf"
        site.write_text(
            render_template(
                NGINX_TEMPLATE.read_text(),
                {
                    "NGINX_PORT": f"127.0.0.1:{self.nginx_port}",
                    "UPSTREAM": upstream_servers(self.gunicorn_ports),
                    "STATIC_ROOT": str(self.static_root),
                    "MEDIA_ROOT": str(self.media_root),
                    "MEDIA_BUCKET_URL": NO_MEDIA_BUCKET_URL,
                    "PUBLIC_SCHEME": "http",
                    "CACHE_ROOT": str(prefix / "cache"),
                    "CACHE_REFRESH_SECRET": self.cache_refresh_secret,
                },
            )
        )
        main = prefix / "nginx.conf"
        main.write_text(nginx_main_config(prefix, site))
        self.nginx_log = prefix / "stderr.log"
        log = self._exit.enter_context(self.nginx_log.open("wb"))
        process = subprocess.Popen(  # noqa: S603 - the system nginx, our rendered config
            [nginx, "-p", str(prefix), "-c", str(main), "-e", str(prefix / "error.log")]
            + ["-g", "daemon off;"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._exit.callback(_stop, process)
        self.nginx = process
        wait_for_http(f"{self.url}{self.health_path}", 20, process)
