"""The preview of a draft, by a token made in the admin's preview (``api.public.previews``)."""

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from api.public.previews import preview_for

from ..types.cities import HelplineType
from ..types.safe_spaces import SafeSpaceType
from ..types.toolboxes import ModuleType, ToolboxType
from .search import content_type_of
from .toolboxes import expect_selected


class Preview(graphene.Union):
    """A draft toolbox, module, safe space or helpline, in exactly its published shape."""

    class Meta:
        types = (ToolboxType, ModuleType, SafeSpaceType, HelplineType)

    @classmethod
    def resolve_type(cls, instance: Any, info: GraphQLResolveInfo) -> type[graphene.ObjectType]:
        return content_type_of(instance)


class PreviewQuery(graphene.ObjectType):
    preview = graphene.Field(
        Preview,
        token=graphene.String(
            required=True, description="A preview token, made by the admin's preview."
        ),
        description=(
            "The draft a preview token names, in its own language, as apps will get it once "
            "published (a confidential location withheld). Null for any token that is not "
            "valid now: expired, altered or unknown alike. Tokens last an hour at most. The "
            "answer is private and never cached; send it with POST."
        ),
    )

    @staticmethod
    def resolve_preview(root: Any, info: GraphQLResolveInfo, token: str) -> Any:
        draft = preview_for(token)
        if draft is not None and hasattr(draft, "locale_context") and hasattr(draft, "path"):
            expect_selected(info, draft.locale_context)
        return draft
