"""A document's checks before it may run: its length, its text, the limits and the
specification's rules. The endpoint runs them on every new query text; registering persisted
documents runs the same ones (``api.graphql.persisted``)."""

from __future__ import annotations

from django.conf import settings
from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse, specified_rules, validate

from api.graphql.limits import QueryLimits, limit_rules, repeated_field_error
from api.graphql.protocol import check_string_values


class DocumentRefused(Exception):
    """A document that may not run: the errors to answer with, and their default code."""

    def __init__(self, errors: list[GraphQLError], code: str | None = None) -> None:
        super().__init__(errors[0].message)
        self.errors = errors
        self.code = code


def check_length(query: str) -> None:
    max_length = settings.API_GRAPHQL_MAX_QUERY_LENGTH
    if len(query) > max_length:
        raise DocumentRefused(
            [
                GraphQLError(
                    f"Query length {len(query)} exceeds the limit of {max_length} characters.",
                    extensions={"code": "QUERY_LIMIT_EXCEEDED", "limit": "queryLength"},
                )
            ]
        )


def parse_document(query: str) -> DocumentNode:
    """Parse within the token limit; text that can't be stored is a RequestRejected (400)."""
    try:
        document = parse(
            query,
            no_location=True,
            max_lexical_tokens=settings.API_GRAPHQL_MAX_TOKENS,
            max_comments=settings.API_GRAPHQL_MAX_TOKENS,
        )
    except GraphQLError as error:
        raise DocumentRefused([error], "GRAPHQL_PARSE_FAILED") from None
    check_string_values(document)
    return document


def validate_document(schema: GraphQLSchema, document: DocumentNode, limits: QueryLimits) -> None:
    """The limits first, in linear passes of their own (repeated fields in a plain walk, then
    the limit rules): a document over a limit is refused before the specification's rules (one
    of them quadratic) run on it."""
    repeated = repeated_field_error(document, limits)
    errors = (
        [repeated]
        if repeated is not None
        else validate(schema, document, limit_rules(limits))
        or validate(schema, document, specified_rules)
    )
    if errors:
        raise DocumentRefused(list(errors), "GRAPHQL_VALIDATION_FAILED")
