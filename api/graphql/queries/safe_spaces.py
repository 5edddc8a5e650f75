"""Queries of this domain."""

import graphene


class SafeSpaceQuery(graphene.ObjectType):
    pass
