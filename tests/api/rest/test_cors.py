"""CORS: a browser may read answers only from the origins its key allows."""

import pytest

from .conftest import Api, make_key

pytestmark = pytest.mark.django_db

ESCH = "https://www.esch.lu"
SERVICES = "/api/v1/hsds/services"


@pytest.fixture
def widget_key():
    return make_key(origins=[ESCH, "https://kiosk.esch.lu"])


def test_an_allowed_origin_gets_cors_headers(widget_key):
    response = Api(widget_key[1], HTTP_ORIGIN=ESCH).get(SERVICES)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ESCH
    assert response["Access-Control-Expose-Headers"] == "Retry-After, ETag"
    assert "Origin" in response["Vary"]


def test_an_unknown_origin_gets_no_cors_headers(widget_key):
    response = Api(widget_key[1], HTTP_ORIGIN="https://evil.example").get(SERVICES)

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
    assert "Origin" in response["Vary"]


def test_an_origin_of_another_key_gets_no_cors_headers(widget_key):
    _, other = make_key("Rome app")

    response = Api(other, HTTP_ORIGIN=ESCH).get(SERVICES)

    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("authorization", [None, "Bearer eqc_0123456789ab_nope"])
def test_no_cors_headers_without_a_valid_key(widget_key, authorization):
    headers = {"HTTP_ORIGIN": ESCH}
    if authorization:
        headers["HTTP_AUTHORIZATION"] = authorization

    response = Api(**headers).get(SERVICES)

    assert response.status_code == 401
    assert "Access-Control-Allow-Origin" not in response


def test_errors_of_a_valid_key_carry_cors_headers_so_the_widget_can_read_them(widget_key):
    response = Api(widget_key[1], HTTP_ORIGIN=ESCH).get(SERVICES, {"per_page": "0"})

    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == ESCH


def test_a_revoked_key_loses_its_origins(widget_key):
    stored, raw = widget_key
    stored.revoke()

    preflight = Api().client.options(
        SERVICES, HTTP_ORIGIN=ESCH, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )

    assert preflight.status_code == 403
    assert "Access-Control-Allow-Origin" not in preflight


def test_a_preflight_from_an_origin_some_key_allows_is_answered(widget_key):
    response = Api().client.options(
        "/api/v1/widgets/safe-spaces/near",
        HTTP_ORIGIN=ESCH,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == ESCH
    assert response["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"
    assert "Authorization" in response["Access-Control-Allow-Headers"]
    assert response["Access-Control-Max-Age"] == "600"


def test_a_preflight_from_an_unknown_origin_is_refused(widget_key):
    response = Api().client.options(
        SERVICES, HTTP_ORIGIN="https://evil.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )

    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response


def test_the_graphql_endpoint_follows_the_same_rules(widget_key):
    query = {"query": "{ locales { code } }"}
    allowed = Api(widget_key[1], HTTP_ORIGIN=ESCH).post("/api/graphql/", query)
    anonymous = Api(HTTP_ORIGIN=ESCH).post("/api/graphql/", query)
    preflight = Api().client.options(
        "/api/graphql/", HTTP_ORIGIN=ESCH, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )

    assert allowed.status_code == 200
    assert allowed["Access-Control-Allow-Origin"] == ESCH
    assert "Access-Control-Allow-Origin" not in anonymous
    assert preflight.status_code == 204


def test_pages_outside_the_api_are_untouched():
    response = Api(HTTP_ORIGIN=ESCH).client.options(
        "/healthz", HTTP_ORIGIN=ESCH, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )

    assert "Access-Control-Allow-Origin" not in response
