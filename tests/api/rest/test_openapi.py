"""The OpenAPI document: committed, served, readable without anything from another site."""

import io
import re
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.test import Client, override_settings

from .conftest import Api

SNAPSHOT = Path(__file__).resolve().parents[3] / "api" / "rest" / "openapi.yaml"
REGENERATE = "make schema"  # the Makefile target runs the same generator as this test
DOCUMENTED = {
    "/api/v1/hsds/": {"get"},
    "/api/v1/hsds/services": {"get", "post"},
    "/api/v1/hsds/services/{id}": {"get"},
    "/api/v1/widgets/safe-spaces": {"get"},
    "/api/v1/widgets/safe-spaces/near": {"post"},
    "/api/v1/widgets/toolboxes": {"get"},
    "/api/v1/widgets/toolboxes/{slug}": {"get"},
    "/api/v1/widgets/helplines": {"get"},
    "/api/v1/widgets/safety": {"get"},
    "/api/v1/widgets/strings": {"get"},
    "/api/v1/sync/": {"get"},
    "/api/v1/takedowns": {"get"},
    "/api/v1/graphql/documents": {"post"},
    "/api/v1/bundles/key": {"get"},
    "/api/v1/bundles/{city}/{locale}": {"get"},
}
# Public: the key that verifies bundles is no secret (docs/api-clients.md#offline-bundles).
WITHOUT_KEY = {"/api/v1/bundles/key"}


def test_committed_openapi_document_matches_the_code():
    output = io.StringIO()
    call_command(
        "spectacular",
        validate=True,
        fail_on_warn=True,
        stdout=output,
    )

    assert SNAPSHOT.read_text(encoding="utf-8").rstrip("\n") == output.getvalue().rstrip("\n"), (
        "api/rest/openapi.yaml differs from the API in code. If the change is intended, "
        f"regenerate it with `{REGENERATE}` and commit it with the change."
    )


def test_the_document_lists_the_rest_api_only_and_every_endpoint_but_the_public_key_needs_a_key():
    schema = yaml.safe_load(SNAPSHOT.read_text(encoding="utf-8"))

    assert {path: set(item) for path, item in schema["paths"].items()} == DOCUMENTED
    assert schema["components"]["securitySchemes"]["consumerKey"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["consumerKey"]["description"],
    }
    for path, item in schema["paths"].items():
        for operation in item.values():
            expected: list[dict] = [{}] if path in WITHOUT_KEY else [{"consumerKey": []}]
            assert operation["security"] == expected, path


@pytest.mark.django_db
def test_the_schema_is_served_without_a_key_in_yaml_and_json():
    client = Client()

    as_yaml = client.get("/api/v1/schema/")
    as_json = client.get("/api/v1/schema/", {"format": "json"})

    assert as_yaml.status_code == as_json.status_code == 200
    assert as_yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    assert yaml.safe_load(as_yaml.content)["info"]["title"] == "Equalcity REST API"
    assert set(as_json.json()["paths"]) == set(DOCUMENTED)


@pytest.mark.django_db
def test_the_docs_page_is_readable_and_loads_nothing_from_elsewhere():
    response = Client().get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    for path in DOCUMENTED:
        assert f"<code>{path}</code>" in html
    assert 'id="hsds-profile"' in html
    assert "<code>x-timezone</code>" in html
    assert "<script" not in html
    assert "<link" not in html
    assert not re.search(
        r"""(src|href)=["']?(https?:)?//""",
        html.replace('href="https://docs.openreferral.org/"', ""),
    )
    assert "@import" not in html and "url(" not in html


@pytest.mark.django_db
def test_the_browsable_api_is_off_outside_development(api):
    response = api.get("/api/v1/hsds/", HTTP_ACCEPT="text/html")

    assert response.status_code == 406


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_the_browsable_api_is_on_in_development(key):
    response = Api(key[1]).get("/api/v1/hsds/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
