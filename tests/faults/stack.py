"""What the fault tests share: a production stack of the test's own (a database seeded with
one published toolbox and a consumer key, gunicorn with the committed configuration) and plain
HTTP requests to it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.faults.servers import wait_for_port

BASE_DIR = Path(__file__).resolve().parents[2]

# Run once, against the new cluster: the schema, the static files' manifest, a published
# toolbox and a consumer key (its raw value printed for the test).
SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
from wagtail.models import Locale, Page, Site
from api.models import ConsumerKey
from cms.core.models import HomePage
from toolbox_pages.models import ToolboxIndexPage, ToolboxPage
root = Page.get_first_root_node()
home = HomePage(title="Equalcity", slug="equalcity", locale=Locale.objects.get(language_code="en"))
root.add_child(instance=home)
Site.objects.update_or_create(
    is_default_site=True,
    defaults={"hostname": "127.0.0.1", "port": 80, "root_page": home, "site_name": "Equalcity"},
)
index = ToolboxIndexPage(title="Toolboxes", slug="toolboxes")
home.add_child(instance=index)
toolbox = ToolboxPage(
    title="Violence against migrant women", slug="women", summary="For staff.", focus="Women"
)
index.add_child(instance=toolbox)
toolbox.save_revision().publish()
key = ConsumerKey(name="Kiosk", kind="kiosk", all_cities=True, all_locales=True)
raw = key.set_new_key()
key.save()
print("KEY=" + raw)
"""


class Answer:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body)


def request(port: int, path: str, *, query: str | None = None, key: str | None = None) -> Answer:
    headers = {"Accept": "application/json"}
    data = None
    if query is not None:
        data = json.dumps({"query": query}).encode()
        headers["Content-Type"] = "application/json"
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    url = f"http://127.0.0.1:{port}{path}"
    call = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 - our server
    try:
        with urllib.request.urlopen(call, timeout=10) as response:  # noqa: S310
            return Answer(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, dict(error.headers), error.read())


def graphql(port: int, query: str, key: str | None = None) -> Answer:
    return request(port, "/api/graphql/", query=query, key=key)


@contextmanager
def serving(env: dict[str, str], port: int, log: Path) -> Iterator[None]:
    """gunicorn with the committed configuration, its log (stderr) in ``log``."""
    with log.open("wb") as stderr:
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "-c",
                str(BASE_DIR / "deploy" / "gunicorn.conf.py"),
                "cms.wsgi",
            ],
            env=env,
            cwd=BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        wait_for_port(port, up=True, timeout=30)
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


def production_env(
    *, port: int, database_url: str, redis_url: str, static_root: Path
) -> dict[str, str]:
    """The environment of ``cms.settings.production`` for a stack on loopback."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "fault-test-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "STATIC_ROOT": str(static_root),
        "API_RESULT_CACHE_SECONDS": "300",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
    }


def set_up(env: dict[str, str]) -> str:
    """Migrate and seed the stack's database; the consumer key's raw value."""
    setup = subprocess.run(  # noqa: S603 - our own interpreter, fixed script
        [sys.executable, "-c", SETUP],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert setup.returncode == 0, setup.stderr[-3000:]
    return next(line[4:] for line in setup.stdout.splitlines() if line.startswith("KEY="))
