"""A read replica (``DATABASE_REPLICA_URL``): the public API reads from it, everything else
from the primary (cms/core/db_router.py).

The test settings declare ``replica`` as a test mirror of ``default``: another connection to
the same database, whose queries are captured apart. Its connection can't see a test's
uncommitted rows, so these tests commit theirs (``transaction=True``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connections, router, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from api.models import ConsumerKey
from api.public.previews import make_token
from cms.core import db_router
from cms.core.cache import DEGRADED
from cms.delivery.tasks import refresh_bundles
from tests.api.keys import make_key
from tests.support import graphql
from toolbox_pages.models import ToolboxPage

pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", "replica"]
)

TOOLBOXES = "{ toolboxes { title } }"
HELPLINES = "/api/v1/widgets/helplines"


@pytest.fixture
def replica(settings) -> None:
    """Reads of the public API go to ``replica``; no lag window unless a test sets one."""
    settings.DATABASE_REPLICA_ALIAS = "replica"
    settings.DATABASE_REPLICA_LAG_SECONDS = 0


@contextmanager
def queries() -> Iterator[dict[str, list[str]]]:
    """The SQL each alias ran inside the block."""
    captured = {
        alias: CaptureQueriesContext(connections[alias]) for alias in ("default", "replica")
    }
    for context in captured.values():
        context.__enter__()
    sql: dict[str, list[str]] = {}
    try:
        yield sql
    finally:
        for alias, context in captured.items():
            context.__exit__(None, None, None)
            sql[alias] = [query["sql"] for query in context.captured_queries]


def run(action: Callable[[], Any]) -> tuple[Any, dict[str, list[str]]]:
    with queries() as sql:
        result = action()
    return result, sql


def test_a_graphql_read_goes_to_the_replica(replica, toolbox):
    response, sql = run(lambda: graphql.post(TOOLBOXES))

    assert response.status_code == 200
    assert json.loads(response.content)["data"]["toolboxes"] == [
        {"title": "Violence against migrant women"}
    ]
    assert sql["default"] == []
    # The locales and page rules (raw SQL, routed like the ORM's reads), then the toolboxes.
    assert len(sql["replica"]) == 2
    assert "wagtailcore_page" in sql["replica"][-1]


def test_a_keys_last_use_is_written_to_the_primary_and_the_reads_after_it_too(replica, brussels):
    key, raw = make_key()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    first, first_sql = run(lambda: api.get(HELPLINES, {"city": "brussels"}))
    second, second_sql = run(lambda: api.get(HELPLINES, {"city": "brussels"}))

    assert first.status_code == second.status_code == 200
    # The key is looked up on the replica; its last use (once a minute) is written to the
    # primary, and what the request reads after that write comes from the primary as well.
    assert "api_consumerkey" in first_sql["replica"][-1]
    assert first_sql["default"][0].startswith('UPDATE "api_consumerkey" SET "last_used_at"')
    assert not any(sql.startswith("UPDATE") for sql in first_sql["replica"])
    assert len(first_sql["default"]) > 1
    # A minute has not passed: nothing written, everything read from the replica.
    assert second_sql["default"] == []
    assert len(second_sql["replica"]) == len(first_sql["replica"]) + len(first_sql["default"]) - 1
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_an_admin_request_reads_and_writes_the_primary(replica, admin_user, toolbox):
    client = Client()
    client.force_login(admin_user)

    listing, listing_sql = run(lambda: client.get(f"/admin/pages/{toolbox.get_parent().pk}/"))
    unpublish, write_sql = run(lambda: client.post(f"/admin/pages/{toolbox.pk}/unpublish/"))

    assert listing.status_code == 200
    assert unpublish.status_code == 302
    assert listing_sql["replica"] == write_sql["replica"] == []
    assert any(sql.startswith("SELECT") for sql in listing_sql["default"])
    assert any(sql.startswith("UPDATE") for sql in write_sql["default"])
    assert ToolboxPage.objects.get(pk=toolbox.pk).live is False


def test_commands_and_tasks_read_the_primary(replica, toolbox):
    _, command_sql = run(lambda: call_command("publish_scheduled", verbosity=0))
    _, task_sql = run(lambda: refresh_bundles.enqueue())

    assert command_sql["replica"] == task_sql["replica"] == []
    assert command_sql["default"] != []
    assert task_sql["default"] != []


def test_an_api_write_goes_to_the_primary(replica):
    _, raw = make_key(kind=ConsumerKey.Kind.CITY_APP)
    document = "query Toolboxes { toolboxes { title } }"

    response, sql = run(
        lambda: Client().post(
            "/api/v1/graphql/documents",
            data=json.dumps({"documents": [document]}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
        )
    )

    assert response.status_code == 200, response.content
    assert any('INSERT INTO "api_persisteddocument"' in query for query in sql["default"])
    assert not any(query.startswith(("INSERT", "UPDATE")) for query in sql["replica"])


def test_within_the_lag_window_after_a_publication_the_api_reads_the_primary(
    replica, settings, toolbox
):
    settings.DATABASE_REPLICA_LAG_SECONDS = 30
    with transaction.atomic():
        toolbox.save_revision().publish()  # a change of published content: new stamps

    fresh, fresh_sql = run(lambda: graphql.post(TOOLBOXES))
    # The change is older than the window: the replica has replayed it.
    db_router.cache.set(db_router.CHANGED_AT_KEY, time.time() - 31, timeout=None)
    later, later_sql = run(lambda: graphql.post(TOOLBOXES))

    assert fresh.status_code == later.status_code == 200
    assert fresh_sql["replica"] == []
    assert len(fresh_sql["default"]) == 2
    assert later_sql["default"] == []
    assert len(later_sql["replica"]) == 2


def test_while_the_shared_cache_is_unreachable_the_api_reads_the_primary(
    replica, toolbox, monkeypatch
):
    monkeypatch.setattr(db_router, "shared_cache_state", lambda: DEGRADED)

    response, sql = run(lambda: graphql.post(TOOLBOXES))

    assert response.status_code == 200
    assert sql["replica"] == []
    assert len(sql["default"]) == 2


def test_a_read_inside_a_transaction_of_an_api_request_goes_to_the_primary(replica):
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(router.db_for_read(ToolboxPage))
        with transaction.atomic():
            seen.append(router.db_for_read(ToolboxPage))
        seen.append(router.db_for_read(ToolboxPage))
        return HttpResponse()

    middleware = db_router.ReplicaReadsMiddleware(view)
    middleware(RequestFactory().get(HELPLINES))
    middleware(RequestFactory().get("/admin/"))  # not the API: never marked

    assert seen == ["replica", "default", "replica", "default", "default", "default"]


def test_without_a_replica_nothing_is_routed_and_only_the_primary_migrates(settings):
    assert settings.DATABASE_REPLICA_ALIAS is None
    assert router.db_for_read(ToolboxPage) == "default"
    assert router.db_for_write(ToolboxPage) == "default"
    assert router.allow_migrate("default", "toolbox_pages") is True
    assert router.allow_migrate("replica", "toolbox_pages") is False


def test_a_draft_preview_reads_the_primary(replica, toolbox):
    """A revision saved a moment ago may not have reached a lagging replica: the preview reads
    the primary, as the editor who saved it does."""
    toolbox.summary = "Draft summary for the panel."
    revision = toolbox.save_revision()
    document = "query($token: String!) { preview(token: $token) { ... on Toolbox { summary } } }"

    response, sql = run(lambda: graphql.post(document, {"token": make_token(toolbox, revision)}))

    assert json.loads(response.content) == {
        "data": {"preview": {"summary": "Draft summary for the panel."}}
    }
    assert sql["replica"] == []
    assert any("wagtailcore_revision" in query for query in sql["default"])


def test_the_takedown_feed_and_the_sync_read_the_primary(replica, brussels):
    """Both hand out cursors over the change log: read from a lagging replica, a cursor could
    pass a takedown or a change the replica has not replayed, and the client would never hear
    of it."""
    _, raw = make_key(kind=ConsumerKey.Kind.CITY_APP)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    api.get("/api/v1/takedowns")  # the key's last use written: the next requests write nothing

    feed, feed_sql = run(lambda: api.get("/api/v1/takedowns"))
    synced, sync_sql = run(lambda: api.get("/api/v1/sync/", {"locale": "en", "city": "brussels"}))

    assert feed.status_code == synced.status_code == 200
    assert any("delivery_changerecord" in sql for sql in feed_sql["default"])
    assert not any("delivery_changerecord" in sql for sql in feed_sql["replica"])
    assert any("delivery_changerecord" in sql for sql in sync_sql["default"])
    assert not any("delivery_changerecord" in sql for sql in sync_sql["replica"])
