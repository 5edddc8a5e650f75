"""Submission publishes nothing; a translation goes live only when a reviewer of its language
approves it through Wagtail's workflow action dialog; anyone else is refused."""

from __future__ import annotations

import pytest
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from cms.translation.models import LanguageReviewTask
from tests.support.workflow import act, modal_step

from .conftest import publish_in_editor, submit_page, translate_strings, translated, translation_of

pytestmark = pytest.mark.django_db


def test_submitting_a_page_for_translation_publishes_no_translation(
    client, module, reviews, admin_user, fr
):
    response = submit_page(client, admin_user, module, fr)

    assert response.status_code == 302
    french = translated(module, fr)
    assert (french.live, french.has_unpublished_changes) == (False, True)
    assert french.title == "Responding to a disclosure"
    # Untranslated parents become aliases of the English pages, never translations.
    assert list(
        Page.objects.filter(locale=fr, alias_of__isnull=True).values_list("title", flat=True)
    ) == ["Responding to a disclosure"]
    assert not WorkflowState.objects.exists()


def test_the_editors_publish_button_submits_to_language_review_instead_of_publishing(
    client, module, reviews, admin_user, fr, django_capture_on_commit_callbacks
):
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr), lambda s: f"FR {s}")

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_in_editor(client, admin_user, translated(module, fr))

    assert response.status_code == 302
    french = translated(module, fr)
    assert french.live is False
    assert french.get_latest_revision_as_object().title == "FR Responding to a disclosure"
    task_state = french.current_workflow_task_state
    assert task_state.task.specific == reviews["fr"].task
    assert task_state.revision_id == french.latest_revision_id


def test_french_reviewer_approval_publishes_the_reviewed_revision(
    client, module, reviews, admin_user, fr, fr_reviewer, django_capture_on_commit_callbacks
):
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr), lambda s: f"FR {s}")
    publish_in_editor(client, admin_user, translated(module, fr))
    task_state = translated(module, fr).current_workflow_task_state

    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, fr_reviewer, translated(module, fr), "approve", comment="Juste.")

    assert response.status_code == 200
    assert modal_step(response) == "success"
    french = translated(module, fr)
    assert (french.live, french.title) == (True, "FR Responding to a disclosure")
    assert french.live_revision_id == task_state.revision_id
    task_state.refresh_from_db()
    assert (task_state.status, task_state.finished_by) == (TaskState.STATUS_APPROVED, fr_reviewer)
    decision = PageLogEntry.objects.get(action="translation.language_review")
    assert (decision.user, decision.data["decision"], decision.data["locale"]) == (
        fr_reviewer,
        "approve",
        "fr",
    )
    published = PageLogEntry.objects.get(action="wagtail.publish", page=french)
    assert published.user is None


def test_request_for_changes_keeps_the_translation_unpublished(
    client, module, reviews, admin_user, fr, fr_reviewer
):
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr), lambda s: f"FR {s}")
    publish_in_editor(client, admin_user, translated(module, fr))

    response = act(
        client, fr_reviewer, translated(module, fr), "reject", comment="Le titre est faux."
    )

    assert modal_step(response) == "success"
    french = translated(module, fr)
    assert french.live is False
    assert french.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


@pytest.mark.parametrize("who", ["ar_reviewer", "admin_user", "translator"])
def test_anyone_but_a_reviewer_of_the_language_is_refused_and_nothing_is_recorded(
    client, module, reviews, admin_user, fr, who, request
):
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr))
    publish_in_editor(client, admin_user, translated(module, fr))
    user = request.getfixturevalue(who)

    for action in ("approve", "reject"):
        response = act(client, user, translated(module, fr), action, comment="x")
        assert response.status_code == 403

    french = translated(module, fr)
    assert french.live is False
    assert french.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not PageLogEntry.objects.filter(action="translation.language_review").exists()


def test_reviewer_sees_only_their_languages_task_states(reviews, fr_reviewer, ar_reviewer):
    fr_task, ar_task = reviews["fr"].task, reviews["ar"].task

    assert fr_task.is_reviewer(fr_reviewer) and not fr_task.is_reviewer(ar_reviewer)
    assert not ar_task.is_reviewer(fr_reviewer)


def test_a_task_for_the_source_language_is_refused(reviews, db):
    from django.core.exceptions import ValidationError
    from wagtail.models import Locale

    task = LanguageReviewTask(
        name="English", locale=Locale.objects.get(language_code="en"), reviewers=reviews["fr"].group
    )
    with pytest.raises(ValidationError) as error:
        task.full_clean()
    assert error.value.message_dict["locale"] == [
        "The source language is reviewed by the expert panels, not here."
    ]


def test_reviewers_of_the_language_only_are_emailed_when_a_translation_waits(
    client, module, reviews, admin_user, fr, fr_reviewer, ar_reviewer, mailoutbox
):
    fr_reviewer.email, ar_reviewer.email = "fr@example.org", "ar@example.org"
    fr_reviewer.save()
    ar_reviewer.save()
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr), lambda s: f"FR {s}")

    publish_in_editor(client, admin_user, translated(module, fr))

    ours = [m for m in mailoutbox if m.subject.startswith("A translation is waiting")]
    assert [message.to for message in ours] == [["fr@example.org"]]
    assert ours[0].subject == (
        'A translation is waiting for your review: "FR Responding to a disclosure" (French)'
    )
    assert "ar@example.org" not in {to for message in mailoutbox for to in message.to}
    french = translated(module, fr)
    assert f"/admin/pages/{french.pk}/edit/" in ours[0].body
