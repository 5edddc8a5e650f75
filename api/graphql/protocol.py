"""The GraphQL-over-HTTP protocol of the endpoint: a request's parameters, how a request is
refused before any GraphQL work, and how errors reach the client."""

from __future__ import annotations

import json
import logging
import traceback
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLError,
    StringValueNode,
    Visitor,
    visit,
)

from cms.core.bad_bytes import MESSAGE as BAD_TEXT_MESSAGE
from cms.core.bad_bytes import has_bad_characters

logger = logging.getLogger("api.graphql.view")

INTERNAL_ERROR: dict[str, Any] = {
    "message": "Internal error",
    "extensions": {"code": "INTERNAL_SERVER_ERROR"},
}


class RequestRejected(Exception):
    """A request refused before any GraphQL work, with its status code and message."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str = "BAD_REQUEST",
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = headers or {}


@dataclass(frozen=True)
class GraphQLParams:
    """The parameters of a well-formed GraphQL-over-HTTP request."""

    query: str
    operation_name: str | None
    variables: dict[str, Any] | None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def load_json(text: str | bytes, what: str) -> Any:
    """Decode JSON strictly (no NaN or Infinity), turning every failure into a 400."""
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return json.loads(text, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise RequestRejected(400, f"The {what} is not valid UTF-8.") from None
    except json.JSONDecodeError as error:
        raise RequestRejected(
            400,
            f"The {what} is not valid JSON: {error.msg} (line {error.lineno}, "
            f"column {error.colno}).",
        ) from None
    except ValueError as error:
        raise RequestRejected(400, f"The {what} is not valid JSON: {error}.") from None
    except RecursionError:
        raise RequestRejected(400, f"The {what} is nested too deeply.") from None


def graphql_params(data: Any, variables_description: str = "variables") -> GraphQLParams:
    """Check the shape of the request parameters (a decoded JSON body or the URL's)."""
    if isinstance(data, list):
        raise RequestRejected(
            400, "Batching is not supported: send one GraphQL request per HTTP request."
        )
    if not isinstance(data, dict):
        raise RequestRejected(400, "The request body must be a JSON object with a 'query' string.")
    query = data.get("query")
    if query is None:
        raise RequestRejected(400, "The 'query' parameter is required.")
    if not isinstance(query, str):
        raise RequestRejected(400, "The 'query' parameter must be a string.")
    operation_name = data.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise RequestRejected(400, "The 'operationName' parameter must be a string or null.")
    variables = data.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise RequestRejected(
            400, f"The '{variables_description}' parameter must be a JSON object or null."
        )
    extensions = data.get("extensions")
    if extensions is not None and not isinstance(extensions, dict):
        raise RequestRejected(400, "The 'extensions' parameter must be a JSON object or null.")
    for name, value in (
        ("query", query),
        ("operationName", operation_name),
        (variables_description, variables),
    ):
        if has_bad_characters(value):
            raise RequestRejected(400, BAD_TEXT_MESSAGE.format(where=f"'{name}' parameter"))
    return GraphQLParams(query=query, operation_name=operation_name or None, variables=variables)


def check_string_values(document: DocumentNode) -> None:
    """Refuse a string literal holding a NUL character (GraphQL's ``"\\u0000"``): no database
    can look it up. The lexer already refuses lone surrogate escapes."""

    class StringValues(Visitor):
        def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
            if has_bad_characters(node.value):
                raise RequestRejected(400, BAD_TEXT_MESSAGE.format(where="query text"))

    visit(document, StringValues())


def log_internal_error(error: BaseException, where: str) -> None:
    """Log a bug: the exception's class and stack only.

    Its message may quote request data (search text, coordinates, ORM parameters), which
    must not reach the logs.
    """
    logger.error(
        "Internal error in %s: %s\n%s",
        where,
        type(error).__name__,
        "".join(traceback.format_tb(error.__traceback__)).rstrip(),
    )


def format_error(error: GraphQLError, default_code: str | None = None) -> dict[str, Any]:
    """The error as the client sees it: its own message, or "Internal error" for a bug."""
    original = error.original_error
    if original is not None and not isinstance(original, GraphQLError):
        node = error.nodes[0] if error.nodes else None
        field_name = getattr(getattr(node, "name", None), "value", "?")
        log_internal_error(original, f"field {field_name}")
        formatted: dict[str, Any] = {"message": INTERNAL_ERROR["message"]}
        if error.locations:
            formatted["locations"] = [location.formatted for location in error.locations]
        if error.path is not None:
            formatted["path"] = error.path
        formatted["extensions"] = dict(INTERNAL_ERROR["extensions"])
        return formatted
    formatted = dict(error.formatted)
    extensions = dict(formatted.get("extensions") or {})
    if default_code and "code" not in extensions:
        extensions["code"] = default_code
    if extensions:
        formatted["extensions"] = extensions
    return formatted
