"""Safe spaces and helplines through the snippet admin: creating, editing, previewing, and every
validation rule as an editor meets it in the form."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.core.factories import CityFactory
from safe_spaces.factories import (
    HelplineFactory,
    SafeSpaceFactory,
    ServiceCategoryFactory,
)
from safe_spaces.models import Helpline, SafeSpace
from tests.support.admin import assert_form_error, editor_form_data

pytestmark = pytest.mark.django_db

SAFE_SPACE_URLS = "wagtailsnippets_safe_spaces_safespace"
HELPLINE_URLS = "wagtailsnippets_safe_spaces_helpline"


@pytest.fixture
def city():
    return CityFactory(name="Saint-Gilles", country="BE", timezone="Europe/Brussels")


@pytest.fixture
def category():
    return ServiceCategoryFactory(name="Social services")


def safe_space_form_data(city, category, **overrides) -> dict:
    """What the add form posts for a complete listing; ``overrides`` use the posted names."""
    data = nested_form_data(
        {
            "name": "Saint-Gilles social office",
            "city": str(city.pk),
            "organization": "",
            "operated_by": "CPAS of Saint-Gilles",
            "description": "A social worker receives victims in a private room.",
            "status": "active",
            "alert": "",
            "eligibility_description": "",
            "minimum_age": "",
            "maximum_age": "",
            "free_of_charge": "on",
            "fees_description": "",
            "languages": "fr, nl, ar",
            "interpretation_services": "",
            "accessibility": "Step-free entrance.",
            "application_process": "Walk in.",
            "transportation": "Tram 81, stop Barrière.",
            "address_1": "Rue de Mérode 1",
            "address_2": "",
            "postal_code": "1060",
            "locality": "",
            "latitude": "50.827800",
            "longitude": "4.345700",
            "public_contact_name": "",
            "public_contact_phone": "",
            "public_contact_email": "",
            "email": "accueil@example.org",
            "url": "",
            "verified_on": "2025-03-01",
            "verify_by": "2025-09-01",
            "phones": inline_formset(
                [
                    {"number": "+32 2 555 00 01", "type": "voice", "description": "Reception"},
                    {"number": "+32 470 12 34 56", "type": "text", "description": "Night line"},
                ]
            ),
            "regular_schedule": inline_formset(
                [
                    {"weekday": "1", "opens_at": "09:00", "closes_at": "17:00"},
                    {"weekday": "3", "opens_at": "13:00", "closes_at": "19:30"},
                ]
            ),
            "schedule_exceptions": inline_formset(
                [
                    {
                        "valid_from": "2025-08-01",
                        "valid_to": "2025-08-15",
                        "closed": "on",
                        "opens_at": "",
                        "closes_at": "",
                        "description": "Summer closure",
                    }
                ]
            ),
        }
    )
    data["categories"] = [str(category.pk)]
    data.update(overrides)
    return data


def post_new_safe_space(client, city, category, **overrides):
    return client.post(
        reverse(f"{SAFE_SPACE_URLS}:add"), safe_space_form_data(city, category, **overrides)
    )


# --- Creating and editing --------------------------------------------------------------------


def test_safe_space_published_from_the_add_form_is_saved_with_its_rows(
    admin_client, city, category
):
    response = post_new_safe_space(
        admin_client, city, category, **{"action-publish": "action-publish"}
    )

    space = SafeSpace.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(f"{SAFE_SPACE_URLS}:list") + "?locale=en"
    assert space.live is True
    assert (space.name, space.city, space.postal_code) == (
        "Saint-Gilles social office",
        city,
        "1060",
    )
    assert list(space.categories.all()) == [category]
    assert space.languages == ["fr", "nl", "ar"]
    assert space.verify_by == datetime.date(2025, 9, 1)
    assert [(p.number, p.type) for p in space.phones.all()] == [
        ("+3225550001", "voice"),
        ("+32470123456", "text"),
    ]
    assert [(row.weekday, row.opens_at, row.closes_at) for row in space.regular_schedule.all()] == [
        (1, datetime.time(9, 0), datetime.time(17, 0)),
        (3, datetime.time(13, 0), datetime.time(19, 30)),
    ]
    assert [(e.valid_from, e.closed) for e in space.schedule_exceptions.all()] == [
        (datetime.date(2025, 8, 1), True)
    ]
    assert space.revisions.count() == 1
    assert space.live_revision == space.latest_revision


def test_safe_space_saved_as_draft_from_the_add_form_is_not_live(admin_client, city, category):
    response = post_new_safe_space(admin_client, city, category)

    space = SafeSpace.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(f"{SAFE_SPACE_URLS}:edit", args=[space.pk])
    assert space.live is False
    assert space.revisions.count() == 1


def test_safe_space_edited_and_published_changes_its_values_and_rows(admin_client):
    space = SafeSpaceFactory(
        name="Old name",
        phones=["+3225550010"],
        opening_hours=[1, 2],
        free_of_charge=True,
        confidential=True,
    )
    edit_url = reverse(f"{SAFE_SPACE_URLS}:edit", args=[space.pk])
    data = editor_form_data(admin_client.get(edit_url).content.decode())
    data["name"] = "New name"
    data["regular_schedule-1-DELETE"] = "1"
    data["phones-0-number"] = "+32 2 555 00 11"
    data["action-publish"] = "action-publish"

    response = admin_client.post(edit_url, data)

    assert response.status_code == 302
    space.refresh_from_db()
    assert space.name == "New name"
    assert [row.weekday for row in space.regular_schedule.all()] == [1]
    assert [phone.number for phone in space.phones.all()] == ["+3225550011"]
    assert (space.free_of_charge, space.confidential_location) == (True, True)
    assert space.revisions.count() == 1
    assert space.has_unpublished_changes is False


def test_safe_space_edit_saved_as_draft_keeps_the_live_values(admin_client):
    space = SafeSpaceFactory(name="Live name")
    edit_url = reverse(f"{SAFE_SPACE_URLS}:edit", args=[space.pk])
    data = editor_form_data(admin_client.get(edit_url).content.decode())
    data["name"] = "Draft name"

    response = admin_client.post(edit_url, data)

    assert response.status_code == 302
    assert response["Location"] == edit_url
    space.refresh_from_db()
    assert space.name == "Live name"
    assert space.has_unpublished_changes is True
    assert space.get_latest_revision_as_object().name == "Draft name"


# --- Validation rules in the form ------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("latitude", "90.000001", "Latitude must be between -90 and 90."),
        ("latitude", "-90.000001", "Latitude must be between -90 and 90."),
        ("longitude", "180.000001", "Longitude must be between -180 and 180."),
        ("longitude", "-180.000001", "Longitude must be between -180 and 180."),
        ("verify_by", "2025-02-28", "The next check can't be due before the last one was made."),
        ("maximum_age", "17", "The maximum age can't be below the minimum age."),
        (
            "languages",
            "fr, xx",
            "Unknown language code: xx. Use ISO 639-1 (fr, ar) or ISO 639-3 (prs) codes.",
        ),
        (
            "public_contact_phone",
            "call us",
            "“call us” can't be read as a phone number; write it with its country code, "
            "for example +32 2 123 45 67.",
        ),
    ],
)
def test_invalid_safe_space_field_is_a_form_error(
    admin_client, city, category, field, value, message
):
    response = post_new_safe_space(admin_client, city, category, minimum_age="18", **{field: value})

    assert_form_error(response, field, message)
    assert SafeSpace.objects.count() == 0


@pytest.mark.parametrize(
    "overrides",
    [
        {"latitude": "90", "longitude": "180"},
        {"latitude": "-90", "longitude": "-180"},
        {"verified_on": "2025-03-01", "verify_by": "2025-03-01"},
        {"minimum_age": "18", "maximum_age": "18"},
    ],
)
def test_values_on_the_bounds_are_accepted_by_the_form(admin_client, city, category, overrides):
    response = post_new_safe_space(admin_client, city, category, **overrides)

    assert response.status_code == 302
    space = SafeSpace.objects.get()
    for field, value in overrides.items():
        assert str(getattr(space, field)).startswith(value), field


def test_confidential_location_without_public_contact_is_a_form_error(admin_client, city, category):
    response = post_new_safe_space(admin_client, city, category, confidential_location="on")

    assert_form_error(
        response,
        "public_contact_phone",
        "A confidential location needs a public contact point: a phone number or an email.",
    )
    assert SafeSpace.objects.count() == 0


def test_public_contact_phone_from_the_form_is_stored_in_e164(admin_client, city, category):
    response = post_new_safe_space(
        admin_client,
        city,
        category,
        confidential_location="on",
        public_contact_phone="02 555 00 01",
    )

    assert response.status_code == 302
    space = SafeSpace.objects.get()
    assert space.public_contact_phone == "+3225550001"


@pytest.mark.parametrize("closes_at", ["08:59", "09:00"])
def test_opening_row_closing_before_or_when_it_opens_is_a_form_error(
    admin_client, city, category, closes_at
):
    response = post_new_safe_space(
        admin_client,
        city,
        category,
        **{"regular_schedule-0-opens_at": "09:00", "regular_schedule-0-closes_at": closes_at},
    )

    assert_form_error(response, "regular_schedule-0-closes_at", "It must close after it opens.")
    assert SafeSpace.objects.count() == 0


def test_schedule_exception_ending_before_it_starts_is_a_form_error(admin_client, city, category):
    response = post_new_safe_space(
        admin_client, city, category, **{"schedule_exceptions-0-valid_to": "2025-07-31"}
    )

    assert_form_error(
        response, "schedule_exceptions-0-valid_to", "The period can't end before it starts."
    )
    assert SafeSpace.objects.count() == 0


def test_unparseable_phone_row_is_a_form_error(admin_client, city, category):
    response = post_new_safe_space(admin_client, city, category, **{"phones-1-number": "night"})

    assert_form_error(
        response,
        "phones-1-number",
        "“night” can't be read as a phone number; write it with its country code, "
        "for example +32 2 123 45 67.",
    )
    assert SafeSpace.objects.count() == 0


# --- Helplines -------------------------------------------------------------------------------


def helpline_form_data(**overrides) -> dict:
    data = {
        "name": "Brussels listening line",
        "scope": "national",
        "city": "",
        "country": "BE",
        "number": "17 12",
        "description": "Anonymous listening line.",
        "hours_description": "Weekdays 9:00-19:00",
        "languages": "nl, fr",
        "free_of_charge": "on",
    }
    data.update(overrides)
    return data


def test_helpline_created_in_the_admin_stores_its_normalised_number(admin_client):
    response = admin_client.post(
        reverse(f"{HELPLINE_URLS}:add"), helpline_form_data(**{"action-publish": "1"})
    )

    assert response.status_code == 302
    helpline = Helpline.objects.get()
    assert (helpline.number, helpline.live, helpline.revisions.count()) == ("1712", True, 1)


def test_city_helpline_without_its_city_is_a_form_error(admin_client):
    response = admin_client.post(reverse(f"{HELPLINE_URLS}:add"), helpline_form_data(scope="city"))

    assert_form_error(response, "city", "A city helpline needs its city.")
    assert Helpline.objects.count() == 0


def test_city_helpline_with_its_city_is_saved(admin_client, city):
    response = admin_client.post(
        reverse(f"{HELPLINE_URLS}:add"),
        helpline_form_data(scope="city", city=str(city.pk), number="+32 2 555 00 09"),
    )

    assert response.status_code == 302
    helpline = Helpline.objects.get()
    assert (helpline.city, helpline.number) == (city, "+3225550009")


def test_invalid_helpline_country_code_is_a_form_error(admin_client):
    response = admin_client.post(reverse(f"{HELPLINE_URLS}:add"), helpline_form_data(country="XX"))

    assert_form_error(
        response,
        "country",
        "“XX” is not an ISO 3166-1 alpha-2 country code (for example BE, LU, IT, SE).",
    )
    assert Helpline.objects.count() == 0


def test_unparseable_helpline_number_is_a_form_error(admin_client):
    response = admin_client.post(
        reverse(f"{HELPLINE_URLS}:add"), helpline_form_data(number="helpline")
    )

    assert_form_error(
        response,
        "number",
        "“helpline” can't be read as a phone number; write it with its country code, "
        "for example +32 2 123 45 67.",
    )
    assert Helpline.objects.count() == 0


def test_helpline_edit_in_the_admin_creates_a_revision(admin_client):
    helpline = HelplineFactory(name="Old line")
    edit_url = reverse(f"{HELPLINE_URLS}:edit", args=[helpline.pk])
    data = editor_form_data(admin_client.get(edit_url).content.decode())
    data["name"] = "Renamed line"
    data["action-publish"] = "action-publish"

    response = admin_client.post(edit_url, data)

    assert response.status_code == 302
    helpline.refresh_from_db()
    assert (helpline.name, helpline.revisions.count()) == ("Renamed line", 1)
