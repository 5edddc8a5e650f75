"""Queries of this domain."""

import graphene


class CityQuery(graphene.ObjectType):
    pass
