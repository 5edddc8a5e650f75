"""What a GraphQL document may carry about its reader: a position, or text they typed.

A position (any input type built on ``PositionInput``, however deep it sits in an argument,
whether written in the query text or passed in variables) gives away where the reader is.
An operation that carries one is refused over GET (its URL would hold the coordinates, in
proxy logs and shared caches), and its answer over POST is ``no-store`` and never kept in the
response cache. Declaring a new position-carrying input type on ``PositionInput`` is all it
takes for these rules to follow.

Search text (the arguments in ``READER_TEXT_ARGUMENTS``) tells what the reader looks for, and
a preview token (``Query.preview``) is a credential whose answer is a draft: answers to a
document that holds either are never kept in the response cache, nor in part (kept subtrees),
nor by any cache downstream (``private, no-store``), and carry no surrogate keys.

A document that holds either in its own text (a literal rather than a variable) is also not
kept in the endpoint's cache of parsed documents, whose keys are query texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import graphene
from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLSchema,
    GraphQLType,
    ListValueNode,
    ObjectValueNode,
    TypeInfo,
    TypeInfoVisitor,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    get_named_type,
    type_from_ast,
    value_from_ast_untyped,
    visit,
)

# (type, field, argument), GraphQL names: arguments holding text a reader typed, or a preview
# token (whose answer is a draft).
READER_TEXT_ARGUMENTS = frozenset({("Query", "search", "text"), ("Query", "preview", "token")})
# Arguments that may only travel by POST, in a JSON body, like a position: a preview token
# opens a draft for an hour, and a URL ends up in logs, browser histories and shared caches.
POST_ONLY_ARGUMENTS = frozenset({("Query", "preview", "token")})


class PositionInput(graphene.InputObjectType):
    """Base of every input type that carries a reader's position (see the module's rules)."""

    class Meta:
        abstract = True


def is_position_type(type_: GraphQLType | None) -> bool:
    """A graphene type built on ``PositionInput``, or a graphql-core input type marked with
    ``extensions={"position": True}``."""
    if not isinstance(type_, GraphQLInputObjectType):
        return False
    if (type_.extensions or {}).get("position"):
        return True
    graphene_type = getattr(type_, "graphene_type", None)
    return isinstance(graphene_type, type) and issubclass(graphene_type, PositionInput)


@lru_cache(maxsize=64)
def _contains_position(type_: GraphQLNamedType) -> bool:
    return _reaches_position(type_, set())


def _reaches_position(type_: GraphQLNamedType, seen: set[str]) -> bool:
    if is_position_type(type_):
        return True
    if not isinstance(type_, GraphQLInputObjectType) or type_.name in seen:
        return False
    seen.add(type_.name)
    return any(_reaches_position(get_named_type(f.type), seen) for f in type_.fields.values())


def contains_position(type_: GraphQLInputType) -> bool:
    return _contains_position(get_named_type(type_))


def value_has_position(type_: GraphQLInputType, value: Any) -> bool:
    """Whether a variable's (JSON) value holds a non-null position somewhere."""
    if value is None:
        return False
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    if isinstance(type_, GraphQLList):
        items = value if isinstance(value, list) else [value]
        return any(value_has_position(type_.of_type, item) for item in items)
    if is_position_type(type_):
        return True
    if isinstance(type_, GraphQLInputObjectType) and isinstance(value, dict):
        return any(
            value_has_position(input_field.type, value.get(name))
            for name, input_field in type_.fields.items()
            if contains_position(input_field.type)
        )
    return False


@dataclass(frozen=True)
class ReaderData:
    """What one document can carry about its reader; found once per document."""

    # A position literal in the query text (in an argument or a variable's default).
    inline_position: bool = False
    # Variables whose type can hold a position: (name, type, default value).
    position_variables: tuple[tuple[str, GraphQLInputType, Any], ...] = field(default=())
    # The document searches (a reader text argument is present).
    reads_text: bool = False
    # Search text written in the query text.
    inline_text: bool = False
    # An argument of POST_ONLY_ARGUMENTS is present (a draft's preview token).
    post_only: bool = False

    def has_position(self, variables: dict[str, Any] | None) -> bool:
        if self.inline_position:
            return True
        variables = variables or {}
        return any(
            value_has_position(type_, variables.get(name, default))
            for name, type_, default in self.position_variables
        )

    def is_private(self, variables: dict[str, Any] | None) -> bool:
        """The answer must not be kept by any cache: it is about this reader."""
        return self.reads_text or self.has_position(variables)

    @property
    def in_text(self) -> bool:
        """The query text itself holds reader data: it must not become a cache key."""
        return self.inline_position or self.inline_text


class _ReaderDataVisitor(Visitor):
    def __init__(self, schema: GraphQLSchema, type_info: TypeInfo) -> None:
        super().__init__()
        self.schema = schema
        self.type_info = type_info
        self.inline_position = False
        self.position_variables: list[tuple[str, GraphQLInputType, Any]] = []
        self.reads_text = False
        self.inline_text = False
        self.post_only = False

    def enter_variable_definition(self, node: VariableDefinitionNode, *_: Any) -> None:
        type_ = type_from_ast(self.schema, node.type)
        if type_ is not None and contains_position(type_):  # type: ignore[arg-type]
            default = value_from_ast_untyped(node.default_value) if node.default_value else None
            self.position_variables.append((node.variable.name.value, type_, default))  # type: ignore[arg-type]

    def _enter_value(self, node: ObjectValueNode | ListValueNode) -> None:
        if is_position_type(get_named_type(self.type_info.get_input_type())):
            self.inline_position = True

    def enter_object_value(self, node: ObjectValueNode, *_: Any) -> None:
        self._enter_value(node)

    def enter_list_value(self, node: ListValueNode, *_: Any) -> None:
        if node.values:
            self._enter_value(node)

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        parent = self.type_info.get_parent_type()
        field_def = self.type_info.get_field_def()
        if parent is None or field_def is None:
            return
        field_name = next(
            (name for name, f in parent.fields.items() if f is field_def),  # type: ignore[union-attr]
            None,
        )
        if (parent.name, field_name, node.name.value) in POST_ONLY_ARGUMENTS:
            self.post_only = True
        if (parent.name, field_name, node.name.value) in READER_TEXT_ARGUMENTS:
            self.reads_text = True
            if not isinstance(node.value, VariableNode):
                self.inline_text = True


def reader_data(schema: GraphQLSchema, document: DocumentNode) -> ReaderData:
    """Find, in a validated document, what it may carry about its reader."""
    type_info = TypeInfo(schema)
    visitor = _ReaderDataVisitor(schema, type_info)
    visit(document, TypeInfoVisitor(type_info, visitor))
    return ReaderData(
        inline_position=visitor.inline_position,
        position_variables=tuple(visitor.position_variables),
        reads_text=visitor.reads_text,
        inline_text=visitor.inline_text,
        post_only=visitor.post_only,
    )
