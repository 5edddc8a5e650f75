"""Fixtures of the REST tests: consumer keys, a client that sends them, cities, listings."""

import datetime
import json
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
from tests.support.shelter import confidential_shelter

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


def shelter(city) -> SafeSpace:
    """The confidential shelter (``tests.support.shelter``), published on ``PUBLISHED``."""
    space = confidential_shelter(city)
    SafeSpace.objects.filter(pk=space.pk).update(last_published_at=PUBLISHED)
    return space


def count_queries(call) -> int:
    """The queries a request costs, its streamed body (if any) read to the end."""
    with CaptureQueriesContext(connection) as queries:
        response = call()
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, getattr(response, "content", b"")
    return len(queries)
