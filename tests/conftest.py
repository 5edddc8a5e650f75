"""Fixtures shared by the whole suite: a real English content tree (a toolbox with a module),
an admin user, and seed_demo's content for the tests of one module."""

import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.core.models import HomePage
from toolbox_pages.models import ModulePage, ToolboxIndexPage, ToolboxPage


@pytest.fixture
def locale_en(db) -> Locale:
    return Locale.objects.get(language_code="en")


@pytest.fixture
def fr(db) -> Locale:
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def ar(db) -> Locale:
    return Locale.objects.get(language_code="ar")


@pytest.fixture
def home_page(locale_en) -> HomePage:
    """The English home page, as the default site's root (replacing Wagtail's welcome page)."""
    root = Page.get_first_root_node()
    home = HomePage(title="Equalcity", slug="equalcity", locale=locale_en)
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Equalcity"},
    )
    return home


@pytest.fixture
def toolbox_index(home_page) -> ToolboxIndexPage:
    index = ToolboxIndexPage(title="Toolboxes", slug="toolboxes")
    home_page.add_child(instance=index)
    return index


@pytest.fixture
def toolbox(toolbox_index) -> ToolboxPage:
    """A published English toolbox, "women"."""
    page = ToolboxPage(
        title="Violence against migrant women",
        slug="women",
        summary="For frontline staff.",
        focus="Women",
    )
    toolbox_index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def module(toolbox) -> ModulePage:
    """A published module of ``toolbox``, "responding"."""
    page = ModulePage(
        title="Responding to a disclosure", slug="responding", summary="What to say first."
    )
    toolbox.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password="correct-horse-battery"
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """``seed_demo``'s content, for the tests of one module; rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def every_log(caplog):
    """Every logger at DEBUG, those that don't propagate to the root included."""
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level, logger.propagate) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        if not logger.propagate:
            logger.addHandler(caplog.handler)
    caplog.handler.setLevel(logging.DEBUG)
    yield caplog
    for logger, level, _ in saved:
        logger.setLevel(level)
        if caplog.handler in logger.handlers:
            logger.removeHandler(caplog.handler)


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of the test's own on a spare port, killable with ``.kill()`` and
    restartable with ``.start()`` (tests/faults/servers.py)."""
    from tests.faults.servers import RedisServer

    with RedisServer(tmp_path / "redis") as server:
        yield server


@pytest.fixture(scope="session", autouse=True)
def pooled_test_database_released(request):
    """Through PgBouncer (``DATABASE_POOLER=pgbouncer``, as CI runs the suite), the pooler
    keeps its server connections to the test database after the tests closed theirs, and
    PostgreSQL refuses to drop a database anyone is connected to. Those server connections
    are ended before pytest-django creates the test database (a run that was interrupted may
    have left it, still connected) and before it drops it (this fixture's teardown runs
    first: it asked for ``django_db_setup``). PgBouncer opens new ones when a client next
    needs them."""
    from django.conf import settings

    from cms.settings.databases import pooled

    if not pooled(settings.DATABASES["default"]):
        yield
        return
    from django.db import connection, connections

    blocker = request.getfixturevalue("django_db_blocker")
    request.getfixturevalue("django_db_modify_db_settings")  # the worker's own name
    name = connection.creation._get_test_db_name()  # type: ignore[attr-defined]
    _end_server_connections(name, blocker)
    request.getfixturevalue("django_db_setup")
    yield
    connections.close_all()
    _end_server_connections(name, blocker)


def _end_server_connections(database: str, blocker) -> None:
    from django.db import connection

    with blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
