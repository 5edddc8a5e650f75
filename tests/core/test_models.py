"""Validation of cities and the shared validators, through the models' full_clean()."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError

from cms.core.factories import CityFactory
from cms.core.validators import (
    normalise_phone_number,
    validate_country_code,
    validate_language_codes,
)

pytestmark = pytest.mark.django_db


def clean_errors(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize("timezone", ["Europe/Brussels", "Europe/Rome", "UTC"])
def test_iana_time_zone_is_accepted(timezone):
    city = CityFactory.build(timezone=timezone)

    city.full_clean()

    assert city.timezone == timezone


@pytest.mark.parametrize("timezone", ["Europe/Bruxelles", "CET+1", ""])
def test_unknown_time_zone_is_a_city_error(timezone):
    errors = clean_errors(CityFactory.build(timezone=timezone))

    assert list(errors) == ["timezone"]


def test_time_zone_error_names_the_value_and_an_example():
    errors = clean_errors(CityFactory.build(timezone="Europe/Bruxelles"))

    assert errors["timezone"] == [
        "“Europe/Bruxelles” is not an IANA time zone; use a name such as Europe/Brussels."
    ]


@pytest.mark.parametrize("country", ["BE", "LU", "IT", "SE"])
def test_iso_country_code_is_accepted(country):
    city = CityFactory.build(country=country)

    city.full_clean()

    assert city.country == country


@pytest.mark.parametrize("country", ["XX", "UK", "EU"])
def test_unknown_country_code_is_a_city_error(country):
    errors = clean_errors(CityFactory.build(country=country))

    assert errors == {
        "country": [
            f"“{country}” is not an ISO 3166-1 alpha-2 country code (for example BE, LU, IT, SE)."
        ]
    }


@pytest.mark.parametrize("country", ["XX", "", "BEL"])
def test_country_validator_rejects_what_is_not_an_alpha_2_code(country):
    with pytest.raises(ValidationError) as caught:
        validate_country_code(country)

    assert caught.value.code == "invalid_country"


def test_country_validator_accepts_a_lower_case_code():
    assert validate_country_code("lu") is None  # type: ignore[func-returns-value]  # no error


@pytest.mark.parametrize("languages", [["fr", "nl"], ["prs", "ti", "so"], []])
def test_iso_639_language_codes_are_accepted(languages):
    city = CityFactory.build(languages=languages)

    city.full_clean()

    assert city.languages == languages


@pytest.mark.parametrize(("languages", "unknown"), [(["fr", "xx"], "xx"), (["english"], "english")])
def test_unknown_language_code_is_a_city_error(languages, unknown):
    errors = clean_errors(CityFactory.build(languages=languages))

    assert errors["languages"] == [
        f"Unknown language code: {unknown}. Use ISO 639-1 (fr, ar) or ISO 639-3 (prs) codes."
    ]


def test_languages_given_as_one_string_are_rejected_by_the_validator():
    with pytest.raises(ValidationError) as caught:
        validate_language_codes("fr, nl")

    assert caught.value.messages == ["Languages must be a list of ISO 639 codes."]


def test_emergency_number_with_letters_is_a_block_error():
    city = CityFactory(with_emergency_number=True)
    block = city.emergency_numbers.stream_block.child_blocks["number"]

    with pytest.raises(StructBlockValidationError) as caught:
        block.clean({"label": "Police", "number": "call 101"})

    assert caught.value.block_errors["number"].messages == [
        "Digits and spaces only, with an optional leading +."
    ]


@pytest.mark.parametrize(
    ("raw", "region", "stored"),
    [
        ("+32 2 555 00 01", None, "+3225550001"),
        ("02 555 00 01", "BE", "+3225550001"),
        ("+352 26 48 18 62", "BE", "+35226481862"),
        ("112", "BE", "112"),
        ("1712", "be", "1712"),
    ],
)
def test_phone_number_is_stored_in_e164_or_as_a_short_number(raw, region, stored):
    assert normalise_phone_number(raw, region, allow_short=True) == stored


@pytest.mark.parametrize(
    ("raw", "region"),
    [("not a number", "BE"), ("+32 1", None), ("+32 2 555", None), ("112", None), ("", "BE")],
)
def test_unreadable_or_invalid_phone_number_is_an_error(raw, region):
    with pytest.raises(ValidationError) as caught:
        normalise_phone_number(raw, region, allow_short=True)

    assert caught.value.code in {"invalid_phone", "required"}


def test_short_number_needs_allow_short():
    with pytest.raises(ValidationError) as caught:
        normalise_phone_number("112", "BE")

    assert caught.value.code == "invalid_phone"
