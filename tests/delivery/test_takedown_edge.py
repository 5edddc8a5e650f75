"""A takedown leaves no copy behind: the edge caches are refreshed before its request returns,
without waiting for the worker that refreshes them after a publication."""

import json

import pytest
from django.core.cache import cache
from django.test.utils import override_settings

from api import edge_cache, result_cache
from cms.core.factories import CityFactory
from cms.delivery.takedowns import reached_keys, take_down
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
