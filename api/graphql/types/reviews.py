"""The expert-panel approval of a published revision, as apps may show it."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from api.public.reviews import review_of
from cms.panels.models import Constituency


class ConstituencyType(graphene.Enum):
    """Who sits on expert panels: apps show these, never a person."""

    class Meta:
        name = "Constituency"

    ACADEMIC = Constituency.ACADEMIC.value
    COMMUNITY = Constituency.COMMUNITY.value
    SURVIVOR = Constituency.SURVIVOR.value
    PUBLIC_INSTITUTION = Constituency.PUBLIC_INSTITUTION.value
    IOM = Constituency.IOM.value


class ReviewType(graphene.ObjectType):
    """The expert panel's approval of the revision being served. Counts and constituencies
    only: no member, pseudonym, rating or feedback is ever part of the API."""

    class Meta:
        name = "Review"

    approved_at = graphene.DateTime(required=True, description="When the panel's quorum was met.")
    panel = graphene.String(required=True, description="The expert panel's name.")
    approvals = graphene.Int(required=True, description="How many members approved.")
    constituencies = graphene.List(
        graphene.NonNull(ConstituencyType),
        required=True,
        description="The constituencies of the members who approved, each once.",
    )


def review_field() -> graphene.Field:
    return graphene.Field(
        ReviewType,
        description=(
            "The expert panel's approval of the published revision; null when no panel "
            "approved it (published before review, or never reviewed)."
        ),
    )


def resolve_review(obj: Any, info: GraphQLResolveInfo) -> Any:
    return review_of(obj)
