"""Limits of the work a document asks for: the page size of a list, and its cost (fields
times the expected sizes of the lists they sit in)."""

from __future__ import annotations

from typing import Any

from graphql import (
    ArgumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    VariableNode,
    get_named_type,
    is_abstract_type,
    is_list_type,
    is_non_null_type,
)
from graphql.language import SKIP, VisitorAction

from .base import PAGE_SIZE_ARGUMENTS, LimitRule, limit_error


class PageSizeRule(LimitRule):
    """A literal ``first``/``last`` argument is between 1 and ``max_page_size``.

    Values passed in variables are only known at execution: resolvers check those.
    """

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        field_def = self.context.get_field_def()
        if field_def is None:
            return
        for argument in node.arguments:
            name = argument.name.value
            if name not in PAGE_SIZE_ARGUMENTS or name not in field_def.args:
                continue
            if not isinstance(argument.value, IntValueNode):
                continue
            value = int(argument.value.value)
            if not 1 <= value <= self.limits.max_page_size:
                self.report_error(
                    GraphQLError(
                        f"Argument '{name}' of field '{node.name.value}' must be between 1 "
                        f"and {self.limits.max_page_size}; got {value}.",
                        argument,
                        extensions={"code": "BAD_USER_INPUT", "argument": name},
                    )
                )


class CostLimitRule(LimitRule):
    """The estimated number of resolved fields of an operation is at most ``max_cost``.

    Every field costs 1. A field returning a list multiplies the cost of its selection by the
    number of items it may return: its ``first``/``last`` argument when given (a variable
    counts as its default, or as the largest page size), the argument's default when the
    field takes one, else the declared size of that list (``API_GRAPHQL_LIST_SIZES``, falling
    back to ``API_GRAPHQL_DEFAULT_LIST_SIZE``). A field that takes a page size but returns a
    single object (a connection) passes its page size on to the lists directly below it
    (``edges``, ``nodes``).
    """

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self._fragment_costs: dict[tuple[str, int | None], int] = {}
        self._in_progress: set[str] = set()
        self._variable_defaults: dict[str, int | None] = {}

    def enter_operation_definition(
        self, node: OperationDefinitionNode, *_args: Any
    ) -> VisitorAction:
        self._fragment_costs = {}
        self._variable_defaults = {
            definition.variable.name.value: (
                int(definition.default_value.value)
                if isinstance(definition.default_value, IntValueNode)
                else None
            )
            for definition in node.variable_definitions or ()
        }
        root_type = self.context.schema.get_root_type(node.operation)
        cost = self._selection_cost(node.selection_set, root_type, None)
        if cost > self.limits.max_cost:
            self.report_error(
                limit_error(
                    f"Query cost {cost} exceeds the limit of {self.limits.max_cost}. "
                    "Ask for fewer items per list (first) or fewer nested lists.",
                    "cost",
                    node,
                )
            )
        return SKIP

    def _selection_cost(
        self,
        selection_set: SelectionSetNode,
        parent_type: GraphQLNamedType | None,
        page_size: int | None,
    ) -> int:
        """Fields add up; of the fragments narrowing an abstract type to one object type each
        (``... on HeadingBlock``), only the costliest counts, since each item is of one type."""
        schema = self.context.schema
        cost = 0
        narrowed: dict[str, int] = {}
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                cost += self._field_cost(selection, parent_type, page_size)
                continue
            if isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                fragment_type = schema.get_type(condition.name.value) if condition else None
                fragment_cost = self._selection_cost(
                    selection.selection_set, fragment_type or parent_type, page_size
                )
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.context.get_fragment(selection.name.value)
                fragment_type = (
                    schema.get_type(fragment.type_condition.name.value) if fragment else None
                )
                fragment_cost = self._fragment_cost(selection.name.value, page_size)
            else:  # pragma: no cover - the parser knows only these three kinds
                continue
            if (
                isinstance(fragment_type, GraphQLObjectType)
                and isinstance(parent_type, GraphQLNamedType)
                and is_abstract_type(parent_type)
            ):
                narrowed[fragment_type.name] = narrowed.get(fragment_type.name, 0) + fragment_cost
            else:
                cost += fragment_cost
        return cost + max(narrowed.values(), default=0)

    def _fragment_cost(self, name: str, page_size: int | None) -> int:
        key = (name, page_size)
        if key in self._fragment_costs:
            return self._fragment_costs[key]
        fragment = self.context.get_fragment(name)
        if fragment is None or name in self._in_progress:
            return 0
        self._in_progress.add(name)
        fragment_type = self.context.schema.get_type(fragment.type_condition.name.value)
        cost = self._selection_cost(fragment.selection_set, fragment_type, page_size)
        self._in_progress.discard(name)
        self._fragment_costs[key] = cost
        return cost

    def _field_cost(
        self, node: FieldNode, parent_type: GraphQLNamedType | None, page_size: int | None
    ) -> int:
        if node.selection_set is None or node.name.value.startswith("__"):
            return 1
        if not isinstance(parent_type, GraphQLObjectType | GraphQLInterfaceType):
            return 1
        field_def = parent_type.fields.get(node.name.value)
        if field_def is None:
            return 1  # reported by the specification's FieldsOnCorrectTypeRule
        requested = self._requested_page_size(node, field_def.args)
        field_type = field_def.type
        if is_non_null_type(field_type):
            field_type = field_type.of_type
        named_type = get_named_type(field_type)
        if is_list_type(field_type):
            if requested is not None:
                items = requested
            elif page_size is not None:
                items = page_size
            else:
                items = self.limits.list_size(parent_type.name, node.name.value)
            return 1 + items * self._selection_cost(node.selection_set, named_type, None)
        return 1 + self._selection_cost(node.selection_set, named_type, requested)

    def _requested_page_size(self, node: FieldNode, args: dict[str, Any]) -> int | None:
        """The number of items the field is asked for, or None if it takes no page size."""
        given: dict[str, ArgumentNode] = {
            argument.name.value: argument for argument in node.arguments
        }
        sizes: list[int] = []
        for name in PAGE_SIZE_ARGUMENTS:
            if name not in args:
                continue
            argument = given.get(name)
            if argument is None:
                default = args[name].default_value
                sizes.append(default if isinstance(default, int) else self.limits.default_page_size)
            elif isinstance(argument.value, IntValueNode):
                sizes.append(int(argument.value.value))
            elif isinstance(argument.value, VariableNode):
                default = self._variable_defaults.get(argument.value.name.value)
                sizes.append(default if default is not None else self.limits.max_page_size)
        if not sizes:
            return None
        return min(max(max(sizes), 0), self.limits.max_page_size)
