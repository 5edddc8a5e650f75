"""Queries of toolboxes and their modules."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import FieldNode, FragmentSpreadNode, GraphQLResolveInfo, InlineFragmentNode
from graphql.language import SelectionSetNode

from api.locales import LocaleContext
from api.public.page_relations import expect
from api.public.toolboxes import get_module, get_toolbox, get_toolboxes

from ..types.toolboxes import ModuleType, ToolboxType
from .locales import LOCALE_DESCRIPTION, locale_context


def selected_names(info: GraphQLResolveInfo) -> set[str]:
    """Every field name selected below the current field, through fragments too."""
    names: set[str] = set()
    seen_fragments: set[str] = set()

    def walk(selection_set: SelectionSetNode | None) -> None:
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
                walk(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = info.fragments.get(name)
                if fragment is not None and name not in seen_fragments:
                    seen_fragments.add(name)
                    walk(fragment.selection_set)

    for node in info.field_nodes:
        walk(node.selection_set)
    return names


def expect_selected(info: GraphQLResolveInfo, context: LocaleContext) -> None:
    """Tell the page loaders what the query will read of the pages just served: modules, and
    bodies, cover images or logos (their references), so each kind loads once."""
    names = selected_names(info)
    expect(
        context,
        modules="modules" in names,
        references=bool(names & {"body", "coverImage", "logo"}),
    )


class ToolboxQuery(graphene.ObjectType):
    toolboxes = graphene.List(
        graphene.NonNull(ToolboxType),
        required=True,
        locale=graphene.String(description=LOCALE_DESCRIPTION),
        description="Every published toolbox, in the requested language where it exists.",
    )
    toolbox = graphene.Field(
        ToolboxType,
        slug=graphene.String(required=True),
        locale=graphene.String(description=LOCALE_DESCRIPTION),
        description="A published toolbox by its slug; null when there is none.",
    )
    module = graphene.Field(
        ModuleType,
        toolbox_slug=graphene.String(required=True),
        slug=graphene.String(required=True),
        locale=graphene.String(description=LOCALE_DESCRIPTION),
        description="A published module of a published toolbox; null when there is none.",
    )

    @staticmethod
    def resolve_toolboxes(
        root: Any, info: GraphQLResolveInfo, locale: str | None = None
    ) -> list[Any]:
        context = locale_context(info, locale, pages=True)
        toolboxes = get_toolboxes(context)
        expect_selected(info, context)
        return toolboxes

    @staticmethod
    def resolve_toolbox(
        root: Any, info: GraphQLResolveInfo, slug: str, locale: str | None = None
    ) -> Any:
        context = locale_context(info, locale, pages=True)
        toolbox = get_toolbox(slug, context)
        expect_selected(info, context)
        return toolbox

    @staticmethod
    def resolve_module(
        root: Any,
        info: GraphQLResolveInfo,
        toolbox_slug: str,
        slug: str,
        locale: str | None = None,
    ) -> Any:
        context = locale_context(info, locale, pages=True)
        module = get_module(toolbox_slug, slug, context)
        expect_selected(info, context)
        return module
