"""Outside the administrators, panel members are known only by pseudonym: in every admin
screen, log entry, email and export an editor (or another member) can see."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from cms.panels.models import Constituency

from .conftest import act, submit

pytestmark = pytest.mark.django_db

ACADEMIC, COMMUNITY, SURVIVOR, INSTITUTION, IOM = Constituency.values


def identities(panel, viewer=None) -> list[str]:
    """Everything that names a member (but the viewer): username, names, email."""
    found = []
    for seat in panel.seats.values():
        user = seat.user
        if user == viewer:
            continue
        found += [user.username, user.first_name, user.last_name, user.email]
    return found


@pytest.fixture
def reviewed(client, module, panel, editor):
    """Changes requested once, then a revised version approved and published."""
    first = submit(module, editor, title="Revised title")
    act(client, panel.user(ACADEMIC), module, "approve", comment="Accurate.")
    act(client, panel.user(SURVIVOR), module, "request_changes", comment="Softer wording, please.")
    draft = module.get_latest_revision_as_object()
    draft.title = "Revised title, softer"
    draft.save_revision(user=editor)
    WorkflowState.objects.get().resume(user=editor)
    second = TaskState.objects.filter(status="in_progress").get()
    for constituency in (ACADEMIC, SURVIVOR, IOM):
        act(client, panel.user(constituency), module, "approve", comment=f"OK ({constituency}).")
    second.refresh_from_db()
    assert second.status == "approved"
    client.logout()
    return first, second


def editor_pages(module, first, second) -> dict[str, str]:
    workflow_state = first.workflow_state
    return {
        "review screen (changes requested)": reverse("panels:review", args=[first.pk]),
        "review screen (approved)": reverse("panels:review", args=[second.pk]),
        "feedback export": reverse("panels:feedback_export", args=[second.pk]),
        "page history": reverse("wagtailadmin_pages:history", args=[module.pk]),
        "workflow history": reverse("wagtailadmin_pages:workflow_history", args=[module.pk]),
        "workflow history detail": reverse(
            "wagtailadmin_pages:workflow_history_detail", args=[module.pk, workflow_state.pk]
        ),
        "editor": reverse("wagtailadmin_pages:edit", args=[module.pk]),
        "dashboard": reverse("wagtailadmin_home"),
    }


def body(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_editor_screens_name_members_by_pseudonym_only(client, module, panel, editor, reviewed):
    first, second = reviewed
    client.force_login(editor)

    for name, url in editor_pages(module, first, second).items():
        response = client.get(url)
        assert response.status_code == 200, name
        content = body(response)
        for identity in identities(panel):
            assert identity not in content, (name, identity)

    review_screen = body(client.get(reverse("panels:review", args=[first.pk])))
    assert "Survivor panel member 1" in review_screen
    assert "Softer wording, please." in review_screen
    history = body(client.get(reverse("wagtailadmin_pages:history", args=[module.pk])))
    assert "Survivor panel member 1 (Survivor, Luxembourg toolbox panel): request changes" in (
        history
    )
    detail = body(client.get(editor_pages(module, first, second)["workflow history detail"]))
    assert "Survivor panel member 1 requested changes" in detail
    export = body(client.get(reverse("panels:feedback_export", args=[second.pk])))
    assert export.count("Academic panel member 1") == 2


def test_wagtail_records_no_member_as_the_one_who_approved_rejected_or_published(
    module, panel, reviewed
):
    first, second = reviewed
    member_ids = {seat.user_id for seat in panel.seats.values()}

    assert {first.finished_by_id, second.finished_by_id} == {None}
    logged = set(PageLogEntry.objects.filter(page=module).values_list("user_id", flat=True))
    assert logged.isdisjoint(member_ids)
    assert set(
        PageLogEntry.objects.filter(page=module, action__startswith="panels.").values_list(
            "user_id", flat=True
        )
    ) == {None}


def test_emails_to_the_editor_name_members_by_pseudonym_only(module, panel, editor, reviewed):
    to_editor = [message for message in mail.outbox if message.to == [editor.email]]

    assert [message.subject for message in to_editor] == [
        'The page "Revised title" has been rejected during "Toolbox panel review: Luxembourg".',
        'The page "Revised title, softer" has been approved in "Toolbox panel review: Luxembourg".',
    ]
    rejected = to_editor[0].body
    assert "Survivor panel member 1 requested changes" in rejected
    assert "Softer wording, please." in rejected
    for message in to_editor:
        for identity in identities(panel):
            assert identity not in f"{message.body}{message.subject}", identity


def test_a_member_sees_the_others_by_pseudonym_and_only_after_reviewing(
    client, module, panel, editor
):
    task_state = submit(module, editor, title="Revised title")
    act(client, panel.user(ACADEMIC), module, "approve", comment="Accurate.")
    url = reverse("panels:review", args=[task_state.pk])

    client.force_login(panel.user(SURVIVOR))
    before = body(client.get(url))
    act(client, panel.user(SURVIVOR), module, "approve", comment="Kind wording.")
    after = body(client.get(url))

    assert "You review as <strong>Survivor panel member 1</strong>" in before
    assert "Accurate." not in before
    assert "Academic panel member 1" in after and "Accurate." in after
    for identity in identities(panel, viewer=panel.user(SURVIVOR)):
        assert identity not in before + after, identity


def test_administrators_see_who_the_members_are(client, admin_user, module, panel, editor):
    task_state = submit(module, editor, title="Revised title")
    act(client, panel.user(ACADEMIC), module, "approve", comment="Accurate.")
    client.force_login(admin_user)

    content = body(client.get(reverse("panels:review", args=[task_state.pk])))

    assert "Academic panel member 1" in content
    assert "member-academic" in content
