"""The city and helpline queries: every city, live helplines only, a public toolbox reference,
the requested locale with a flagged fallback, clear errors, constant query counts."""

import json

import pytest
from wagtail.models import PageViewRestriction

from cms.core.factories import CityFactory
from safe_spaces.factories import HelplineFactory
from safe_spaces.models import Helpline
from tests.support import graphql
from toolbox_pages.factories import ToolboxPageFactory

pytestmark = pytest.mark.django_db

CITY_FIELDS = """
fragment CityFields on City {
  name slug country timezone role languages locale translationKey isFallback
  emergencyNumbers { label number }
  helplines { name number scope country available247 languages locale isFallback }
  toolbox { title slug locale isFallback }
}
"""
CITIES = (
    CITY_FIELDS
    + """
query Cities($role: CityRole, $locale: String) {
  cities(role: $role, locale: $locale) { ...CityFields }
}
"""
)
CITY = (
    CITY_FIELDS
    + """
query City($slug: String!, $locale: String) {
  city(slug: $slug, locale: $locale) { ...CityFields }
}
"""
)
HELPLINES = """
query Helplines($city: String, $locale: String) {
  helplines(city: $city, locale: $locale) { name scope locale isFallback }
}
"""


def execute(query: str, variables: dict | None = None) -> dict:
    return graphql.payload(query, variables)


def test_cities_serve_every_field_with_live_helplines_city_lines_first(brussels, rome):
    HelplineFactory(name="National line", country="BE")
    HelplineFactory(name="Brussels night line", city_line=True, city=brussels, country="BE")
    HelplineFactory(name="Draft line", city_line=True, city=brussels, country="BE", live=False)
    HelplineFactory(name="Italian line", country="IT", number="1522", languages=["it"])

    response = execute(CITIES)

    assert "errors" not in response
    first, second = response["data"]["cities"]
    assert {key: first[key] for key in ("name", "slug", "country", "timezone", "role")} == {
        "name": "Brussels",
        "slug": "brussels",
        "country": "BE",
        "timezone": "Europe/Brussels",
        "role": "PARTNER",
    }
    assert first["languages"] == ["fr", "nl"]
    assert (first["locale"], first["isFallback"]) == ("en", False)
    assert first["translationKey"] == str(brussels.translation_key)
    assert first["emergencyNumbers"] == [{"label": "Emergency", "number": "112"}]
    assert [line["name"] for line in first["helplines"]] == ["Brussels night line", "National line"]
    assert first["helplines"][0]["scope"] == "CITY"
    assert first["helplines"][1] == {
        "name": "National line",
        "number": "1712",
        "scope": "NATIONAL",
        "country": "BE",
        "available247": False,
        "languages": ["nl"],
        "locale": "en",
        "isFallback": False,
    }
    assert first["toolbox"] is None
    assert second["name"] == "Rome" and second["role"] == "TRAINEE"
    assert [line["name"] for line in second["helplines"]] == ["Italian line"]


def test_cities_filter_by_role(brussels, rome):
    partners = execute(CITIES, {"role": "PARTNER"})["data"]["cities"]
    trainees = execute(CITIES, {"role": "TRAINEE"})["data"]["cities"]

    assert [city["slug"] for city in partners] == ["brussels"]
    assert [city["slug"] for city in trainees] == ["rome"]


def test_city_by_slug_and_unknown_slug_is_null(brussels):
    assert execute(CITY, {"slug": "brussels"})["data"]["city"]["name"] == "Brussels"
    assert execute(CITY, {"slug": "atlantis"}) == {"data": {"city": None}}


def test_city_in_another_locale_is_its_translation_or_a_flagged_fallback(brussels, rome, fr):
    translation = brussels.copy_for_translation(fr)
    translation.name = "Bruxelles"
    translation.save()

    cities = execute(CITIES, {"locale": "fr"})["data"]["cities"]
    by_slug = execute(CITY, {"slug": "brussels", "locale": "fr"})["data"]["city"]

    assert [(city["name"], city["locale"], city["isFallback"]) for city in cities] == [
        ("Bruxelles", "fr", False),
        ("Rome", "en", True),
    ]
    assert (by_slug["name"], by_slug["translationKey"]) == (
        "Bruxelles",
        str(brussels.translation_key),
    )


def test_city_toolbox_is_a_reference_to_a_live_public_toolbox_only(toolbox_index):
    live = ToolboxPageFactory(parent=toolbox_index, title="Safe spaces", slug="safe-spaces")
    draft = ToolboxPageFactory(
        parent=toolbox_index, title="Draft toolbox", slug="draft", live=False
    )
    private = ToolboxPageFactory(parent=toolbox_index, title="Private toolbox", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    CityFactory(name="A", slug="a", toolbox=live)
    CityFactory(name="B", slug="b", toolbox=draft)
    CityFactory(name="C", slug="c", toolbox=private)

    cities = execute(CITIES)["data"]["cities"]

    assert [city["toolbox"] for city in cities] == [
        {"title": "Safe spaces", "slug": "safe-spaces", "locale": "en", "isFallback": False},
        None,
        None,
    ]
    text = json.dumps(cities)
    assert "Draft toolbox" not in text and "Private toolbox" not in text


def test_helplines_of_a_city_are_its_own_then_its_countrys_national_ones(brussels, rome):
    HelplineFactory(name="National line", country="BE")
    HelplineFactory(name="City line", city_line=True, city=brussels, country="BE")
    HelplineFactory(name="Unpublished", country="BE", live=False)
    HelplineFactory(name="Italian line", country="IT", number="1522")

    of_brussels = execute(HELPLINES, {"city": "brussels"})["data"]["helplines"]
    everywhere = execute(HELPLINES)["data"]["helplines"]

    assert [line["name"] for line in of_brussels] == ["City line", "National line"]
    assert [line["name"] for line in everywhere] == ["City line", "Italian line", "National line"]


def test_helplines_fall_back_to_the_default_locale_when_the_translation_is_a_draft(brussels, fr):
    line = HelplineFactory(name="National line", country="BE")
    draft = line.copy_for_translation(fr)
    draft.name = "Ligne nationale (brouillon)"
    draft.live = False
    draft.save()
    translated = HelplineFactory(name="Other line", country="BE")
    published = translated.copy_for_translation(fr)
    published.name = "Autre ligne"
    published.save()

    helplines = execute(HELPLINES, {"city": "brussels", "locale": "fr"})["data"]["helplines"]

    assert helplines == [
        {"name": "Autre ligne", "scope": "NATIONAL", "locale": "fr", "isFallback": False},
        {"name": "National line", "scope": "NATIONAL", "locale": "en", "isFallback": True},
    ]


def test_helplines_of_an_unknown_city_is_a_clear_error():
    response = execute(HELPLINES, {"city": "atlantis"})

    assert response["data"] is None
    assert [error["message"] for error in response["errors"]] == ["Unknown city 'atlantis'."]
    assert response["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "city"}


def test_unknown_locale_is_a_clear_error():
    response = execute(CITIES, {"locale": "xx"})

    assert response["data"] is None
    assert response["errors"][0]["message"].startswith("Unknown locale 'xx'.")


@pytest.mark.parametrize("count", [5, 20])
def test_cities_with_helplines_and_toolboxes_cost_the_same_queries_for_5_and_20(
    count, toolbox_index, django_assert_num_queries
):
    toolbox = ToolboxPageFactory(parent=toolbox_index)
    for n in range(count):
        city = CityFactory(toolbox=toolbox, with_emergency_number=True)
        HelplineFactory(city_line=True, city=city, country="BE")
        HelplineFactory(country="BE", name=f"National {n}")
    assert Helpline.objects.count() == 2 * count

    # locale, cities, helplines, toolboxes (through the toolboxes domain's public rule)
    with django_assert_num_queries(4):
        response = execute(CITIES)

    cities = response["data"]["cities"]
    assert len(cities) == count
    assert all(len(city["helplines"]) == count + 1 for city in cities)
    assert all(city["toolbox"] is not None for city in cities)
