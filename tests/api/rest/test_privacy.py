"""A reader's position never travels in a REST URL, and a "near me" answer is kept nowhere:
not in a cache, not in a log."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test.utils import override_settings

from tests.api.rest.conftest import listing
from tests.support.cache import cache_store

pytestmark = pytest.mark.django_db

LATITUDE, LONGITUDE = 50.84671937, 4.35251829
DIGITS = ("84671937", "35251829")
NEAR = "/api/v1/widgets/safe-spaces/near"
HSDS = "/api/v1/hsds/services"


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/widgets/safe-spaces", {"city": "brussels", "latitude": LATITUDE}),
        ("/api/v1/widgets/safe-spaces", {"city": "brussels", "lat": LATITUDE, "lng": LONGITUDE}),
        (NEAR, {"latitude": LATITUDE, "longitude": LONGITUDE}),
        (HSDS, {"latitude": LATITUDE, "longitude": LONGITUDE}),
        ("/api/v1/widgets/helplines", {"city": "brussels", "near": f"{LATITUDE},{LONGITUDE}"}),
    ],
)
def test_a_position_in_a_rest_url_is_refused_pointing_to_post(api, brussels, path, params):
    response = api.get(path, params)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "POST it in a JSON body" in body["detail"]
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", [NEAR, HSDS])
def test_a_posted_position_is_answered_no_store_and_enters_no_cache(api, brussels, path):
    listing(brussels, name="Near", latitude=Decimal("50.847000"), longitude=Decimal("4.352500"))
    before = set(cache_store(cache))

    response = api.post(path, {"latitude": LATITUDE, "longitude": LONGITUDE})

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response
    stored = repr(list(cache_store(cache).items()))
    assert not any(digits in stored for digits in DIGITS)
    # Only the key's request counter, last-use mark and record (api/consumers.py) were written.
    assert all(
        ":api:requests:" in key or ":api:key-used:" in key or ":api:key-record:" in key
        for key in set(cache_store(cache)) - before
    )


@override_settings(DEBUG=True)
def test_near_me_leaves_no_coordinate_in_the_logs(api, brussels, every_log):
    listing(brussels, name="Near", latitude=Decimal("50.847000"), longitude=Decimal("4.352500"))
    api.post(NEAR, {"latitude": LATITUDE, "longitude": LONGITUDE, "city": "brussels"})
    api.post(HSDS, {"latitude": LATITUDE, "longitude": LONGITUDE})
    api.post(NEAR, {"latitude": 91.84671937, "longitude": LONGITUDE})  # invalid
    api.post(NEAR, {"latitude": LATITUDE, "longitude": LONGITUDE, "radius_km": 9999})
    api.get("/api/v1/widgets/safe-spaces", {"city": "brussels", "latitude": LATITUDE})

    assert any(r.name == "django.db.backends" for r in every_log.records)
    logged = every_log.text + repr([record.__dict__ for record in every_log.records])
    for digits in DIGITS:
        assert digits not in logged
