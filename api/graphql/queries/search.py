"""Search across toolboxes, modules and safe spaces."""

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from api.graphql.pagination import page_size
from api.public import InvalidArgument
from api.public.search import search_content
from safe_spaces.models import Helpline, SafeSpace
from toolbox_pages.models import ModulePage

from ..errors import BadInput
from ..types.cities import HelplineType
from ..types.safe_spaces import SafeSpaceType
from ..types.toolboxes import ModuleType, ToolboxType
from .locales import LOCALE_DESCRIPTION, locale_context


class SearchResult(graphene.Union):
    """A toolbox, a module or a safe space that matches the search text."""

    class Meta:
        types = (ToolboxType, ModuleType, SafeSpaceType)

    @classmethod
    def resolve_type(cls, instance: Any, info: GraphQLResolveInfo) -> type[graphene.ObjectType]:
        return content_type_of(instance)


def content_type_of(instance: Any) -> type[graphene.ObjectType]:
    """The GraphQL type of a toolbox, module, safe space or helpline (the unions' members)."""
    if isinstance(instance, SafeSpace):
        return SafeSpaceType
    if isinstance(instance, Helpline):
        return HelplineType
    if isinstance(instance, ModulePage):
        return ModuleType
    return ToolboxType


class SearchQuery(graphene.ObjectType):
    search = graphene.List(
        graphene.NonNull(SearchResult),
        required=True,
        text=graphene.String(required=True, description="At most 200 characters."),
        locale=graphene.String(description=LOCALE_DESCRIPTION),
        first=graphene.Int(description="How many results, 1 to 100; default 20."),
        description=(
            "Published toolboxes, modules and safe spaces matching the text, best first, in "
            "the requested language where it exists (isFallback otherwise). Search terms are "
            "never logged."
        ),
    )

    @staticmethod
    def resolve_search(
        root: Any,
        info: GraphQLResolveInfo,
        text: str,
        locale: str | None = None,
        first: int | None = None,
    ) -> list[Any]:
        limit = page_size(first)
        context = locale_context(info, locale, pages=True)
        try:
            return search_content(text, context, limit)
        except InvalidArgument as error:
            raise BadInput(str(error), error.argument) from error
