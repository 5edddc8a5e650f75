"""Queries of this domain."""

import graphene


class ToolboxQuery(graphene.ObjectType):
    pass
