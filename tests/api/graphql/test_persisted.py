"""Persisted documents: registered once by an app's key, then asked for by id."""

import hashlib
import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from api.graphql import persisted
from api.models import PersistedDocument
from tests.api.keys import make_key
from tests.support import graphql
from toolbox_pages.factories import ToolboxPageFactory

pytestmark = pytest.mark.django_db

TOOLBOXES = "query Toolboxes { toolboxes { title } }"
TOOLBOXES_ID = "sha256:" + hashlib.sha256(TOOLBOXES.encode()).hexdigest()
REGISTER = "/api/v1/graphql/documents"


@pytest.fixture(autouse=True)
def forget_texts():
    persisted._texts.clear()
    yield
    persisted._texts.clear()


@pytest.fixture
def app_key():
    return make_key("Brussels city app")


def register(client, raw: str | None, body) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(REGISTER, data, content_type="application/json", **headers)


def test_an_app_registers_its_documents_and_gets_their_ids(client, app_key):
    key, raw = app_key
    response = register(client, raw, {"documents": [TOOLBOXES]})
    assert response.status_code == 200
    assert response.json() == {"ids": [TOOLBOXES_ID]}
    document = PersistedDocument.objects.get()
    assert (document.document_id, document.text) == (TOOLBOXES_ID, TOOLBOXES)
    assert list(document.registered_by.all()) == [key]
    # Again: nothing new.
    assert register(client, raw, {"documents": [TOOLBOXES]}).json() == {"ids": [TOOLBOXES_ID]}
    assert PersistedDocument.objects.count() == 1


def test_documents_are_kept_all_or_none(client, app_key):
    _, raw = app_key
    response = register(client, raw, {"documents": [TOOLBOXES, "{ toolboxes { nothing } }"]})
    assert response.status_code == 400
    message = response.json()["fields"]["documents"][0]
    assert message.startswith("Document 1: Cannot query field 'nothing' on type 'Toolbox'.")
    assert PersistedDocument.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"documents": []}, "'documents' must be a non-empty list of document texts."),
        ({"documents": "{ toolboxes { title } }"}, "'documents' must be a non-empty list"),
        ({"documents": [""]}, "Document 0: a document is a non-empty string."),
        ({"documents": ["{ toolboxes { title "]}, "Document 0: Syntax Error"),
        ({"documents": [TOOLBOXES] * 101}, "At most 100 documents per request; 101 sent."),
        ({}, "'documents' must be a non-empty list of document texts."),
    ],
)
def test_bad_registrations_are_refused_with_a_message(client, app_key, body, message):
    _, raw = app_key
    response = register(client, raw, body)
    assert response.status_code == 400
    assert response.json()["fields"]["documents"][0].startswith(message)
    assert PersistedDocument.objects.count() == 0


def test_registration_needs_a_key(client):
    assert register(client, None, {"documents": [TOOLBOXES]}).status_code == 401
    assert register(client, "eqc_wrong_key", {"documents": [TOOLBOXES]}).status_code == 401
    assert PersistedDocument.objects.count() == 0


def test_malformed_json_is_refused(client, app_key):
    _, raw = app_key
    assert register(client, raw, '{"documents": [').status_code == 400


def test_a_registered_document_runs_by_id_over_get_and_post(client, app_key, toolbox_index):
    ToolboxPageFactory(parent=toolbox_index, title="Dialogues with parents")
    _, raw = app_key
    register(client, raw, {"documents": [TOOLBOXES]})
    expected = {"data": {"toolboxes": [{"title": "Dialogues with parents"}]}}

    got = client.get("/api/graphql/", {"documentId": TOOLBOXES_ID}, HTTP_ACCEPT=graphql.JSON)
    assert got.status_code == 200
    assert got.json() == expected
    assert got["Cache-Control"] == "public, max-age=60"
    assert got["ETag"]
    posted = graphql.post_body(json.dumps({"documentId": TOOLBOXES_ID}), client=client)
    assert posted.json() == expected


def test_a_lookup_by_id_costs_one_query_once_per_process(client, app_key, toolbox_index):
    _, raw = app_key
    register(client, raw, {"documents": [TOOLBOXES]})
    with CaptureQueriesContext(connection) as first:
        client.get("/api/graphql/", {"documentId": TOOLBOXES_ID}, HTTP_ACCEPT=graphql.JSON)
    with CaptureQueriesContext(connection) as second:
        client.get("/api/graphql/", {"documentId": TOOLBOXES_ID}, HTTP_ACCEPT=graphql.JSON)
    documents = [q for q in first.captured_queries if "persisteddocument" in q["sql"]]
    assert len(documents) == 1
    assert len(second.captured_queries) == len(first.captured_queries) - 1


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"documentId": "sha256:" + "0" * 64}, 400, "PERSISTED_QUERY_NOT_FOUND"),
        ({"documentId": "md5:abc"}, 400, "BAD_REQUEST"),
        ({"documentId": "sha256:" + "A" * 64}, 400, "BAD_REQUEST"),
        ({"documentId": TOOLBOXES_ID, "query": TOOLBOXES}, 400, "BAD_REQUEST"),
    ],
)
def test_bad_ids_get_a_clear_error(client, home_page, params, status, code):
    response = client.get("/api/graphql/", params, HTTP_ACCEPT=graphql.JSON)
    assert response.status_code == status
    assert response.json()["errors"][0]["extensions"]["code"] == code
    assert response["Cache-Control"] == "no-store"


@override_settings(API_GRAPHQL_TRUSTED_DOCUMENTS_ONLY=True)
def test_trusted_only_holds_keys_to_their_registered_documents(client, app_key, home_page):
    _, raw = app_key
    _, other_raw = make_key("Another city's kiosk")
    register(client, raw, {"documents": [TOOLBOXES]})

    by_id = graphql.post_body(json.dumps({"documentId": TOOLBOXES_ID}), client=client, key=raw)
    assert by_id.status_code == 200
    text = graphql.post(TOOLBOXES, client=client, key=raw)
    assert text.status_code == 403
    assert text.json()["errors"][0]["extensions"]["code"] == "TRUSTED_DOCUMENTS_ONLY"
    # Another key's document is not this key's.
    other = graphql.post_body(
        json.dumps({"documentId": TOOLBOXES_ID}), client=client, key=other_raw
    )
    assert other.status_code == 403
    # Anonymous readers are not held to it.
    assert graphql.post(TOOLBOXES, client=client).status_code == 200


def test_without_trusted_only_keys_may_send_text(client, app_key, home_page):
    _, raw = app_key
    assert graphql.post(TOOLBOXES, client=client, key=raw).status_code == 200
