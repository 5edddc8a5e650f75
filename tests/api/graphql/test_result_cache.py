"""The response cache: repeated reads cost no SQL, and any publication empties it at once."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from safe_spaces.factories import SafeSpaceFactory
from tests.support import graphql
from tests.support.cache import cache_store
from toolbox_pages.factories import ToolboxPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cached_responses")]

TOOLBOXES = "{ toolboxes { title } }"
SAFE_SPACES = "{ safeSpaces(first: 5) { edges { node { name } } } }"


@pytest.fixture
def cached_responses():
    cache.clear()
    with override_settings(API_RESULT_CACHE_SECONDS=60):
        yield
    cache.clear()


def post(client, query: str) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as captured:
        response = graphql.post_body(json.dumps({"query": query}), client=client, accept=None)
    assert response.status_code == 200
    return json.loads(response.content), len(captured.captured_queries)


def test_a_repeated_query_is_answered_without_sql(client, toolbox_index):
    ToolboxPageFactory(parent=toolbox_index, title="Dialogues with parents")

    first, first_queries = post(client, TOOLBOXES)
    second, second_queries = post(client, TOOLBOXES)

    assert first == second == {"data": {"toolboxes": [{"title": "Dialogues with parents"}]}}
    assert first_queries > 0
    assert second_queries == 0


def test_publishing_a_new_revision_is_served_at_once(
    client, toolbox_index, django_capture_on_commit_callbacks
):
    toolbox = ToolboxPageFactory(parent=toolbox_index, title="Dialogues with parents")
    post(client, TOOLBOXES)

    with django_capture_on_commit_callbacks(execute=True):
        toolbox.title = "Dialogues with parents and carers"
        toolbox.save_revision().publish()

    data, _ = post(client, TOOLBOXES)
    assert data == {"data": {"toolboxes": [{"title": "Dialogues with parents and carers"}]}}


def test_an_unpublished_safe_space_disappears_at_once(
    client, home_page, django_capture_on_commit_callbacks
):
    space = SafeSpaceFactory(name="Legal aid desk")
    data, _ = post(client, SAFE_SPACES)
    assert data["data"]["safeSpaces"]["edges"] == [{"node": {"name": "Legal aid desk"}}]

    with django_capture_on_commit_callbacks(execute=True):
        space.unpublish()

    data, _ = post(client, SAFE_SPACES)
    assert data["data"]["safeSpaces"]["edges"] == []


def test_a_saved_draft_does_not_change_what_is_served(
    client, home_page, django_capture_on_commit_callbacks
):
    space = SafeSpaceFactory(name="Legal aid desk")
    post(client, SAFE_SPACES)

    with django_capture_on_commit_callbacks(execute=True):
        space.name = "Draft name nobody approved"
        space.save_revision()

    data, _ = post(client, SAFE_SPACES)
    assert data["data"]["safeSpaces"]["edges"] == [{"node": {"name": "Legal aid desk"}}]


def test_responses_with_errors_are_never_cached(client, home_page):
    query = '{ safeSpaces(locale: "xx") { totalCount } }'

    _, first_queries = post(client, query)
    data, second_queries = post(client, query)

    assert data["errors"][0]["message"].startswith("Unknown locale 'xx'.")
    assert second_queries == first_queries


def test_cache_keys_hold_no_query_text(client, home_page):
    post(client, '{ search(text: "shelter near the station") { __typename } }')

    keys = list(cache_store(cache).keys())  # the local-memory backend's store
    assert keys
    assert not any("shelter" in key for key in keys)
