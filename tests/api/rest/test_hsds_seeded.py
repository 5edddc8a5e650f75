"""Every service the export produces from the demo content is valid HSDS 3.1, in every
language, and no confidential address leaks into it.

``seed_demo`` takes a while, so it runs once for the module, inside a transaction that is
rolled back when the module's tests are done.
"""

import json

import pytest
from django.conf import settings

from safe_spaces.models import SafeSpace
from tests.api.keys import make_key

from .conftest import Api
from .hsds import hsds_errors

SERVICES = "/api/v1/hsds/services"


@pytest.fixture
def demo_api(seeded, db) -> Api:
    return Api(make_key("HSDS harvester", requests_per_minute=10_000)[1])


def stream(api: Api, **params: str) -> list[dict]:
    response = api.get(SERVICES, {"format": "ndjson", "full": "true", **params})
    assert response.status_code == 200
    return [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]


@pytest.mark.parametrize("locale", [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES])
def test_every_seeded_service_is_valid_hsds(demo_api, locale):
    services = stream(demo_api, locale=locale)

    public = SafeSpace.objects.filter(live=True, locale__language_code="en").exclude(
        status=SafeSpace.Status.INACTIVE
    )
    assert len(services) == public.count() >= 40
    errors = {service["name"]: hsds_errors(service) for service in services}
    assert {name: found for name, found in errors.items() if found} == {}
    assert {service["x-locale"] for service in services} <= {locale, "en"}


def test_every_seeded_service_by_id_and_in_pages_is_valid_hsds(demo_api):
    listed = []
    page_number = 1
    while True:
        page = demo_api.get(SERVICES, {"page": page_number, "per_page": 100}).json()
        listed.extend(page["contents"])
        if page["last_page"]:
            break
        page_number += 1

    for item in listed:
        assert hsds_errors(item, "service_list") == [], item["name"]
        service = demo_api.get(f"{SERVICES}/{item['id']}").json()
        assert hsds_errors(service) == [], item["name"]
        assert {key: value for key, value in service.items() if key in item} == item


def test_no_seeded_confidential_location_leaks(demo_api):
    shelters = SafeSpace.objects.filter(confidential_location=True, live=True)
    assert shelters.exists()
    secrets = [
        text
        for row in shelters.values_list("address_1", "email", "transportation")
        for text in row
        if text
    ]
    phones = list(shelters.filter(phones__isnull=False).values_list("phones__number", flat=True))
    text = json.dumps(stream(demo_api), ensure_ascii=False)

    for secret in secrets + phones:
        assert secret not in text
    for service in stream(demo_api):
        if service["id"] in {
            str(key) for key in shelters.values_list("translation_key", flat=True)
        }:
            assert "service_at_locations" not in service
