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

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

from django.conf import settings
from graphql import (
    ArgumentNode,
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    ValidationContext,
    VariableNode,
    get_named_type,
    is_abstract_type,
    is_list_type,
    is_non_null_type,
)
from graphql.language import SKIP, VisitorAction

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


class DepthLimitRule(LimitRule):
    """The deepest field of an operation is at most ``max_depth`` levels down.

    ``{ a { b } }`` has depth 2. Introspection fields are not followed: graphql-core's own
    ``MaxIntrospectionDepthRule`` bounds them.
    """

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self._fragment_depths: dict[str, int] = {}
        self._in_progress: set[str] = set()

    def enter_operation_definition(
        self, node: OperationDefinitionNode, *_args: Any
    ) -> VisitorAction:
        depth = self._depth(node.selection_set)
        if depth > self.limits.max_depth:
            self.report_error(
                limit_error(
                    f"Query depth {depth} exceeds the limit of {self.limits.max_depth}.",
                    "depth",
                    node,
                )
            )
        return SKIP

    def _depth(self, selection_set: SelectionSetNode) -> int:
        deepest = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                depth = 1
                if selection.selection_set and selection.name.value not in INTROSPECTION_FIELDS:
                    depth += self._depth(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                depth = self._depth(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                depth = self._fragment_depth(selection.name.value)
            else:  # pragma: no cover - the parser knows only these three kinds
                depth = 0
            deepest = max(deepest, depth)
        return deepest

    def _fragment_depth(self, name: str) -> int:
        if name in self._fragment_depths:
            return self._fragment_depths[name]
        selection_set = self.fragment_selection_set(name)
        if selection_set is None or name in self._in_progress:
            return 0
        self._in_progress.add(name)
        depth = self._depth(selection_set)
        self._in_progress.discard(name)
        self._fragment_depths[name] = depth
        return depth


class RootFieldLimitRule(LimitRule):
    """An operation selects at most ``max_root_fields`` root fields (fragments included)."""

    def enter_operation_definition(
        self, node: OperationDefinitionNode, *_args: Any
    ) -> VisitorAction:
        count = self._count(node.selection_set, set())
        if count > self.limits.max_root_fields:
            self.report_error(
                limit_error(
                    f"Root field count {count} exceeds the limit of {self.limits.max_root_fields}.",
                    "rootFields",
                    node,
                )
            )
        return SKIP

    def _count(self, selection_set: SelectionSetNode, visiting: set[str]) -> int:
        count = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                count += 1
            elif isinstance(selection, InlineFragmentNode):
                count += self._count(selection.selection_set, visiting)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment_set = self.fragment_selection_set(name)
                if fragment_set is not None and name not in visiting:
                    count += self._count(fragment_set, visiting | {name})
        return count


class AliasLimitRule(LimitRule):
    """An operation uses at most ``max_aliases`` aliases, counting each fragment spread."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self._fragment_counts: dict[str, int] = {}
        self._in_progress: set[str] = set()

    def enter_operation_definition(
        self, node: OperationDefinitionNode, *_args: Any
    ) -> VisitorAction:
        count = self._count(node.selection_set)
        if count > self.limits.max_aliases:
            self.report_error(
                limit_error(
                    f"Alias count {count} exceeds the limit of {self.limits.max_aliases}.",
                    "aliases",
                    node,
                )
            )
        return SKIP

    def _count(self, selection_set: SelectionSetNode) -> int:
        count = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                count += selection.alias is not None
                if selection.selection_set:
                    count += self._count(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                count += self._count(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                count += self._fragment_count(selection.name.value)
        return count

    def _fragment_count(self, name: str) -> int:
        if name in self._fragment_counts:
            return self._fragment_counts[name]
        selection_set = self.fragment_selection_set(name)
        if selection_set is None or name in self._in_progress:
            return 0
        self._in_progress.add(name)
        count = self._count(selection_set)
        self._in_progress.discard(name)
        self._fragment_counts[name] = count
        return count


def repeated_field_error(document: DocumentNode, limits: QueryLimits) -> GraphQLError | None:
    """The first selection set that selects one response name more than
    ``max_repeated_fields`` times, counting the fields its inline fragments and fragment
    spreads bring to the same level; None when there is none.

    The specification's ``OverlappingFieldsCanBeMergedRule`` compares every pair of fields
    that share a response name in a selection set: 300 copies of ``title`` are 45,000
    comparisons. Queries over the 13 block types repeat a name (``text``, ``__typename``)
    once per type, far below the limit. A plain walk of the tree (no type information, each
    fragment counted once, a cycle counted as empty), so it runs first, before any
    validation: 990 copies are refused in about a millisecond after parsing.
    """
    fragments = {
        definition.name.value: definition.selection_set
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    fragment_names: dict[str, Counter[str]] = {}
    in_progress: set[str] = set()

    def names_of_fragment(name: str) -> Counter[str]:
        if name in fragment_names:
            return fragment_names[name]
        if name not in fragments or name in in_progress:
            return Counter()
        in_progress.add(name)
        names = names_of(fragments[name])
        in_progress.discard(name)
        fragment_names[name] = names
        return names

    def names_of(selection_set: SelectionSetNode) -> Counter[str]:
        names: Counter[str] = Counter()
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                names[(selection.alias or selection.name).value] += 1
            elif isinstance(selection, InlineFragmentNode):
                names.update(names_of(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                names.update(names_of_fragment(selection.name.value))
        return names

    pending = [
        definition.selection_set
        for definition in document.definitions
        if isinstance(definition, (OperationDefinitionNode, FragmentDefinitionNode))
    ]
    while pending:
        selection_set = pending.pop()
        names = names_of(selection_set)
        if names:
            name, count = names.most_common(1)[0]
            if count > limits.max_repeated_fields:
                return limit_error(
                    f"The field {name!r} is selected {count} times in one selection set; "
                    f"the limit is {limits.max_repeated_fields}.",
                    "repeatedFields",
                    selection_set,
                )
        for selection in selection_set.selections:
            if isinstance(selection, (FieldNode, InlineFragmentNode)) and selection.selection_set:
                pending.append(selection.selection_set)
    return None


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
