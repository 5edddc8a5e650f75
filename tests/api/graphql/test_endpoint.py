"""The GraphQL endpoint over HTTP: methods, media types, status codes, errors and caching."""

import json
import logging

import pytest
from django.test import override_settings
from graphql import DocumentNode
from graphql import parse as graphql_parse

from api.graphql import checking as graphql_checking
from api.graphql.document_cache import DocumentCache, document_cache
from api.graphql.negotiation import negotiate
from api.graphql.suggestions import hide_suggestions
from api.graphql.view import GraphQLHTTPView
from tests.support import graphql

from .small_schema import small_schema

URL = "/api/graphql/"
GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
TYPENAME = "{ __typename }"


@pytest.fixture(autouse=True)
def fresh_document_cache():
    document_cache.clear()
    yield
    document_cache.clear()


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(GraphQLHTTPView, "schema", small_schema())


def post_json(client, body, accept: str | None = GRAPHQL_RESPONSE, **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return graphql.post_body(data, client=client, accept=accept, **extra)


def get(client, params, accept: str | None = GRAPHQL_RESPONSE, **extra):
    if accept is not None:
        extra["HTTP_ACCEPT"] = accept
    return client.get(URL, params, **extra)


def error_messages(response) -> list[str]:
    return [error["message"] for error in response.json()["errors"]]


# --- Methods -------------------------------------------------------------------------------


def test_post_runs_a_query(client):
    response = post_json(client, {"query": TYPENAME})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/graphql-response+json; charset=utf-8"
    assert response.json() == {"data": {"__typename": "Query"}}


def test_get_runs_a_query(client):
    response = get(client, {"query": TYPENAME})
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


def test_endpoint_answers_without_the_trailing_slash(client):
    response = client.post(
        "/api/graphql", json.dumps({"query": TYPENAME}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


def test_variables_and_operation_name_are_used(client, small):
    query = "query A { __typename } query B($name: String) { greeting(name: $name) }"
    response = post_json(
        client, {"query": query, "operationName": "B", "variables": {"name": "Ana"}}
    )
    assert response.json() == {"data": {"greeting": "Hello, Ana"}}
    response = get(
        client, {"query": query, "operationName": "B", "variables": json.dumps({"name": "Ana"})}
    )
    assert response.json() == {"data": {"greeting": "Hello, Ana"}}


def test_put_is_not_allowed(client):
    response = client.put(URL, json.dumps({"query": TYPENAME}), content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    assert response.json() == {
        "errors": [
            {
                "message": "The PUT method is not allowed: send GraphQL requests with GET or POST.",
                "extensions": {"code": "METHOD_NOT_ALLOWED"},
            }
        ]
    }


def test_mutation_via_get_is_not_allowed(client):
    response = get(client, {"query": "mutation { __typename }"})
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert error_messages(response) == [
        "A mutation cannot be sent with GET. This API is read-only: it serves queries only."
    ]


def test_named_mutation_selected_by_operation_name_via_get_is_not_allowed(client):
    query = "query Q { __typename } mutation M { __typename }"
    response = get(client, {"query": query, "operationName": "M"})
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    # The query of the same document is refused too: a document with a mutation never validates.
    response = get(client, {"query": query, "operationName": "Q"})
    assert response.status_code == 400
    assert error_messages(response) == [
        "This API is read-only: mutation operations are not supported. Send a query."
    ]


def test_empty_mutation_via_get_is_a_syntax_error(client):
    response = get(client, {"query": "mutation {}"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Syntax Error: Expected Name, found '}'."
    assert response.json()["errors"][0]["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}


def test_mutation_via_post_is_rejected_as_read_only(client):
    response = post_json(client, {"query": "mutation { __typename }"})
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "This API is read-only: mutation operations are not supported. "
                "Send a query.",
                "extensions": {"code": "OPERATION_NOT_SUPPORTED"},
            }
        ]
    }


# --- Accept negotiation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, GRAPHQL_RESPONSE),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (JSON, JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        (f"{GRAPHQL_RESPONSE}; charset=utf-8, {JSON}; charset=utf-8", GRAPHQL_RESPONSE),
        (f"{JSON}, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE};q=0.5, {JSON}", JSON),
        (f"{JSON};q=0.9, {GRAPHQL_RESPONSE};q=0.8", JSON),
        (f"{GRAPHQL_RESPONSE}, */*;q=0.1", GRAPHQL_RESPONSE),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", JSON),
        (f"*/*, {GRAPHQL_RESPONSE};q=0", JSON),
    ],
)
def test_response_media_type_follows_accept(client, accept, expected):
    response = post_json(client, {"query": TYPENAME}, accept=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{expected}; charset=utf-8"


@pytest.mark.parametrize(
    "accept", ["text/html", "application/xml", f"{JSON};q=0", f"{JSON}; charset=latin-1"]
)
def test_nothing_acceptable_gives_406(client, accept):
    response = post_json(client, {"query": TYPENAME}, accept=accept)
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert error_messages(response) == [
        "None of the media types in the Accept header is available: accept "
        "application/graphql-response+json or application/json."
    ]


def test_negotiate_ignores_malformed_ranges():
    offered = [GRAPHQL_RESPONSE, JSON]
    assert negotiate("garbage, application/json;q=abc, application/json;q=0.3", offered) == JSON
    assert negotiate("garbage", offered) is None


def test_every_response_varies_on_accept(client):
    for response in (
        get(client, {"query": TYPENAME}),
        post_json(client, {"query": TYPENAME}),
        post_json(client, "[]"),
        client.delete(URL),
    ):
        vary = {value.strip() for value in response["Vary"].split(",")}
        assert "Accept" in vary


# --- Status codes of the two media types ----------------------------------------------------


def test_validation_error_is_400_with_graphql_response_json(client):
    response = post_json(client, {"query": "{ nonexistent }"})
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "Cannot query field 'nonexistent' on type 'Query'.",
                "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
            }
        ]
    }


def test_validation_error_is_200_with_legacy_json(client):
    response = post_json(client, {"query": "{ nonexistent }"}, accept=JSON)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert error_messages(response) == ["Cannot query field 'nonexistent' on type 'Query'."]
    assert "data" not in response.json()


def test_syntax_error_is_400_with_graphql_response_json_and_200_with_json(client):
    response = post_json(client, {"query": "{"})
    assert response.status_code == 400
    assert error_messages(response) == ["Syntax Error: Expected Name, found <EOF>."]
    assert post_json(client, {"query": "{"}, accept=JSON).status_code == 200


def test_missing_variable_is_a_request_error_without_data(client, small):
    query = "query ($name: String!) { greeting(name: $name) }"
    response = post_json(client, {"query": query})
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"message": "Variable '$name' of required type 'String!' was not provided."}]
    }


def test_unknown_operation_name_is_a_request_error(client):
    response = post_json(client, {"query": "query A { __typename }", "operationName": "B"})
    assert response.status_code == 400
    assert error_messages(response) == ["Unknown operation named 'B'."]


def test_no_did_you_mean_suggestions_outside_debug(client, small):
    response = post_json(client, {"query": "{ greting }"})
    assert error_messages(response) == ["Cannot query field 'greting' on type 'Query'."]
    response = post_json(client, {"query": '{ greeting(nam: "x") }'})
    assert error_messages(response) == ["Unknown argument 'nam' on field 'Query.greeting'."]


def test_suggestions_can_be_switched_back_on_for_development(client, small):
    hide_suggestions(hidden=False)
    try:
        response = post_json(client, {"query": "{ greting }"})
    finally:
        hide_suggestions(hidden=True)
    assert error_messages(response) == [
        "Cannot query field 'greting' on type 'Query'. Did you mean 'greeting'?"
    ]


# --- Malformed requests -----------------------------------------------------------------------


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE, JSON])
def test_malformed_json_is_400_with_the_parser_message(client, accept):
    response = post_json(client, '{"query": ', accept=accept)
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "The request body is not valid JSON: Expecting value (line 1, "
                "column 11).",
                "extensions": {"code": "BAD_REQUEST"},
            }
        ]
    }


def test_json_batch_array_is_400(client):
    response = post_json(client, [{"query": TYPENAME}, {"query": TYPENAME}])
    assert response.status_code == 400
    assert error_messages(response) == [
        "Batching is not supported: send one GraphQL request per HTTP request."
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('"{ __typename }"', "The request body must be a JSON object with a 'query' string."),
        ("{}", "The 'query' parameter is required."),
        ('{"qeury": "{ __typename }"}', "The 'query' parameter is required."),
        ('{"query": 1}', "The 'query' parameter must be a string."),
        ('{"query": {"a": 1}}', "The 'query' parameter must be a string."),
        (
            '{"query": "{ __typename }", "variables": [7]}',
            "The 'variables' parameter must be a JSON object or null.",
        ),
        (
            '{"query": "{ __typename }", "variables": "{}"}',
            "The 'variables' parameter must be a JSON object or null.",
        ),
        (
            '{"query": "{ __typename }", "operationName": 1}',
            "The 'operationName' parameter must be a string or null.",
        ),
        (
            '{"query": "{ __typename }", "extensions": 1}',
            "The 'extensions' parameter must be a JSON object or null.",
        ),
        (
            '{"query": "{ __typename }", "variables": {"x": NaN}}',
            "The request body is not valid JSON: NaN is not valid JSON.",
        ),
        (b"\xff\xfe", "The request body is not valid UTF-8."),
        ("[" * 30_000 + "]" * 30_000, "The request body is nested too deeply."),
    ],
    ids=lambda value: value[:40] if isinstance(value, str) else None,
)
def test_request_that_is_not_well_formed_is_400(client, body, message):
    response = post_json(client, body)
    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store"
    assert error_messages(response) == [message]


def test_empty_body_is_400(client):
    response = client.generic("POST", URL, b"", CONTENT_TYPE="application/json")
    assert response.status_code == 400
    assert error_messages(response) == ["The request body is empty: send a JSON object."]


def test_null_variables_and_operation_name_are_like_missing_ones(client):
    response = post_json(client, {"query": TYPENAME, "variables": None, "operationName": None})
    assert response.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "The 'query' parameter is required."),
        (
            {"query": TYPENAME, "variables": "[1]"},
            "The 'variables' parameter must be a JSON object or null.",
        ),
        (
            {"query": TYPENAME, "variables": "{"},
            "The 'variables' parameter is not valid JSON: Expecting property name enclosed in "
            "double quotes (line 1, column 2).",
        ),
    ],
)
def test_get_with_bad_parameters_is_400(client, params, message):
    response = get(client, params)
    assert response.status_code == 400
    assert error_messages(response) == [message]


@pytest.mark.parametrize(
    ("content_type", "shown"),
    [
        ("text/plain", "text/plain"),
        ("application/x-www-form-urlencoded", "application/x-www-form-urlencoded"),
        ("application/graphql", "application/graphql"),
        ("application/json; charset=latin-1", "application/json"),
    ],
)
def test_wrong_content_type_is_415(client, content_type, shown):
    response = client.post(
        URL, json.dumps({"query": TYPENAME}), content_type=content_type, HTTP_ACCEPT=JSON
    )
    assert response.status_code == 415
    assert response.json() == {
        "errors": [
            {
                "message": f"Send the request body as application/json (UTF-8), not {shown}.",
                "extensions": {"code": "UNSUPPORTED_MEDIA_TYPE"},
            }
        ]
    }


def test_missing_content_type_is_415(client):
    response = client.generic("POST", URL, json.dumps({"query": TYPENAME}), content_type="")
    assert response.status_code == 415
    assert error_messages(response) == [
        "Send the request body as application/json (UTF-8), not without a Content-Type."
    ]


def test_json_with_utf8_charset_is_accepted(client):
    response = client.post(
        URL, json.dumps({"query": TYPENAME}), content_type="application/json; charset=UTF-8"
    )
    assert response.status_code == 200


# --- Errors from resolvers --------------------------------------------------------------------


def test_internal_exception_becomes_internal_error_without_details(client, small, caplog):
    with caplog.at_level(logging.ERROR, logger="api.graphql.view"):
        response = post_json(client, {"query": '{ greeting broken(text: "50.8467,4.3525") }'})
    assert response.status_code == 200
    assert response.json() == {
        "data": {"greeting": "Hello, world", "broken": None},
        "errors": [
            {
                "message": "Internal error",
                "path": ["broken"],
                "extensions": {"code": "INTERNAL_SERVER_ERROR"},
            }
        ],
    }
    assert b"no row matches" not in response.content
    assert b"Traceback" not in response.content
    [record] = caplog.records
    assert record.getMessage().startswith("Internal error in field broken: RuntimeError\n")
    assert "resolve_broken" in record.getMessage()
    assert "50.8467" not in record.getMessage()


def test_bad_input_raised_on_purpose_reaches_the_client(client, small):
    response = post_json(client, {"query": '{ needsLocale(locale: "xx") }'})
    assert response.status_code == 200
    assert response.json() == {
        "data": {"needsLocale": None},
        "errors": [
            {
                "message": "Unknown locale 'xx'.",
                "path": ["needsLocale"],
                "extensions": {"code": "BAD_USER_INPUT", "argument": "locale"},
            }
        ],
    }


def test_failure_outside_execution_is_a_500_internal_error(client, monkeypatch, caplog):
    def broken_validate(schema, document, rules):
        raise TypeError(f"cannot validate {document.definitions[0].name.value}")

    monkeypatch.setattr(graphql_checking, "validate", broken_validate)
    with caplog.at_level(logging.ERROR, logger="api.graphql.view"):
        response = post_json(client, {"query": "query PrivateName { __typename }"})
    assert response.status_code == 500
    assert response.json() == {
        "errors": [{"message": "Internal error", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]
    }
    assert "Internal error in the GraphQL endpoint: TypeError" in caplog.text
    assert "PrivateName" not in caplog.text


# --- Introspection and GraphiQL ---------------------------------------------------------------


def test_introspection_is_off_in_production(client):
    with override_settings(DEBUG=False, API_GRAPHQL_INTROSPECTION=False):
        response = post_json(client, {"query": "{ __schema { queryType { name } } }"})
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "Introspection is disabled on this server: '__schema' cannot be "
                "queried. The schema is published with the API documentation.",
                "extensions": {"code": "INTROSPECTION_DISABLED"},
            }
        ]
    }


def test_introspection_can_be_enabled_in_production_by_setting(client):
    with override_settings(DEBUG=False, API_GRAPHQL_INTROSPECTION=True):
        response = post_json(client, {"query": "{ __schema { queryType { name } } }"})
    assert response.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


def test_introspection_is_on_in_development(client):
    with override_settings(DEBUG=True):
        response = post_json(client, {"query": "{ __schema { queryType { name } } }"})
    assert response.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


def test_graphiql_is_served_to_browsers_in_development_only(client):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    with override_settings(DEBUG=True):
        response = client.get(URL, HTTP_ACCEPT=browser)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"graphiql" in response.content.lower()

    response = client.get(URL, HTTP_ACCEPT=browser)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert error_messages(response) == ["The 'query' parameter is required."]


# --- HTTP caching -------------------------------------------------------------------------------


def test_successful_get_is_publicly_cacheable_with_an_etag(client):
    response = get(client, {"query": TYPENAME})
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34


@override_settings(API_GRAPHQL_CACHE_MAX_AGE=300)
def test_cache_max_age_is_a_setting(client):
    assert get(client, {"query": TYPENAME})["Cache-Control"] == "public, max-age=300"


def test_matching_if_none_match_gives_304(client):
    etag = get(client, {"query": TYPENAME})["ETag"]
    response = get(client, {"query": TYPENAME}, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=60"

    response = get(client, {"query": TYPENAME}, HTTP_IF_NONE_MATCH='"something-else"')
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


def test_etag_depends_on_the_body_and_the_media_type_is_in_vary(client):
    first = get(client, {"query": TYPENAME})["ETag"]
    other = get(client, {"query": "{ kind: __typename }"})["ETag"]
    assert first != other


def test_post_is_never_stored(client):
    response = post_json(client, {"query": TYPENAME})
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")


def test_get_with_errors_is_not_cached(client, small):
    response = get(client, {"query": "{ broken }"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert not response.has_header("ETag")
    response = get(client, {"query": "{ nonexistent }"})
    assert response["Cache-Control"] == "no-store"


def test_no_session_or_csrf_cookie_is_set(client):
    response = post_json(client, {"query": TYPENAME})
    assert response.cookies == {}


def test_csrf_is_not_required(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = post_json(strict, {"query": TYPENAME})
    assert response.status_code == 200


# --- Document cache -------------------------------------------------------------------------------


def test_same_query_text_is_parsed_once(client, monkeypatch):
    calls = []

    def counting_parse(*args, **kwargs):
        calls.append(args[0])
        return graphql_parse(*args, **kwargs)

    monkeypatch.setattr(graphql_checking, "parse", counting_parse)
    for _ in range(3):
        assert post_json(client, {"query": TYPENAME}).status_code == 200
    assert get(client, {"query": TYPENAME}).status_code == 200
    assert calls == [TYPENAME]


def test_invalid_query_is_not_cached(client, monkeypatch):
    calls = []

    def counting_parse(*args, **kwargs):
        calls.append(args[0])
        return graphql_parse(*args, **kwargs)

    monkeypatch.setattr(graphql_checking, "parse", counting_parse)
    for _ in range(2):
        assert post_json(client, {"query": "{ nonexistent }"}).status_code == 400
    assert len(calls) == 2
    assert len(document_cache) == 0


def test_cached_query_is_revalidated_when_the_limits_change(client):
    assert post_json(client, {"query": "{ __schema { queryType { name } } }"}).status_code == 400
    with override_settings(API_GRAPHQL_INTROSPECTION=True):
        response = post_json(client, {"query": "{ __schema { queryType { name } } }"})
        assert response.status_code == 200
    assert post_json(client, {"query": "{ __schema { queryType { name } } }"}).status_code == 400


def test_cached_mutation_document_is_still_refused_via_get(client):
    # A document that validated once (there is none with a mutation, so use a query) is checked
    # again for its method on every request, from the cache too.
    assert get(client, {"query": TYPENAME}).status_code == 200
    assert get(client, {"query": "mutation { __typename }"}).status_code == 405


def test_document_cache_evicts_the_least_recently_used_beyond_its_size():
    cache: DocumentCache[DocumentNode] = DocumentCache()
    documents = {name: graphql_parse(f"{{ {name} }}") for name in ("a", "b", "c")}
    cache.put(("a",), documents["a"], size=10, max_size=20)
    cache.put(("b",), documents["b"], size=10, max_size=20)
    assert cache.get(("a",)) is documents["a"]  # "a" is now the most recently used
    cache.put(("c",), documents["c"], size=10, max_size=20)
    assert cache.get(("b",)) is None
    assert cache.get(("a",)) is documents["a"]
    assert cache.get(("c",)) is documents["c"]
    assert len(cache) == 2


def test_document_cache_weighs_entries_by_query_length():
    cache: DocumentCache[DocumentNode] = DocumentCache()
    document = graphql_parse("{ a }")
    cache.put(("small",), document, size=5, max_size=20)
    cache.put(("large",), document, size=16, max_size=20)
    assert cache.get(("small",)) is None
    assert cache.get(("large",)) is document
    cache.put(("too large",), document, size=21, max_size=20)
    assert cache.get(("too large",)) is None
    assert cache.get(("large",)) is document


@override_settings(API_GRAPHQL_DOCUMENT_CACHE_CHARS=20)
def test_query_longer_than_the_whole_cache_is_not_cached(client):
    assert post_json(client, {"query": "{ __typename __typename }"}).status_code == 200
    assert len(document_cache) == 0
    assert post_json(client, {"query": TYPENAME}).status_code == 200
    assert len(document_cache) == 1


# --- Context ------------------------------------------------------------------------------------


def test_resolvers_get_the_request_with_a_per_request_cache(client, monkeypatch):
    import graphene

    seen = []

    class Query(graphene.ObjectType):
        probe = graphene.String()

        def resolve_probe(self, info):
            seen.append(info.context)
            info.context.api_cache["hits"] = info.context.api_cache.get("hits", 0) + 1
            return info.context.method

    monkeypatch.setattr(GraphQLHTTPView, "schema", graphene.Schema(query=Query).graphql_schema)
    response = post_json(client, {"query": "{ a: probe b: probe }"})
    assert response.json() == {"data": {"a": "POST", "b": "POST"}}
    assert seen[0] is seen[1]
    assert seen[0].api_cache == {"hits": 2}
    post_json(client, {"query": "{ a: probe }"})
    assert seen[2].api_cache == {"hits": 1}
