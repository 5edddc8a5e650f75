"""The database down: answers from the result cache keep being served (to anonymous readers and
to keys seen in the last minutes), everything else is a 503 with Retry-After in the shape of
its API, logged in one line without a traceback; the next request after it comes back is
served normally."""

import json
import logging

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from api import consumers
from cms.core import outages
from cms.core.factories import CityFactory
from tests.api.keys import make_key
from tests.outage import database_down
from tests.support import graphql

pytestmark = pytest.mark.django_db

TOOLBOXES = "{ toolboxes { title } }"
UNAVAILABLE = (
    b'{"errors":[{"message":"The service is temporarily unavailable: try again in a moment.",'
    b'"extensions":{"code":"SERVICE_UNAVAILABLE"}}]}'
)
REST_UNAVAILABLE = {
    "detail": "The service is temporarily unavailable: try again in a moment.",
    "code": "service_unavailable",
}
HELPLINES = "/api/v1/widgets/helplines"


@pytest.fixture(autouse=True)
def cached_responses():
    cache.clear()
    outages.outage_log.reset()
    with override_settings(API_RESULT_CACHE_SECONDS=60):
        yield
    cache.clear()
    outages.outage_log.reset()


def post(query: str, key: str | None = None, **headers):
    return graphql.post_body(json.dumps({"query": query}), key=key, accept=None, **headers)


def assert_graphql_unavailable(response, media_type="application/graphql-response+json"):
    assert response.status_code == 503
    assert response.content == UNAVAILABLE
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert response["Vary"] == "Accept, Origin, Authorization"


def outage_lines(every_log) -> list[str]:
    return [r.getMessage() for r in every_log.records if r.name == "cms.core.outages"]


def assert_no_traceback(every_log) -> None:
    assert all(record.exc_info is None for record in every_log.records)
    assert "Traceback" not in every_log.text
    assert not [r for r in every_log.records if r.levelno >= logging.ERROR]


# --- GraphQL, anonymous -------------------------------------------------------------------------


def test_a_cached_anonymous_answer_is_served_without_the_database(toolbox, every_log):
    warm = post(TOOLBOXES)
    assert warm.status_code == 200

    with CaptureQueriesContext(connection) as captured, database_down():
        response = post(TOOLBOXES)

    assert response.status_code == 200
    assert response.content == warm.content
    assert json.loads(response.content) == {
        "data": {"toolboxes": [{"title": "Violence against migrant women"}]}
    }
    assert len(captured.captured_queries) == 0
    assert outage_lines(every_log) == []


def test_an_uncached_anonymous_query_is_a_503_with_retry_after(toolbox, every_log):
    with database_down():
        response = post(TOOLBOXES)

    assert_graphql_unavailable(response)
    assert outage_lines(every_log) == [
        "Database unavailable (graphql, OperationalError): 1 request(s) answered 503 in the "
        "last minute."
    ]
    assert [r.levelname for r in every_log.records if r.name == "cms.core.outages"] == ["WARNING"]
    assert_no_traceback(every_log)


def test_the_503_speaks_the_media_type_the_client_asked_for(toolbox):
    with database_down():
        response = post(TOOLBOXES, HTTP_ACCEPT="application/json")

    assert_graphql_unavailable(response, "application/json")


def test_a_resolver_losing_the_database_makes_the_whole_answer_a_503_not_partial_data(toolbox):
    # __typename needs no query: without the rule the answer would be a 200 with holes.
    with database_down():
        response = post("{ __typename toolboxes { title } }")

    assert_graphql_unavailable(response)


def test_an_outage_is_logged_once_a_minute_with_the_count(toolbox, every_log):
    with database_down():
        for _ in range(5):
            assert post(TOOLBOXES).status_code == 503

    assert len(outage_lines(every_log)) == 1
    outages.outage_log.interval = 0.0
    try:
        with database_down():
            post(TOOLBOXES)
    finally:
        outages.outage_log.interval = 60.0
    assert outage_lines(every_log)[-1] == (
        "Database unavailable (graphql, OperationalError): 5 request(s) answered 503 in the "
        "last minute."
    )
    assert_no_traceback(every_log)


def test_answers_come_back_with_the_database_without_a_restart(toolbox):
    with database_down():
        assert post(TOOLBOXES).status_code == 503

    response = post(TOOLBOXES)

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "data": {"toolboxes": [{"title": "Violence against migrant women"}]}
    }


# --- GraphQL, with a consumer key ---------------------------------------------------------------


def test_a_key_seen_recently_keeps_getting_cached_answers(toolbox, every_log):
    _, raw = make_key()
    warm = post(TOOLBOXES, key=raw)
    assert warm.status_code == 200

    with CaptureQueriesContext(connection) as captured, database_down():
        response = post(TOOLBOXES, key=raw)

    assert response.status_code == 200
    assert response.content == warm.content
    assert len(captured.captured_queries) == 0
    assert_no_traceback(every_log)


def test_a_key_seen_recently_gets_a_503_for_an_uncached_answer(toolbox):
    _, raw = make_key()
    assert post(TOOLBOXES, key=raw).status_code == 200

    with database_down():
        response = post("{ toolboxes { slug } }", key=raw)

    assert_graphql_unavailable(response)


def test_an_unknown_key_during_an_outage_is_a_503_not_a_401(toolbox):
    assert post(TOOLBOXES).status_code == 200
    _, raw = make_key()  # valid, but never used: no cached record

    with database_down():
        response = post(TOOLBOXES, key=raw)

    assert_graphql_unavailable(response)
    assert "WWW-Authenticate" not in response


def test_a_wrong_secret_for_a_cached_key_is_still_a_401(toolbox):
    _, raw = make_key()
    assert post(TOOLBOXES, key=raw).status_code == 200
    prefix, _, secret = raw.rpartition("_")
    wrong = raw[: -len(secret)] + ("A" if secret[0] != "A" else "B") + secret[1:]

    with database_down():
        response = post(TOOLBOXES, key=wrong)

    assert response.status_code == 401
    assert json.loads(response.content)["errors"][0]["extensions"] == {"code": "INVALID_KEY"}


@pytest.mark.parametrize("change", ["save", "revoke", "cities"])
def test_saving_or_revoking_a_key_drops_its_cached_record(toolbox, change):
    key, raw = make_key()
    assert post(TOOLBOXES, key=raw).status_code == 200
    assert cache.get(f"api:key-record:{key.key_prefix}") is not None

    if change == "save":
        key.requests_per_minute = 5
        key.save()
    elif change == "revoke":
        key.revoke()
    else:
        key.cities.set([CityFactory(name="Esch", slug="esch")])
    assert cache.get(f"api:key-record:{key.key_prefix}") is None

    with database_down():
        response = post(TOOLBOXES, key=raw)

    assert_graphql_unavailable(response)


def test_no_fallback_when_it_is_switched_off(toolbox):
    _, raw = make_key()
    with override_settings(API_CONSUMER_FALLBACK_SECONDS=0):
        assert post(TOOLBOXES, key=raw).status_code == 200
        with database_down():
            response = post(TOOLBOXES, key=raw)

    assert_graphql_unavailable(response)


def test_the_last_use_is_not_written_during_an_outage(toolbox):
    key, raw = make_key()
    consumers_before = cache.get(f"api:key-used:{key.key_prefix}")
    assert consumers_before is None
    assert post(TOOLBOXES, key=raw).status_code == 200
    cache.delete(f"api:key-used:{key.key_prefix}")  # a minute later

    with database_down():
        assert post(TOOLBOXES, key=raw).status_code == 200

    # The cached record answered: no update of last_used_at was tried.
    assert cache.get(f"api:key-used:{key.key_prefix}") is None


def test_the_consumer_record_holds_no_secret(toolbox):
    key, raw = make_key()
    post(TOOLBOXES, key=raw)

    key_hash, fields = cache.get(f"api:key-record:{key.key_prefix}")

    assert key_hash == key.key_hash
    assert raw not in repr(fields)
    assert consumers.Consumer(**fields) == consumers.authenticate(raw)


def test_a_record_of_another_shape_is_no_fallback(toolbox):
    key, raw = make_key()
    assert post(TOOLBOXES, key=raw).status_code == 200
    cache.set(f"api:key-record:{key.key_prefix}", (key.key_hash, {"pk": key.pk, "old": True}))

    with database_down():
        response = post(TOOLBOXES, key=raw)

    assert_graphql_unavailable(response)


def test_a_signed_in_editor_gets_cached_answers_too(admin_client, toolbox):
    # The session cookie is never read by the endpoint: no session or user query.
    warm = admin_client.post(
        "/api/graphql/", json.dumps({"query": TOOLBOXES}), content_type="application/json"
    )
    assert warm.status_code == 200

    with database_down():
        response = admin_client.post(
            "/api/graphql/", json.dumps({"query": TOOLBOXES}), content_type="application/json"
        )

    assert response.status_code == 200
    assert response.content == warm.content


# --- REST and HTML ------------------------------------------------------------------------------


def test_a_rest_request_during_an_outage_is_a_503_in_the_api_error_shape(toolbox, every_log):
    _, raw = make_key()
    with database_down():
        response = Client().get(HELPLINES, {"city": "brussels"}, HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 503
    assert response.json() == REST_UNAVAILABLE
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert outage_lines(every_log) == [
        "Database unavailable (rest, OperationalError): 1 request(s) answered 503 in the "
        "last minute."
    ]
    assert_no_traceback(every_log)


def test_a_rest_request_with_a_cached_key_reaching_the_database_is_a_503(toolbox):
    _, raw = make_key()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get(HELPLINES, {"city": "nowhere"}).status_code == 400
    assert cache.get(f"api:key-record:{raw.split('_')[1]}") is not None

    with database_down():
        response = client.get(HELPLINES, {"city": "nowhere"})

    assert response.status_code == 503
    assert response.json() == REST_UNAVAILABLE
    assert response["Retry-After"] == "30"


def test_a_cors_preflight_during_an_outage_is_a_503_without_a_traceback(db, every_log):
    # The preflight is answered by a middleware: the outage reaches handler500.
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.options(
            HELPLINES,
            HTTP_ORIGIN="https://www.esch.lu",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        )

    assert response.status_code == 503
    assert response.json() == REST_UNAVAILABLE
    assert response["Retry-After"] == "30"
    assert_no_traceback(every_log)


def test_an_html_page_during_an_outage_is_a_small_503_page(toolbox, every_log):
    assert Client().get("/toolboxes/women/").status_code == 200
    every_log.clear()

    with database_down():
        response = Client().get("/toolboxes/women/")

    assert response.status_code == 503
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert response.content.decode() == outages.HTML_PAGE
    assert outage_lines(every_log) == [
        "Database unavailable (html, OperationalError): 1 request(s) answered 503 in the "
        "last minute."
    ]
    assert_no_traceback(every_log)
    assert Client().get("/toolboxes/women/").status_code == 200
