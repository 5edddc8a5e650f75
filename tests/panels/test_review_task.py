"""The panel review task through Wagtail's workflow action views: quorum, constituencies,
requests for changes, abstentions, re-approval after an edit, and every refusal."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState

from cms.panels.models import Constituency, PanelReview
from cms.panels.reviewing import quorum_progress
from tests.support.workflow import current_task_state, modal_step

from .conftest import act, submit

pytestmark = pytest.mark.django_db

ACADEMIC, COMMUNITY, SURVIVOR, INSTITUTION, IOM = Constituency.values


def live_title(page) -> str:
    return Page.objects.get(pk=page.pk).specific.title


def test_member_approval_is_recorded_against_the_revision_under_review(
    client, module, panel, editor
):
    task_state = submit(module, editor, title="Responding to a disclosure, revised")

    response = act(client, panel.user(ACADEMIC), module, "approve", comment="Clear and kind.")

    assert response.status_code == 200
    assert modal_step(response) == "success"
    review = PanelReview.objects.get()
    assert (review.task_state_id, review.revision_id) == (task_state.pk, task_state.revision_id)
    assert (review.pseudonym, review.constituency, review.decision) == (
        "Academic panel member 1",
        ACADEMIC,
        "approve",
    )
    assert review.ratings == {
        "accuracy": 5,
        "cultural_sensitivity": 4,
        "trauma_informed_language": 5,
        "clarity": 4,
    }
    assert (review.comment, review.panel_name, review.object_title) == (
        "Clear and kind.",
        "Luxembourg toolbox panel",
        "Responding to a disclosure, revised",
    )


def test_quorum_not_met_keeps_the_review_open_and_the_live_version_unchanged(
    client, module, panel, editor
):
    submit(module, editor, title="Revised title")

    act(client, panel.user(ACADEMIC), module, "approve")
    act(client, panel.user(SURVIVOR), module, "approve")

    task_state = current_task_state(module)
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert quorum_progress(panel.task, task_state).approvals == 2
    assert live_title(module) == "Responding to a disclosure"


def test_quorum_met_approves_the_step_and_publishes_the_reviewed_revision(
    client, module, panel, editor
):
    task_state = submit(module, editor, title="Revised title")

    for constituency in (ACADEMIC, COMMUNITY, SURVIVOR):
        assert modal_step(act(client, panel.user(constituency), module, "approve")) == "success"

    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by is None
    assert task_state.workflow_state.status == WorkflowState.STATUS_APPROVED
    module.refresh_from_db()
    assert module.live_revision_id == task_state.revision_id
    assert live_title(module) == "Revised title"
    assert PanelReview.objects.filter(task_state=task_state).count() == 3


def test_three_approvals_without_a_survivor_do_not_meet_the_constituency_rule(
    client, module, panel, editor
):
    submit(module, editor, title="Revised title")

    for constituency in (ACADEMIC, COMMUNITY, IOM):
        act(client, panel.user(constituency), module, "approve")

    task_state = current_task_state(module)
    progress = quorum_progress(panel.task, task_state)
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert (progress.approvals, progress.missing_constituencies) == (3, (SURVIVOR,))
    assert live_title(module) == "Responding to a disclosure"

    act(client, panel.user(SURVIVOR), module, "approve")

    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert live_title(module) == "Revised title"


def test_a_request_for_changes_rejects_the_step_and_returns_the_page_to_its_editor(
    client, module, panel, editor
):
    task_state = submit(module, editor, title="Revised title")
    act(client, panel.user(ACADEMIC), module, "approve", comment="Fine by me.")

    response = act(
        client,
        panel.user(SURVIVOR),
        module,
        "request_changes",
        comment="The second paragraph blames the victim.",
    )

    assert modal_step(response) == "success"
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.finished_by is None
    assert task_state.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert task_state.comment.splitlines() == [
        "Changes requested by the Luxembourg toolbox panel.",
        "Academic panel member 1 approved (accuracy 5/5, cultural sensitivity 4/5, "
        "trauma-informed language 5/5, clarity for the audience 4/5): Fine by me.",
        "Survivor panel member 1 requested changes (accuracy 5/5, cultural sensitivity 4/5, "
        "trauma-informed language 5/5, clarity for the audience 4/5): The second paragraph "
        "blames the victim.",
    ]
    assert live_title(module) == "Responding to a disclosure"


def test_the_editor_resubmits_after_changes_and_the_panel_reviews_the_new_revision(
    client, module, panel, editor
):
    submit(module, editor, title="Revised title")
    act(client, panel.user(SURVIVOR), module, "request_changes", comment="Too harsh.")
    workflow_state = WorkflowState.objects.get()

    draft = module.get_latest_revision_as_object()
    draft.title = "Revised title, gentler"
    revision = draft.save_revision(user=editor)
    workflow_state.resume(user=editor)

    task_state = current_task_state(module)
    assert (task_state.status, task_state.revision_id) == ("in_progress", revision.pk)
    for constituency in (ACADEMIC, SURVIVOR, IOM):
        act(client, panel.user(constituency), module, "approve")
    assert live_title(module) == "Revised title, gentler"


def test_an_abstention_counts_neither_way(client, module, panel, editor):
    submit(module, editor, title="Revised title")

    act(client, panel.user(COMMUNITY), module, "abstain", comment="I co-wrote this module.")
    act(client, panel.user(ACADEMIC), module, "approve")
    act(client, panel.user(SURVIVOR), module, "approve")

    task_state = current_task_state(module)
    progress = quorum_progress(panel.task, task_state)
    assert (task_state.status, progress.approvals, progress.abstentions) == ("in_progress", 2, 1)
    abstention = PanelReview.objects.get(decision="abstain")
    assert abstention.ratings == dict.fromkeys(abstention.ratings)
    assert abstention.comment == "I co-wrote this module."

    act(client, panel.user(IOM), module, "approve")

    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED


def test_an_edit_after_approvals_restarts_the_review_of_the_new_revision(
    client, module, panel, editor
):
    first = submit(module, editor, title="Revised title")
    act(client, panel.user(ACADEMIC), module, "approve")
    act(client, panel.user(SURVIVOR), module, "approve")
    mail.outbox.clear()

    draft = module.get_latest_revision_as_object()
    draft.title = "Revised again"
    new_revision = draft.save_revision(user=editor)

    first.refresh_from_db()
    second = current_task_state(module)
    assert first.status == TaskState.STATUS_CANCELLED
    assert (second.status, second.revision_id) == ("in_progress", new_revision.pk)
    assert second.workflow_state_id == first.workflow_state_id
    # The earlier approvals stay on record, against the revision they approved.
    assert list(PanelReview.objects.values_list("revision_id", flat=True)) == [
        first.revision_id,
        first.revision_id,
    ]
    assert quorum_progress(panel.task, second).approvals == 0
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        seat.user.email for seat in panel.seats.values()
    )
    assert all(message.subject.startswith("Review again:") for message in mail.outbox)

    # One more approval is not enough: the new revision needs its own quorum.
    act(client, panel.user(COMMUNITY), module, "approve")
    assert live_title(module) == "Responding to a disclosure"
    act(client, panel.user(ACADEMIC), module, "approve")
    act(client, panel.user(SURVIVOR), module, "approve")
    assert live_title(module) == "Revised again"
    module.refresh_from_db()
    assert module.live_revision_id == new_revision.pk


def test_an_edit_before_any_review_moves_the_review_to_the_new_revision(
    client, module, panel, editor
):
    first = submit(module, editor, title="Revised title")
    mail.outbox.clear()

    revision = module.get_latest_revision_as_object().save_revision(user=editor)

    first.refresh_from_db()
    assert (first.status, first.revision_id) == ("in_progress", revision.pk)
    assert mail.outbox == []


def test_an_autosaved_overwrite_after_a_review_restarts_the_review(client, module, panel, editor):
    first = submit(module, editor, title="Revised title")
    act(client, panel.user(ACADEMIC), module, "approve")

    draft = module.get_latest_revision_as_object()
    draft.title = "Overwritten in place"
    same = draft.save_revision(user=editor, overwrite_revision=first.revision)

    first.refresh_from_db()
    second = current_task_state(module)
    assert same.pk == first.revision_id
    assert first.status == TaskState.STATUS_CANCELLED
    assert (second.status, second.revision_id) == ("in_progress", same.pk)


# --- Refusals: nothing is recorded ------------------------------------------------------------


def test_a_member_of_another_panel_is_refused_and_nothing_is_recorded(
    client, module, panel, editor, outsider
):
    task_state = submit(module, editor, title="Revised title")

    response = act(client, outsider, module, "approve")
    screen = client.get(reverse("panels:review", args=[task_state.pk]))

    assert response.status_code == 403
    # Wagtail's admin answers a refused page view with a redirect to the dashboard.
    assert (screen.status_code, screen["Location"]) == (302, reverse("wagtailadmin_home"))
    assert PanelReview.objects.count() == 0
    assert current_task_state(module).status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("who", ["editor", "admin_user"])
def test_an_editor_or_an_administrator_outside_the_panel_cannot_review(
    request, client, module, panel, editor, who
):
    submit(module, editor, title="Revised title")

    response = act(client, request.getfixturevalue(who), module, "approve")

    assert response.status_code == 403
    assert PanelReview.objects.count() == 0


def test_a_member_reviews_once_per_revision(client, module, panel, editor):
    submit(module, editor, title="Revised title")
    act(client, panel.user(ACADEMIC), module, "approve")

    again = act(client, panel.user(ACADEMIC), module, "request_changes", comment="Changed my mind")

    assert again.status_code == 403
    assert list(PanelReview.objects.values_list("decision", flat=True)) == ["approve"]


def test_acting_on_a_finished_review_is_refused(client, module, panel, editor):
    task_state = submit(module, editor, title="Revised title")
    for constituency in (ACADEMIC, COMMUNITY, SURVIVOR):
        act(client, panel.user(constituency), module, "approve")

    late = act(client, panel.user(IOM), module, "approve", task_state=task_state)

    assert late.status_code == 302  # Wagtail: "not currently awaiting moderation"
    assert PanelReview.objects.count() == 3


def test_acting_on_an_old_task_state_while_a_new_review_runs_is_refused(
    client, module, panel, editor
):
    first = submit(module, editor, title="Revised title")
    act(client, panel.user(ACADEMIC), module, "approve")
    module.get_latest_revision_as_object().save_revision(user=editor)  # restarts

    response = act(client, panel.user(SURVIVOR), module, "approve", task_state=first)

    assert response.status_code == 403
    assert PanelReview.objects.count() == 1


def test_an_unknown_action_is_refused(client, module, panel, editor):
    submit(module, editor, title="Revised title")

    response = act(client, panel.user(ACADEMIC), module, "publish")

    assert response.status_code == 403
    assert PanelReview.objects.count() == 0


@pytest.mark.parametrize(
    ("action", "data", "field", "message"),
    [
        ("approve", {"accuracy": "0"}, "accuracy", "0 is not one of the available choices."),
        ("approve", {"clarity": "6"}, "clarity", "6 is not one of the available choices."),
        ("approve", {"no_ratings": True}, "cultural_sensitivity", "Rate it from 1 to 5."),
        ("request_changes", {"comment": "  "}, "comment", "Say what needs to change."),
    ],
)
def test_a_bad_review_shows_the_form_again_and_records_nothing(
    client, module, panel, editor, action, data, field, message
):
    submit(module, editor, title="Revised title")

    response = act(client, panel.user(ACADEMIC), module, action, **data)

    assert response.status_code == 200
    assert modal_step(response) == "action"
    assert message in response.json()["html"]
    assert PanelReview.objects.count() == 0
    assert current_task_state(module).status == TaskState.STATUS_IN_PROGRESS
