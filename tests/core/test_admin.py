"""Cities through the snippet admin: the validation rules editors meet in the form."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.core.models import City
from tests.support.admin import assert_form_error

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_core_city:add"


def city_form_data(**overrides) -> dict:
    data = nested_form_data(
        {
            "name": "Esch-sur-Alzette",
            "slug": "esch",
            "country": "LU",
            "timezone": "Europe/Luxembourg",
            "role": "trainee",
            "languages": "fr, de, lb, pt",
            "toolbox": "",
            "emergency_numbers": streamfield([("number", {"label": "Emergency", "number": "112"})]),
        }
    )
    data.update(overrides)
    return data


def test_city_saved_in_the_admin_is_a_draft_until_published(admin_client):
    response = admin_client.post(reverse(ADD_URL), city_form_data())

    city = City.objects.get(slug="esch")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_core_city:edit", args=[city.pk])
    assert (city.live, city.latest_revision.content["name"]) == (False, "Esch-sur-Alzette")


def test_city_published_in_the_admin_is_saved_with_its_values(admin_client):
    response = admin_client.post(reverse(ADD_URL), city_form_data(**{"action-publish": "1"}))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_core_city:list") + "?locale=en"
    city = City.objects.get(slug="esch")
    assert city.live is True
    assert (city.name, city.country, city.timezone) == (
        "Esch-sur-Alzette",
        "LU",
        "Europe/Luxembourg",
    )
    assert city.languages == ["fr", "de", "lb", "pt"]
    assert city.locale.language_code == "en"
    assert [block.value["number"] for block in city.emergency_numbers] == ["112"]


def test_unknown_time_zone_is_a_form_error(admin_client):
    response = admin_client.post(reverse(ADD_URL), city_form_data(timezone="Europe/Bruxelles"))

    assert_form_error(
        response,
        "timezone",
        "“Europe/Bruxelles” is not an IANA time zone; use a name such as Europe/Brussels.",
    )
    assert City.objects.count() == 0


def test_unknown_country_code_is_a_form_error(admin_client):
    response = admin_client.post(reverse(ADD_URL), city_form_data(country="XX"))

    assert_form_error(
        response,
        "country",
        "“XX” is not an ISO 3166-1 alpha-2 country code (for example BE, LU, IT, SE).",
    )
    assert City.objects.count() == 0


@pytest.mark.parametrize("languages", ["fr, xx", "english"])
def test_unknown_language_code_is_a_form_error(admin_client, languages):
    response = admin_client.post(reverse(ADD_URL), city_form_data(languages=languages))

    unknown = languages.split(", ")[-1]
    assert_form_error(
        response,
        "languages",
        f"Unknown language code: {unknown}. Use ISO 639-1 (fr, ar) or ISO 639-3 (prs) codes.",
    )
    assert City.objects.count() == 0


def test_emergency_number_with_letters_is_a_form_error(admin_client):
    data = city_form_data(**{"emergency_numbers-0-value-number": "call 101"})

    response = admin_client.post(reverse(ADD_URL), data)

    assert response.status_code == 200
    assert "Digits and spaces only, with an optional leading +." in response.content.decode()
    assert City.objects.count() == 0
