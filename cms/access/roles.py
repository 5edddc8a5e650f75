"""The roles of a city and their groups: one set per city, named after it.

- City editors: create and edit drafts of the city's safe spaces and helplines and submit them
  for verification; never publish.
- City verifiers: read the city's listings; they sit on its verification panel (the workflow
  task decides what they approve).
- City coordinators: read the city's listings and helplines; create, edit and revoke the
  consumer keys that read their city (widgets, kiosks, apps) and the webhooks that hear about
  it (their delivery log, replays, secrets); keep the city's safety settings
  (quick-exit target, notices); invite and remove the city's editors.
- Confidential locations: be shown the address, coordinates and own phone lines of the city's
  confidential locations.

Programme administrators are superusers (everything, every city). Toolbox editors edit the
pages of one toolbox: Wagtail's page permissions on its subtree (``ensure_toolbox_editors``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from .models import CityRole

ACCESS_ADMIN = "wagtailadmin.access_admin"

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    CityRole.Role.EDITOR: (
        ACCESS_ADMIN,
        "safe_spaces.add_safespace",
        "safe_spaces.change_safespace",
        "safe_spaces.view_safespace",
        "safe_spaces.add_helpline",
        "safe_spaces.change_helpline",
        "safe_spaces.view_helpline",
    ),
    CityRole.Role.VERIFIER: (
        ACCESS_ADMIN,
        "safe_spaces.view_safespace",
        "safe_spaces.view_helpline",
    ),
    CityRole.Role.COORDINATOR: (
        ACCESS_ADMIN,
        "safe_spaces.view_safespace",
        "safe_spaces.view_helpline",
        "api.add_consumerkey",
        "api.change_consumerkey",
        "api.view_consumerkey",
        "api.add_citysettings",
        "api.change_citysettings",
        "api.view_citysettings",
        "delivery.add_webhooksubscription",
        "delivery.change_webhooksubscription",
        "delivery.view_webhooksubscription",
        "access.add_coordinatorinvitation",
    ),
    CityRole.Role.CONFIDENTIAL: (
        ACCESS_ADMIN,
        "safe_spaces.view_confidential_location",
    ),
}


def role_app_labels() -> list[str]:
    """The apps whose permissions the roles name."""
    return sorted({name.split(".", 1)[0] for names in ROLE_PERMISSIONS.values() for name in names})


def group_name(city: Any, role: str) -> str:
    return f"{city.name}: {CityRole.Role(role).label.lower()}"


def _permissions(names: tuple[str, ...]) -> list[Permission]:
    query = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(query))
    if len(found) != len(names):
        missing = set(names) - {f"{p.content_type.app_label}.{p.codename}" for p in found}
        raise LookupError(f"Permissions not installed (run migrate): {sorted(missing)}")
    return found


@transaction.atomic
def ensure_city_roles(city: Any) -> dict[str, Group]:
    """The city's role groups with their permissions, made or brought up to date. The city is
    its default-locale row (translations share its groups through the translation key)."""
    groups = {}
    for role, names in ROLE_PERMISSIONS.items():
        binding = CityRole.objects.filter(city=city, role=role).select_related("group").first()
        if binding is None:
            group, _ = Group.objects.get_or_create(name=group_name(city, role))
            CityRole.objects.create(group=group, city=city, role=role)
        else:
            group = binding.group
        group.permissions.set(_permissions(names))
        groups[role] = group
    return groups


def role_group(city: Any, role: str) -> Group:
    return CityRole.objects.select_related("group").get(city=city, role=role).group


TOOLBOX_PAGE_PERMISSIONS = ("add_page", "change_page")


@transaction.atomic
def ensure_toolbox_editors(toolbox: Any) -> Group:
    """The group that edits one toolbox's pages (Wagtail's page permissions on its subtree:
    drafts and submissions, never publishing), made or brought up to date."""
    from wagtail.models import GroupPagePermission

    group, _ = Group.objects.get_or_create(name=f"{toolbox.title}: toolbox editors")
    group.permissions.add(*_permissions((ACCESS_ADMIN,)))
    for codename in TOOLBOX_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=toolbox,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return group
