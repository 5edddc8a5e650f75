"""A programme administrator invites a trainee city's coordinator; the link works once,
until it expires; the coordinator joins the city's coordinators and sets up a widget key."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.access.invitations import invite, token_hash
from cms.access.models import CoordinatorInvitation

pytestmark = pytest.mark.django_db

INVITE = "access_invite_coordinator"
PASSWORD = "a long passphrase for Rome"


def accept_url(token: str) -> str:
    return reverse("access_accept_invitation", args=[token])


def test_an_administrator_makes_an_invitation_and_sees_its_link_once(admin_client, rome):
    response = admin_client.post(
        reverse(INVITE),
        {"city": rome.pk, "role": "coordinator", "email": "coordinator@comune.example.it"},
    )

    invitation = CoordinatorInvitation.objects.get()
    link = response.context["link"]
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert response.status_code == 200
    assert link in response.content.decode()
    assert invitation.token_hash == token_hash(token) and token not in invitation.token_hash
    assert (invitation.city, invitation.email) == (rome, "coordinator@comune.example.it")
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=6)


def test_only_programme_administrators_invite(client, rome_editor):
    client.force_login(rome_editor)

    assert client.get(reverse(INVITE)).status_code in (302, 403)
    assert client.post(reverse(INVITE), {"email": "x@example.org"}).status_code in (302, 403)
    assert CoordinatorInvitation.objects.count() == 0


def test_a_bad_invitation_form_is_shown_again_with_its_errors(admin_client, rome):
    response = admin_client.post(
        reverse(INVITE), {"city": "", "role": "mayor", "email": "not an address"}
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"city", "role", "email"}
    assert CoordinatorInvitation.objects.count() == 0


def test_the_coordinator_accepts_and_lands_on_the_widget_key_form(rome, admin_user):
    _invitation, token = invite(rome, "coordinator@comune.example.it", admin_user)
    client = Client()

    shown = client.get(accept_url(token))
    accepted = client.post(
        accept_url(token),
        {"username": "rome-coordinator", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert shown.status_code == 200 and "Rome: city coordinator" in shown.content.decode()
    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("wagtailsnippets_api_consumerkey:add")
    user = User.objects.get(username="rome-coordinator")
    assert list(user.groups.values_list("name", flat=True)) == ["Rome: city coordinators"]
    assert user.email == "coordinator@comune.example.it"
    assert client.get(accepted["Location"]).status_code == 200
    assert CoordinatorInvitation.objects.get().accepted_by == user


def test_a_used_expired_or_unknown_link_gets_the_same_answer(rome, admin_user):
    _used, used_token = invite(rome, "a@example.org", admin_user)
    Client().post(
        accept_url(used_token),
        {"username": "first", "password1": PASSWORD, "password2": PASSWORD},
    )
    expired, expired_token = invite(rome, "b@example.org", admin_user)
    CoordinatorInvitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    answers = [
        Client().get(accept_url(token))
        for token in (used_token, expired_token, "unknown-token", "x" * 200)
    ]
    second_use = Client().post(
        accept_url(used_token),
        {"username": "second", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert {answer.status_code for answer in answers} == {404}
    assert len({answer.content for answer in answers}) == 1
    assert second_use.status_code == 404
    assert not User.objects.filter(username="second").exists()


def test_bad_account_details_are_form_errors_and_nothing_is_made(rome, admin_user):
    User.objects.create_user(username="taken")
    _invitation, token = invite(rome, "c@example.org", admin_user)
    client = Client()

    cases = {
        "taken": {"username": "taken", "password1": PASSWORD, "password2": PASSWORD},
        "mismatch": {"username": "new", "password1": PASSWORD, "password2": PASSWORD + "!"},
        "weak": {"username": "new", "password1": "123", "password2": "123"},
        "bad name": {"username": "a b", "password1": PASSWORD, "password2": PASSWORD},
    }
    errors = {
        name: set(client.post(accept_url(token), data).context["form"].errors)
        for name, data in cases.items()
    }

    assert errors == {
        "taken": {"username"},
        "mismatch": {"password2"},
        "weak": {"password1"},
        "bad name": {"username"},
    }
    assert not User.objects.filter(username="new").exists()
    assert CoordinatorInvitation.objects.get().accepted_at is None


def test_a_coordinator_invites_their_citys_editors_and_no_one_else(client, rome, brussels):
    from cms.access.models import CityRole
    from cms.access.roles import role_group
    from tests.access.conftest import person

    coordinator = person("rome-coordinator", role_group(rome, CityRole.Role.COORDINATOR))
    client.force_login(coordinator)
    form = client.get(reverse(INVITE)).context["form"]
    other_city = client.post(
        reverse(INVITE), {"city": brussels.pk, "role": "editor", "email": "b@example.org"}
    )
    coordinator_role = client.post(
        reverse(INVITE), {"city": rome.pk, "role": "coordinator", "email": "c@example.org"}
    )
    made = client.post(
        reverse(INVITE), {"city": rome.pk, "role": "editor", "email": "e@example.org"}
    )
    token = made.context["link"].rstrip("/").rsplit("/", 1)[1]
    accepted = Client().post(
        accept_url(token),
        {"username": "new-rome-editor", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert list(form.fields["city"].queryset) == [rome]
    assert [value for value, _ in form.fields["role"].choices] == ["editor"]
    assert set(other_city.context["form"].errors) == {"city"}
    assert set(coordinator_role.context["form"].errors) == {"role"}
    assert list(CoordinatorInvitation.objects.values_list("city", "role")) == [(rome.pk, "editor")]
    assert accepted["Location"] == reverse("wagtailsnippets_safe_spaces_safespace:list")
    editor = User.objects.get(username="new-rome-editor")
    assert list(editor.groups.values_list("name", flat=True)) == ["Rome: city editors"]


def test_a_request_that_loses_a_race_gets_a_clear_answer(rome, admin_user, monkeypatch):
    from django.db import IntegrityError

    from cms.access import invitation_views

    _invitation, token = invite(rome, "d@example.org", admin_user)
    data = {"username": "racer", "password1": PASSWORD, "password2": PASSWORD}

    def used(*args, **kwargs):
        raise ValueError("This invitation has been used already.")

    def taken(*args, **kwargs):
        raise IntegrityError("duplicate username")

    monkeypatch.setattr(invitation_views, "accept", used)
    lost_invitation = Client().post(accept_url(token), data)
    monkeypatch.setattr(invitation_views, "accept", taken)
    lost_username = Client().post(accept_url(token), data)

    assert lost_invitation.status_code == 404
    assert lost_username.status_code == 200
    assert set(lost_username.context["form"].errors) == {"username"}
