"""Queries of any page by its URL path."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from api.public import InvalidArgument
from api.public.toolboxes import get_page

from ..errors import bad_input
from ..types.toolboxes import PageInterface
from .locales import LOCALE_DESCRIPTION, locale_context
from .toolboxes import expect_selected


class PageQuery(graphene.ObjectType):
    page = graphene.Field(
        PageInterface,
        path=graphene.String(required=True, description="e.g. /toolboxes/safe-spaces/"),
        locale=graphene.String(description=LOCALE_DESCRIPTION),
        description=(
            "A published, public page by its URL path below the locale's home page; null when "
            "there is none."
        ),
    )

    @staticmethod
    def resolve_page(
        root: Any, info: GraphQLResolveInfo, path: str, locale: str | None = None
    ) -> Any:
        context = locale_context(info, locale, pages=True)
        try:
            page = get_page(path, context)
        except InvalidArgument as error:
            raise bad_input(error) from error
        expect_selected(info, context)
        return page
