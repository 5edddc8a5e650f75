"""The suite's toolbox and module under an expert panel's review, its members, an editor and a
member of another panel; helpers to act through the admin as each of them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import TaskState, Workflow, WorkflowPage, WorkflowTask

from cms.panels.factories import (
    ExpertPanelFactory,
    PanelMembershipFactory,
    PanelReviewTaskFactory,
    UserFactory,
)
from cms.panels.models import Constituency, ExpertPanel, PanelMembership, PanelReviewTask
from tests.support import workflow

GOOD_RATINGS = {
    "accuracy": "5",
    "cultural_sensitivity": "4",
    "trauma_informed_language": "5",
    "clarity": "4",
}


def member_user(username: str, first: str, last: str):
    user = UserFactory(username=username, first_name=first, last_name=last)
    user.groups.add(Group.objects.get_or_create(name="Panel members")[0])
    user.groups.first().permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


@dataclass
class Panel:
    panel: ExpertPanel
    task: PanelReviewTask
    seats: dict[str, PanelMembership]  # constituency -> seat

    def user(self, constituency: str):
        return self.seats[constituency].user


@pytest.fixture
def panel(toolbox, module) -> Panel:
    """Five members, one per constituency ('Academic panel member 1', ...), three approvals
    including a survivor and an academic. The toolbox and its module were published before
    the panel existed: from now on, only the panel's approval publishes them."""
    expert_panel = ExpertPanelFactory(name="Luxembourg toolbox panel")
    expert_panel.toolboxes = [toolbox]
    expert_panel.save()
    seats = {}
    for number, constituency in enumerate(Constituency.values, start=1):
        user = member_user(f"member-{constituency}", f"Realname{number}", f"Surname{number}")
        seats[constituency] = PanelMembershipFactory(
            panel=expert_panel, user=user, constituency=constituency
        )
    task = PanelReviewTaskFactory(
        name="Luxembourg toolbox panel review",
        panel=expert_panel,
        min_approvals=3,
        required_constituencies=[Constituency.SURVIVOR, Constituency.ACADEMIC],
        members=[],
    )
    workflow = Workflow.objects.create(name="Toolbox panel review: Luxembourg")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=toolbox, workflow=workflow)
    return Panel(expert_panel, task, seats)


@pytest.fixture
def outsider():
    """A member of another panel."""
    other = ExpertPanelFactory(name="Rome toolbox panel")
    user = member_user("other-panel-member", "Outside", "Person")
    PanelMembershipFactory(panel=other, user=user, constituency=Constituency.SURVIVOR)
    PanelReviewTaskFactory(name="Rome toolbox panel review", panel=other, members=[])
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(
        username="editor-ines", first_name="Ines", last_name="Editor", email="ines@example.org"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    for codename in ("add_safespace", "change_safespace"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def submit(page, editor, **changes):
    """The editor changes the page's draft and submits it to its workflow."""
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision(user=editor, log_action=True)
    page = type(page).objects.get(pk=page.pk)
    state = page.get_workflow().start(page, editor)
    return state.current_task_state


def act(client, user, obj, action: str, task_state=None, **data):
    """``user`` takes ``action`` in the workflow dialog; a panel member's approval or request
    for changes carries good ratings unless ``no_ratings``."""
    if action in ("approve", "request_changes") and not data.pop("no_ratings", False):
        data = {**GOOD_RATINGS, **data}
    return workflow.act(client, user, obj, action, task_state, **data)


def publish_through_panel(client, page, panel, editor, **changes) -> TaskState:
    """Submit ``page`` (with ``changes``) and approve it with the panel's quorum, which
    publishes it: the only way governed content goes live."""
    task_state = submit(page, editor, **changes)
    for constituency in (Constituency.ACADEMIC, Constituency.SURVIVOR, Constituency.IOM):
        act(client, panel.user(constituency), page, "approve")
    client.logout()
    task_state.refresh_from_db()
    return task_state


@pytest.fixture
def approved(client, module, panel, editor):
    """The module's revision "Revised title", approved by three members, one abstaining."""
    academic, community, survivor, _institution, iom = Constituency.values
    task_state = submit(module, editor, title="Revised title")
    act(client, panel.user(community), module, "abstain", comment="I wrote part of it.")
    for constituency in (academic, survivor, iom):
        act(client, panel.user(constituency), module, "approve", comment=f"Fine ({constituency})")
    task_state.refresh_from_db()
    module.refresh_from_db()
    client.logout()
    return task_state
