"""``safety(city:, locale:)``: the quick exit and the notices, a city's own over the site's."""

import pytest

from api.models import CityNotice, CitySettings
from cms.core.models import SafetySettings
from tests.support import graphql

pytestmark = pytest.mark.django_db

QUERY = """
query ($city: String, $locale: String) {
  safety(city: $city, locale: $locale) {
    quickExitUrl
    safetyNotice { html locale isFallback }
    privacyNotice { html locale isFallback }
  }
}
"""


@pytest.fixture
def rome_settings(rome) -> CitySettings:
    SafetySettings.objects.update_or_create(
        pk=SafetySettings.load().pk,
        defaults={"privacy_notice": "<p>Nothing you read is kept.</p>"},
    )
    own = CitySettings.objects.create(city=rome, quick_exit_url="https://meteo.example.it/")
    CityNotice.objects.create(
        settings=own, locale="fr", safety_notice="<p>Rome : partez avec le bouton.</p>"
    )
    return own


def test_a_citys_notice_in_its_language_and_the_sites_marked_as_standing_in(rome_settings, fr):
    safety = graphql.data(QUERY, {"city": "rome", "locale": "fr"})["safety"]

    assert safety == {
        "quickExitUrl": "https://meteo.example.it/",
        "safetyNotice": {
            "html": "<p>Rome : partez avec le bouton.</p>",
            "locale": "fr",
            "isFallback": False,
        },
        "privacyNotice": {
            "html": "<p>Nothing you read is kept.</p>",
            "locale": "en",
            "isFallback": True,
        },
    }


def test_without_a_city_the_sites_settings(rome_settings):
    safety = graphql.data(QUERY)["safety"]

    assert safety["quickExitUrl"] == "https://www.wikipedia.org/"
    assert safety["safetyNotice"] is None


def test_an_unknown_city_is_a_clear_error(rome_settings):
    answer = graphql.payload(QUERY, {"city": "atlantis"})

    assert answer["data"] is None
    assert answer["errors"][0]["message"] == "Unknown city 'atlantis'."
    assert answer["errors"][0]["extensions"]["argument"] == "city"
