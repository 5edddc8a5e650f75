"""Wagtail's reports name their city's listings only: the site history (and its export), the
workflow and workflow-task reports."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page, Workflow, WorkflowContentType, WorkflowTask

from cms.access.roles import ensure_toolbox_editors
from cms.panels.factories import PanelReviewTaskFactory
from safe_spaces.models import SafeSpace

pytestmark = pytest.mark.django_db

REPORTS = {
    "site history": "wagtailadmin_reports:site_history",
    "site history results": "wagtailadmin_reports:site_history_results",
    "workflow": "wagtailadmin_reports:workflow",
    "workflow results": "wagtailadmin_reports:workflow_results",
    "workflow tasks": "wagtailadmin_reports:workflow_tasks",
    "workflow tasks results": "wagtailadmin_reports:workflow_tasks_results",
}


@pytest.fixture
def rome_editor(rome_editor):
    """Rome's city editor, who also edits a toolbox's pages: Wagtail lets page editors read the
    workflow reports."""
    rome_editor.groups.add(ensure_toolbox_editors(Page.objects.get(depth=1)))
    return rome_editor


@pytest.fixture
def in_verification(rome_editor, rome_desk, brussels_desk):
    """Both listings submitted to a verification workflow."""
    task = PanelReviewTaskFactory(name="Listing check", min_approvals=1, members=[])
    workflow = Workflow.objects.create(name="Listing check")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(
        content_type=ContentType.objects.get_for_model(SafeSpace), workflow=workflow
    )
    for space in (rome_desk, brussels_desk):
        space.save_revision(user=rome_editor)
        workflow.start(SafeSpace.objects.get(pk=space.pk), rome_editor)
    return workflow


def pages(client) -> dict[str, str]:
    return {name: client.get(reverse(url)).content.decode() for name, url in REPORTS.items()}


def test_each_report_names_their_citys_listings_only(client, rome_editor, in_verification):
    client.force_login(rome_editor)

    statuses = {name: client.get(reverse(url)).status_code for name, url in REPORTS.items()}
    shown = pages(client)

    assert statuses == dict.fromkeys(REPORTS, 200)
    assert {name: "Rome ward desk" in html for name, html in shown.items()} == dict.fromkeys(
        REPORTS, True
    )
    assert {name: "Brussels ward desk" in html for name, html in shown.items()} == (
        dict.fromkeys(REPORTS, False)
    )


def test_a_programme_administrator_sees_every_city_in_them(admin_client, in_verification):
    shown = pages(admin_client)

    assert all("Brussels ward desk" in html for html in shown.values())
    assert all("Rome ward desk" in html for html in shown.values())


def test_the_site_history_export_holds_their_city_only(client, rome_editor, in_verification):
    client.force_login(rome_editor)

    response = client.get(reverse("wagtailadmin_reports:site_history") + "?export=csv")
    exported = b"".join(response.streaming_content).decode()

    assert response.status_code == 200
    assert "Rome ward desk" in exported
    assert "Brussels ward desk" not in exported


def test_a_deleted_listing_of_another_city_stays_out_of_the_history(
    client, rome_editor, rome_desk, brussels_desk
):
    ModelLogEntry.objects.log_action(brussels_desk, "wagtail.delete")
    brussels_desk.delete()
    client.force_login(rome_editor)

    shown = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()

    assert "Brussels ward desk" not in shown
    assert "Rome ward desk" in shown


def test_the_reports_still_ask_for_a_login(client, in_verification):
    statuses = {name: client.get(reverse(url)).status_code for name, url in REPORTS.items()}

    assert statuses == dict.fromkeys(REPORTS, 302)
