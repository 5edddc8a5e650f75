"""Wagtail's permission policy for models with a city: a permission counts for the cities of
the groups that grant it (``cms.access.scope``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from .scope import any_scope, in_scope, restrict


class CityPermissionPolicy(ModelPermissionPolicy):
    def __init__(self, model: type, city_field: str = "city", **kwargs: Any) -> None:
        super().__init__(model, **kwargs)
        self.city_field = city_field

    def city_key(self, instance: Any) -> Any:
        city = getattr(instance, self.city_field, None)
        return city.translation_key if city is not None else None

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(
        self, user: Any, actions: Iterable[str], instance: Any
    ) -> bool:
        actions = list(actions)
        return self.user_has_any_permission(user, actions) and in_scope(
            any_scope(user, self.model, actions), self.city_key(instance)
        )

    def instances_user_has_permission_for(self, user: Any, action: str) -> QuerySet:
        return self.instances_user_has_any_permission_for(user, [action])

    def instances_user_has_any_permission_for(self, user: Any, actions: Iterable[str]) -> QuerySet:
        actions = list(actions)
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return restrict(
            self.model._default_manager.all(), any_scope(user, self.model, actions), self.city_field
        )


class ManyCitiesPermissionPolicy(ModelPermissionPolicy):
    """For a model whose objects name several cities (``cities``) or every city (a flag): an
    object is within a user's scope when it names cities only, all of them in the scope."""

    def __init__(self, model: type, restrict_many: Any, **kwargs: Any) -> None:
        super().__init__(model, **kwargs)
        self.restrict_many = restrict_many

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(
        self, user: Any, actions: Iterable[str], instance: Any
    ) -> bool:
        actions = list(actions)
        if not self.user_has_any_permission(user, actions):
            return False
        scoped = self.restrict_many(
            self.model._default_manager.all(), any_scope(user, self.model, actions)
        )
        return scoped.filter(pk=instance.pk).exists()

    def instances_user_has_permission_for(self, user: Any, action: str) -> QuerySet:
        return self.instances_user_has_any_permission_for(user, [action])

    def instances_user_has_any_permission_for(self, user: Any, actions: Iterable[str]) -> QuerySet:
        actions = list(actions)
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.restrict_many(
            self.model._default_manager.all(), any_scope(user, self.model, actions)
        )
