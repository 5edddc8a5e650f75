"""A city coordinator sees their city's people and takes editors out of the role; no other
city's, and no role above theirs."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.access.models import CityRole
from cms.access.roles import role_group
from tests.access.conftest import person

pytestmark = pytest.mark.django_db

PEOPLE = reverse("access_city_people")


def remove_url(city, role: str) -> str:
    return reverse("access_remove_from_role", args=[CityRole.objects.get(city=city, role=role).pk])


@pytest.fixture
def brussels_editor(brussels):
    return person("brussels-editor", role_group(brussels, CityRole.Role.EDITOR))


def test_the_coordinator_sees_the_people_of_their_city_only(
    client, rome_coordinator, rome_editor, brussels_editor
):
    client.force_login(rome_coordinator)

    response = client.get(PEOPLE)
    page = response.content.decode()

    assert response.status_code == 200
    assert "Rome: city editors" in page and "rome-editor" in page
    assert "rome-coordinator" in page
    assert "Brussels" not in page and "brussels-editor" not in page
    assert "Remove rome-editor from this role" in page
    assert "Remove rome-coordinator from this role" not in page


def test_the_coordinator_removes_an_editor_and_it_is_logged(
    client, rome_coordinator, rome_editor, rome
):
    client.force_login(rome_coordinator)

    response = client.post(remove_url(rome, "editor"), {"person": rome_editor.pk})

    assert response.status_code == 302
    assert not rome_editor.groups.exists()
    assert rome_editor.is_active  # the account stays
    entry = ModelLogEntry.objects.get(action="equalcity.city_role.remove")
    assert (entry.user, entry.object_id, entry.data) == (
        rome_coordinator,
        str(rome_editor.pk),
        {"city": "Rome", "role": "City editors"},
    )


def test_another_citys_role_and_a_role_above_theirs_are_not_found(
    client, rome_coordinator, brussels_editor, brussels, rome
):
    other = person("rome-coordinator-2", role_group(rome, CityRole.Role.COORDINATOR))
    client.force_login(rome_coordinator)

    statuses = [
        client.post(remove_url(brussels, "editor"), {"person": brussels_editor.pk}).status_code,
        client.post(remove_url(rome, "coordinator"), {"person": other.pk}).status_code,
    ]

    assert statuses == [404, 404]
    assert brussels_editor.groups.count() == 1
    assert other.groups.count() == 1


@pytest.mark.parametrize("person_pk", ["", "abc", "999999"])
def test_someone_who_does_not_hold_the_role_is_not_found(
    client, rome_coordinator, rome, brussels_editor, person_pk
):
    client.force_login(rome_coordinator)
    posted = {"person": person_pk or brussels_editor.pk}

    response = client.post(remove_url(rome, "editor"), posted)

    assert response.status_code == 404
    assert brussels_editor.groups.count() == 1


def test_a_binding_that_is_no_number_is_not_found(client, rome_coordinator):
    client.force_login(rome_coordinator)

    response = client.post(reverse("access_remove_from_role", args=["x1"]), {"person": "1"})

    assert response.status_code == 404


def test_removing_takes_a_post(client, rome_coordinator, rome, rome_editor):
    client.force_login(rome_coordinator)

    response = client.get(remove_url(rome, "editor"), {"person": rome_editor.pk})

    assert response.status_code == 405
    assert rome_editor.groups.count() == 1


def test_a_city_editor_may_not_see_or_remove_anyone(client, rome_editor, rome):
    client.force_login(rome_editor)

    statuses = [
        client.get(PEOPLE).status_code,
        client.post(remove_url(rome, "editor"), {"person": rome_editor.pk}).status_code,
    ]

    # Wagtail's admin answers a refusal with a redirect to its home and a message.
    assert statuses == [302, 302]
    assert rome_editor.groups.count() == 1


def test_a_programme_administrator_removes_from_any_role(admin_client, rome, brussels):
    coordinator = person("brussels-coordinator", role_group(brussels, CityRole.Role.COORDINATOR))

    page = admin_client.get(PEOPLE).content.decode()
    response = admin_client.post(remove_url(brussels, "coordinator"), {"person": coordinator.pk})

    assert "Rome: city editors" in page and "Brussels: city coordinators" in page
    assert response.status_code == 302
    assert not coordinator.groups.exists()
