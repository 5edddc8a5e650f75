"""A NUL byte, a lone surrogate or bytes that are not UTF-8 get a clear 400 or a form error on
every surface, never a database error or a 500: JSON for API clients, a page for browsers.
(NUL bytes in strings fail only on PostgreSQL: run these there too.)"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from safe_spaces.factories import SafeSpaceFactory
from tests.api.keys import make_key
from tests.support import graphql
from tests.support.admin import editor_form_data

pytestmark = pytest.mark.django_db

SEARCH = "query S($text: String!) { search(text: $text) { __typename } }"


@pytest.fixture
def rest_client(db) -> Client:
    _, raw_key = make_key()
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw_key}", HTTP_ACCEPT="application/json")


def graphql_post(body: str | bytes):
    return graphql.post_body(body)


def assert_graphql_400(response) -> None:
    assert response.status_code == 400, response.content
    error = response.json()["errors"][0]
    assert "can't be read as text" in error["message"]
    assert error["extensions"]["code"] == "BAD_REQUEST"


def assert_rest_400(response) -> None:
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert "can't be read as text" in response.json()["detail"]


def assert_page_400(response) -> None:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode()
    assert "<h1>Bad request</h1>" in page
    assert "can&#x27;t be read as text" in page


# --- GraphQL -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["%00", "%ff", "%ed%a0%80"])
def test_graphql_get_argument_with_bad_bytes_is_refused(home_page, text):
    query = f'{{ search(text: "shelter{text}") {{ __typename }} }}'.replace(" ", "+")

    response = Client().get(f"/api/graphql/?query={query}", HTTP_ACCEPT="application/json")

    assert_graphql_400(response)


@pytest.mark.parametrize("text", ["shelter\x00", "shelter\ud800"])
def test_graphql_post_variable_with_nul_or_lone_surrogate_is_refused(home_page, text):
    body = json.dumps({"query": SEARCH, "variables": {"text": text}})  # "\\ud800" stays escaped

    assert_graphql_400(graphql_post(body))


def test_graphql_get_variables_with_a_lone_surrogate_are_refused(home_page):
    variables = json.dumps({"text": "\ud800"})  # the JSON escape, valid JSON

    response = Client().get(
        "/api/graphql/", {"query": SEARCH, "variables": variables}, HTTP_ACCEPT="application/json"
    )

    assert_graphql_400(response)


@pytest.mark.parametrize(
    "query",
    [
        '{ search(text: "shelter\\u0000") { __typename } }',  # a GraphQL escape
        '{ search(text: "shelter\x00") { __typename } }',  # raw, from the JSON body
        '{ search(text: "shelter\ud800") { __typename } }',
    ],
)
def test_graphql_query_text_with_nul_or_lone_surrogate_is_refused(home_page, query):
    assert_graphql_400(graphql_post(json.dumps({"query": query})))


def test_graphql_body_that_is_not_utf8_is_refused(home_page):
    response = graphql_post(b'{"query": "{ search(text: \\"\xff\\") { __typename } }"}')

    assert response.status_code == 400
    assert "not valid UTF-8" in response.json()["errors"][0]["message"]


# --- REST --------------------------------------------------------------------------------------


@pytest.mark.parametrize("segment", ["%00", "%ff", "women%00"])
def test_rest_path_with_bad_bytes_is_refused(rest_client, segment):
    assert_rest_400(rest_client.get(f"/api/v1/widgets/toolboxes/{segment}"))


@pytest.mark.parametrize("value", ["%00", "brussels%00", "%ff"])
def test_rest_parameter_with_bad_bytes_is_refused(rest_client, value):
    assert_rest_400(rest_client.get(f"/api/v1/hsds/services?search={value}"))
    assert_rest_400(rest_client.get(f"/api/v1/widgets/helplines?city={value}"))


@pytest.mark.parametrize("city", ["brussels\x00", "brussels\ud800"])
def test_rest_body_with_nul_or_lone_surrogate_is_refused(rest_client, city):
    response = rest_client.post(
        "/api/v1/widgets/safe-spaces/near",
        json.dumps({"latitude": 50.8, "longitude": 4.3, "city": city}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "can't be read as text" in response.json()["detail"]


# --- Widgets, kiosk ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/widgets/v1/embed%00.js", "/widgets/v1/%ff.js", "/widgets/v1/frame/helplines%00/"],
)
def test_widget_path_with_bad_bytes_gets_a_readable_page(path):
    assert_page_400(Client().get(path, HTTP_ACCEPT="text/html"))


def test_widget_frame_parameter_with_bad_bytes_gets_a_readable_page():
    assert_page_400(
        Client().get("/widgets/v1/frame/helplines/?city=brussels%00", HTTP_ACCEPT="text/html")
    )


@pytest.mark.parametrize("path", ["/kiosk/kiosk%00.js", "/kiosk/%ff", "/kiosk/?city=%00"])
def test_kiosk_path_with_bad_bytes_gets_a_readable_page(path):
    assert_page_400(Client().get(path, HTTP_ACCEPT="text/html"))


# --- Admin and forms ---------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["%00", "shelter%00", "%ff"])
def test_admin_search_with_bad_bytes_gets_a_readable_page(admin_client, q):
    assert_page_400(admin_client.get(f"/admin/pages/search/?q={q}", HTTP_ACCEPT="text/html"))
    assert_page_400(
        admin_client.get(f"/admin/snippets/safe_spaces/safespace/?q={q}", HTTP_ACCEPT="text/html")
    )


def test_admin_form_field_with_a_nul_byte_gets_a_form_error(admin_client):
    space = SafeSpaceFactory(name="Legal aid desk")
    edit_url = reverse("wagtailsnippets_safe_spaces_safespace:edit", args=[space.pk])
    data = editor_form_data(admin_client.get(edit_url).content.decode())
    data["name"] = "Legal aid\x00 desk"

    response = admin_client.post(edit_url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Null characters are not allowed."]
    space.refresh_from_db()
    assert space.name == "Legal aid desk"


def test_login_form_with_a_nul_byte_gets_a_form_error(admin_user):
    response = Client().post(
        "/admin/login/", {"username": "admin\x00", "password": "correct-horse-battery"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == ["Null characters are not allowed."]
    assert "_auth_user_id" not in response.wsgi_request.session


def test_login_form_with_invalid_utf8_is_refused_without_signing_in(admin_user):
    response = Client().post(
        "/admin/login/",
        b"username=admin%ff&password=correct-horse-battery",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in response.wsgi_request.session
