"""A reader's position and search text are never kept: a query with a position is refused over
GET; its POSTed answer is no-store and enters no cache and no log; search answers are never in
the response cache."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test.utils import override_settings

from api.graphql.document_cache import document_cache
from cms.core.factories import CityFactory
from safe_spaces.factories import SafeSpaceFactory
from tests.support import graphql
from tests.support.cache import cache_store
from toolbox_pages.factories import ToolboxPageFactory

pytestmark = pytest.mark.django_db

# Digits no other value in these tests holds.
LATITUDE, LONGITUDE = 50.84671937, 4.35251829
DIGITS = ("84671937", "35251829")
NEAR_VARIABLES = """
query Near($near: NearInput) {
  safeSpaces(near: $near) { totalCount edges { node { name distanceKm } } }
}
"""
NEAR_INLINE = (
    f"{{ safeSpaces(near: {{latitude: {LATITUDE}, longitude: {LONGITUDE}}}) "
    "{ totalCount edges { node { name distanceKm } } } }"
)
SEARCH_TEXT = "forced marriage helpdesk"


@pytest.fixture
def listing(db):
    city = CityFactory(slug="brussels", timezone="Europe/Brussels")
    return SafeSpaceFactory(
        name="Legal aid desk", city=city, latitude=Decimal("50.8467"), longitude=Decimal("4.3525")
    )


@pytest.fixture
def response_cache():
    cache.clear()
    document_cache.clear()
    with override_settings(API_RESULT_CACHE_SECONDS=60):
        yield
    cache.clear()
    document_cache.clear()


def get(client, query: str, variables: dict | None = None):
    return graphql.get(query, variables, client=client)


def post(client, query: str, variables: dict | None = None):
    return graphql.post(query, variables, client=client)


def test_near_query_over_get_is_refused_inline(client, listing):
    response = get(client, NEAR_INLINE)

    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert "send it with POST" in error["message"]
    assert error["extensions"]["code"] == "POST_REQUIRED"
    assert response["Cache-Control"] == "no-store"


def test_near_query_over_get_is_refused_with_variables(client, listing):
    response = get(client, NEAR_VARIABLES, {"near": {"latitude": LATITUDE, "longitude": LONGITUDE}})

    assert response.status_code == 400
    assert "send it with POST" in response.json()["errors"][0]["message"]


def test_near_inside_a_variable_default_is_refused_over_get(client, listing):
    query = (
        f"query Near($near: NearInput = {{latitude: {LATITUDE}, longitude: {LONGITUDE}}}) "
        "{ safeSpaces(near: $near) { totalCount } }"
    )
    assert get(client, query).status_code == 400


def test_same_query_without_a_position_is_still_served_over_get(client, listing):
    response = get(client, NEAR_VARIABLES, {"near": None})

    assert response.status_code == 200
    assert response.json()["data"]["safeSpaces"]["totalCount"] == 1
    assert response["Cache-Control"].startswith("public")


def test_posted_near_answer_is_no_store_and_enters_no_cache(client, listing, response_cache):
    before = set(cache_store(cache))
    for query, variables in (
        (NEAR_VARIABLES, {"near": {"latitude": LATITUDE, "longitude": LONGITUDE}}),
        (NEAR_INLINE, None),
    ):
        response = post(client, query, variables)

        assert response.status_code == 200
        assert response.json()["data"]["safeSpaces"]["edges"][0]["node"]["distanceKm"] is not None
        assert response["Cache-Control"] == "private, no-store"
    new_keys = set(cache_store(cache)) - before
    # Only the anonymous request counter (a number per minute) was written.
    assert new_keys and all(key.startswith(":1:api:requests:anonymous:") for key in new_keys)
    # The query text with the coordinates written in it is not a document-cache key either.
    assert len(document_cache) == 1


def test_a_query_without_position_is_still_cached(client, listing, response_cache):
    post(client, "{ safeSpaces { totalCount } }")

    assert any(":api:response:" in key for key in cache_store(cache))


@override_settings(DEBUG=True)
def test_near_queries_leave_no_coordinate_in_the_logs(client, listing, every_log):
    post(client, NEAR_VARIABLES, {"near": {"latitude": LATITUDE, "longitude": LONGITUDE}})
    post(client, NEAR_INLINE)
    # Invalid: out of range, and a radius that is refused.
    post(client, NEAR_VARIABLES, {"near": {"latitude": 91.84671937, "longitude": LONGITUDE}})
    post(
        client,
        f"{{ safeSpaces(near: {{latitude: {LATITUDE}, longitude: {LONGITUDE}}}, radiusKm: 999)"
        " { totalCount } }",
    )
    get(client, NEAR_INLINE)

    # With DEBUG, every SQL statement is logged: proof that the logs were listening.
    assert any(r.name == "django.db.backends" for r in every_log.records)
    logged = every_log.text + repr([record.__dict__ for record in every_log.records])
    for digits in DIGITS:
        assert digits not in logged


def test_search_answers_are_never_in_the_response_cache(client, toolbox_index, response_cache):
    ToolboxPageFactory(parent=toolbox_index, title="Forced marriage helpdesk guide")
    query = (
        "query S($text: String!) { search(text: $text) { __typename ... on Toolbox { title } } }"
    )

    posted = post(client, query, {"text": SEARCH_TEXT})
    fetched = get(client, query, {"text": SEARCH_TEXT})
    inline = post(client, f'{{ search(text: "{SEARCH_TEXT}") {{ __typename }} }}')

    assert posted.json()["data"]["search"] == [
        {"__typename": "Toolbox", "title": "Forced marriage helpdesk guide"}
    ]
    assert posted["Cache-Control"] == fetched["Cache-Control"] == inline["Cache-Control"]
    assert fetched["Cache-Control"] == "private, no-store"
    assert "ETag" not in fetched
    assert not any(":api:response:" in key for key in cache_store(cache))
    stored = repr(list(cache_store(cache).items()))
    assert "forced" not in stored.lower()
    assert "Forced marriage helpdesk guide" not in stored
    # The document with the text written in it was not kept; the one with a variable was.
    assert len(document_cache) == 1
