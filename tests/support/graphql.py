"""The test suite's one GraphQL client.

Over HTTP, as an app sends a query (:func:`post`, :func:`get`, :func:`post_body`, and
:func:`payload` / :func:`data` for the parsed answer), or in process, as the view executes one
(:func:`execute`, :func:`execute_data`): the request is the context, with its per-request cache.

The live-server fault tests talk to a real gunicorn over a socket and keep their own transport
(``tests/faults/stack.py``).
"""

from __future__ import annotations

import json
from typing import Any

from django.test import Client, RequestFactory
from graphql import ExecutionResult

URL = "/api/graphql/"
JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"


def _headers(key: str | None, accept: str | None, headers: dict[str, Any]) -> dict[str, Any]:
    extra = dict(headers)
    if accept is not None:
        extra["HTTP_ACCEPT"] = accept
    if key is not None:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return extra


def post(
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    client: Client | None = None,
    key: str | None = None,
    accept: str | None = JSON,
    operation_name: str | None = None,
    **headers: Any,
) -> Any:
    """POST a JSON body, as an app does; ``variables`` is sent as given (``None`` included)."""
    body: dict[str, Any] = {"query": query, "variables": variables}
    if operation_name is not None:
        body["operationName"] = operation_name
    return post_body(json.dumps(body), client=client, key=key, accept=accept, **headers)


def post_body(
    body: str | bytes,
    content_type: str = JSON,
    *,
    client: Client | None = None,
    key: str | None = None,
    accept: str | None = JSON,
    **headers: Any,
) -> Any:
    """POST a raw body (malformed JSON, another content type, bad bytes)."""
    return (client or Client()).post(
        URL, data=body, content_type=content_type, **_headers(key, accept, headers)
    )


def get(
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    client: Client | None = None,
    key: str | None = None,
    accept: str | None = JSON,
    **headers: Any,
) -> Any:
    """GET with the query (and the variables, as JSON) in the query string."""
    params = {"query": query}
    if variables is not None:
        params["variables"] = json.dumps(variables)
    return (client or Client()).get(URL, params, **_headers(key, accept, headers))


def payload(query: str, variables: dict[str, Any] | None = None, status: int = 200) -> Any:
    """The parsed answer to a POST (errors included), after checking its status."""
    response = post(query, variables or {})
    assert response.status_code == status, response.content
    return response.json()


def data(query: str, variables: dict[str, Any] | None = None) -> Any:
    """The ``data`` of a query that must succeed without errors."""
    body = payload(query, variables)
    assert "errors" not in body, body
    return body["data"]


def execute(query: str, variables: dict[str, Any] | None = None) -> ExecutionResult:
    """Execute in process, as the view does: the request is the context, with its cache."""
    from api.graphql.schema import schema

    request = RequestFactory().post(URL)
    request.api_cache = {}  # type: ignore[attr-defined]  # the view's per-request cache
    return schema.execute(query, variable_values=variables or {}, context_value=request)


def execute_data(query: str, variables: dict[str, Any] | None = None) -> Any:
    """The ``data`` of an in-process execution that must succeed without errors."""
    result = execute(query, variables)
    assert result.errors is None, result.errors
    return result.data
