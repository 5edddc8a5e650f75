"""Precise invalidation: a cached answer names what it read (surrogate keys) and only a change
of something it read, or of a list it walked, makes it a miss."""

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from api import edge_cache, result_cache
from api.surrogate import (
    HELPLINES,
    TOOLBOXES,
    children_key,
    keys_for_change,
    object_key,
    safe_spaces_key,
)
from safe_spaces.factories import HelplineFactory, SafeSpaceFactory
from tests.support import graphql
from toolbox_pages.factories import ModulePageFactory, ToolboxPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cached_responses")]

TOOLBOX = "query T($slug: String!) { toolbox(slug: $slug) { title modules { title } } }"
CITY_SPACES = (
    "query S($city: String!) { safeSpaces(city: $city) { totalCount edges { node { name } } } }"
)


@pytest.fixture
def cached_responses():
    cache.clear()
    result_cache.clear_local()
    with override_settings(API_RESULT_CACHE_SECONDS=60):
        yield
    cache.clear()
    result_cache.clear_local()


def ask(client, query: str, variables: dict, **headers) -> tuple[dict, int, Any]:
    with CaptureQueriesContext(connection) as captured:
        response = graphql.get(query, variables, client=client, accept=graphql.JSON, **headers)
    assert response.status_code == 200
    return json.loads(response.content), len(captured.captured_queries), response


@pytest.fixture
def brussels_toolbox(toolbox_index, brussels):
    toolbox = ToolboxPageFactory(
        parent=toolbox_index, title="Brussels toolbox", slug="brussels-toolbox", lead_city=brussels
    )
    ModulePageFactory(parent=toolbox, title="Listening first", slug="listening-first")
    return toolbox


def test_publishing_a_rome_listing_leaves_a_brussels_toolbox_cached(
    client, brussels_toolbox, rome, django_capture_on_commit_callbacks
):
    listing = SafeSpaceFactory(name="Rome legal desk", city=rome)
    variables = {"slug": "brussels-toolbox"}
    first, first_queries, _ = ask(client, TOOLBOX, variables)
    assert first_queries > 0

    with django_capture_on_commit_callbacks(execute=True):
        listing.name = "Rome legal aid desk"
        listing.save_revision().publish()

    again, queries, _ = ask(client, TOOLBOX, variables)
    assert again == first
    assert queries == 0


def test_publishing_a_brussels_module_invalidates_its_toolbox(
    client, brussels_toolbox, django_capture_on_commit_callbacks
):
    variables = {"slug": "brussels-toolbox"}
    ask(client, TOOLBOX, variables)
    module = brussels_toolbox.get_children().get().specific

    with django_capture_on_commit_callbacks(execute=True):
        module.title = "Listening first, always"
        module.save_revision().publish()

    data, queries, _ = ask(client, TOOLBOX, variables)
    assert data["data"]["toolbox"]["modules"] == [{"title": "Listening first, always"}]
    assert queries > 0


def test_a_new_module_enters_its_toolbox_at_once(
    client, brussels_toolbox, django_capture_on_commit_callbacks
):
    variables = {"slug": "brussels-toolbox"}
    ask(client, TOOLBOX, variables)

    with django_capture_on_commit_callbacks(execute=True):
        ModulePageFactory(parent=brussels_toolbox, title="Safety planning", slug="safety")

    data, _, _ = ask(client, TOOLBOX, variables)
    assert data["data"]["toolbox"]["modules"] == [
        {"title": "Listening first"},
        {"title": "Safety planning"},
    ]


def test_a_listing_entering_a_city_changes_that_citys_count_only(
    client, brussels, rome, django_capture_on_commit_callbacks
):
    SafeSpaceFactory(name="Brussels desk", city=brussels)
    SafeSpaceFactory(name="Rome desk", city=rome)
    another = SafeSpaceFactory(name="Another Brussels desk", city=brussels, live=False)
    rome_first, _, _ = ask(client, CITY_SPACES, {"city": "rome"})
    brussels_first, _, _ = ask(client, CITY_SPACES, {"city": "brussels"})

    with django_capture_on_commit_callbacks(execute=True):
        another.save_revision().publish()

    rome_again, rome_queries, _ = ask(client, CITY_SPACES, {"city": "rome"})
    brussels_again, _, _ = ask(client, CITY_SPACES, {"city": "brussels"})
    assert (rome_again, rome_queries) == (rome_first, 0)
    assert brussels_first["data"]["safeSpaces"]["totalCount"] == 1
    assert brussels_again["data"]["safeSpaces"]["totalCount"] == 2


def test_a_listing_moving_city_leaves_the_first_citys_list(
    client, brussels, rome, django_capture_on_commit_callbacks
):
    listing = SafeSpaceFactory(name="Moving desk", city=brussels)
    first, _, _ = ask(client, CITY_SPACES, {"city": "brussels"})
    assert first["data"]["safeSpaces"]["totalCount"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        listing.city = rome
        listing.save_revision().publish()

    data, _, _ = ask(client, CITY_SPACES, {"city": "brussels"})
    assert data["data"]["safeSpaces"] == {"totalCount": 0, "edges": []}


def test_a_saved_draft_keeps_every_answer(
    client, brussels_toolbox, django_capture_on_commit_callbacks
):
    variables = {"slug": "brussels-toolbox"}
    first, _, _ = ask(client, TOOLBOX, variables)
    with django_capture_on_commit_callbacks(execute=True):
        brussels_toolbox.title = "A draft title"
        brussels_toolbox.save_revision()
    data, queries, _ = ask(client, TOOLBOX, variables)
    assert (data, queries) == (first, 0)


def test_a_change_that_cant_be_placed_empties_everything(
    client, brussels_toolbox, brussels, django_capture_on_commit_callbacks
):
    variables = {"slug": "brussels-toolbox"}
    ask(client, TOOLBOX, variables)
    with django_capture_on_commit_callbacks(execute=True):
        brussels.name = "Bruxelles"
        brussels.save()
    _, queries, _ = ask(client, TOOLBOX, variables)
    assert queries > 0


def test_cacheable_answers_name_their_keys(client, brussels_toolbox):
    _, _, response = ask(client, TOOLBOX, {"slug": "brussels-toolbox"})
    # The modules are named by their toolbox's module list: any change of one reaches it.
    expected = sorted(
        {
            TOOLBOXES,
            object_key(brussels_toolbox.translation_key),
            children_key(brussels_toolbox.translation_key),
        }
    )
    assert response["Surrogate-Key"] == " ".join(expected)
    assert response["Cache-Tag"] == ",".join(expected)
    # The same keys on a cached hit.
    _, queries, hit = ask(client, TOOLBOX, {"slug": "brussels-toolbox"})
    assert queries == 0
    assert hit["Surrogate-Key"] == response["Surrogate-Key"]


def test_answers_that_are_not_shared_carry_no_keys(client, brussels_toolbox):
    response = graphql.post(TOOLBOX, {"slug": "brussels-toolbox"}, client=client)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "Surrogate-Key" not in response
    assert "Cache-Tag" not in response


def test_what_a_change_reaches(brussels_toolbox, brussels, rome):
    module = brussels_toolbox.get_children().get().specific
    listing = SafeSpaceFactory(city=rome)
    line = HelplineFactory()
    assert keys_for_change(module) == {
        object_key(module.translation_key),
        f"pg:{module.pk}",
        "l:pages",
        children_key(brussels_toolbox.translation_key),
    }
    assert TOOLBOXES in (keys_for_change(brussels_toolbox) or set())
    assert keys_for_change(listing) == {
        object_key(listing.translation_key),
        safe_spaces_key(),
        safe_spaces_key(rome.translation_key),
    }
    assert keys_for_change(line) == {object_key(line.translation_key), HELPLINES}
    assert keys_for_change(brussels) is None
    assert keys_for_change(listing, deleted=True) is None
    # A listing's phone and opening hours reach the listing.
    assert keys_for_change(listing.phones.first()) == keys_for_change(listing)
    assert keys_for_change(listing.regular_schedule.first()) == keys_for_change(listing)


def test_an_answer_computed_across_an_invalidation_is_not_kept():
    since = result_cache.generation()
    result_cache.invalidate(["o:something"])
    result_cache.put("api:response:race", b"{}", ["o:something"], since)
    assert result_cache.get("api:response:race") is None
    result_cache.put("api:response:race", b"{}", ["o:something"], result_cache.generation())
    assert result_cache.get("api:response:race") is not None


def test_an_evicted_stamp_never_revives_an_answer():
    result_cache.put("api:response:evicted", b"{}", ["o:evicted"])
    cache.delete(result_cache.KEY_STAMP_PREFIX + "o:evicted")
    assert result_cache.get("api:response:evicted") is None


@override_settings(WAGTAILFRONTENDCACHE={"test": {"BACKEND": "tests.api.graphql.edge.Recorder"}})
def test_a_publication_purges_the_edge_urls_that_read_it(
    client, brussels_toolbox, rome, django_capture_on_commit_callbacks
):
    from tests.api.graphql.edge import Recorder

    Recorder.purged.clear()
    edge_cache._memory.clear()
    _, _, toolbox_answer = ask(
        client, TOOLBOX, {"slug": "brussels-toolbox"}, HTTP_ACCEPT_ENCODING="br"
    )
    ask(client, CITY_SPACES, {"city": "rome"})
    listing = SafeSpaceFactory(name="Rome desk", city=rome)
    Recorder.purged.clear()  # creating the listing purged the Rome list

    with django_capture_on_commit_callbacks(execute=True):
        listing.name = "Rome legal desk"
        listing.save_revision().publish()

    assert len(Recorder.purged) == 1
    assert "safeSpaces" in Recorder.purged[0]
    assert "brussels-toolbox" not in Recorder.purged[0]
    assert edge_cache.variants_of(Recorder.purged[0]) == [(graphql.JSON, "")]


def test_a_page_of_listings_is_named_by_its_city(client, brussels):
    SafeSpaceFactory.create_batch(3, city=brussels)
    _, _, response = ask(client, CITY_SPACES, {"city": "brussels"})
    assert response["Surrogate-Key"] == safe_spaces_key(brussels.translation_key)


def test_a_kept_answer_is_checked_against_the_shared_stamps_every_time():
    result_cache.put("api:response:local", b"{}", ["o:local"])
    assert result_cache.get("api:response:local").body == b"{}"
    # Another process publishes: only the shared cache's stamp changes.
    cache.set(result_cache.KEY_STAMP_PREFIX + "o:local", "from-another-process", None)
    assert result_cache.get("api:response:local") is None


@override_settings(API_RESULT_LOCAL_BYTES=10)
def test_answers_past_the_memory_bound_are_read_from_the_shared_cache():
    result_cache.put("api:response:first", b"0123456789", ["o:first"])
    result_cache.put("api:response:second", b"abcdefghij", ["o:second"])
    assert result_cache._local.get("api:response:first") is None
    assert result_cache.get("api:response:first").body == b"0123456789"


def test_a_kept_answer_lives_no_longer_than_in_the_shared_cache(monkeypatch):
    result_cache.put("api:response:timed", b"{}", ["o:timed"])
    assert result_cache.get("api:response:timed") is not None
    later = result_cache.time.monotonic() + 61
    monkeypatch.setattr(result_cache.time, "monotonic", lambda: later)
    cache.delete("api:response:timed")  # the shared copy expired too
    assert result_cache.get("api:response:timed") is None


def test_a_change_to_an_index_page_empties_everything(toolbox_index):
    # Its slug is in the URL of every toolbox and module below it.
    assert keys_for_change(toolbox_index) is None


def test_a_toolbox_with_a_new_slug_empties_everything(
    brussels_toolbox, django_capture_on_commit_callbacks
):
    module = brussels_toolbox.get_children().get()
    # An answer whose body links to the module (it read pg:<module>, not the toolbox).
    result_cache.put("api:response:links", b"{}", [f"pg:{module.pk}"])
    with django_capture_on_commit_callbacks(execute=True):
        brussels_toolbox.slug = "brussels"
        brussels_toolbox.save_revision().publish()
    module.refresh_from_db()
    assert module.url_path.endswith("/brussels/listening-first/")
    assert result_cache.get("api:response:links") is None


def test_a_toolbox_republished_under_its_slug_reaches_its_keys_only(brussels_toolbox):
    module = brussels_toolbox.get_children().get()
    brussels_toolbox.title = "Brussels toolbox, revised"
    brussels_toolbox.save_revision().publish()
    assert keys_for_change(brussels_toolbox) is not None
    assert f"pg:{module.pk}" not in (keys_for_change(brussels_toolbox) or set())
