"""Rules on what an operation may be: a query (no mutation or subscription), and no
introspection unless the settings allow it."""

from __future__ import annotations

from typing import Any

from graphql import (
    ASTValidationRule,
    FieldNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
)
from graphql.language import SKIP, VisitorAction

from .base import INTROSPECTION_FIELDS


class ReadOnlyRule(ASTValidationRule):
    """Only queries: the API has no mutations and no subscriptions."""

    def enter_operation_definition(
        self, node: OperationDefinitionNode, *_args: Any
    ) -> VisitorAction:
        if node.operation is not OperationType.QUERY:
            self.report_error(
                GraphQLError(
                    f"This API is read-only: {node.operation.value} operations are not "
                    "supported. Send a query.",
                    node,
                    extensions={"code": "OPERATION_NOT_SUPPORTED"},
                )
            )
        return SKIP


class NoIntrospectionRule(ASTValidationRule):
    """``__schema`` and ``__type`` are refused; ``__typename`` stays allowed."""

    def enter_field(self, node: FieldNode, *_args: Any) -> VisitorAction:
        if node.name.value in INTROSPECTION_FIELDS:
            self.report_error(
                GraphQLError(
                    f"Introspection is disabled on this server: '{node.name.value}' cannot "
                    "be queried. The schema is published with the API documentation.",
                    node,
                    extensions={"code": "INTROSPECTION_DISABLED"},
                )
            )
            return SKIP
        return None
