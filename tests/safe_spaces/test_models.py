"""Validation rules of safe spaces, their rows and helplines, through full_clean()."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cms.core.factories import CityFactory
from safe_spaces.factories import (
    HelplineFactory,
    OpeningHoursFactory,
    SafeSpaceFactory,
    SafeSpacePhoneFactory,
    ScheduleExceptionFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 14)


@pytest.fixture
def safe_space():
    return SafeSpaceFactory(phones=[], opening_hours=[])


def clean_errors(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


# --- Coordinates -----------------------------------------------------------------------------


@pytest.mark.parametrize("latitude", ["90", "-90", "0", "89.999999", "-89.999999"])
def test_latitude_within_bounds_is_valid(latitude):
    space = SafeSpaceFactory.build(latitude=Decimal(latitude), longitude=Decimal("4.35"))

    space.full_clean(exclude=["city"])

    assert space.latitude == Decimal(latitude)


@pytest.mark.parametrize("latitude", ["90.000001", "-90.000001", "180"])
def test_latitude_outside_bounds_is_an_error(latitude):
    space = SafeSpaceFactory(latitude=Decimal("50.8"), longitude=Decimal("4.35"))
    space.latitude = Decimal(latitude)

    assert clean_errors(space) == {"latitude": ["Latitude must be between -90 and 90."]}


@pytest.mark.parametrize("longitude", ["180", "-180", "0", "179.999999"])
def test_longitude_within_bounds_is_valid(longitude):
    space = SafeSpaceFactory(longitude=Decimal(longitude))

    space.full_clean()

    assert space.longitude == Decimal(longitude)


@pytest.mark.parametrize("longitude", ["180.000001", "-180.000001", "360"])
def test_longitude_outside_bounds_is_an_error(longitude):
    space = SafeSpaceFactory()
    space.longitude = Decimal(longitude)

    assert clean_errors(space) == {"longitude": ["Longitude must be between -180 and 180."]}


def test_latitude_without_longitude_is_an_error():
    space = SafeSpaceFactory()
    space.longitude = None

    assert clean_errors(space) == {"longitude": ["Give both latitude and longitude, or neither."]}


def test_no_coordinates_at_all_is_valid():
    space = SafeSpaceFactory(latitude=None, longitude=None)

    space.full_clean()

    assert (space.latitude, space.longitude) == (None, None)


# --- Opening hours and exceptions ------------------------------------------------------------


@pytest.mark.parametrize("closes_at", [datetime.time(8, 59), datetime.time(9, 0)])
def test_opening_row_that_closes_before_or_when_it_opens_is_an_error(safe_space, closes_at):
    row = OpeningHoursFactory.build(
        safe_space=safe_space, opens_at=datetime.time(9, 0), closes_at=closes_at
    )

    assert clean_errors(row) == {"closes_at": ["It must close after it opens."]}


@pytest.mark.parametrize("closes_at", [datetime.time(9, 1), datetime.time(23, 59)])
def test_opening_row_that_closes_after_it_opens_is_valid(closes_at):
    row = OpeningHoursFactory(opens_at=datetime.time(9, 0), closes_at=closes_at)

    row.full_clean()

    assert row.closes_at == closes_at


def test_schedule_exception_ending_before_it_starts_is_an_error(safe_space):
    closure = ScheduleExceptionFactory.build(
        safe_space=safe_space, valid_from=TODAY, valid_to=TODAY - datetime.timedelta(days=1)
    )

    assert clean_errors(closure) == {"valid_to": ["The period can't end before it starts."]}


def test_schedule_exception_of_one_day_is_valid():
    closure = ScheduleExceptionFactory(valid_from=TODAY, valid_to=TODAY)

    closure.full_clean()

    assert closure.valid_to == closure.valid_from


def test_special_opening_without_times_is_an_error(safe_space):
    opening = ScheduleExceptionFactory.build(
        safe_space=safe_space, closed=False, opens_at=None, closes_at=None
    )

    assert clean_errors(opening) == {
        "opens_at": ["Give the opening and closing times of a special opening."]
    }


def test_special_opening_that_closes_before_it_opens_is_an_error(safe_space):
    opening = ScheduleExceptionFactory.build(
        safe_space=safe_space,
        closed=False,
        opens_at=datetime.time(14, 0),
        closes_at=datetime.time(10, 0),
    )

    assert clean_errors(opening) == {"closes_at": ["It must close after it opens."]}


# --- Verification, ages, languages -----------------------------------------------------------


def test_verify_by_before_verified_on_is_an_error():
    space = SafeSpaceFactory(verified_on=TODAY, verify_by=TODAY - datetime.timedelta(days=1))

    assert clean_errors(space) == {
        "verify_by": ["The next check can't be due before the last one was made."]
    }


def test_verify_by_on_the_day_of_verification_is_valid():
    space = SafeSpaceFactory(verified_on=TODAY, verify_by=TODAY)

    space.full_clean()

    assert space.verify_by == TODAY


def test_minimum_age_above_maximum_age_is_an_error():
    space = SafeSpaceFactory(minimum_age=18, maximum_age=17)

    assert clean_errors(space) == {
        "maximum_age": ["The maximum age can't be below the minimum age."]
    }


@pytest.mark.parametrize(("minimum", "maximum"), [(18, 18), (12, 25), (None, 17), (16, None)])
def test_age_range_in_order_is_valid(minimum, maximum):
    space = SafeSpaceFactory(minimum_age=minimum, maximum_age=maximum)

    space.full_clean()

    assert (space.minimum_age, space.maximum_age) == (minimum, maximum)


@pytest.mark.parametrize("languages", [["xx"], ["fr", "english"]])
def test_unknown_language_code_is_a_safe_space_error(languages):
    space = SafeSpaceFactory(languages=languages)

    errors = clean_errors(space)

    assert list(errors) == ["languages"]
    assert errors["languages"][0].startswith(f"Unknown language code: {languages[-1]}.")


# --- Confidential location and phone numbers -------------------------------------------------


def test_confidential_location_without_public_contact_is_an_error():
    space = SafeSpaceFactory(confidential_location=True)

    assert clean_errors(space) == {
        "public_contact_phone": [
            "A confidential location needs a public contact point: a phone number or an email."
        ]
    }


@pytest.mark.parametrize(
    "contact",
    [{"public_contact_phone": "+3225550001"}, {"public_contact_email": "intake@example.org"}],
)
def test_confidential_location_with_a_public_phone_or_email_is_valid(contact):
    space = SafeSpaceFactory(confidential_location=True, **contact)

    space.full_clean()

    assert space.confidential_location is True


def test_public_contact_phone_is_read_in_the_city_country_and_stored_in_e164():
    space = SafeSpaceFactory(city=CityFactory(country="BE"), public_contact_phone="02 555 00 01")

    space.full_clean()

    assert space.public_contact_phone == "+3225550001"


def test_unreadable_public_contact_phone_is_an_error():
    space = SafeSpaceFactory(public_contact_phone="call us")

    assert clean_errors(space) == {
        "public_contact_phone": [
            "“call us” can't be read as a phone number; write it with its country code, "
            "for example +32 2 123 45 67."
        ]
    }


def test_safe_space_phone_is_stored_in_e164():
    phone = SafeSpacePhoneFactory(number="+32 2 555 00 02")

    phone.full_clean()

    assert phone.number == "+3225550002"


def test_safe_space_phone_without_country_code_is_read_in_the_city_country():
    phone = SafeSpacePhoneFactory(safe_space__city=CityFactory(country="BE"))
    phone.number = "02 555 00 03"

    phone.full_clean()

    assert phone.number == "+3225550003"


@pytest.mark.parametrize("number", ["not a number", "+32 2 555", "+32 1"])
def test_invalid_safe_space_phone_is_an_error(number):
    phone = SafeSpacePhoneFactory()
    phone.number = number

    errors = clean_errors(phone)

    assert list(errors) == ["number"]
    assert f"“{number}”" in errors["number"][0]


# --- Helplines -------------------------------------------------------------------------------


def test_city_helpline_without_its_city_is_an_error():
    helpline = HelplineFactory(scope="city", city=None)

    assert clean_errors(helpline) == {"city": ["A city helpline needs its city."]}


def test_city_helpline_with_its_city_is_valid():
    helpline = HelplineFactory(city_line=True)

    helpline.full_clean()

    assert helpline.city.country == helpline.country


def test_national_helpline_needs_no_city():
    helpline = HelplineFactory(scope="national", city=None)

    helpline.full_clean()

    assert helpline.city is None


def test_helpline_country_other_than_its_city_country_is_an_error():
    helpline = HelplineFactory(city_line=True, city__country="BE", country="LU")
    helpline.number = "+352 26 48 18 62"

    assert clean_errors(helpline) == {"country": ["The country must be the city's country."]}


def test_helpline_short_number_is_kept_as_dialled_digits():
    helpline = HelplineFactory(country="BE", number="17 12")

    helpline.full_clean()

    assert helpline.number == "1712"


def test_unknown_helpline_country_code_is_an_error():
    helpline = HelplineFactory(number="+32 2 555 00 04")
    helpline.country = "XX"

    errors = clean_errors(helpline)

    assert errors["country"] == [
        "“XX” is not an ISO 3166-1 alpha-2 country code (for example BE, LU, IT, SE)."
    ]


def test_unparseable_helpline_number_is_an_error():
    helpline = HelplineFactory()
    helpline.number = "helpline"

    errors = clean_errors(helpline)

    assert list(errors) == ["number"]
