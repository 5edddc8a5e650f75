"""The widgets' and kiosk's own words in a language: ``/api/v1/widgets/strings``."""

import pytest

from tests.api.keys import make_key

from .conftest import Api

pytestmark = pytest.mark.django_db

STRINGS = "/api/v1/widgets/strings"


def test_a_language_translated_by_hand_gets_every_string(api):
    response = api.get(STRINGS, {"locale": "uk"})

    assert response.status_code == 200
    answer = response.json()
    assert answer["locale"] == "uk"
    assert len(answer["strings"]) == 46
    assert answer["strings"]["Quick exit"] == "Швидкий вихід"
    assert (
        answer["strings"]["Safe spaces found: %(count)s"] == "Знайдено безпечних місць: %(count)s"
    )
    assert response["Cache-Control"] == "private, max-age=60"
    assert (
        api.get(STRINGS, {"locale": "uk"}, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    )


def test_only_the_widgets_own_words_are_served(api):
    strings = api.get(STRINGS, {"locale": "fr"}).json()["strings"]

    # Not the admin's or any other app's catalogue.
    assert "Sortie rapide" in strings.values()
    assert "Show all" not in strings


@pytest.mark.parametrize("code", ["en", "pt", "ti"])
def test_a_language_not_translated_yet_gets_none_and_shows_english(api, code):
    assert api.get(STRINGS, {"locale": code}).json() == {"locale": code, "strings": {}}


def test_without_a_locale_the_default_language(api):
    assert api.get(STRINGS).json() == {"locale": "en", "strings": {}}


@pytest.mark.parametrize(
    ("params", "argument"), [({"locale": "xx"}, "locale"), ({"lang": "uk"}, "lang")]
)
def test_bad_parameters_get_a_clear_400(api, params, argument):
    response = api.get(STRINGS, params)

    assert response.status_code == 400
    assert argument in response.content.decode()


def test_a_key_limited_to_other_languages_is_refused():
    _, raw = make_key(locales=["fr"])

    assert Api(raw).get(STRINGS, {"locale": "uk"}).status_code == 403


def test_the_strings_need_a_key():
    assert Api().get(STRINGS, {"locale": "uk"}).status_code == 401
