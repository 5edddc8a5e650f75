"""GraphiQL's page (development only) loads nothing but this app's own static files."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings

from api.graphql.graphiql import CONTENT_SECURITY_POLICY, GRAPHIQL_VERSION

URL = "/api/graphql/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
VENDORED = f"api/graphiql/{GRAPHIQL_VERSION}"


@pytest.fixture
def graphiql_page(client):
    with override_settings(DEBUG=True):
        response = client.get(URL, HTTP_ACCEPT=BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    return response


def test_graphiql_loads_its_scripts_and_styles_from_this_apps_static_files(graphiql_page):
    html = graphiql_page.content.decode()

    loaded = re.findall(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"', html)
    assert sorted(loaded) == sorted(
        [
            f"/static/{VENDORED}/graphiql.min.css",
            "/static/api/graphiql.css",
            f"/static/{VENDORED}/react.production.min.js",
            f"/static/{VENDORED}/react-dom.production.min.js",
            f"/static/{VENDORED}/graphiql.min.js",
            "/static/api/graphiql.js",
        ]
    )
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html, re.IGNORECASE)
    assert 'data-endpoint="/api/graphql/"' in html


def test_graphiql_page_allows_requests_to_its_own_origin_only(graphiql_page):
    assert graphiql_page["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    directives = dict(directive.split(" ", 1) for directive in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert graphiql_page["Referrer-Policy"] == "no-referrer"
    assert graphiql_page["Cache-Control"] == "no-store"
    assert "Accept" in {value.strip() for value in graphiql_page["Vary"].split(",")}


def test_graphiql_is_not_served_without_debug(client):
    response = client.get(URL, HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert b"<html" not in response.content


@pytest.mark.parametrize(
    "name",
    [
        "graphiql.min.js",
        "graphiql.min.css",
        "react.production.min.js",
        "react-dom.production.min.js",
    ],
)
def test_vendored_builds_are_minified_files_without_source_maps(name):
    path = Path(str(finders.find(f"{VENDORED}/{name}")))
    text = path.read_text(encoding="utf-8")

    # A sourceMappingURL to a file that isn't there makes collectstatic's manifest fail.
    assert "sourceMappingURL" not in text
    assert path.stat().st_size < 1_200_000


def test_vendored_builds_carry_their_licences_and_versions():
    versions = Path(str(finders.find(f"{VENDORED}/VERSIONS"))).read_text()
    assert versions.startswith(f"graphiql {GRAPHIQL_VERSION} ")
    for licence in ("LICENSE.graphiql", "LICENSE.react"):
        assert (
            Path(str(finders.find(f"{VENDORED}/{licence}"))).read_text().startswith("MIT License")
        )
