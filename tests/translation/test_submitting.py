"""The translation editor's publish button sends to language review and says so; a
translation below the completeness threshold is not sent, with what is missing named."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from wagtail.models import Workflow, WorkflowPage, WorkflowState

from .conftest import publish_in_editor, submit_page, translate_strings, translated, translation_of

pytestmark = pytest.mark.django_db


def said(response) -> tuple[str, str]:
    """The last message shown (the first is the submission's)."""
    *_, last = get_messages(response.wsgi_request)
    return last.level_tag, str(last)


def test_a_complete_translation_is_sent_to_language_review_and_never_called_published(
    client, module, reviews, admin_user, fr
):
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr), lambda s: f"FR {s}")

    response = publish_in_editor(client, admin_user, translated(module, fr))

    assert response.status_code == 302
    assert said(response) == (
        "success",
        "“FR Responding to a disclosure” was sent to language review (French). It is "
        "published when a reviewer of French approves it.",
    )
    assert translated(module, fr).live is False
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1


def test_a_translation_below_the_threshold_is_not_sent_and_what_is_missing_is_named(
    client, module, reviews, admin_user, fr
):
    submit_page(client, admin_user, module, fr)
    translation = translation_of(module, fr)
    translate_strings(translation, lambda s: f"FR {s}", limit=1)
    total, done = translation.get_progress()
    revisions = translated(module, fr).revisions.count()

    response = publish_in_editor(client, admin_user, translated(module, fr))

    assert (total, done) == (3, 1)
    assert response.status_code == 302
    assert said(response) == (
        "error",
        "Not sent to language review: 33% of “Responding to a disclosure” is translated "
        "into French (1 of 3 texts), and 100% is needed. Still to translate: “responding”; "
        "“What to say first.”.",
    )
    assert not WorkflowState.objects.exists()
    assert translated(module, fr).revisions.count() == revisions


def test_the_threshold_is_a_setting(client, module, reviews, admin_user, fr, settings):
    settings.TRANSLATION_REVIEW_MIN_PERCENT = 50
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr), lambda s: f"FR {s}", limit=2)

    response = publish_in_editor(client, admin_user, translated(module, fr))

    assert said(response)[0] == "success"
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1


def test_a_language_without_review_keeps_the_translation_a_draft_and_says_so(
    client, module, reviews, admin_user, fr
):
    Workflow.objects.filter(pk=reviews["fr"].workflow.pk).update(active=False)
    WorkflowPage.objects.all().delete()  # nor any other workflow for the pages
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr), lambda s: f"FR {s}")

    response = publish_in_editor(client, admin_user, translated(module, fr))

    assert said(response) == (
        "warning",
        "“FR Responding to a disclosure” in French was saved as a draft, not published: "
        "French has no language review yet. A programme administrator sets one up.",
    )
    assert translated(module, fr).live is False


def test_who_may_not_send_is_still_refused(client, module, reviews, admin_user, translator, fr):
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr), lambda s: f"FR {s}")

    response = publish_in_editor(client, translator, translated(module, fr))

    assert response.status_code in (302, 403)
    assert not WorkflowState.objects.exists()
