"""Translated snippets go to their language's review; the English source keeps the model's
own workflow (the expert panel)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Workflow, WorkflowContentType

from safe_spaces.factories import HelplineFactory
from safe_spaces.models import Helpline
from tests.support.workflow import act, modal_step

from .conftest import publish_in_editor, translate_strings, translated, translation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def helpline(locale_en) -> Helpline:
    line = HelplineFactory(name="Violence listening line", locale=locale_en)
    line.save_revision().publish()
    return Helpline.objects.get(pk=line.pk)


@pytest.fixture
def panel_workflow(db) -> Workflow:
    workflow = Workflow.objects.create(name="Helpline panel review")
    WorkflowContentType.objects.create(
        workflow=workflow, content_type=ContentType.objects.get_for_model(Helpline)
    )
    return workflow


def submit_snippet(client, user, obj, *locales):
    client.force_login(user)
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[obj._meta.app_label, obj._meta.model_name, obj.pk],
    )
    return client.post(url, {"locales": [locale.pk for locale in locales]})


def test_each_locale_routes_to_its_own_workflow(
    client, helpline, panel_workflow, reviews, admin_user, fr, ar
):
    submit_snippet(client, admin_user, helpline, fr, ar)

    assert helpline.get_workflow() == panel_workflow
    assert translated(helpline, fr).get_workflow() == reviews["fr"].workflow
    assert translated(helpline, ar).get_workflow() == reviews["ar"].workflow


def test_a_locale_without_reviewers_has_no_workflow_and_stays_a_draft(
    client, helpline, admin_user, fr, django_capture_on_commit_callbacks
):
    submit_snippet(client, admin_user, helpline, fr)
    translate_strings(translation_of(helpline, fr))

    with django_capture_on_commit_callbacks(execute=True):
        publish_in_editor(client, admin_user, translated(helpline, fr))

    french = translated(helpline, fr)
    assert french.get_workflow() is None
    assert (french.live, french.workflow_in_progress) == (False, False)


def test_snippet_translation_is_published_by_its_languages_reviewer_only(
    client,
    helpline,
    panel_workflow,
    reviews,
    admin_user,
    fr,
    fr_reviewer,
    ar_reviewer,
    django_capture_on_commit_callbacks,
):
    response = submit_snippet(client, admin_user, helpline, fr)
    assert response.status_code == 302
    french = translated(helpline, fr)
    assert french.live is False
    translate_strings(translation_of(helpline, fr), lambda s: f"FR {s}")
    with django_capture_on_commit_callbacks(execute=True):
        publish_in_editor(client, admin_user, translated(helpline, fr))
    assert translated(helpline, fr).live is False

    assert act(client, ar_reviewer, translated(helpline, fr), "approve").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, fr_reviewer, translated(helpline, fr), "approve")

    assert modal_step(response) == "success"
    french = translated(helpline, fr)
    assert (french.live, french.name, french.number) == (
        True,
        "FR Violence listening line",
        helpline.number,
    )
    assert french.hours_description == helpline.hours_description
