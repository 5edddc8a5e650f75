"""Queries of this domain."""

import graphene


class LocaleQuery(graphene.ObjectType):
    pass
