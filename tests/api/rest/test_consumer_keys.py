"""Consumer keys on the REST API: required, checked, scoped, limited, revocable; stored hashed;
nothing about the people behind a request is kept."""

import datetime
import hashlib
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from api import consumers
from api.models import ConsumerKey, normalise_origin
from cms.core.factories import CityFactory
from tests.support.cache import cache_store

from .conftest import Api, listing, make_key

pytestmark = pytest.mark.django_db

SERVICES = "/api/v1/hsds/services"
ENDPOINTS = [
    ("get", "/api/v1/hsds/"),
    ("get", SERVICES),
    ("get", "/api/v1/widgets/safe-spaces?city=brussels"),
    ("get", "/api/v1/widgets/helplines?city=brussels"),
    ("get", "/api/v1/widgets/toolboxes"),
    ("post", "/api/v1/widgets/safe-spaces/near"),
    ("post", SERVICES),
]


def call(api: Api, method: str, path: str):
    if method == "post":
        return api.post(path, {"latitude": 50.84, "longitude": 4.35})
    return api.get(path)


# --- Authentication ------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_every_endpoint_needs_a_key(brussels, method, path):
    response = call(Api(), method, path)

    assert response.status_code == 401
    assert response.json() == {
        "detail": "This endpoint needs a consumer key: send it as 'Authorization: Bearer <key>'.",
        "code": "key_required",
    }
    assert response["WWW-Authenticate"] == 'Bearer realm="Equalcity API"'


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Basic dXNlcjpwYXNz", "invalid_authorization"),
        ("Bearer", "invalid_authorization"),
        ("Bearer two words", "invalid_authorization"),
        ("Bearer eqc_notakey", "invalid_key"),
        ("Bearer eqc_0123456789ab_wrongsecret", "invalid_key"),
        ("Bearer sk_0123456789ab_secret", "invalid_key"),
    ],
)
def test_a_malformed_or_unknown_key_gets_a_401(header, code):
    response = Api(HTTP_AUTHORIZATION=header).get(SERVICES)

    assert response.status_code == 401
    assert response.json()["code"] == code
    assert response["WWW-Authenticate"].startswith('Bearer realm="Equalcity API"')


def test_a_key_with_the_right_prefix_and_a_wrong_secret_gets_a_401(key):
    stored, raw = key

    response = Api(f"eqc_{stored.key_prefix}_{'x' * 43}").get(SERVICES)

    assert response.status_code == 401
    assert response.json() == {"detail": "This consumer key is not valid.", "code": "invalid_key"}


def test_a_valid_key_is_served(api):
    assert api.get(SERVICES).status_code == 200


def test_a_revoked_key_gets_a_401_at_its_next_request(key):
    stored, raw = key
    api = Api(raw)
    assert api.get(SERVICES).status_code == 200

    stored.revoke()
    response = api.get(SERVICES)

    assert response.status_code == 401
    assert response.json() == {"detail": "This consumer key was revoked.", "code": "revoked_key"}


def test_a_key_is_stored_hashed_and_never_in_clear(key):
    stored, raw = key

    stored.refresh_from_db()
    assert stored.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw.startswith(f"eqc_{stored.key_prefix}_")
    values = [str(value) for value in ConsumerKey.objects.values_list()[0]]
    assert not any(raw in value or raw.split("_", 2)[2] in value for value in values)


def test_last_used_is_written_at_most_once_a_minute(key, django_assert_num_queries):
    stored, raw = key
    api = Api(raw)
    assert stored.last_used_at is None

    api.get("/api/v1/hsds/")
    stored.refresh_from_db()
    first = stored.last_used_at
    assert first is not None and timezone.now() - first < datetime.timedelta(seconds=5)

    # the key alone: no write
    with django_assert_num_queries(1):
        api.get("/api/v1/hsds/")
    stored.refresh_from_db()
    assert stored.last_used_at == first


# --- Scope ---------------------------------------------------------------------------------------


def test_a_key_limited_to_cities_gets_403_for_another_city(brussels, rome):
    _, raw = make_key(cities=[brussels])
    api = Api(raw)

    assert api.get(SERVICES, {"city": "brussels"}).status_code == 200
    for response in (
        api.get(SERVICES, {"city": "rome"}),
        api.get("/api/v1/widgets/safe-spaces", {"city": "rome"}),
        api.get("/api/v1/widgets/helplines", {"city": "rome"}),
        api.post(
            "/api/v1/widgets/safe-spaces/near", {"latitude": 1, "longitude": 2, "city": "rome"}
        ),
    ):
        assert response.status_code == 403
        assert response.json() == {
            "detail": "This consumer key may not read the city 'rome'.",
            "code": "city_not_allowed",
        }


def test_a_city_is_matched_in_every_language(brussels):
    from wagtail.models import Locale

    french = brussels.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.slug = "bruxelles"
    french.save()
    _, raw = make_key(cities=[brussels])

    response = Api(raw).get(SERVICES, {"city": "bruxelles", "locale": "fr"})

    assert response.status_code == 200


def test_a_key_limited_to_languages_gets_403_for_another(brussels):
    _, raw = make_key(locales=["fr", "nl"])
    api = Api(raw)

    assert api.get(SERVICES, {"locale": "fr"}).status_code == 200
    for response in (api.get(SERVICES, {"locale": "it"}), api.get(SERVICES)):
        assert response.status_code == 403
        assert response.json()["code"] == "locale_not_allowed"
    assert api.get(SERVICES, {"locale": "it"}).json()["detail"] == (
        "This consumer key may not read the language 'it' (allowed: fr, nl)."
    )


def test_an_unknown_locale_is_a_400_before_the_scope_is_checked():
    _, raw = make_key(locales=["fr"])

    response = Api(raw).get(SERVICES, {"locale": "klingon"})

    assert response.status_code == 400
    assert "locale" in response.json()["fields"]


def test_a_key_without_cities_reads_nothing_city_bound(brussels):
    """A key whose only city was deleted is not widened to every city."""
    listing(brussels)
    doomed = CityFactory(slug="doomed")
    _, raw = make_key(cities=[doomed])
    doomed.delete()

    page = Api(raw).get(SERVICES).json()

    assert page["total_items"] == 0


# --- Request limits ------------------------------------------------------------------------------


@pytest.fixture
def clock(monkeypatch):
    """The counters' clock, at 10 s past a minute."""
    moment = {"now": 1_800_000_010.0}
    monkeypatch.setattr(consumers, "now_seconds", lambda: moment["now"])
    return moment


def test_over_the_limit_a_key_gets_429_with_retry_after(clock):
    _, raw = make_key(requests_per_minute=3)
    api = Api(raw)

    statuses = [api.get("/api/v1/hsds/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/v1/hsds/")
    assert response.status_code == 429
    assert response["Retry-After"] == "50"
    assert response.json()["code"] == "rate_limited"


def test_the_count_starts_again_the_next_minute(clock):
    _, raw = make_key(requests_per_minute=1)
    api = Api(raw)
    assert [api.get("/api/v1/hsds/").status_code for _ in range(2)] == [200, 429]

    clock["now"] += 60

    assert api.get("/api/v1/hsds/").status_code == 200


def test_each_key_has_its_own_count(clock):
    _, first = make_key(requests_per_minute=1)
    _, second = make_key("Kiosk", requests_per_minute=1)

    assert Api(first).get("/api/v1/hsds/").status_code == 200
    assert Api(first).get("/api/v1/hsds/").status_code == 429
    assert Api(second).get("/api/v1/hsds/").status_code == 200


def test_refused_requests_without_a_valid_key_are_not_counted_against_a_key(clock):
    stored, raw = make_key(requests_per_minute=1)
    for _ in range(3):
        Api(f"eqc_{stored.key_prefix}_wrong").get("/api/v1/hsds/")

    assert Api(raw).get("/api/v1/hsds/").status_code == 200


def test_nothing_about_the_caller_is_stored(key, brussels):
    """No IP address or user agent in the database or in the cache after requests."""
    _, raw = key
    ip, agent = "203.0.113.77", "Browser/9.9 (probe-agent)"
    api = Api(raw, REMOTE_ADDR=ip, HTTP_USER_AGENT=agent, HTTP_X_FORWARDED_FOR=ip)
    api.get(SERVICES)
    api.post(SERVICES, {"latitude": 50.84, "longitude": 4.35})
    Api(REMOTE_ADDR=ip, HTTP_USER_AGENT=agent).get(SERVICES)

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    cached = repr(dict(cache_store(cache))) + repr(list(cache_store(cache).keys()))
    for trace in (ip, "203.0.113", agent, "probe-agent", "50.84", "4.35"):
        assert trace not in dump.getvalue()
        assert trace not in cached


# --- Origins -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "origin"),
    [
        ("https://www.esch.lu", "https://www.esch.lu"),
        ("HTTPS://WWW.Esch.LU/", "https://www.esch.lu"),
        ("https://www.esch.lu:443", "https://www.esch.lu"),
        ("https://www.esch.lu:8443", "https://www.esch.lu:8443"),
        ("http://localhost:8000", "http://localhost:8000"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ],
)
def test_origins_are_normalised(value, origin):
    assert normalise_origin(value) == origin


@pytest.mark.parametrize(
    "value",
    [
        "www.esch.lu",
        "http://www.esch.lu",
        "https://www.esch.lu/widgets",
        "https://www.esch.lu?x=1",
        "https://user:pass@www.esch.lu",
        "ftp://www.esch.lu",
        "https://",
        "https://www.esch.lu:99999",
    ],
)
def test_an_invalid_origin_is_refused(value):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        normalise_origin(value)
