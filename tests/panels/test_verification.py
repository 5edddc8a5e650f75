"""Safe-space verification: a panel review of a snippet that, on approval, publishes the
listing with today's verified-on date (in the city's time zone)."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import ModelLogEntry, TaskState, Workflow, WorkflowContentType, WorkflowTask

from cms.core.factories import CityFactory
from cms.panels.factories import ExpertPanelFactory, PanelMembershipFactory, PanelReviewTaskFactory
from cms.panels.models import Constituency, PanelReview
from cms.panels.public import PublicReview, public_reviews
from safe_spaces.factories import SafeSpaceFactory
from safe_spaces.models import SafeSpace
from tests.support.workflow import current_task_state

from .conftest import act, member_user

pytestmark = pytest.mark.django_db

# 23:30 in Brussels on 1 March is already 2 March in Tokyo.
NOW = datetime.datetime(2026, 3, 1, 22, 30, tzinfo=datetime.UTC)


@pytest.fixture
def verifier():
    panel = ExpertPanelFactory(name="Safe space verification panel")
    user = member_user("verifier-tokyo", "Verifier", "Realname")
    PanelMembershipFactory(panel=panel, user=user, constituency=Constituency.PUBLIC_INSTITUTION)
    task = PanelReviewTaskFactory(
        name="Safe space verification",
        panel=panel,
        min_approvals=1,
        sets_verified_on=True,
        members=[],
    )
    workflow = Workflow.objects.create(name="Safe space verification")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(
        content_type=ContentType.objects.get_for_model(SafeSpace), workflow=workflow
    )
    return user


@pytest.fixture
def space(db) -> SafeSpace:
    city = CityFactory(name="Tokyo", country="JP", timezone="Asia/Tokyo")
    space = SafeSpaceFactory(
        city=city,
        name="Ward office counter",
        verified_on=datetime.date(2025, 1, 10),
        verify_by=datetime.date(2025, 7, 10),
    )
    space.save_revision().publish()
    return SafeSpace.objects.get(pk=space.pk)


def submit_space(space, editor, **changes) -> TaskState:
    draft = space.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision(user=editor)
    space = SafeSpace.objects.get(pk=space.pk)
    return space.get_workflow().start(space, editor).current_task_state


def test_one_approval_publishes_the_listing_verified_today_in_its_city(
    client, space, verifier, editor
):
    task_state = submit_space(space, editor, alert="Closed on public holidays.")

    with mock.patch("django.utils.timezone.now", return_value=NOW):
        response = act(client, verifier, space, "approve", comment="Checked by phone.")

    assert response.status_code == 200
    task_state.refresh_from_db()
    assert task_state.status == "approved"
    space.refresh_from_db()
    assert space.live_revision_id == task_state.revision_id
    assert (space.alert, space.verified_on, space.verify_by) == (
        "Closed on public holidays.",
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 2) + datetime.timedelta(days=180),
    )
    assert public_reviews([(space, space.live_revision_id)]) == [
        PublicReview(
            approved_at=task_state.finished_at,
            panel="Safe space verification panel",
            approvals=1,
            constituencies=("public_institution",),
        )
    ]
    entry = ModelLogEntry.objects.get(action="panels.verified")
    assert (entry.user_id, entry.data["previous"]) == (
        None,
        {"verified_on": "2025-01-10", "verify_by": "2025-07-10"},
    )


def test_a_verify_by_date_still_ahead_is_kept(client, space, verifier, editor):
    task_state = submit_space(space, editor, verify_by=datetime.date(2027, 1, 1))

    act(client, verifier, space, "approve")

    space.refresh_from_db()
    assert space.verify_by == datetime.date(2027, 1, 1)
    assert space.live_revision_id == task_state.revision_id


def test_the_published_listing_is_served_unchanged_while_in_verification(
    client, space, verifier, editor
):
    submit_space(space, editor, name="Ward office counter (moved)")

    space.refresh_from_db()
    assert (space.name, space.verified_on) == ("Ward office counter", datetime.date(2025, 1, 10))
    assert current_task_state(space).status == "in_progress"


def test_only_the_verification_panel_can_verify(client, space, verifier, editor, outsider):
    submit_space(space, editor, alert="Moved")

    refused = act(client, outsider, space, "approve")
    by_editor = act(client, editor, space, "approve")

    assert (refused.status_code, by_editor.status_code) == (403, 403)
    assert PanelReview.objects.count() == 0
    space.refresh_from_db()
    assert space.alert == ""


def test_the_snippet_editor_keeps_working_with_the_workflow(admin_client, space, verifier):
    edit_url = reverse("wagtailsnippets_safe_spaces_safespace:edit", args=[space.pk])

    response = admin_client.get(edit_url)

    assert response.status_code == 200
    assert "Submit to Safe space verification" in response.content.decode()
