"""search(text, locale, first): live, public toolboxes, modules and safe spaces only."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from safe_spaces.factories import SafeSpaceFactory
from tests.support import graphql
from toolbox_pages.factories import ModulePageFactory, ToolboxPageFactory

pytestmark = pytest.mark.django_db

SEARCH = """
query Search($text: String!, $locale: String, $first: Int) {
  search(text: $text, locale: $locale, first: $first) {
    __typename
    ... on Toolbox { title slug locale isFallback }
    ... on Module { title slug locale isFallback }
    ... on SafeSpace { name locale isFallback address { address1 } location { latitude } }
  }
}
"""


def post(client, **variables):
    response = graphql.post(SEARCH, variables, client=client)
    return response.status_code, json.loads(response.content)


def hits(client, **variables) -> list[dict]:
    status, payload = post(client, **variables)
    assert status == 200
    assert "errors" not in payload, payload
    return payload["data"]["search"]


def titles(results: list[dict]) -> set[str | None]:
    return {result.get("title") or result.get("name") for result in results}


@pytest.fixture
def toolbox(toolbox_index):
    return ToolboxPageFactory(parent=toolbox_index, title="Mindfulness for guardians", slug="rome")


def test_search_finds_toolboxes_modules_and_safe_spaces(client, toolbox):
    ModulePageFactory(parent=toolbox, title="Breathing with children", slug="breathing")
    SafeSpaceFactory(name="Mindfulness room of the health centre")

    results = hits(client, text="mindfulness")

    assert {(r["__typename"], r.get("title") or r.get("name")) for r in results} == {
        ("Toolbox", "Mindfulness for guardians"),
        ("SafeSpace", "Mindfulness room of the health centre"),
    }
    assert titles(hits(client, text="breathing")) == {"Breathing with children"}


def test_drafts_unpublished_and_private_content_are_never_found(client, toolbox):
    draft = ModulePageFactory(parent=toolbox, title="Breathing draft", slug="draft", live=False)
    private = ModulePageFactory(parent=toolbox, title="Breathing private", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    ModulePageFactory(parent=toolbox, title="Breathing public", slug="public")
    SafeSpaceFactory(name="Breathing room unpublished", live=False)
    live_space = SafeSpaceFactory(name="Breathing room live")
    live_space.save_revision()  # a newer draft revision changes nothing served

    assert titles(hits(client, text="breathing")) == {"Breathing public", "Breathing room live"}
    assert str(draft.title) not in json.dumps(post(client, text="draft")[1])


def test_a_confidential_safe_space_is_found_without_its_address(client, home_page):
    shelter = SafeSpaceFactory(name="Night shelter for women", confidential=True)

    [result] = hits(client, text="shelter")

    assert result == {
        "__typename": "SafeSpace",
        "name": "Night shelter for women",
        "locale": "en",
        "isFallback": False,
        "address": None,
        "location": None,
    }
    _, payload = post(client, text="shelter")
    assert shelter.address_1 not in json.dumps(payload)


def test_a_locale_without_translation_falls_back_to_english_flagged(client, toolbox):
    french = Locale.objects.get(language_code="fr")
    translated = toolbox.copy_for_translation(french, copy_parents=True)
    translated.title = "Mindfulness pour les tuteurs"
    translated.save_revision().publish()
    SafeSpaceFactory(name="Mindfulness corner")

    results = hits(client, text="mindfulness", locale="fr")

    by_name = {r.get("title") or r.get("name"): r for r in results}
    assert set(by_name) == {"Mindfulness pour les tuteurs", "Mindfulness corner"}
    assert by_name["Mindfulness pour les tuteurs"]["locale"] == "fr"
    assert by_name["Mindfulness pour les tuteurs"]["isFallback"] is False
    assert by_name["Mindfulness corner"]["locale"] == "en"
    assert by_name["Mindfulness corner"]["isFallback"] is True


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"text": "   "}, "Give some text to search for."),
        ({"text": "x" * 201}, "Search text is limited to 200 characters."),
        ({"text": "help", "first": 0}, "first must be between 1 and 100."),
        ({"text": "help", "first": 101}, "first must be between 1 and 100."),
        ({"text": "help", "locale": "xx"}, "Unknown locale 'xx'."),
    ],
)
def test_bad_search_arguments_are_clear_errors(client, home_page, variables, message):
    status, payload = post(client, **variables)

    assert status == 200
    assert payload["data"] is None
    assert payload["errors"][0]["message"].startswith(message)
    assert payload["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_search_costs_the_same_number_of_queries_for_3_and_12_hits(client, toolbox):
    def count(text: str) -> tuple[int, int]:
        post(client, text=text)
        with CaptureQueriesContext(connection) as captured:
            status, payload = post(client, text=text)
        assert status == 200 and "errors" not in payload
        return len(captured.captured_queries), len(payload["data"]["search"])

    for n in range(3):
        ModulePageFactory(parent=toolbox, title=f"Referral step {n}", slug=f"few-{n}")
        SafeSpaceFactory(name=f"Referral desk {n}")
    for n in range(12):
        ModulePageFactory(parent=toolbox, title=f"Interpreter guide {n}", slug=f"many-{n}")
        SafeSpaceFactory(name=f"Interpreter desk {n}")

    few_queries, few_hits = count("referral")
    many_queries, many_hits = count("interpreter")

    assert (few_hits, many_hits) == (6, 20)
    assert few_queries == many_queries
    assert many_queries <= 10
