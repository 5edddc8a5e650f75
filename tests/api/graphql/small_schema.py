"""A small graphene schema for endpoint and limit tests, independent of the content schema.

It has what the rules care about: nested lists with and without a page size, a connection,
an interface with two implementations, a recursive object, a field that fails on purpose and
one that fails by accident.
"""

import graphene
from graphql import GraphQLSchema

from api.graphql.errors import BadInput


class Block(graphene.Interface):
    id = graphene.ID()
    text = graphene.String()


class HeadingBlock(graphene.ObjectType):
    class Meta:
        interfaces = (Block,)

    level = graphene.Int()


class ListBlock(graphene.ObjectType):
    class Meta:
        interfaces = (Block,)

    items = graphene.List(lambda: Item)


class Module(graphene.ObjectType):
    title = graphene.String()
    body = graphene.List(graphene.NonNull(Block))


class Toolbox(graphene.ObjectType):
    title = graphene.String()
    modules = graphene.NonNull(graphene.List(graphene.NonNull(Module)))


class Item(graphene.ObjectType):
    name = graphene.String()


class ItemEdge(graphene.ObjectType):
    cursor = graphene.String()
    node = graphene.Field(Item)


class ItemConnection(graphene.ObjectType):
    total_count = graphene.Int()
    edges = graphene.List(ItemEdge)


class Tree(graphene.ObjectType):
    name = graphene.String()
    child = graphene.Field(lambda: Tree)


class Query(graphene.ObjectType):
    toolboxes = graphene.List(Toolbox, first=graphene.Int())
    items = graphene.Field(ItemConnection, first=graphene.Int())
    tree = graphene.Field(Tree)
    greeting = graphene.String(name=graphene.String())
    needs_locale = graphene.String(locale=graphene.String())
    broken = graphene.String(text=graphene.String())

    def resolve_toolboxes(self, info, first=None):
        return [{"title": "Safe spaces", "modules": [{"title": "One", "body": []}]}]

    def resolve_tree(self, info):
        return {"name": "root", "child": {"name": "leaf"}}

    def resolve_greeting(self, info, name="world"):
        return f"Hello, {name}"

    def resolve_needs_locale(self, info, locale=None):
        raise BadInput(f"Unknown locale {locale!r}.", "locale")

    def resolve_broken(self, info, text="nothing"):
        # Like an ORM error quoting what the client sent.
        raise RuntimeError(f"no row matches name = '{text}'")


def small_schema() -> GraphQLSchema:
    return graphene.Schema(query=Query, types=[HeadingBlock, ListBlock]).graphql_schema
