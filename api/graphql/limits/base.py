"""What every limit shares: the limits of a request (``QueryLimits``), the error a refusal
carries, and the base of the rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from graphql import (
    ASTValidationRule,
    GraphQLError,
    SelectionSetNode,
    ValidationContext,
)

QUERY_LIMIT_EXCEEDED = "QUERY_LIMIT_EXCEEDED"
PAGE_SIZE_ARGUMENTS = ("first", "last")
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


@dataclass(frozen=True)
class QueryLimits:
    """The limits one request is validated against; ``from_settings()`` reads the settings."""

    max_depth: int = 10
    max_root_fields: int = 10
    max_aliases: int = 30
    max_repeated_fields: int = 30
    max_cost: int = 1_000_000
    max_page_size: int = 100
    default_page_size: int = 20
    default_list_size: int = 20
    # ("TypeName.fieldName", size) pairs: the expected size of lists that take no page size.
    list_sizes: tuple[tuple[str, int], ...] = field(default=())
    introspection: bool = False

    @classmethod
    def from_settings(cls) -> QueryLimits:
        return cls(
            max_depth=settings.API_GRAPHQL_MAX_DEPTH,
            max_root_fields=settings.API_GRAPHQL_MAX_ROOT_FIELDS,
            max_aliases=settings.API_GRAPHQL_MAX_ALIASES,
            max_repeated_fields=settings.API_GRAPHQL_MAX_REPEATED_FIELDS,
            max_cost=settings.API_GRAPHQL_MAX_COST,
            max_page_size=settings.API_PAGE_SIZE_MAX,
            default_page_size=settings.API_PAGE_SIZE_DEFAULT,
            default_list_size=settings.API_GRAPHQL_DEFAULT_LIST_SIZE,
            list_sizes=tuple(sorted(settings.API_GRAPHQL_LIST_SIZES.items())),
            introspection=settings.DEBUG or settings.API_GRAPHQL_INTROSPECTION,
        )

    def list_size(self, type_name: str, field_name: str) -> int:
        """The expected length of a list field that takes no page-size argument."""
        return dict(self.list_sizes).get(f"{type_name}.{field_name}", self.default_list_size)


def limit_error(message: str, limit: str, node: Any = None) -> GraphQLError:
    return GraphQLError(message, node, extensions={"code": QUERY_LIMIT_EXCEEDED, "limit": limit})


class LimitRule(ASTValidationRule):
    """A validation rule configured by a ``QueryLimits``; ``configured()`` binds one."""

    limits: ClassVar[QueryLimits] = QueryLimits()

    @classmethod
    def configured(cls, limits: QueryLimits) -> type[LimitRule]:
        return type(cls.__name__, (cls,), {"limits": limits, "__doc__": cls.__doc__})

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.context: ValidationContext = context

    def fragment_selection_set(self, name: str) -> SelectionSetNode | None:
        fragment = self.context.get_fragment(name)
        return fragment.selection_set if fragment else None
