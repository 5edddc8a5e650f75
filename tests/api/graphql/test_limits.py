"""Query limits: the validation rules on their own, then as the endpoint applies them."""

import json

import pytest
from django.test import override_settings
from graphql import parse, specified_rules, validate

from api.graphql import checking as graphql_checking
from api.graphql.document_cache import document_cache
from api.graphql.limits import QueryLimits, limit_rules
from api.graphql.view import GraphQLHTTPView
from tests.support import graphql

from .small_schema import small_schema

SCHEMA = small_schema()
URL = "/api/graphql/"
GRAPHQL_RESPONSE = "application/graphql-response+json"


def errors_of(query: str, limits: QueryLimits | None = None) -> list[str]:
    rules = (*specified_rules, *limit_rules(limits or QueryLimits()))
    return [error.message for error in validate(SCHEMA, parse(query), rules)]


def nested_tree(depth: int) -> str:
    """A query whose deepest field is ``depth`` levels down."""
    return "{ tree " + "{ child " * (depth - 2) + "{ name }" + " }" * (depth - 2) + " }"


@pytest.fixture(autouse=True)
def fresh_document_cache():
    document_cache.clear()
    yield
    document_cache.clear()


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(GraphQLHTTPView, "schema", SCHEMA)


def post(client, query: str, **headers):
    return graphql.post_body(
        json.dumps({"query": query}), client=client, accept=headers.get("accept", GRAPHQL_RESPONSE)
    )


# --- Depth -------------------------------------------------------------------------------------


def test_query_at_the_depth_limit_is_valid():
    assert errors_of(nested_tree(10)) == []


def test_query_nested_20_levels_deep_is_rejected_with_its_depth():
    assert errors_of(nested_tree(20)) == ["Query depth 20 exceeds the limit of 10."]


def test_depth_follows_fragments():
    query = """
        { tree { ...Deep } }
        fragment Deep on Tree { child { child { ...Deeper } } }
        fragment Deeper on Tree { child { child { name } } }
    """
    assert errors_of(query, QueryLimits(max_depth=5)) == ["Query depth 6 exceeds the limit of 5."]
    assert errors_of(query, QueryLimits(max_depth=6)) == []


def test_fragment_cycle_is_reported_by_the_spec_rule_and_does_not_hang_the_limits():
    query = """
        { tree { ...A } }
        fragment A on Tree { child { ...B } }
        fragment B on Tree { child { ...A } }
    """
    assert errors_of(query) == ["Cannot spread fragment 'A' within itself via 'B'."]


def test_introspection_fields_do_not_count_towards_depth():
    introspection = "{ __schema { types { fields { type { ofType { ofType { name } } } } } } }"
    assert errors_of(introspection, QueryLimits(max_depth=2, introspection=True)) == []


# --- Root fields and aliases -------------------------------------------------------------------


def test_eleven_root_fields_are_rejected():
    query = "{ " + " ".join(f"f{i}: __typename" for i in range(11)) + " }"
    assert errors_of(query) == ["Root field count 11 exceeds the limit of 10."]


def test_root_fields_in_fragments_are_counted():
    five = " ".join(f"{letter}: __typename" for letter in "abcde")
    query = "{ ...Five ...Five tree { name } } fragment Five on Query { " + five + " }"
    assert errors_of(query) == ["Root field count 11 exceeds the limit of 10."]


def test_one_thousand_aliases_are_rejected():
    query = "{ tree { " + " ".join(f"a{i}: name" for i in range(1000)) + " } }"
    assert errors_of(query) == ["Alias count 1000 exceeds the limit of 30."]


def test_aliases_are_counted_once_per_fragment_spread():
    fragment = "fragment Names on Tree { " + " ".join(f"n{i}: name" for i in range(10)) + " }"
    three_spreads = "{ tree { ...Names child { ...Names child { ...Names } } } } " + fragment
    assert errors_of(three_spreads) == []
    four_spreads = (
        "{ tree { ...Names child { ...Names child { ...Names child { ...Names } } } } } " + fragment
    )
    assert errors_of(four_spreads) == ["Alias count 40 exceeds the limit of 30."]


# --- Page size and cost ----------------------------------------------------------------------


def test_first_above_the_page_size_limit_is_rejected():
    assert errors_of("{ toolboxes(first: 10000) { title } }") == [
        "Argument 'first' of field 'toolboxes' must be between 1 and 100; got 10000."
    ]


def test_negative_first_is_rejected():
    assert errors_of("{ items(first: -1) { totalCount } }") == [
        "Argument 'first' of field 'items' must be between 1 and 100; got -1."
    ]


def test_cost_multiplies_by_first_and_by_the_default_list_size():
    # toolboxes: 1 + 5 * (title 1 + modules (1 + 100 * (title 1 + body (1 + 100 * id 1))))
    query = "{ toolboxes(first: 5) { title modules { title body { id } } } }"
    assert errors_of(query, QueryLimits(max_cost=51_011, default_list_size=100)) == []
    assert errors_of(query, QueryLimits(max_cost=51_010, default_list_size=100)) == [
        "Query cost 51011 exceeds the limit of 51010. Ask for fewer items per list (first) "
        "or fewer nested lists."
    ]


def test_declared_list_size_replaces_the_default():
    # toolboxes: 1 + 5 * (modules (1 + 3 * (body (1 + 100 * id 1))))
    query = "{ toolboxes(first: 5) { modules { body { id } } } }"
    three = QueryLimits(list_sizes=(("Toolbox.modules", 3),), default_list_size=100, max_cost=1_531)
    four = QueryLimits(list_sizes=(("Toolbox.modules", 4),), default_list_size=100, max_cost=1_531)
    assert errors_of(query, three) == []
    assert errors_of(query, four) != []


def test_connection_passes_its_page_size_to_its_edges():
    # items: 1 + totalCount 1 + edges (1 + 10 * (node (1 + name 1)))
    query = "{ items(first: 10) { totalCount edges { node { name } } } }"
    assert errors_of(query, QueryLimits(max_cost=23)) == []
    assert errors_of(query, QueryLimits(max_cost=22)) == [
        "Query cost 23 exceeds the limit of 22. Ask for fewer items per list (first) or fewer "
        "nested lists."
    ]


def test_page_size_from_a_variable_counts_its_default_or_the_maximum():
    with_default = "query ($n: Int = 7) { items(first: $n) { edges { node { name } } } }"
    without_default = "query ($n: Int) { items(first: $n) { edges { node { name } } } }"
    # 1 + edges (1 + n * 2)
    assert errors_of(with_default, QueryLimits(max_cost=16)) == []
    assert errors_of(with_default, QueryLimits(max_cost=15)) != []
    assert errors_of(without_default, QueryLimits(max_cost=202)) == []
    assert errors_of(without_default, QueryLimits(max_cost=201)) != []


def test_page_size_argument_not_given_counts_the_default_page_size():
    # 1 + edges (1 + 20 * 2)
    query = "{ items { edges { node { name } } } }"
    assert errors_of(query, QueryLimits(max_cost=42)) == []
    assert errors_of(query, QueryLimits(max_cost=41)) != []


def test_cost_follows_fragments_like_inline_selections():
    inline = "{ toolboxes(first: 2) { modules { body { id text } } } }"
    spread = (
        "{ toolboxes(first: 2) { ...M } } fragment M on Toolbox { modules { body { id text } } }"
    )
    # 1 + 2 * (1 + 100 * (1 + 100 * 2))
    limits = QueryLimits(max_cost=40_203, default_list_size=100)
    assert errors_of(inline, limits) == errors_of(spread, limits) == []
    tighter = QueryLimits(max_cost=40_202, default_list_size=100)
    assert errors_of(inline, tighter) == errors_of(spread, tighter) != []


def test_only_the_costliest_type_specific_fragment_counts():
    # modules: 1 + 10 * (body (1 + 10 * (id 1 + max(level 1, items (1 + 10 * name 1)))))
    query = """{ toolboxes(first: 1) { modules { body {
        id ... on HeadingBlock { level } ... on ListBlock { items { name } }
    } } } }"""
    assert errors_of(query, QueryLimits(max_cost=1_212, default_list_size=10)) == []
    assert errors_of(query, QueryLimits(max_cost=1_211, default_list_size=10)) != []


def test_fragments_on_the_same_type_add_up():
    query = """{ toolboxes(first: 1) { modules { body {
        ... on ListBlock { items { name } } ... on ListBlock { id }
    } } } }"""
    # modules: 1 + 10 * (body (1 + 10 * (items (1 + 10 * 1) + id 1)))
    assert errors_of(query, QueryLimits(max_cost=1_212, default_list_size=10)) == []
    assert errors_of(query, QueryLimits(max_cost=1_211, default_list_size=10)) != []


def test_lists_of_lists_of_lists_exceed_the_cost_limit_of_the_settings():
    # 1 + 100 toolboxes * (1 + 100 modules * (1 + 50 blocks * 2))
    query = "{ toolboxes(first: 100) { modules { body { id text } } } }"
    assert errors_of(query, QueryLimits.from_settings()) == [
        "Query cost 1010101 exceeds the limit of 1000000. Ask for fewer items per list "
        "(first) or fewer nested lists."
    ]


def test_declared_list_sizes_name_list_fields_of_the_schema():
    from django.conf import settings
    from graphql import get_nullable_type, is_list_type

    from api.graphql.schema import schema

    for key in settings.API_GRAPHQL_LIST_SIZES:
        type_name, field_name = key.split(".")
        graphql_type = schema.graphql_schema.get_type(type_name)
        assert graphql_type is not None, f"API_GRAPHQL_LIST_SIZES: no type {type_name}"
        field = graphql_type.fields.get(field_name)
        assert field is not None, f"API_GRAPHQL_LIST_SIZES: no field {key}"
        assert is_list_type(get_nullable_type(field.type)), f"{key} is not a list"


# --- Operations and introspection ------------------------------------------------------------


def test_mutation_and_subscription_are_rejected_as_read_only():
    assert errors_of("mutation { greeting }") == [
        "This API is read-only: mutation operations are not supported. Send a query."
    ]
    assert errors_of("subscription { greeting }") == [
        "This API is read-only: subscription operations are not supported. Send a query."
    ]


def test_introspection_is_rejected_unless_enabled():
    assert errors_of('{ __type(name: "Tree") { name } }') == [
        "Introspection is disabled on this server: '__type' cannot be queried. The schema is "
        "published with the API documentation."
    ]
    assert errors_of('{ __type(name: "Tree") { name } }', QueryLimits(introspection=True)) == []
    assert errors_of("{ __typename }") == []


def test_a_document_within_the_limits_gets_the_specification_rules_errors():
    assert errors_of("{ unknownField }") == ["Cannot query field 'unknownField' on type 'Query'."]


# --- Through the endpoint ----------------------------------------------------------------------


def test_endpoint_rejects_deep_query_with_400_and_the_limit_code(client, small):
    response = post(client, nested_tree(20))
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "Query depth 20 exceeds the limit of 10.",
                "extensions": {"code": "QUERY_LIMIT_EXCEEDED", "limit": "depth"},
            }
        ]
    }


def test_endpoint_rejects_deep_query_with_200_for_legacy_json_clients(client, small):
    response = post(client, nested_tree(20), accept="application/json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["errors"][0]["message"] == "Query depth 20 exceeds the limit of 10."
    assert "data" not in response.json()


def test_endpoint_stops_one_thousand_aliases_at_the_parser_token_limit(client):
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(1000)) + " }"
    response = post(client, query)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "Syntax Error: Document contains more than 1000 tokens. Parsing aborted."
    )


@override_settings(API_GRAPHQL_MAX_TOKENS=10_000)
def test_endpoint_rejects_one_thousand_aliases_on_the_real_schema(client):
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(1000)) + " }"
    response = post(client, query)
    assert response.status_code == 400
    assert [error["message"] for error in response.json()["errors"]] == [
        "Root field count 1000 exceeds the limit of 10.",
        "Alias count 1000 exceeds the limit of 30.",
    ]


def test_endpoint_rejects_costly_query(client, small):
    response = post(client, "{ toolboxes(first: 100) { modules { body { id text } } } }")
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {
        "code": "QUERY_LIMIT_EXCEEDED",
        "limit": "cost",
    }


def test_one_megabyte_query_is_rejected_with_413_before_parsing(client, monkeypatch):
    def parse_must_not_run(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr(graphql_checking, "parse", parse_must_not_run)
    query = "{ " + "__typename " * 95_326 + "}"  # 1 MiB of query text
    response = post(client, query)
    assert response.status_code == 413
    body_size = len(json.dumps({"query": query}))
    assert response.json() == {
        "errors": [
            {
                "message": f"The request body of {body_size} bytes exceeds the limit of 65536 "
                "bytes.",
                "extensions": {"code": "PAYLOAD_TOO_LARGE"},
            }
        ]
    }


def test_body_declared_too_large_is_rejected_before_reading(client):
    response = client.generic(
        "POST",
        URL,
        b'{"query": "{ __typename }"}',
        content_type="application/json",
        HTTP_ACCEPT=GRAPHQL_RESPONSE,
        CONTENT_LENGTH="10000000",
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["message"] == (
        "The request body of 10000000 bytes exceeds the limit of 65536 bytes."
    )


def test_long_get_url_is_rejected_with_414(client):
    response = client.get(URL, {"query": "{ " + "__typename " * 7000 + "}"})
    assert response.status_code == 414
    assert response.json()["errors"][0]["extensions"] == {"code": "URI_TOO_LONG"}


def test_query_text_over_the_length_limit_is_rejected_before_parsing(client, monkeypatch):
    def parse_must_not_run(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr(graphql_checking, "parse", parse_must_not_run)
    query = "{ __typename }" + " " * 30_000
    response = post(client, query)
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "Query length 30014 exceeds the limit of 20000 characters.",
                "extensions": {"code": "QUERY_LIMIT_EXCEEDED", "limit": "queryLength"},
            }
        ]
    }


def test_too_many_tokens_are_rejected_by_the_parser(client):
    query = "{" + "a:__typename " * 1_100 + "}"  # 3,302 tokens in 15,402 characters
    response = post(client, query)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "Syntax Error: Document contains more than 1000 tokens. Parsing aborted."
    )
    assert response.json()["errors"][0]["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}


@override_settings(API_GRAPHQL_MAX_TOKENS=10)
def test_comments_are_limited_like_tokens(client):
    query = "{ __typename }" + "\n#" * 11
    response = post(client, query)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "Syntax Error: Document contains more than 10 comments. Parsing aborted."
    )


@override_settings(API_GRAPHQL_MAX_DEPTH=2)
def test_limits_come_from_settings_at_request_time(client, small):
    response = post(client, "{ tree { child { name } } }")
    assert response.json()["errors"][0]["message"] == "Query depth 3 exceeds the limit of 2."


# --- Refusals are cheap: the limits run first, on their own -------------------------------------


@pytest.fixture
def overlap_rule_runs(monkeypatch):
    """How many times the specification's quadratic overlap rule was started."""
    from graphql.validation.rules.overlapping_fields_can_be_merged import (
        OverlappingFieldsCanBeMergedRule,
    )

    started = []
    original = OverlappingFieldsCanBeMergedRule.__init__

    def counting(self, context):
        started.append(1)
        original(self, context)

    monkeypatch.setattr(OverlappingFieldsCanBeMergedRule, "__init__", counting)
    return started


REPEATED_FIELD_ERROR = {
    "errors": [
        {
            "message": "The field 'title' is selected 300 times in one selection set; the limit "
            "is 30.",
            "extensions": {"code": "QUERY_LIMIT_EXCEEDED", "limit": "repeatedFields"},
        }
    ]
}


@pytest.mark.django_db
def test_300_same_name_fields_are_refused_before_the_overlap_rule_and_without_sql(
    client, overlap_rule_runs, django_assert_num_queries
):
    query = "{ toolboxes { " + "title " * 300 + "} }"
    with django_assert_num_queries(0):
        response = post(client, query)

    assert response.status_code == 400
    assert response.json() == REPEATED_FIELD_ERROR
    assert overlap_rule_runs == []


@pytest.mark.django_db
def test_repeated_fields_are_counted_through_fragments_and_inline_fragments(
    client, overlap_rule_runs
):
    query = (
        "fragment T on Toolbox { title ... on Toolbox { title } } "
        "{ toolboxes { " + "...T " * 150 + "} }"
    )
    response = post(client, query)

    assert response.status_code == 400
    assert response.json() == REPEATED_FIELD_ERROR
    assert overlap_rule_runs == []


def test_a_name_repeated_up_to_the_limit_is_validated_as_usual(client, small, overlap_rule_runs):
    response = post(client, "{ toolboxes(first: 1) { " + "title " * 30 + "} }")

    assert response.status_code == 200
    assert overlap_rule_runs == [1]


@pytest.mark.django_db
def test_a_fragment_cycle_does_not_hang_the_repeated_field_walk(client):
    query = (
        "fragment A on Toolbox { title ...B } fragment B on Toolbox { title ...A } "
        "{ toolboxes { ...A } }"
    )
    response = post(client, query)

    assert response.status_code == 400
    assert [e["message"] for e in response.json()["errors"]] == [
        "Cannot spread fragment 'A' within itself via 'B'."
    ]
