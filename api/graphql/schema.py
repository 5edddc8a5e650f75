"""The GraphQL schema: one Query class per domain, assembled here and nowhere else."""

import graphene

from .queries.cities import CityQuery
from .queries.locales import LocaleQuery
from .queries.pages import PageQuery
from .queries.previews import PreviewQuery
from .queries.safe_spaces import SafeSpaceQuery
from .queries.search import SearchQuery
from .queries.sync import SyncQuery
from .queries.toolboxes import ToolboxQuery
from .types.blocks import BLOCK_TYPES
from .types.toolboxes import PAGE_TYPES


class Query(
    PreviewQuery,
    LocaleQuery,
    CityQuery,
    ToolboxQuery,
    PageQuery,
    SafeSpaceQuery,
    SearchQuery,
    SyncQuery,
    graphene.ObjectType,
):
    """Read-only access to published Equalcity content."""


# Types reached only through an interface (body blocks, page types) are listed here.
schema = graphene.Schema(
    query=Query,
    types=[*BLOCK_TYPES.values(), *PAGE_TYPES.values()],
    auto_camelcase=True,
)
