"""The confidential shelter every surface is tested with: a live listing whose address,
coordinates, directions, entrance, own phone line and staff email are secrets, reachable only
through its public contact point; and the check that an answer holds none of them."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from safe_spaces.factories import SafeSpaceFactory
from safe_spaces.models import SafeSpace, Weekday

SECRET_ADDRESS = "Rue du Refuge Secret 77"
SECRET_POSTAL_CODE = "1777"
SECRET_LATITUDE = Decimal("50.846713")
SECRET_LONGITUDE = Decimal("4.352519")
SECRET_DIRECTIONS = "Tram 92, stop Refuge"
SECRET_PHONE = "+3225999111"
SECRET_EMAIL = "shelter-staff@example.org"
SECRETS = (
    SECRET_ADDRESS,
    "Refuge Secret",
    SECRET_POSTAL_CODE,
    "Back door",
    "Secretville",
    "846713",
    "352519",
    "Tram 92",
    SECRET_DIRECTIONS,
    SECRET_PHONE,
    SECRET_EMAIL,
    "Step-free secret entrance",
)


def confidential_shelter(city: Any, **overrides: Any) -> SafeSpace:
    """A live shelter in ``city`` whose location is confidential, right at the search centre."""
    fields: dict[str, Any] = {
        "name": "Night shelter",
        "city": city,
        "confidential": True,
        "address_1": SECRET_ADDRESS,
        "address_2": "Back door",
        "postal_code": SECRET_POSTAL_CODE,
        "locality": "Secretville",
        "latitude": SECRET_LATITUDE,
        "longitude": SECRET_LONGITUDE,
        "transportation": SECRET_DIRECTIONS,
        "accessibility": "Step-free secret entrance",
        "email": SECRET_EMAIL,
        "public_contact_name": "Shelter intake line",
        "public_contact_phone": "+3225000777",
        "public_contact_email": "intake@shelter.example.org",
        "phones": [SECRET_PHONE],
        "opening_hours": [Weekday.MONDAY],
    }
    return SafeSpaceFactory(**{**fields, **overrides})


def assert_no_trace_of_shelter(answer: str | bytes | dict[str, Any]) -> None:
    """No secret of the shelter in ``answer`` (text, bytes or a parsed JSON answer).

    Whole tokens only: the random UUIDs in an answer hold digit runs such as "1777" by chance.
    """
    if isinstance(answer, bytes):
        text = answer.decode()
    elif isinstance(answer, str):
        text = answer
    else:
        text = json.dumps(answer, ensure_ascii=False)
    for secret in SECRETS:
        pattern = rf"(?<![0-9A-Za-z]){re.escape(secret)}(?![0-9A-Za-z])"
        assert re.search(pattern, text) is None, secret
