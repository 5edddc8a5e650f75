"""``sync(locale:, city:, token:)``: the same pages as ``GET /api/v1/sync/``."""

import pytest

from tests.api.keys import make_key
from tests.api.rest.conftest import Api, listing
from tests.support import graphql

pytestmark = pytest.mark.django_db

QUERY = """
query ($locale: String!, $city: String, $token: String, $size: Int) {
  sync(locale: $locale, city: $city, token: $token, pageSize: $size) {
    items { type id data }
    deleted { type id }
    nextPageToken
    nextSyncToken
  }
}
"""


@pytest.fixture(autouse=True)
def settled_at_once(settings):
    settings.SYNC_SETTLE_SECONDS = 0


def test_graphql_and_rest_serve_the_same_sync(brussels):
    listing(brussels, name="Health centre Midi")
    _, raw = make_key()

    page = graphql.data(QUERY, {"locale": "fr", "city": "brussels", "size": 500})["sync"]
    rest = Api(raw).get("/api/v1/sync/", {"locale": "fr", "city": "brussels", "page_size": 500})

    assert page["items"] == rest.json()["items"]
    assert page["deleted"] == []
    assert page["nextPageToken"] is None and page["nextSyncToken"]


def test_a_delta_over_graphql_has_tombstones(brussels):
    space = listing(brussels, name="Soon gone")
    token = graphql.data(QUERY, {"locale": "en", "city": "brussels", "size": 500})["sync"][
        "nextSyncToken"
    ]
    space.unpublish()

    page = graphql.data(QUERY, {"locale": "en", "city": "brussels", "token": token})["sync"]

    assert page["items"] == []
    assert page["deleted"] == [{"type": "safe_space", "id": str(space.translation_key)}]


@pytest.mark.parametrize(
    ("variables", "argument"),
    [
        ({"locale": "en", "token": "forged"}, "token"),
        ({"locale": "en", "size": 0}, "pageSize"),
        ({"locale": "en", "size": 501}, "pageSize"),
        ({"locale": "en", "city": "atlantis"}, "city"),
        ({"locale": "xx"}, "locale"),
    ],
)
def test_bad_input_is_a_clear_error(brussels, variables, argument):
    error = graphql.post(QUERY, variables).json()["errors"][0]
    assert error["extensions"]["argument"] == argument, error


def test_a_key_limited_to_cities_names_one(brussels, rome):
    _, raw = make_key("Rome app", cities=[rome])

    refused = graphql.post(QUERY, {"locale": "it"}, key=raw)
    allowed = graphql.post(QUERY, {"locale": "it", "city": "rome"}, key=raw)

    assert refused.status_code == 403
    assert allowed.status_code == 200 and "errors" not in allowed.json()
