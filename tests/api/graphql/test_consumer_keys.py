"""Consumer keys on the GraphQL endpoint: anonymous reads under a shared, lower limit; a key's
own limit; clear 401, 403 and 429 answers in the GraphQL error shape; a key's cities and
languages checked on the operation's arguments."""

import pytest
from django.test import Client, override_settings

from api import consumers
from tests.api.keys import make_key
from tests.support import graphql

pytestmark = pytest.mark.django_db

LOCALES = "{ locales { code } }"
SAFE_SPACES = """
query Spaces($city: String, $locale: String) {
  safeSpaces(city: $city, locale: $locale) { totalCount }
}
"""


@pytest.fixture
def clock(monkeypatch):
    moment = {"now": 1_800_000_015.0}
    monkeypatch.setattr(consumers, "now_seconds", lambda: moment["now"])
    return moment


def post(query: str, variables: dict | None = None, key: str | None = None, **headers):
    return graphql.post(query, variables or {}, key=key, accept=graphql.GRAPHQL_RESPONSE, **headers)


def error(response) -> dict:
    (only,) = response.json()["errors"]
    assert "data" not in response.json()
    return only


# --- Anonymous reads -----------------------------------------------------------------------------


def test_anonymous_reads_are_served():
    response = post(LOCALES)

    assert response.status_code == 200
    assert response.json()["data"]["locales"][0]["code"] == "en"


@override_settings(API_ANONYMOUS_REQUESTS_PER_MINUTE=12)
def test_anonymous_reads_share_a_budget_spread_over_ten_second_windows(clock):
    # 12 a minute: 2 in each 10 s window. The clock is 5 s into a window.
    statuses = [post(LOCALES).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    response = post(LOCALES)
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    assert error(response) == {
        "message": "More than 2 anonymous requests in 10 seconds: try again in 5 seconds.",
        "extensions": {"code": "RATE_LIMITED"},
    }
    # The burst costs the rest of its window, not of the minute.
    clock["now"] += 5
    assert [post(LOCALES).status_code for _ in range(3)] == [200, 200, 429]


@override_settings(
    API_ANONYMOUS_REQUESTS_PER_MINUTE=6,
    WAGTAILFRONTENDCACHE={
        "nginx": {
            "BACKEND": "api.edge_cache.NginxCacheBackend",
            "LOCATION": "http://127.0.0.1:9",
            "SECRET": "refresh-" + "s" * 32,
        }
    },
)
def test_an_edge_refresh_is_never_refused_nor_counted(clock):
    # A refresh refused here would leave nginx's old answer in place, a takedown's too.
    refresh = {"HTTP_X_EQUALCITY_CACHE_REFRESH": "refresh-" + "s" * 32}
    guess = {"HTTP_X_EQUALCITY_CACHE_REFRESH": "guess"}

    assert [post(LOCALES, {}, None, **refresh).status_code for _ in range(3)] == [200, 200, 200]
    assert [post(LOCALES, {}, None, **guess).status_code for _ in range(2)] == [200, 429]


@override_settings(API_ANONYMOUS_REQUESTS_PER_MINUTE=6, API_RESULT_CACHE_SECONDS=60)
def test_answers_from_the_response_cache_are_never_refused_nor_counted(clock):
    # One client's burst of uncached queries uses up the window's budget (1 here) ...
    assert [post(f"{{ l{n}: locales {{ code }} }}").status_code for n in range(50)] == [200] + [
        429
    ] * 49
    # ... and every other reader still gets the answers already cached.
    with override_settings(API_ANONYMOUS_REQUESTS_PER_MINUTE=1000):
        assert post(LOCALES).status_code == 200  # executed and cached
    assert [post(LOCALES).status_code for _ in range(20)] == [200] * 20


@override_settings(API_ANONYMOUS_REQUESTS_PER_MINUTE=6)
def test_a_refused_document_is_not_counted(clock):
    for _ in range(20):
        assert post("{ locales { nope } }").status_code == 400
        assert post("{ locales { code } ").status_code == 400
    assert post(LOCALES).status_code == 200


@override_settings(API_ANONYMOUS_REQUESTS_PER_MINUTE=6)
def test_a_key_has_its_own_limit_beside_the_anonymous_one(clock):
    _, raw = make_key(requests_per_minute=3)
    assert [post(LOCALES).status_code for _ in range(2)] == [200, 429]

    assert [post(LOCALES, key=raw).status_code for _ in range(4)] == [200, 200, 200, 429]


# --- Wrong keys ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authorization", "code"),
    [
        ("Bearer eqc_0123456789ab_unknown", "INVALID_KEY"),
        ("Bearer not-a-key", "INVALID_KEY"),
        ("Token abc", "INVALID_AUTHORIZATION"),
    ],
)
def test_a_wrong_key_gets_a_401_even_though_anonymous_reads_are_allowed(authorization, code):
    response = post(LOCALES, HTTP_AUTHORIZATION=authorization)

    assert response.status_code == 401
    assert error(response)["extensions"] == {"code": code}
    assert response["WWW-Authenticate"].startswith('Bearer realm="Equalcity API"')


def test_a_revoked_key_gets_a_401():
    key, raw = make_key()
    key.revoke()

    response = post(LOCALES, key=raw)

    assert response.status_code == 401
    assert error(response) == {
        "message": "This consumer key was revoked.",
        "extensions": {"code": "REVOKED_KEY"},
    }


def test_a_valid_key_is_served_with_one_more_query(django_assert_num_queries):
    _, raw = make_key()
    post(LOCALES, key=raw)  # writes the last-used date, once a minute

    with django_assert_num_queries(2):
        response = post(LOCALES, key=raw)

    assert response.status_code == 200


# --- Scope ---------------------------------------------------------------------------------------


def test_a_key_limited_to_languages_gets_403_for_another(brussels):
    _, raw = make_key(locales=["fr"])

    allowed = post(SAFE_SPACES, {"locale": "fr"}, key=raw)
    refused = post(SAFE_SPACES, {"locale": "it"}, key=raw)
    default = post("{ toolboxes { title } }", key=raw)
    literal = post('{ cities(locale: "nl") { name } }', key=raw)

    assert allowed.status_code == 200
    for response in (refused, default, literal):
        assert response.status_code == 403
        assert error(response)["extensions"] == {"code": "LOCALE_NOT_ALLOWED"}
    assert error(refused)["message"] == (
        "This consumer key may not read the language 'it' (allowed: fr)."
    )
    assert post(LOCALES, key=raw).status_code == 200


def test_a_key_limited_to_cities_gets_403_for_another(brussels, rome):
    _, raw = make_key(cities=[brussels])

    assert post(SAFE_SPACES, {"city": "brussels"}, key=raw).status_code == 200
    assert post('{ helplines(city: "brussels") { name } }', key=raw).status_code == 200
    for response in (
        post(SAFE_SPACES, {"city": "rome"}, key=raw),
        post('{ helplines(city: "rome") { name } }', key=raw),
        post('{ city(slug: "rome") { name } }', key=raw),
        post(
            'query Q($c: String = "rome") { ...F } fragment F on Query { safeSpaces(city: $c) '
            "{ totalCount } }",
            key=raw,
        ),
    ):
        assert response.status_code == 403
        assert error(response) == {
            "message": "This consumer key may not read the city 'rome'.",
            "extensions": {"code": "CITY_NOT_ALLOWED"},
        }


def test_a_key_limited_to_cities_must_name_one_for_lists_of_every_city(brussels):
    _, raw = make_key(cities=[brussels])

    response = post(SAFE_SPACES, key=raw)

    assert response.status_code == 403
    assert error(response) == {
        "message": "This consumer key is limited to some cities: name one with 'city'.",
        "extensions": {"code": "CITY_REQUIRED"},
    }
    assert post(SAFE_SPACES, key=_unlimited()).status_code == 200


def _unlimited() -> str:
    return make_key("City app")[1]


def test_an_unknown_city_is_left_to_the_resolvers_own_error(brussels):
    _, raw = make_key(cities=[brussels])

    response = post(SAFE_SPACES, {"city": "atlantis"}, key=raw)

    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_scope_is_checked_before_a_cached_response_is_served(brussels, rome, settings):
    settings.API_RESULT_CACHE_SECONDS = 60
    _, limited = make_key(cities=[brussels])
    assert post(SAFE_SPACES, {"city": "rome"}, key=_unlimited()).status_code == 200

    response = post(SAFE_SPACES, {"city": "rome"}, key=limited)

    assert response.status_code == 403


def test_get_requests_carry_the_key_too(brussels, rome):
    _, raw = make_key(cities=[brussels])

    response = Client().get(
        "/api/graphql/",
        {"query": '{ safeSpaces(city: "rome") { totalCount } }'},
        HTTP_AUTHORIZATION=f"Bearer {raw}",
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 403
    assert response["Cache-Control"] == "no-store"
    assert "Authorization" in response["Vary"]
