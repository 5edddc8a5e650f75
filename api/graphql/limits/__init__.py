"""Validation rules that bound the work one GraphQL document can ask for.

They run on the parsed document in a pass of their own, *before* the GraphQL specification's
rules and before anything executes (``api.graphql.view``): each is linear in the document's
size (a fragment measured once, then counted per spread), so a document over a limit is
refused in a few milliseconds, before ``OverlappingFieldsCanBeMergedRule``, whose work grows
with the square of repeated fields, sees it. Each reports one clear error saying which limit
was exceeded, by how much, and with the ``QUERY_LIMIT_EXCEEDED`` code.

Depth, root fields, aliases and cost follow fragment spreads; a fragment cycle (reported by the
specification's ``NoFragmentCyclesRule``) counts as empty here, so no rule loops on it.
"""

from __future__ import annotations

from functools import lru_cache

from graphql import ASTValidationRule

from .base import (
    INTROSPECTION_FIELDS,
    PAGE_SIZE_ARGUMENTS,
    QUERY_LIMIT_EXCEEDED,
    LimitRule,
    QueryLimits,
    limit_error,
)
from .cost import CostLimitRule, PageSizeRule
from .operations import NoIntrospectionRule, ReadOnlyRule
from .shape import AliasLimitRule, DepthLimitRule, RootFieldLimitRule, repeated_field_error


@lru_cache(maxsize=16)
def limit_rules(limits: QueryLimits) -> tuple[type[ASTValidationRule], ...]:
    """The rules that enforce ``limits``. They run before ``graphql.specified_rules``, in a
    pass of their own (``api.graphql.view``): each is linear in the document, so a document
    over a limit is refused before the specification's costlier rules see it."""
    rules: list[type[ASTValidationRule]] = [
        ReadOnlyRule,
        DepthLimitRule.configured(limits),
        RootFieldLimitRule.configured(limits),
        AliasLimitRule.configured(limits),
        PageSizeRule.configured(limits),
        CostLimitRule.configured(limits),
    ]
    if not limits.introspection:
        rules.append(NoIntrospectionRule)
    return tuple(rules)


__all__ = [
    "INTROSPECTION_FIELDS",
    "PAGE_SIZE_ARGUMENTS",
    "QUERY_LIMIT_EXCEEDED",
    "AliasLimitRule",
    "CostLimitRule",
    "DepthLimitRule",
    "LimitRule",
    "NoIntrospectionRule",
    "PageSizeRule",
    "QueryLimits",
    "ReadOnlyRule",
    "RootFieldLimitRule",
    "limit_error",
    "limit_rules",
    "repeated_field_error",
]
