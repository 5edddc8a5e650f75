"""Limits of a document's shape: depth, root fields, aliases and same-name fields, each
measured in one linear pass (a fragment once, then counted per spread)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
)
from graphql.language import SKIP, VisitorAction

from .base import INTROSPECTION_FIELDS, LimitRule, QueryLimits, limit_error


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
