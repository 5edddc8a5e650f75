"""The city filter of an admin listing: each of the user's cities once (its default-language
row stands for it), matching the objects of every language row of that city."""

from __future__ import annotations

from typing import Any

import django_filters
from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from .admin_scope import READ
from .scope import any_scope, restrict


def city_filter(model: type[Model], field: str = "city") -> django_filters.ModelChoiceFilter:
    from cms.core.models import City

    def cities(request: HttpRequest | None) -> QuerySet[City]:
        user = getattr(request, "user", None)
        scope = any_scope(user, model, READ) if user is not None else frozenset()
        rows = City.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        return restrict(rows, scope, "").order_by("name")

    def of_city(queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(**{f"{field}__translation_key": value.translation_key})

    return django_filters.ModelChoiceFilter(
        label="City", field_name=field, queryset=cities, method=of_city
    )
