"""Panels in the snippet admin (administrators only) and the panel review task's form."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.panels.factories import ExpertPanelFactory, UserFactory
from cms.panels.models import Constituency, ExpertPanel, PanelMembership, PanelReviewTask
from tests.support.admin import form_errors

from .conftest import member_user

pytestmark = pytest.mark.django_db

PANEL_URLS = "wagtailsnippets_panels_expertpanel"


def panel_form(name: str, members: list[dict]) -> dict:
    return nested_form_data(
        {"name": name, "description": "", "memberships": inline_formset(members)}
    )


def test_members_left_without_a_pseudonym_are_numbered_by_constituency(admin_client):
    users = [UserFactory() for _ in range(3)]
    data = panel_form(
        "Gothenburg toolbox panel",
        [
            {"user": users[0].pk, "constituency": "survivor", "pseudonym": ""},
            {"user": users[1].pk, "constituency": "academic", "pseudonym": ""},
            {"user": users[2].pk, "constituency": "survivor", "pseudonym": ""},
        ],
    )

    response = admin_client.post(reverse(f"{PANEL_URLS}:add"), data)

    assert response.status_code == 302
    panel = ExpertPanel.objects.get()
    assert list(panel.memberships.order_by("sort_order").values_list("pseudonym", flat=True)) == [
        "Survivor panel member 1",
        "Academic panel member 1",
        "Survivor panel member 2",
    ]


def test_a_freed_number_is_given_again(db):
    panel = ExpertPanelFactory()
    first, second = (
        PanelMembership.objects.create(panel=panel, user=UserFactory(), constituency="iom")
        for _ in range(2)
    )
    first.delete()

    third = PanelMembership.objects.create(panel=panel, user=UserFactory(), constituency="iom")

    assert (second.pseudonym, third.pseudonym) == ("IOM panel member 2", "IOM panel member 1")


@pytest.mark.parametrize(
    ("second", "field", "message"),
    [
        (
            {"same_user": True},
            "memberships-1-__all__",
            "Please correct the duplicate values below.",
        ),
        (
            {"pseudonym": "Survivor voice"},
            "memberships-1-pseudonym",
            "Another member already has this pseudonym.",
        ),
        (
            {"pseudonym": "Amira from Molenbeek"},
            "memberships-1-pseudonym",
            "A pseudonym must not contain the member's name or email.",
        ),
    ],
)
def test_a_panel_form_refuses_a_second_seat_a_repeated_or_revealing_pseudonym(
    admin_client, second, field, message
):
    first_user = UserFactory()
    other_user = UserFactory(first_name="Amira")
    data = panel_form(
        "Brussels toolbox panel",
        [
            {"user": first_user.pk, "constituency": "survivor", "pseudonym": "Survivor voice"},
            {
                "user": first_user.pk if second.get("same_user") else other_user.pk,
                "constituency": "community",
                "pseudonym": second.get("pseudonym", ""),
            },
        ],
    )

    response = admin_client.post(reverse(f"{PANEL_URLS}:add"), data)

    assert response.status_code == 200
    assert message in form_errors(response).get(field, []), form_errors(response)
    assert ExpertPanel.objects.count() == 0


def test_editors_and_members_cannot_open_the_panels(client, editor):
    member = member_user("member-x", "Member", "X")
    for user in (editor, member):
        client.force_login(user)
        response = client.get(reverse(f"{PANEL_URLS}:list"))
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))


def test_a_panel_used_by_a_task_cannot_be_deleted(admin_client, panel):
    response = admin_client.post(reverse(f"{PANEL_URLS}:delete", args=[panel.panel.pk]))

    assert response.status_code == 302
    assert ExpertPanel.objects.filter(pk=panel.panel.pk).exists()


def add_task(client, **overrides):
    data = {
        "name": "Brussels toolbox panel review",
        "panel": "",
        "min_approvals": "3",
        "required_constituencies": ["survivor", "academic"],
        **overrides,
    }
    return client.post(
        reverse("wagtailadmin_workflows:add_task", args=["panels", "panelreviewtask"]), data
    )


def test_a_panel_review_task_is_created_from_the_workflow_admin(admin_client, panel):
    response = add_task(admin_client, panel=str(panel.panel.pk))

    assert response.status_code == 302
    task = PanelReviewTask.objects.get(name="Brussels toolbox panel review")
    assert (task.panel, task.min_approvals, task.required_constituencies) == (
        panel.panel,
        3,
        [Constituency.ACADEMIC, Constituency.SURVIVOR],
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"min_approvals": "0"},
            "min_approvals",
            "Ensure this value is greater than or equal to 1.",
        ),
        (
            {"min_approvals": "1"},
            "min_approvals",
            "The minimum number of approvals can't be below the number of constituencies that "
            "must approve.",
        ),
        (
            {"min_approvals": "6"},
            "min_approvals",
            "The panel has 5 member(s): it could never reach 6 approvals.",
        ),
        (
            {"required_constituencies": ["elders"]},
            "required_constituencies",
            "Select a valid choice. elders is not one of the available choices.",
        ),
    ],
)
def test_the_task_form_refuses_a_quorum_the_panel_cannot_meet(
    admin_client, panel, overrides, field, message
):
    response = add_task(admin_client, panel=str(panel.panel.pk), **overrides)

    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not PanelReviewTask.objects.filter(name="Brussels toolbox panel review").exists()


def test_the_task_form_refuses_a_constituency_the_panel_lacks(admin_client, db):
    panel = ExpertPanelFactory()
    for _ in range(3):
        PanelMembership.objects.create(panel=panel, user=UserFactory(), constituency="academic")

    response = add_task(admin_client, panel=str(panel.pk))

    assert response.context["form"].errors["required_constituencies"] == [
        "The panel has no member from: Survivor."
    ]
