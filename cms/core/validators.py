"""Validators shared by the content models; each raises a ValidationError an editor can act on."""

import zoneinfo
from collections.abc import Iterable
from functools import lru_cache

import phonenumbers
import pycountry
from django.core.exceptions import ValidationError

from .languages import language_name


@lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in _time_zones():
        raise ValidationError(
            "“%(value)s” is not an IANA time zone; use a name such as Europe/Brussels.",
            code="invalid_time_zone",
            params={"value": value},
        )


def validate_country_code(value: str) -> None:
    if not value or pycountry.countries.get(alpha_2=value.upper()) is None:
        raise ValidationError(
            "“%(value)s” is not an ISO 3166-1 alpha-2 country code (for example BE, LU, IT, SE).",
            code="invalid_country",
            params={"value": value},
        )


def validate_language_codes(values: Iterable[str]) -> None:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValidationError("Languages must be a list of ISO 639 codes.", code="invalid")
    unknown = [code for code in values if not isinstance(code, str) or not language_name(code)]
    if unknown:
        raise ValidationError(
            "Unknown language code: %(codes)s. Use ISO 639-1 (fr, ar) or ISO 639-3 (prs) codes.",
            code="unknown_language",
            params={"codes": ", ".join(str(code) for code in unknown)},
        )


def _is_short_number(digits: str, region: str) -> bool:
    """True when ``digits`` is a short number (112, 1712) that can be dialled in ``region``."""
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_short_number_for_region(number, region)


def normalise_phone_number(value: str, region: str | None = None, allow_short: bool = False) -> str:
    """Return ``value`` in E.164 form (or, for short numbers, its digits) or raise.

    ``region`` is the ISO 3166-1 country used to read a number written without a country
    code; without one, the number must start with ``+``. Short numbers (112, 116 006) are
    accepted only where ``allow_short`` is set and a region is known.
    """
    raw = (value or "").strip()
    if not raw:
        raise ValidationError("Enter a phone number.", code="required")
    if allow_short and region:
        digits = "".join(ch for ch in raw if ch.isdigit())
        if raw[0] != "+" and _is_short_number(digits, region.upper()):
            return digits
    try:
        number = phonenumbers.parse(raw, region.upper() if region else None)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            "“%(value)s” can't be read as a phone number; write it with its country code, "
            "for example +32 2 123 45 67.",
            code="invalid_phone",
            params={"value": raw},
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            "“%(value)s” is not a valid phone number; check the digits and the country code.",
            code="invalid_phone",
            params={"value": raw},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=4096)
def phone_display_forms(value: str | None) -> tuple[str, str]:
    """A stored number's two display forms, (national, international): "02 555 01 23" and
    "+32 2 555 01 23" for +3225550123. A short number ("112", "1712") or one that can't be
    read is both, as stored. Kept per number: an answer asks for both forms field by field,
    and the same numbers come back in every answer."""
    raw = (value or "").strip()
    if not raw.startswith("+"):
        return raw, raw
    try:
        number = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException:
        return raw, raw
    return (
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
    )
