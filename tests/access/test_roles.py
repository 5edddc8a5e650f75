"""The role groups of each city, named clearly, made once; and the scope they give."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import GroupPagePermission

from cms.access.models import CityRole
from cms.access.roles import ensure_city_roles, ensure_toolbox_editors
from cms.access.scope import EVERY_CITY, city_scope
from cms.panels.factories import UserFactory

pytestmark = pytest.mark.django_db


def permissions_of(group: Group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_a_new_city_gets_its_four_role_groups(rome):
    groups = {binding.role: binding.group for binding in CityRole.objects.filter(city=rome)}

    assert {role: group.name for role, group in groups.items()} == {
        "editor": "Rome: city editors",
        "verifier": "Rome: city verifiers",
        "coordinator": "Rome: city coordinators",
        "confidential": "Rome: confidential locations",
    }
    editors = permissions_of(groups["editor"])
    assert {"safe_spaces.add_safespace", "safe_spaces.change_safespace"} <= editors
    assert "safe_spaces.publish_safespace" not in editors
    assert "safe_spaces.view_confidential_location" not in editors
    assert permissions_of(groups["confidential"]) == {
        "wagtailadmin.access_admin",
        "safe_spaces.view_confidential_location",
    }


def test_a_translation_of_a_city_shares_its_groups(rome, fr):
    rome.copy_for_translation(fr).save()

    assert CityRole.objects.filter(city__translation_key=rome.translation_key).count() == 4


def test_the_command_brings_every_city_up_to_date_and_changes_nothing_twice(rome, brussels):
    editors = CityRole.objects.get(city=rome, role="editor").group
    editors.permissions.clear()
    out = io.StringIO()

    call_command("ensure_city_roles", stdout=out)
    call_command("ensure_city_roles", stdout=io.StringIO())

    assert "Rome: city editors" in out.getvalue() and "Brussels: city editors" in out.getvalue()
    assert "safe_spaces.change_safespace" in permissions_of(editors)
    assert CityRole.objects.count() == 8
    assert Group.objects.filter(name__startswith="Rome: ").count() == 4


def test_every_migrate_brings_the_role_groups_up_to_date(rome):
    """A release that gives a role a new permission needs no step by hand."""
    coordinators = CityRole.objects.get(city=rome, role="coordinator").group
    coordinators.permissions.remove(Permission.objects.get(codename="change_citysettings"))

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert {"api.change_citysettings", "api.change_consumerkey"} <= permissions_of(coordinators)


def test_ensure_city_roles_is_idempotent(rome):
    first = ensure_city_roles(rome)
    second = ensure_city_roles(rome)

    assert {role: group.pk for role, group in first.items()} == {
        role: group.pk for role, group in second.items()
    }


def test_a_permission_counts_for_the_cities_of_the_groups_that_grant_it(
    rome, brussels, rome_editor
):
    programme_group = Group.objects.create(name="Programme listing editors")
    programme_group.permissions.add(Permission.objects.get(codename="change_safespace"))
    programme = UserFactory(username="programme-editor")
    programme.groups.add(programme_group)
    direct = UserFactory(username="direct")
    direct.user_permissions.add(Permission.objects.get(codename="change_safespace"))
    nobody = UserFactory(username="nobody")
    superuser = UserFactory(username="root", is_superuser=True)

    assert city_scope(rome_editor, "safe_spaces.change_safespace") == {rome.translation_key}
    assert city_scope(rome_editor, "safe_spaces.view_confidential_location") == frozenset()
    assert city_scope(direct, "safe_spaces.change_safespace") is EVERY_CITY
    assert city_scope(nobody, "safe_spaces.change_safespace") == frozenset()
    assert city_scope(superuser, "safe_spaces.view_confidential_location") is EVERY_CITY
    # A group bound to no city is programme-wide.
    assert city_scope(programme, "safe_spaces.change_safespace") is EVERY_CITY


def test_the_scope_is_read_once_per_request_user(rome_editor, django_assert_num_queries):
    city_scope(rome_editor, "safe_spaces.change_safespace")

    with django_assert_num_queries(0):
        city_scope(rome_editor, "safe_spaces.change_safespace")


def test_toolbox_editors_edit_their_toolbox_subtree_only(toolbox):
    group = ensure_toolbox_editors(toolbox)

    granted = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    )
    assert group.name == f"{toolbox.title}: toolbox editors"
    assert granted == {(toolbox.pk, "add_page"), (toolbox.pk, "change_page")}
    assert ensure_toolbox_editors(toolbox).pk == group.pk
