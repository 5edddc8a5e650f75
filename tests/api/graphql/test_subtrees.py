"""Kept subtrees: after a publication only the objects that changed are executed again."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from api.graphql.execution import subtree_cache
from safe_spaces.factories import SafeSpaceFactory
from tests.support import graphql

pytestmark = pytest.mark.django_db

LISTINGS = """query L($city: String!) { safeSpaces(city: $city, first: 10) { totalCount
  edges { node { id name categories { code } phones { number } openingHours { weekday } } } } }"""
WITH_OPEN = """query O($city: String!) { safeSpaces(city: $city, first: 10) {
  edges { node { id name isOpen } } } }"""


@pytest.fixture(autouse=True)
def kept_subtrees():
    subtree_cache.clear()
    cache.clear()
    with override_settings(API_GRAPHQL_SUBTREE_CACHE_ENTRIES=1000):
        yield
    subtree_cache.clear()


@pytest.fixture
def listings(brussels):
    return [SafeSpaceFactory(name=f"Desk {n}", city=brussels) for n in range(5)]


def run(query: str) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as captured:
        response = graphql.post(query, {"city": "brussels"})
    assert response.status_code == 200
    return json.loads(response.content), len(captured.captured_queries)


def names(data: dict) -> list[str]:
    return [edge["node"]["name"] for edge in data["data"]["safeSpaces"]["edges"]]


def test_a_second_execution_reads_kept_subtrees(listings):
    first, first_queries = run(LISTINGS)
    assert len(subtree_cache) == 5
    second, second_queries = run(LISTINGS)
    assert second == first
    # The listings' parts (categories, phones, opening hours) are not read again.
    assert second_queries < first_queries


def test_only_the_published_listing_is_executed_again(
    listings, django_capture_on_commit_callbacks, monkeypatch
):
    run(LISTINGS)
    changed = listings[2]
    with django_capture_on_commit_callbacks(execute=True):
        changed.name = "Desk 2, now with a night line"
        changed.save_revision().publish()

    executed = []
    original = subtree_cache.put

    def recording_put(key, value, limit):
        executed.append(key)
        original(key, value, limit)

    monkeypatch.setattr(subtree_cache, "put", recording_put)
    data, _ = run(LISTINGS)
    assert names(data) == ["Desk 0", "Desk 1", "Desk 2, now with a night line", "Desk 3", "Desk 4"]
    assert [key[1] for key in executed] == [str(changed.translation_key)]


def test_fields_that_depend_on_the_moment_are_never_kept(listings):
    first, _ = run(WITH_OPEN)
    assert len(subtree_cache) == 5
    assert all(set(kept) == {"id", "name"} for kept in subtree_cache._entries.values())
    # Executed again and put back in the selection's order.
    second, _ = run(WITH_OPEN)
    assert second == first
    assert list(second["data"]["safeSpaces"]["edges"][0]["node"]) == ["id", "name", "isOpen"]


def test_a_change_to_a_city_reaches_kept_subtrees(
    listings, brussels, django_capture_on_commit_callbacks
):
    run(LISTINGS)
    with django_capture_on_commit_callbacks(execute=True):
        brussels.name = "Bruxelles"
        brussels.save()
    before = len(subtree_cache)
    run(LISTINGS)
    # Every listing executed again under the new content version.
    assert len(subtree_cache) == before + 5


def test_nothing_is_kept_when_turned_off(listings):
    with override_settings(API_GRAPHQL_SUBTREE_CACHE_ENTRIES=0):
        run(LISTINGS)
    assert len(subtree_cache) == 0


def test_nothing_of_a_private_answer_is_kept(listings):
    """Near a point, a search: a kept subtree's key would hold the reader's position or their
    search text."""
    near = """query N($near: NearInput) { safeSpaces(near: $near, radiusKm: 50) {
      edges { node { id name } } } }"""
    search = """query S($text: String!) { search(text: $text) { ... on SafeSpace { id name } } }"""

    answers = [
        graphql.post(near, {"near": {"latitude": 50.8278, "longitude": 4.3457}}).json(),
        graphql.post(search, {"text": "Desk"}).json(),
    ]

    assert len(answers[0]["data"]["safeSpaces"]["edges"]) == 5
    assert answers[1]["data"]["search"]
    assert len(subtree_cache) == 0
    # The same listings in a shared answer are kept.
    run(LISTINGS)
    assert len(subtree_cache) == 5
