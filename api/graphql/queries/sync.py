"""Delta sync over GraphQL: ``sync(locale, city, token)``, the same as ``GET /api/v1/sync/``
(``api.public.sync``). Each item's ``data`` is the object as the REST answer holds it, a JSON
object."""

import json
from typing import Any

import graphene
from django.conf import settings
from graphene.types.generic import GenericScalar
from graphql import GraphQLResolveInfo
from rest_framework.utils.encoders import JSONEncoder

from api.graphql.errors import BadInput
from api.graphql.queries.locales import locale_context
from api.public import InvalidArgument
from api.public.cities import match_city
from api.public.sync import SyncError, SyncPage, sync_page


class SyncItemType(graphene.ObjectType):
    class Meta:
        name = "SyncItem"

    type = graphene.String(required=True, description="city, service_category, ... safe_space")
    id = graphene.ID(required=True, description="The object's translation key.")
    data = GenericScalar(
        required=True, description="The object, as GET /api/v1/sync/ shapes it (a JSON object)."
    )

    @staticmethod
    def resolve_data(item: dict[str, Any], info: GraphQLResolveInfo) -> Any:
        # The same JSON as the REST answer: numbers, dates and ids encoded as REST does.
        return json.loads(json.dumps(item["data"], cls=JSONEncoder))


class TombstoneType(graphene.ObjectType):
    class Meta:
        name = "Tombstone"

    type = graphene.String(required=True)
    id = graphene.ID(required=True)


class SyncPageType(graphene.ObjectType):
    class Meta:
        name = "SyncPage"

    items = graphene.List(graphene.NonNull(SyncItemType), required=True)
    deleted = graphene.List(graphene.NonNull(TombstoneType), required=True)
    next_page_token = graphene.String(description="Ask again with it: more of this sync.")
    next_sync_token = graphene.String(description="Keep it: the next sync starts there.")


class SyncQuery(graphene.ObjectType):
    sync = graphene.Field(
        graphene.NonNull(SyncPageType),
        locale=graphene.String(required=True, description="Language code, e.g. fr."),
        city=graphene.String(description="A city slug (required for a key limited to cities)."),
        token=graphene.String(description="The last answer's nextPageToken or nextSyncToken."),
        page_size=graphene.Int(description="Items and tombstones per page (at most 500)."),
        description=(
            "Everything a client of the language (and city) needs, then, with a sync token, "
            "only what changed and tombstones for what readers may no longer see. A token too "
            "old to serve is an error: sync from scratch."
        ),
    )

    @staticmethod
    def resolve_sync(
        root: Any,
        info: GraphQLResolveInfo,
        locale: str,
        city: str | None = None,
        token: str | None = None,
        page_size: int | None = None,
    ) -> SyncPage:
        context = locale_context(info, locale, pages=True)
        size = settings.SYNC_PAGE_SIZE_DEFAULT if page_size is None else page_size
        if not 1 <= size <= settings.SYNC_PAGE_SIZE_MAX:
            raise BadInput(f"pageSize is from 1 to {settings.SYNC_PAGE_SIZE_MAX}.", "pageSize")
        if token is not None and len(token) > 4000:
            raise BadInput("This is not a sync token: use the token a sync answer gave.", "token")
        try:
            match = match_city(city, context) if city is not None else None
            return sync_page(context, match, token, size)
        except InvalidArgument as error:
            raise BadInput(str(error), error.argument) from error
        except SyncError as error:
            raise BadInput(str(error), "token") from error
