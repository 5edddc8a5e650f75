"""Queries of this domain."""

import graphene


class PageQuery(graphene.ObjectType):
    pass
