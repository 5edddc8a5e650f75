"""The GraphQL schema: one Query class per domain, assembled here and nowhere else."""

import graphene

from .queries.cities import CityQuery
from .queries.locales import LocaleQuery
from .queries.pages import PageQuery
from .queries.safe_spaces import SafeSpaceQuery
from .queries.search import SearchQuery
from .queries.toolboxes import ToolboxQuery


class Query(
    LocaleQuery,
    CityQuery,
    ToolboxQuery,
    PageQuery,
    SafeSpaceQuery,
    SearchQuery,
    graphene.ObjectType,
):
    """Read-only access to published Equalcity content."""


schema = graphene.Schema(query=Query, auto_camelcase=True)
