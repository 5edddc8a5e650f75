"""Queries of this domain."""

import graphene


class SearchQuery(graphene.ObjectType):
    pass
