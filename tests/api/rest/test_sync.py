"""Delta sync over REST: everything in pages, then changes and tombstones; tokens; scopes."""

import datetime
from types import SimpleNamespace

import pytest
from django.core import signing
from django.utils import timezone
from wagtail.models import PageViewRestriction

from api.public.sync import SALT
from cms.core.factories import AudienceFactory, ContentWarningFactory
from cms.delivery.takedowns import take_down
from safe_spaces.factories import HelplineFactory, ServiceCategoryFactory

from .conftest import Api, count_queries, listing, make_key

pytestmark = pytest.mark.django_db

SYNC = "/api/v1/sync/"


@pytest.fixture(autouse=True)
def settled_at_once(settings):
    settings.SYNC_SETTLE_SECONDS = 0


def read_all(api, params: dict) -> tuple[list[dict], list[dict], str]:
    """Every page of a sync: its items, its tombstones, and the next sync token."""
    items, deleted, token = [], [], params.pop("token", None)
    for _ in range(100):
        response = api.get(SYNC, {**params, **({"token": token} if token else {})})
        assert response.status_code == 200, response.content
        page = response.json()
        items += page["items"]
        deleted += page["deleted"]
        if page["next_sync_token"]:
            assert page["next_page_token"] is None
            return items, deleted, page["next_sync_token"]
        token = page["next_page_token"]
    raise AssertionError("The sync never ended.")


def ids(entries: list[dict], kind: str) -> set[str]:
    return {entry["id"] for entry in entries if entry["type"] == kind}


def test_a_first_sync_holds_every_item_a_city_client_needs(api, brussels, rome, toolbox, module):
    space = listing(brussels, name="Health centre Midi")
    listing(rome, name="In Rome")
    line = HelplineFactory(name="Violence listening line", number="1712", country="BE")
    ServiceCategoryFactory(code="health", name="Health")
    AudienceFactory(code="parents", name="Parents")
    ContentWarningFactory(code="violence", name="Violence")

    items, deleted, token = read_all(api, {"locale": "fr", "city": "brussels"})

    assert deleted == []
    assert ids(items, "safe_space") == {str(space.translation_key)}
    assert ids(items, "city") == {str(brussels.translation_key)}
    assert ids(items, "helpline") == {str(line.translation_key)}
    assert ids(items, "toolbox") == {str(toolbox.translation_key)}
    assert ids(items, "module") == {str(module.translation_key)}
    assert {"health"} <= {i["data"]["code"] for i in items if i["type"] == "service_category"}
    listing_item = next(i for i in items if i["type"] == "safe_space")
    assert listing_item["data"]["name"] == "Health centre Midi"
    assert "is_open_now" not in listing_item["data"]  # changes with the clock, not content
    toolbox_item = next(i for i in items if i["type"] == "toolbox")
    assert toolbox_item["data"]["modules"] == [str(module.translation_key)]
    assert token


def test_pages_are_as_large_as_asked_and_end_with_a_sync_token(api, brussels):
    for n in range(7):
        listing(brussels, n)

    first = api.get(SYNC, {"locale": "en", "city": "brussels", "page_size": 3}).json()
    items, _, _ = read_all(api, {"locale": "en", "city": "brussels", "page_size": 3})

    assert len(first["items"]) == 3
    assert first["next_page_token"] and first["next_sync_token"] is None
    assert len(ids(items, "safe_space")) == 7
    assert len(items) == len({(i["type"], i["id"]) for i in items})  # each item once


def test_a_delta_holds_only_what_changed_and_tombstones(api, brussels):
    kept = listing(brussels, name="Kept")
    gone = listing(brussels, name="Gone")
    _, _, token = read_all(api, {"locale": "en", "city": "brussels"})
    new = listing(brussels, name="New")
    new.save_revision().publish()
    gone.unpublish()

    items, deleted, token = read_all(api, {"locale": "en", "city": "brussels", "token": token})

    assert ids(items, "safe_space") == {str(new.translation_key)}
    assert deleted == [{"type": "safe_space", "id": str(gone.translation_key)}]
    assert str(kept.translation_key) not in ids(items, "safe_space")
    assert read_all(api, {"locale": "en", "city": "brussels", "token": token})[:2] == ([], [])


def test_a_listing_moved_to_another_city_is_a_tombstone_there(api, brussels, rome):
    space = listing(brussels, name="Moving")
    _, _, token = read_all(api, {"locale": "en", "city": "brussels"})
    space.city = rome
    space.save_revision().publish()

    items, deleted, _ = read_all(api, {"locale": "en", "city": "brussels", "token": token})

    assert (items, deleted) == ([], [{"type": "safe_space", "id": str(space.translation_key)}])


def test_a_listing_made_confidential_comes_again_without_its_position(api, brussels):
    space = listing(brussels, name="Shelter")
    _, _, token = read_all(api, {"locale": "en", "city": "brussels"})
    space.confidential_location = True
    space.public_contact_name = "Shelter line"
    space.public_contact_phone = "+3225550199"
    space.save_revision().publish()

    items, deleted, _ = read_all(api, {"locale": "en", "city": "brussels", "token": token})

    assert deleted == []
    data = next(i["data"] for i in items if i["id"] == str(space.translation_key))
    assert (data["latitude"], data["longitude"], data["address"]) == (None, None, None)
    assert data["confidential_location"] is True


def test_a_renamed_category_sends_the_listings_that_show_it_again(api, brussels):
    category = ServiceCategoryFactory(code="health", name="Health")
    space = listing(brussels, categories=[category])
    _, _, token = read_all(api, {"locale": "en", "city": "brussels"})
    category.name = "Health care"
    category.save_revision().publish()

    items, deleted, _ = read_all(api, {"locale": "en", "city": "brussels", "token": token})

    assert deleted == []
    assert ids(items, "safe_space") == {str(space.translation_key)}
    data = next(i["data"] for i in items if i["type"] == "safe_space")
    assert [c["name"] for c in data["categories"]] == ["Health care"]


def test_each_page_costs_the_same_queries_whatever_it_holds(api, brussels):
    listing(brussels, 0)
    api.get(SYNC, {"locale": "fr", "city": "brussels"})  # the key's "last used" is written
    few = count_queries(lambda: api.get(SYNC, {"locale": "fr", "city": "brussels"}))
    for n in range(1, 15):
        listing(brussels, n)

    assert count_queries(lambda: api.get(SYNC, {"locale": "fr", "city": "brussels"})) == few


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"city": "brussels"}, 400, "locale"),
        ({"locale": "xx"}, 400, "locale"),
        ({"locale": "en", "city": "atlantis"}, 400, "city"),
        ({"locale": "en", "page_size": 0}, 400, "page_size"),
        ({"locale": "en", "page_size": 501}, 400, "page_size"),
        ({"locale": "en", "token": "not-a-token"}, 400, "token"),
        ({"locale": "en", "latitude": "50.8"}, 400, "latitude"),
    ],
)
def test_bad_input_gets_a_clear_400(api, brussels, params, status, field):
    response = api.get(SYNC, params)

    assert response.status_code == status
    assert field in response.json()["fields"]


def test_a_token_is_for_its_language_and_city_only(api, brussels, rome):
    _, _, token = read_all(api, {"locale": "en", "city": "brussels"})

    response = api.get(SYNC, {"locale": "en", "city": "rome", "token": token})

    assert response.status_code == 400
    assert "another language or city" in response.json()["fields"]["token"][0]


def test_a_token_older_than_the_tombstones_is_gone(api, brussels, settings, monkeypatch):
    _, _, token = read_all(api, {"locale": "en", "city": "brussels"})
    later = timezone.now() + datetime.timedelta(days=settings.SYNC_TOMBSTONE_DAYS + 1)
    # The clock the signature's age is read with, 91 days on.
    monkeypatch.setattr("django.core.signing.time", SimpleNamespace(time=later.timestamp))

    response = api.get(SYNC, {"locale": "en", "city": "brussels", "token": token})

    assert response.status_code == 410
    assert "sync from scratch" in response.json()["detail"]


def test_a_token_says_nothing_about_the_reader(api, brussels):
    _, _, token = read_all(api, {"locale": "en", "city": "brussels"})

    values = signing.loads(token, salt=SALT)

    assert values[:6] == [1, "en", "brussels", 0, 8, ""]
    assert all(isinstance(value, int) for value in values[6:])


def test_a_key_limited_to_cities_names_one_and_only_its_own(brussels, rome):
    _, raw = make_key("Rome app", cities=[rome], locales=["it"])
    limited = Api(raw)

    assert limited.get(SYNC, {"locale": "it", "city": "rome"}).status_code == 200
    assert limited.get(SYNC, {"locale": "it", "city": "brussels"}).status_code == 403
    assert limited.get(SYNC, {"locale": "it"}).status_code == 403
    assert limited.get(SYNC, {"locale": "fr", "city": "rome"}).status_code == 403
    assert Api().get(SYNC, {"locale": "it", "city": "rome"}).status_code == 401


def test_a_toolbox_made_private_leaves_with_its_modules(api, brussels, toolbox, module):
    _, _, token = read_all(api, {"locale": "en", "city": "brussels"})
    PageViewRestriction.objects.create(page=toolbox, restriction_type="login")

    items, deleted, _ = read_all(api, {"locale": "en", "city": "brussels", "token": token})

    assert items == []
    assert sorted((d["type"], d["id"]) for d in deleted) == sorted(
        [("toolbox", str(toolbox.translation_key)), ("module", str(module.translation_key))]
    )


def test_a_takedown_is_a_tombstone_in_the_next_delta(api, brussels, admin_user):
    space = listing(brussels, name="Taken down")
    _, _, token = read_all(api, {"locale": "en", "city": "brussels"})

    take_down(space, admin_user, "Published by mistake.")
    items, deleted, _ = read_all(api, {"locale": "en", "city": "brussels", "token": token})

    assert (items, deleted) == ([], [{"type": "safe_space", "id": str(space.translation_key)}])
