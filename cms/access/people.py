"""A city's people: who holds each of the city's roles, and taking a role away.

A city coordinator sees the people of their cities' roles and removes city editors (whom they
invite); programme administrators see and remove anyone from any city's role. Removing takes
the person out of the role's group only: their account stays (an administrator deactivates
it), and the removal is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch
from wagtail.log_actions import log

from .invitations import INVITE_EDITORS, invitable
from .models import CityRole

REMOVED = "equalcity.city_role.remove"


def removable_roles(user: Any) -> set[str]:
    """The roles ``user`` may take people out of, in the cities they manage."""
    if user.is_superuser:
        return set(CityRole.Role.values)
    return {CityRole.Role.EDITOR} if user.has_perm(INVITE_EDITORS) else set()


@dataclass(frozen=True)
class RolePeople:
    binding: CityRole
    people: list[Any]
    removable: bool


def people_of_cities(user: Any) -> dict[Any, list[RolePeople]]:
    """For each city ``user`` manages (by name), each role with its people. Two queries."""
    cities, _ = invitable(user)
    removable = removable_roles(user)
    people = get_user_model().objects.filter(is_active=True).order_by("username")
    bindings = (
        CityRole.objects.filter(city__in=cities)
        .select_related("city", "group")
        .prefetch_related(Prefetch("group__user_set", queryset=people, to_attr="members"))
        .order_by("city__name", "role")
    )
    found: dict[Any, list[RolePeople]] = {}
    for binding in bindings:
        found.setdefault(binding.city, []).append(
            RolePeople(binding, binding.group.members, binding.role in removable)  # type: ignore[attr-defined]
        )
    return found


def managed_binding(user: Any, binding_pk: Any) -> CityRole | None:
    """The role binding ``user`` may take people out of, or None (unknown or not theirs)."""
    cities, _ = invitable(user)
    try:
        return CityRole.objects.select_related("city", "group").get(
            pk=int(binding_pk), city__in=cities, role__in=removable_roles(user)
        )
    except (CityRole.DoesNotExist, TypeError, ValueError):
        return None


@transaction.atomic
def remove_from_role(binding: CityRole, person_pk: Any, by: Any) -> Any | None:
    """Take a person out of the role's group; None when they don't hold the role."""
    try:
        person = binding.group.user_set.get(pk=int(person_pk))
    except (get_user_model().DoesNotExist, TypeError, ValueError):
        return None
    binding.group.user_set.remove(person)
    log(
        instance=person,
        action=REMOVED,
        user=by,
        data={"city": binding.city.name, "role": binding.get_role_display()},
    )
    return person
