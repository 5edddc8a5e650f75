"""The request-scoped loaders (``api.public.loaders``): a relation loads once for every object
served so far, objects served later load together in one more call, kinds of objects never
load for each other, and nothing is kept on the objects or beyond the request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from wagtail.models import Locale

from api.locales import LocaleContext
from api.public.loaders import loader, serve
from cms.core.factories import CityFactory
from safe_spaces.factories import HelplineFactory
from tests.support import graphql


@dataclass
class Listing:
    pk: int


@dataclass
class Town:
    pk: int


def _context() -> LocaleContext:
    locale = Locale(pk=1, language_code="en")
    return LocaleContext(requested=locale, default=locale)


class Recorder:
    """A load function that records what it was asked for."""

    def __init__(self) -> None:
        self.calls: list[list[int]] = []

    def __call__(self, objects: list[Any]) -> dict[int, str]:
        self.calls.append([obj.pk for obj in objects])
        return {obj.pk: f"value of {obj.pk}" for obj in objects if obj.pk != 99}


def test_a_relation_loads_once_for_every_object_served_so_far():
    context = _context()
    listings = serve(context, [Listing(1), Listing(2), Listing(3)])
    load = Recorder()
    relation = loader(context, "names", load, default=lambda: "none")

    assert [relation.get(listing) for listing in listings] == [
        "value of 1",
        "value of 2",
        "value of 3",
    ]
    assert load.calls == [[1, 2, 3]]
    # The same loader, asked again by name, is the same object: nothing loads again.
    assert loader(context, "names", load, default=lambda: "none").get(listings[0]) == "value of 1"
    assert load.calls == [[1, 2, 3]]


def test_objects_served_later_load_together_in_one_more_call():
    context = _context()
    first = serve(context, [Listing(1), Listing(2)])
    load = Recorder()
    relation = loader(context, "names", load, default=lambda: "none")
    relation.get(first[0])

    later = serve(context, [Listing(3), Listing(4), Listing(2)])  # 2 is served already
    assert relation.get(later[1]) == "value of 4"
    assert relation.get(later[0]) == "value of 3"
    assert load.calls == [[1, 2], [3, 4]]


def test_an_object_the_load_leaves_out_gets_the_default_and_a_stray_object_still_loads():
    context = _context()
    serve(context, [Listing(99)])
    load = Recorder()
    relation = loader(context, "names", load, default=lambda: "none")

    assert relation.get(Listing(99)) == "none"
    assert relation.get(Listing(7)) == "value of 7"  # never served: loaded on its own
    assert load.calls == [[99], [7]]


def test_a_relation_asked_of_one_kind_never_loads_for_another_kind():
    context = _context()
    listings = serve(context, [Listing(1), Listing(2)])
    towns = serve(context, [Town(1)])  # the same primary key, another model
    load = Recorder()
    relation = loader(context, "names", load, default=lambda: "none")

    relation.get(towns[0])
    assert load.calls == [[1]]
    relation.get(listings[1])
    assert load.calls == [[1], [1, 2]]


def test_a_loader_takes_only_the_objects_it_accepts_and_load_pending_loads_each_kind_once():
    context = _context()
    serve(context, [Listing(1), Town(5), Listing(2)])
    load = Recorder()
    relation = loader(context, "names", load, default=lambda: "none", accepts=Listing)

    relation.load_pending()
    assert load.calls == [[1, 2]]
    relation.load_pending()
    assert load.calls == [[1, 2]]
    assert sorted(relation.values()) == ["value of 1", "value of 2"]


def test_loaders_belong_to_their_context_and_leave_nothing_on_the_objects():
    listing = Listing(1)
    first, second = _context(), _context()
    serve(first, [listing])
    load = Recorder()
    loader(first, "names", load, default=lambda: "none").get(listing)
    loader(second, "names", load, default=lambda: "none").get(listing)

    assert load.calls == [[1], [1]]
    assert vars(listing) == {"pk": 1}


@pytest.mark.django_db
def test_two_root_fields_of_one_locale_share_the_loaders(django_assert_num_queries):
    brussels = CityFactory(slug="brussels", country="BE")
    rome = CityFactory(slug="rome", country="IT")
    HelplineFactory(city_line=True, city=brussels, country="BE")
    HelplineFactory(city_line=True, city=rome, country="IT")
    query = """
    { cities { slug helplines { name } }
      city(slug: "rome") { slug helplines { name } } }
    """

    # locale, cities, city; the helplines of both root fields' cities in one query.
    with django_assert_num_queries(4):
        data = graphql.data(query)

    assert [len(city["helplines"]) for city in data["cities"]] == [1, 1]
    assert data["city"]["helplines"] == [
        line for city in data["cities"] if city["slug"] == "rome" for line in city["helplines"]
    ]
