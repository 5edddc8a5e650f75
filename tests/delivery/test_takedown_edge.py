"""A takedown leaves no copy behind: the edge caches are refreshed before its request returns,
without waiting for the worker that refreshes them after a publication."""

import json

import pytest
from django.core.cache import cache
from django.test.utils import override_settings

from api import edge_cache, result_cache
from cms.core.factories import CityFactory
from cms.delivery.takedowns import URGENT_PRIORITY, reached_keys, take_down
from safe_spaces.factories import SafeSpaceFactory
from tests.api.graphql.edge import Recorder
from tests.support import graphql
from toolbox_pages.factories import ModulePageFactory, ToolboxPageFactory

pytestmark = pytest.mark.django_db

CITY_SPACES = "query S($city: String!) { safeSpaces(city: $city) { edges { node { name } } } }"
REASON = "The shelter's street address was published by mistake."


@pytest.fixture
def queue_never_runs():
    """An edge cache that records its purges, and a queue whose tasks never run (as when
    the worker is behind)."""
    cache.clear()
    result_cache.clear_local()
    edge_cache._memory.clear()
    Recorder.purged.clear()
    with override_settings(
        API_RESULT_CACHE_SECONDS=60,
        WAGTAILFRONTENDCACHE={"test": {"BACKEND": "tests.api.graphql.edge.Recorder"}},
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
    ):
        yield
    cache.clear()
    result_cache.clear_local()
    edge_cache._memory.clear()


def names(client) -> list[str]:
    response = graphql.get(CITY_SPACES, {"city": "rome"}, client=client, accept=graphql.JSON)
    assert response.status_code == 200
    return [
        edge["node"]["name"] for edge in json.loads(response.content)["data"]["safeSpaces"]["edges"]
    ]


def test_a_takedown_refreshes_the_edge_before_it_returns(
    client, admin_user, queue_never_runs, django_capture_on_commit_callbacks
):
    rome = CityFactory(name="Rome", slug="rome")
    shelter = SafeSpaceFactory(city=rome, name="Night shelter")
    assert names(client) == ["Night shelter"]
    Recorder.purged.clear()

    with django_capture_on_commit_callbacks(execute=True):
        take_down(shelter, admin_user, REASON)

    assert len(Recorder.purged) == 1
    assert "safeSpaces" in Recorder.purged[0]
    # The app servers' shared response cache no longer holds the answer either.
    assert names(client) == []


def test_a_publication_leaves_the_edge_to_the_queue(
    client, queue_never_runs, django_capture_on_commit_callbacks
):
    rome = CityFactory(name="Rome", slug="rome")
    shelter = SafeSpaceFactory(city=rome, name="Night shelter")
    assert names(client) == ["Night shelter"]
    Recorder.purged.clear()

    with django_capture_on_commit_callbacks(execute=True):
        shelter.name = "Night shelter and legal desk"
        shelter.save_revision().publish()

    assert Recorder.purged == []
    assert names(client) == ["Night shelter and legal desk"]


def test_a_toolbox_takedown_reaches_its_modules(toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index)
    module = ModulePageFactory(parent=toolbox)

    keys = reached_keys([toolbox, module])

    assert keys is not None
    assert f"o:{toolbox.translation_key}" in keys
    assert f"o:{module.translation_key}" in keys
    assert f"l:children:{toolbox.translation_key}" in keys
    assert reached_keys([toolbox_index.specific]) is None


def queued_tasks() -> list[tuple[str, int]]:
    """(name, priority) of each task queued so far."""
    from django_tasks import task_backends
    from django_tasks.backends.dummy import DummyBackend

    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    return [(result.task.name, result.task.priority) for result in backend.results]


def queued_task_names() -> list[str]:
    return [name for name, _ in queued_tasks()]


def test_a_failing_cache_cannot_cancel_the_rest_of_a_takedown(
    client, admin_user, queue_never_runs, django_capture_on_commit_callbacks, monkeypatch
):
    rome = CityFactory(name="Rome", slug="rome")
    shelter = SafeSpaceFactory(city=rome, name="Night shelter")
    assert names(client) == ["Night shelter"]

    def unreachable(keys):
        raise ConnectionError("the shared cache is gone")

    monkeypatch.setattr("cms.delivery.takedowns.off_every_cache", unreachable)
    before = len(queued_tasks())
    with django_capture_on_commit_callbacks(execute=True):
        take_down(shelter, admin_user, REASON)

    # The bundles' urgent rebuild, the unpublication's own and the queued edge purge follow.
    queued = queued_tasks()[before:]
    assert sorted(priority for name, priority in queued if name == "refresh_bundles") == [
        0,
        URGENT_PRIORITY,
    ]
    assert [name for name, _ in queued].count("purge_edge") == 1


def test_the_edge_is_refreshed_for_a_bounded_time_and_the_rest_left_to_the_queue(
    client, admin_user, queue_never_runs, django_capture_on_commit_callbacks, settings
):
    settings.TAKEDOWN_EDGE_SECONDS = 0
    rome = CityFactory(name="Rome", slug="rome")
    shelter = SafeSpaceFactory(city=rome, name="Night shelter")
    assert names(client) == ["Night shelter"]
    Recorder.purged.clear()
    keys = reached_keys([shelter])
    indexed = edge_cache.urls_for(keys, forget=False)
    assert len(indexed) == 1

    with django_capture_on_commit_callbacks(execute=True):
        take_down(shelter, admin_user, REASON)

    # No time to refresh here: the URL stays indexed for the queued purge, which refreshes it.
    assert Recorder.purged == []
    assert edge_cache.urls_for(keys, forget=False) == indexed
    assert queued_task_names().count("purge_edge") == 1
    assert edge_cache.purge(keys) == 1
    assert Recorder.purged == sorted(indexed)
