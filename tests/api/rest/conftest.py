"""Fixtures of the REST tests: consumer keys, a client that sends them, cities, listings."""

import datetime
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from api.models import ConsumerKey
from cms.core.factories import AudienceFactory, PartnerOrganisationFactory
from safe_spaces.factories import (
    OpeningHoursFactory,
    SafeSpaceFactory,
    SafeSpacePhoneFactory,
    ScheduleExceptionFactory,
    ServiceCategoryFactory,
)
from safe_spaces.models import SafeSpace, Weekday
from tests.api.keys import make_key

PUBLISHED = datetime.datetime(2025, 3, 1, 12, 0, tzinfo=datetime.UTC)


class Api:
    """A client of the REST API, sending a key (or none)."""

    def __init__(self, raw_key: str | None = None, **headers: str) -> None:
        self.client = Client()
        self.headers = dict(headers)
        if raw_key is not None:
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {raw_key}"

    def get(self, path: str, params: dict[str, Any] | None = None, **headers: Any):
        extra: dict[str, Any] = {**self.headers, **headers}
        return self.client.get(path, params or {}, **extra)

    def post(self, path: str, body: Any, content_type: str = "application/json", **headers):
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return self.client.post(
            path, data=data, content_type=content_type, **{**self.headers, **headers}
        )


@pytest.fixture
def key(db) -> tuple[ConsumerKey, str]:
    return make_key()


@pytest.fixture
def api(key) -> Api:
    return Api(key[1])


def listing(city, n: int = 0, **overrides) -> SafeSpace:
    """A published listing with every part: categories, audiences, two phones, weekly hours
    (Monday to Wednesday 9-17, Friday 10-14), a closure and a special opening."""
    space = SafeSpaceFactory(
        name=overrides.pop("name", f"Listing {n:03d}"),
        city=city,
        organization=overrides.pop("organization", PartnerOrganisationFactory()),
        categories=overrides.pop("categories", [ServiceCategoryFactory()]),
        audiences=overrides.pop("audiences", [AudienceFactory()]),
        phones=[],
        opening_hours=[],
        latitude=overrides.pop("latitude", Decimal("50.840000") + Decimal(n) / 10_000),
        longitude=overrides.pop("longitude", Decimal("4.350000")),
        **overrides,
    )
    SafeSpacePhoneFactory(safe_space=space)
    SafeSpacePhoneFactory(safe_space=space, description="Night line", type="whatsapp")
    for weekday in (Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY):
        OpeningHoursFactory(safe_space=space, weekday=weekday)
    OpeningHoursFactory(
        safe_space=space,
        weekday=Weekday.FRIDAY,
        opens_at=datetime.time(10, 0),
        closes_at=datetime.time(14, 0),
    )
    ScheduleExceptionFactory(safe_space=space)
    ScheduleExceptionFactory(
        safe_space=space,
        valid_from=datetime.date(2025, 12, 24),
        valid_to=datetime.date(2025, 12, 24),
        closed=False,
        opens_at=datetime.time(9, 0),
        closes_at=datetime.time(12, 0),
        description="Christmas Eve",
    )
    SafeSpace.objects.filter(pk=space.pk).update(last_published_at=PUBLISHED)
    space.last_published_at = PUBLISHED
    return space


SECRET_ADDRESS = "Rue du Refuge Secret 77"
SECRET_POSTAL_CODE = "1777"
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
    SECRET_PHONE,
    SECRET_EMAIL,
    "Step-free secret entrance",
)


def shelter(city) -> SafeSpace:
    """A published shelter whose location is confidential."""
    space = SafeSpaceFactory(
        name="Night shelter",
        city=city,
        confidential=True,
        address_1=SECRET_ADDRESS,
        address_2="Back door",
        postal_code=SECRET_POSTAL_CODE,
        locality="Secretville",
        latitude=Decimal("50.846713"),
        longitude=Decimal("4.352519"),
        transportation="Tram 92, stop Refuge",
        accessibility="Step-free secret entrance",
        email=SECRET_EMAIL,
        public_contact_name="Shelter intake line",
        public_contact_phone="+3225000777",
        public_contact_email="intake@shelter.example.org",
        phones=[SECRET_PHONE],
        opening_hours=[Weekday.MONDAY],
    )
    SafeSpace.objects.filter(pk=space.pk).update(last_published_at=PUBLISHED)
    return space


def assert_no_trace_of_shelter(text: str) -> None:
    # Whole tokens only: the random UUIDs in an answer hold digit runs such as "1777" by
    # chance, which made this assertion fail about once in a few hundred runs.
    for secret in SECRETS:
        pattern = rf"(?<![0-9A-Za-z]){re.escape(secret)}(?![0-9A-Za-z])"
        assert re.search(pattern, text) is None, secret


def count_queries(call) -> int:
    """The queries a request costs, its streamed body (if any) read to the end."""
    with CaptureQueriesContext(connection) as queries:
        response = call()
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, getattr(response, "content", b"")
    return len(queries)
