"""Previews over GraphQL: a token made in the admin's preview shows one revision's draft in its
published shape, privately; any token that is not valid now gets the answer an unknown one gets.
"""

import datetime
import hashlib
import json
from unittest import mock

import pytest
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from api.graphql.document_cache import document_cache
from api.graphql.execution import subtree_cache
from api.public import previews
from api.public.previews import make_token
from cms.core.factories import CityFactory
from safe_spaces.factories import HelplineFactory, SafeSpaceFactory
from tests.api.keys import make_key
from tests.support import graphql
from tests.support.cache import cache_store

pytestmark = pytest.mark.django_db

PREVIEW = """query P($token: String!) { preview(token: $token) { __typename
  ... on Toolbox { title summary modules { title } }
  ... on Module { title summary }
  ... on SafeSpace { name description address { address1 } publicContact { phone } }
  ... on Helpline { name number } } }"""
LIVE_TOOLBOX = """{ toolbox(slug: "women") { title summary } }"""


@pytest.fixture(autouse=True)
def caches_on():
    """The response cache and kept subtrees both on, so that a preview could be kept."""
    cache.clear()
    document_cache.clear()
    subtree_cache.clear()
    with override_settings(API_RESULT_CACHE_SECONDS=60, API_GRAPHQL_SUBTREE_CACHE_ENTRIES=1000):
        yield
    cache.clear()
    document_cache.clear()
    subtree_cache.clear()


@pytest.fixture
def draft_toolbox(toolbox, module):
    """``toolbox`` published as "For frontline staff.", with a newer draft; its revision."""
    toolbox.summary = "Draft summary for the panel."
    revision = toolbox.save_revision()
    toolbox.refresh_from_db()
    return toolbox, revision


def preview(token: str):
    return graphql.post(PREVIEW, {"token": token})


def test_a_draft_toolbox_is_previewed_while_the_api_still_serves_the_published_one(
    draft_toolbox,
):
    toolbox, revision = draft_toolbox

    response = preview(make_token(toolbox, revision))
    live = graphql.post(LIVE_TOOLBOX)

    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "preview": {
                "__typename": "Toolbox",
                "title": "Violence against migrant women",
                "summary": "Draft summary for the panel.",
                "modules": [{"title": "Responding to a disclosure"}],
            }
        }
    }
    assert live.json()["data"]["toolbox"]["summary"] == "For frontline staff."


def test_a_preview_answer_is_private_no_store_and_enters_no_cache(draft_toolbox):
    toolbox, revision = draft_toolbox
    token = make_token(toolbox, revision)
    space = SafeSpaceFactory()
    before = set(cache_store(cache))

    listing = preview(make_token(space, space.save_revision()))
    posted = preview(token)
    inline = graphql.post(f'{{ preview(token: "{token}") {{ __typename }} }}')

    assert listing.json()["data"]["preview"]["name"] == space.name
    for response in (listing, posted, inline):
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert not response.has_header("ETag")
        assert not response.has_header("Surrogate-Key")
        assert not response.has_header("Cache-Tag")
    assert inline.json() == {"data": {"preview": {"__typename": "Toolbox"}}}
    new_keys = set(cache_store(cache)) - before
    # Only the anonymous request counter was written: no answer, no edge index, no stamps.
    assert new_keys and all(key.startswith(":1:api:requests:anonymous:") for key in new_keys)
    assert len(subtree_cache) == 0
    # The query text holding the token is not a document-cache key: only PREVIEW is.
    assert len(document_cache) == 1
    assert token not in repr(list(cache_store(cache).items()))


def test_the_live_query_is_kept_where_a_preview_is_not(db):
    """The caches under test are on: the same listing, published, is kept."""
    space = SafeSpaceFactory()

    graphql.get(f'{{ safeSpace(id: "{space.translation_key}") {{ name }} }}')

    assert any(":api:response:" in key for key in cache_store(cache))
    assert len(subtree_cache) == 1


def bad_tokens(toolbox, revision, other_revision) -> dict[str, str]:
    good = make_token(toolbox, revision)
    payload = signing.loads(good, salt=previews.SALT)
    return {
        "unknown": "not-a-token",
        "empty": "",
        "tampered": good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB"),
        "other salt": signing.dumps(payload, salt="equalcity.api.sync"),
        "other key": signing.dumps(payload, salt=previews.SALT, key="another-secret-0123456789"),
        "other object's revision": signing.dumps(
            {**payload, "r": other_revision.pk}, salt=previews.SALT
        ),
        "other language": signing.dumps({**payload, "l": "fr"}, salt=previews.SALT),
        "not an object": signing.dumps(["a", "list"], salt=previews.SALT),
        "very long": "x" * 5000,
    }


def test_every_bad_token_gets_the_answer_of_an_unknown_one(draft_toolbox, module):
    toolbox, revision = draft_toolbox
    other_revision = module.save_revision()
    unknown = preview("not-a-token")

    for name, token in bad_tokens(toolbox, revision, other_revision).items():
        response = preview(token)
        assert response.status_code == 200, name
        assert response.content == unknown.content, name
        assert response["Cache-Control"] == "private, no-store", name
    assert unknown.json() == {"data": {"preview": None}}


def test_an_expired_token_gets_the_answer_of_an_unknown_one(draft_toolbox):
    toolbox, revision = draft_toolbox
    token = make_token(toolbox, revision)
    unknown = preview("not-a-token")
    one_hour_later = datetime.datetime.now(datetime.UTC).timestamp() + previews.MAX_AGE + 1

    with mock.patch("django.core.signing.time.time", return_value=one_hour_later):
        expired = preview(token)
    still_valid = preview(token)

    assert expired.content == unknown.content
    assert still_valid.json()["data"]["preview"]["summary"] == "Draft summary for the panel."


def test_a_deleted_revision_or_object_gets_the_answer_of_an_unknown_one(draft_toolbox):
    toolbox, revision = draft_toolbox
    space = SafeSpaceFactory()
    space_token = make_token(space, space.save_revision())
    token = make_token(toolbox, revision)
    unknown = preview("not-a-token")

    revision.delete()
    space.delete()

    assert preview(token).content == unknown.content
    assert preview(space_token).content == unknown.content


def test_a_confidential_listings_preview_withholds_its_address(db):
    space = SafeSpaceFactory(confidential=True, address_1="Rue Cachée 7")
    space.description = "Draft: a shelter with its own intake line."
    revision = space.save_revision()

    answer = preview(make_token(space, revision)).json()["data"]["preview"]

    assert answer["__typename"] == "SafeSpace"
    assert answer["description"] == "Draft: a shelter with its own intake line."
    assert answer["address"] is None
    assert answer["publicContact"]["phone"] == space.public_contact_phone
    assert "Rue Cachée" not in json.dumps(answer)


def test_a_draft_helpline_and_module_are_previewed(module):
    city = CityFactory(slug="ghent")
    line = HelplineFactory(city_line=True, city=city, country=city.country, name="Night line")
    line.name = "Night line (draft)"
    module.summary = "Draft: what to say first."

    helpline = preview(make_token(line, line.save_revision())).json()["data"]["preview"]
    page = preview(make_token(module, module.save_revision())).json()["data"]["preview"]

    assert helpline == {
        "__typename": "Helpline",
        "name": "Night line (draft)",
        "number": line.number,
    }
    assert page == {
        "__typename": "Module",
        "title": "Responding to a disclosure",
        "summary": "Draft: what to say first.",
    }


def test_one_preview_runs_a_fixed_number_of_queries(draft_toolbox):
    toolbox, revision = draft_toolbox
    token = make_token(toolbox, revision)

    with CaptureQueriesContext(connection) as captured:
        response = preview(token)

    assert response.json()["data"]["preview"]["__typename"] == "Toolbox"
    # The revision (1); the object as of the revision (Wagtail's ``as_object``: the live row,
    # its locale, revision and content type checked, the page, its comments: 6); the locales
    # with the page rules (1); the modules (1).
    assert len(captured.captured_queries) == 9


def test_a_preview_token_never_travels_in_a_url(client, draft_toolbox):
    """By GET, with the token as a variable, written in the query or in a registered
    document: 400, POST_REQUIRED, and nothing of the draft."""
    toolbox, revision = draft_toolbox
    token = make_token(toolbox, revision)
    _, raw = make_key("Brussels city app")
    document = "query P($token: String!) { preview(token: $token) { __typename } }"
    registered = client.post(
        "/api/v1/graphql/documents",
        json.dumps({"documents": [document]}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert registered.status_code == 200
    document_id = "sha256:" + hashlib.sha256(document.encode()).hexdigest()

    answers = [
        graphql.get(PREVIEW, {"token": token}),
        graphql.get(f'{{ preview(token: "{token}") {{ __typename }} }}'),
        client.get(
            "/api/graphql/",
            {"documentId": document_id, "variables": json.dumps({"token": token})},
            HTTP_ACCEPT=graphql.JSON,
        ),
    ]

    for response in answers:
        assert response.status_code == 400
        body = response.json()
        assert body["errors"][0]["extensions"]["code"] == "POST_REQUIRED"
        assert body["errors"][0]["message"].startswith("This query carries a preview token")
        assert "Draft summary" not in response.content.decode()
