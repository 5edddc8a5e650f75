"""Cities and helplines as the public APIs may read them.

Cities and helplines have draft state (a city's translation waits for language review): only
live rows are served, in the requested locale, or the default locale's row as a fallback.
"""

import uuid
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from api.locales import LocaleContext
from api.public import InvalidArgument, attach_locale, in_locale, published
from api.public.loaders import Loader, context_of, loader, serve
from api.surrogate import HELPLINES, note
from cms.core.models import City
from safe_spaces.models import Helpline


def public_cities(context: LocaleContext) -> QuerySet[City]:
    """Every city in the requested locale (default-locale fallback), by name."""
    return (
        in_locale(published(City), context)
        .annotate(toolbox_key=F("toolbox__translation_key"))
        .order_by("name", "pk")
    )


def load_cities(queryset: QuerySet[City], context: LocaleContext) -> list[City]:
    return serve(context, attach_locale(list(queryset), context))


@dataclass(frozen=True)
class CityMatch:
    """A city slug resolved to the city's identity across languages."""

    slug: str
    translation_keys: tuple[uuid.UUID, ...]
    timezones: tuple[str, ...]
    # Every language version's row: listings point to one of them.
    pks: tuple[int, ...]


def match_city(slug: str, context: LocaleContext) -> CityMatch:
    """The city a slug names, in the requested or the default locale; one query.

    Raises ``InvalidArgument`` for an unknown slug: an app that spells a city wrong gets told,
    rather than an empty list that looks like "no help here".
    """
    named = (
        published(City)
        .filter(slug=slug.strip(), locale__in=[context.requested, context.default])
        .values("translation_key")
    )
    rows = set(
        City.objects.filter(translation_key__in=named).values_list(
            "pk", "translation_key", "timezone"
        )
    )
    if not rows:
        raise InvalidArgument(f"Unknown city {slug!r}.", "city")
    return CityMatch(
        slug=slug,
        translation_keys=tuple(sorted({key for _, key, _ in rows})),
        timezones=tuple(sorted({timezone for _, _, timezone in rows})),
        pks=tuple(sorted(pk for pk, _, _ in rows)),
    )


def public_helplines(context: LocaleContext) -> QuerySet[Helpline]:
    """Live helplines in the requested locale (default-locale fallback).

    City lines first, then national ones, each by name. ``city_key`` is the translation key of
    the helpline's city, whichever language row the helpline points to.
    """
    note(HELPLINES)
    return (
        in_locale(published(Helpline), context)
        .annotate(city_key=F("city__translation_key"))
        .order_by("scope", "name", "pk")
    )


def helplines_of_cities(
    cities: list[City], context: LocaleContext
) -> dict[uuid.UUID, list[Helpline]]:
    """For each city (by translation key): its own live helplines, then its country's national ones.

    One query for any number of cities.
    """
    if not cities:
        return {}
    keys = {city.translation_key for city in cities}
    countries = {city.country for city in cities}
    helplines = serve(
        context,
        attach_locale(
            list(
                public_helplines(context).filter(
                    Q(city__translation_key__in=keys)
                    | Q(scope=Helpline.Scope.NATIONAL, country__in=countries)
                )
            ),
            context,
        ),
    )
    result: dict[uuid.UUID, list[Helpline]] = {}
    for city in cities:
        result[city.translation_key] = [
            line
            for line in helplines
            if line.city_key == city.translation_key
            or (line.scope == Helpline.Scope.NATIONAL and line.country == city.country)
        ]
    return result


def helplines_for(city: CityMatch | None, context: LocaleContext) -> list[Helpline]:
    """The helplines an app shows for a city (all live ones without a city)."""
    queryset = public_helplines(context)
    if city is not None:
        countries = City.objects.filter(translation_key__in=city.translation_keys).values("country")
        queryset = queryset.filter(
            Q(city__translation_key__in=city.translation_keys)
            | Q(scope=Helpline.Scope.NATIONAL, country__in=countries)
        )
    return serve(context, attach_locale(list(queryset), context))


def helplines_of(city: City) -> list[Helpline]:
    """A served city's helplines (``helplines_of_cities``), loaded for every served city at
    once; the helplines are served in turn."""
    context = context_of(city)

    def load(cities: list[City]) -> dict[int, list[Helpline]]:
        by_city = helplines_of_cities(cities, context)
        return {each.pk: by_city.get(each.translation_key, []) for each in cities}

    helplines: Loader[list[Helpline]] = loader(
        context, "helplines", load, default=list, accepts=City
    )
    return helplines.get(city)
