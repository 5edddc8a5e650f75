"""Wagtail's permission policy for models with a city: a permission counts for the cities of
the groups that grant it (``cms.access.scope``).

The policy is the one place that knows how a model's objects belong to cities: the admin
mixin (``admin_scope``) asks it to limit a queryset and to check one object by its key.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from .scope import Scope, any_scope, in_scope, restrict, restrict_many


class CityPermissionPolicy(ModelPermissionPolicy):
    """For a model whose objects have one city (``city_field``); none is programme-wide."""

    def __init__(self, model: type, city_field: str = "city", **kwargs: Any) -> None:
        super().__init__(model, **kwargs)
        self.city_field = city_field

    def restrict(self, queryset: QuerySet, scope: Scope) -> QuerySet:
        """``queryset`` limited to the objects within ``scope``."""
        return restrict(queryset, scope, self.city_field)

    def instance_in_scope(self, instance: Any, scope: Scope) -> bool:
        city = getattr(instance, self.city_field, None)
        return in_scope(scope, city.translation_key if city is not None else None)

    def is_key(self, pk: Any) -> bool:
        """Whether ``pk`` can be a primary key of the model (a key that can't names no
        object)."""
        try:
            self.model._meta.pk.to_python(pk)
        except (TypeError, ValueError, ValidationError):
            return False
        return True

    def pk_in_scope(self, pk: Any, scope: Scope) -> bool:
        """Whether the object with this key exists and is within ``scope``."""
        if not self.is_key(pk):
            return False
        rows = self.model._default_manager.filter(pk=pk).values_list(
            f"{self.city_field}__translation_key", flat=True
        )
        found = list(rows[:1])
        return bool(found) and in_scope(scope, found[0])

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(
        self, user: Any, actions: Iterable[str], instance: Any
    ) -> bool:
        actions = list(actions)
        return self.user_has_any_permission(user, actions) and self.instance_in_scope(
            instance, any_scope(user, self.model, actions)
        )

    def instances_user_has_permission_for(self, user: Any, action: str) -> QuerySet:
        return self.instances_user_has_any_permission_for(user, [action])

    def instances_user_has_any_permission_for(self, user: Any, actions: Iterable[str]) -> QuerySet:
        actions = list(actions)
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.restrict(
            self.model._default_manager.all(), any_scope(user, self.model, actions)
        )


class ManyCitiesPermissionPolicy(CityPermissionPolicy):
    """For a model whose objects name several cities (``cities``) or every city
    (``all_cities``): an object is within a scope when it names cities only, all of them in
    the scope (``restrict_many``)."""

    def restrict(self, queryset: QuerySet, scope: Scope) -> QuerySet:
        return restrict_many(queryset, scope)

    def instance_in_scope(self, instance: Any, scope: Scope) -> bool:
        return self.pk_in_scope(instance.pk, scope)

    def pk_in_scope(self, pk: Any, scope: Scope) -> bool:
        if not self.is_key(pk):
            return False
        return self.restrict(self.model._default_manager.filter(pk=pk), scope).exists()
