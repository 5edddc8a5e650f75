"""Cities, helplines and safety settings: what an app shows next to its list of safe spaces."""

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from api.graphql.errors import BadInput
from api.graphql.queries.locales import LOCALE_DESCRIPTION, locale_context
from api.graphql.types.cities import CityRole, CityType, HelplineType, SafetyType
from api.public import InvalidArgument
from api.public.cities import helplines_for, load_cities, match_city, public_cities
from api.public.safety import Safety, safety_for
from cms.core.models import City
from safe_spaces.models import Helpline


class CityQuery(graphene.ObjectType):
    cities = graphene.List(
        graphene.NonNull(CityType),
        required=True,
        role=graphene.Argument(CityRole, description="Only partner or only trainee cities."),
        locale=graphene.String(description=LOCALE_DESCRIPTION),
        description="Every city, by name.",
    )
    city = graphene.Field(
        CityType,
        slug=graphene.String(required=True),
        locale=graphene.String(description=LOCALE_DESCRIPTION),
        description="A city by its slug (in the requested or the default language).",
    )
    helplines = graphene.List(
        graphene.NonNull(HelplineType),
        required=True,
        city=graphene.String(description="A city slug: its own lines, then national ones."),
        locale=graphene.String(description=LOCALE_DESCRIPTION),
        description="Live helplines; an unknown city slug is an error.",
    )
    safety = graphene.Field(
        graphene.NonNull(SafetyType),
        city=graphene.String(description="A city slug: its own settings over the site's."),
        locale=graphene.String(description=LOCALE_DESCRIPTION),
        description=(
            "The quick-exit target and the safety and privacy notices; an unknown city slug "
            "is an error."
        ),
    )

    @staticmethod
    def resolve_cities(
        root: Any, info: GraphQLResolveInfo, role: Any = None, locale: str | None = None
    ) -> list[City]:
        context = locale_context(info, locale, pages=True)
        queryset = public_cities(context)
        if role is not None:
            queryset = queryset.filter(role=getattr(role, "value", role))
        cities = load_cities(queryset, context)
        return cities

    @staticmethod
    def resolve_city(
        root: Any, info: GraphQLResolveInfo, slug: str, locale: str | None = None
    ) -> City | None:
        context = locale_context(info, locale, pages=True)
        slug = slug.strip()
        if not slug or len(slug) > 80:
            raise BadInput("Give a city slug of at most 80 characters.", "slug")
        # Slugs are unique per locale: match it in the requested or the default locale.
        queryset = public_cities(context).filter(
            translation_key__in=City.objects.filter(
                slug=slug, locale__in=[context.requested, context.default]
            ).values("translation_key")
        )
        cities = load_cities(queryset[:1], context)
        return cities[0] if cities else None

    @staticmethod
    def resolve_helplines(
        root: Any, info: GraphQLResolveInfo, city: str | None = None, locale: str | None = None
    ) -> list[Helpline]:
        context = locale_context(info, locale, pages=True)
        try:
            match = match_city(city, context) if city is not None else None
        except InvalidArgument as error:
            raise BadInput(str(error), error.argument) from error
        helplines = helplines_for(match, context)
        return helplines

    @staticmethod
    def resolve_safety(
        root: Any, info: GraphQLResolveInfo, city: str | None = None, locale: str | None = None
    ) -> Safety:
        context = locale_context(info, locale)
        try:
            match = match_city(city, context) if city is not None else None
        except InvalidArgument as error:
            raise BadInput(str(error), error.argument) from error
        return safety_for(match, context)
