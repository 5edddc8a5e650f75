"""The cities a user may act on, permission by permission.

A permission held through a group bound to a city (``CityRole``) counts for that city; one
held through a programme-wide group, directly, or as a superuser counts for every city
(``EVERY_CITY``). Cities are named by translation key, so every language version of a city
is the same city. Answers are kept on the user object, which lives as long as the request.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db.models import Model, Q, QuerySet

EVERY_CITY = None
Scope = frozenset[uuid.UUID] | None

_CACHE = "_equalcity_city_scope"


def _permission_q(perm: str, prefix: str = "") -> Q:
    app_label, codename = perm.split(".", 1)
    return Q(**{f"{prefix}content_type__app_label": app_label, f"{prefix}codename": codename})


def city_scope(user: Any, perm: str) -> Scope:
    """The translation keys of the cities where ``user`` holds ``perm`` ("app.codename"), or
    ``EVERY_CITY``; an empty set when nowhere. Two queries, once per request and permission."""
    cache: dict[str, Scope] = user.__dict__.setdefault(_CACHE, {})
    if perm in cache:
        return cache[perm]
    scope: Scope
    if not user.is_active or user.is_anonymous:
        scope = frozenset()
    elif user.is_superuser or Permission.objects.filter(_permission_q(perm), user=user).exists():
        scope = EVERY_CITY
    else:
        keys = list(
            Group.objects.filter(_permission_q(perm, "permissions__"), user=user)
            .values_list("city_role__city__translation_key", flat=True)
            .distinct()
        )
        scope = EVERY_CITY if any(key is None for key in keys) else frozenset(keys)
    cache[perm] = scope
    return scope


def union(scopes: Iterable[Scope]) -> Scope:
    keys: set[uuid.UUID] = set()
    for scope in scopes:
        if scope is EVERY_CITY:
            return EVERY_CITY
        keys |= scope
    return frozenset(keys)


def any_scope(user: Any, model: type[Model], actions: Iterable[str]) -> Scope:
    """The cities where ``user`` may take any of ``actions`` on ``model``."""
    label = model._meta.app_label
    name = model._meta.model_name
    return union(city_scope(user, f"{label}.{action}_{name}") for action in actions)


def in_scope(scope: Scope, city_key: uuid.UUID | None) -> bool:
    """Whether a city (translation key; None for an object of no city) is within ``scope``.
    An object of no city (a national helpline) is programme-wide: within every-city scopes
    only."""
    if scope is EVERY_CITY:
        return True
    return city_key is not None and city_key in scope


def restrict(queryset: QuerySet, scope: Scope, city_field: str = "city") -> QuerySet:
    """``queryset`` limited to the objects of the cities in ``scope`` (``city_field`` empty:
    a queryset of cities)."""
    if scope is EVERY_CITY:
        return queryset
    if not city_field:
        return queryset.filter(translation_key__in=scope)
    # By primary key (every language row of the cities): the admin's search backends filter on
    # the model's own fields only.
    from cms.core.models import City

    pks = list(City.objects.filter(translation_key__in=scope).values_list("pk", flat=True))
    return queryset.filter(**{f"{city_field}__in": pks})


def city_choices(cities: QuerySet, user: Any, model: type[Model]) -> tuple[QuerySet, bool]:
    """The cities of ``cities`` where ``user`` may add or change ``model`` (what a form
    offers), and whether that is a limit (False: every city)."""
    scope = any_scope(user, model, ("add", "change"))
    if scope is EVERY_CITY:
        return cities, False
    return restrict(cities, scope, ""), True


def may_see_confidential(user: Any, city_key: uuid.UUID | None) -> bool:
    """Whether ``user`` may be shown a confidential location of that city."""
    return in_scope(city_scope(user, "safe_spaces.view_confidential_location"), city_key)


def restrict_many(
    queryset: QuerySet, scope: Scope, cities_field: str = "cities", every_flag: str = "all_cities"
) -> QuerySet:
    """``queryset`` of objects that name several cities (or every city, ``every_flag``)
    limited to those naming cities only, every one of them in ``scope``."""
    if scope is EVERY_CITY:
        return queryset
    from cms.core.models import City

    outside = City.objects.exclude(translation_key__in=scope).values("pk")
    return (
        queryset.filter(**{every_flag: False, f"{cities_field}__translation_key__in": scope})
        .exclude(**{f"{cities_field}__in": outside})
        .distinct()
    )
