"""What the content API tells apps of a panel's review: when, which panel, how many approvals
and which constituencies, for the revision being served; never a person, a pseudonym, a
rating or a word of feedback."""

from __future__ import annotations

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

from cms.core.factories import CityFactory
from cms.panels.factories import ExpertPanelFactory, PanelMembershipFactory, PanelReviewTaskFactory
from cms.panels.models import Constituency
from safe_spaces.factories import SafeSpaceFactory
from safe_spaces.models import SafeSpace
from tests.support import graphql
from toolbox_pages.models import ModulePage

from .conftest import act, member_user, publish_through_panel, submit

pytestmark = pytest.mark.django_db

ACADEMIC, COMMUNITY, SURVIVOR, INSTITUTION, IOM = Constituency.values

REVIEW = "review { approvedAt panel approvals constituencies }"
TOOLBOX = f"""query {{ toolbox(slug: "women") {{ title {REVIEW}
  modules {{ slug title {REVIEW} }} }} }}"""


def query_review(query: str, variables: dict | None = None) -> tuple[dict, str]:
    response = graphql.post(query, variables or {}, accept=None)
    assert response.status_code == 200, response.content
    body = response.content.decode()
    data = json.loads(body)
    assert "errors" not in data, data
    return data["data"], body


def test_the_api_gives_the_panel_approval_of_the_served_revision(toolbox, approved):
    data, _ = query_review(TOOLBOX)

    module = data["toolbox"]["modules"][0]
    assert module["title"] == "Revised title"
    assert module["review"] == {
        "approvedAt": approved.finished_at.isoformat(),
        "panel": "Luxembourg toolbox panel",
        "approvals": 3,
        "constituencies": ["ACADEMIC", "SURVIVOR", "IOM"],
    }
    # The toolbox itself was published before any panel reviewed it.
    assert data["toolbox"]["review"] is None


def test_no_identity_pseudonym_rating_or_feedback_reaches_the_api(toolbox, panel, approved):
    _, body = query_review(TOOLBOX)
    _, module_body = query_review(
        'query { module(toolboxSlug: "women", slug: "responding") { ' + REVIEW + " } }"
    )

    for text in (body, module_body):
        assert "Luxembourg toolbox panel" in text
        for seat in panel.seats.values():
            for leak in (
                seat.pseudonym,
                seat.user.username,
                seat.user.first_name,
                seat.user.last_name,
            ):
                assert leak not in text
        for leak in ("panel member", "wrote part", "Fine (", "Realname", "accuracy", "comment"):
            assert leak not in text


def test_the_published_review_is_served_while_the_next_revision_is_under_review(
    client, module, panel, editor, approved
):
    submit(ModulePage.objects.get(pk=module.pk), editor, title="Second revision")
    act(client, panel.user(ACADEMIC), module, "approve")
    act(client, panel.user(SURVIVOR), module, "approve")

    module_data = query_review(TOOLBOX)[0]["toolbox"]["modules"][0]

    assert module_data["title"] == "Revised title"
    assert module_data["review"]["approvals"] == 3
    assert module_data["review"]["approvedAt"] == approved.finished_at.isoformat()


def test_reviews_of_a_toolbox_and_all_its_modules_cost_one_query(
    client, toolbox, panel, editor, approved
):
    plain = TOOLBOX.replace(REVIEW, "")
    query_review(plain)  # warm the per-process caches (site root paths, parsed documents)
    with CaptureQueriesContext(connection) as without_reviews:
        query_review(plain)
    with CaptureQueriesContext(connection) as with_reviews:
        query_review(TOOLBOX)
    # Counted now: a capture is a window on the connection's query log, read when it is
    # looked at, and the admin requests below reset that log.
    counts = len(without_reviews), len(with_reviews)
    for n in range(5):
        module = ModulePage(title=f"Extra {n}", slug=f"extra-{n}", summary="s", live=False)
        toolbox.add_child(instance=module)
        publish_through_panel(client, module, panel, editor)
    with CaptureQueriesContext(connection) as more_modules:
        data, _ = query_review(TOOLBOX)

    assert len(data["toolbox"]["modules"]) == 6
    # The toolbox's and its modules' reviews in one query, whatever their number.
    assert counts[1] == counts[0] + 1
    assert len(more_modules) == counts[1]


def test_a_verified_safe_space_exposes_its_verification_review(client, editor):
    panel = ExpertPanelFactory(name="Safe space verification panel")
    verifier = member_user("verifier-lisbon", "Verifier", "Realname")
    PanelMembershipFactory(panel=panel, user=verifier, constituency=INSTITUTION)
    task = PanelReviewTaskFactory(
        name="Safe space verification", panel=panel, min_approvals=1, sets_verified_on=True
    )
    workflow = Workflow.objects.create(name="Safe space verification")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(
        content_type=ContentType.objects.get_for_model(SafeSpace), workflow=workflow
    )
    city = CityFactory(name="Lisbon", slug="lisbon", country="PT", timezone="Europe/Lisbon")
    never_reviewed = SafeSpaceFactory(city=city, name="A never reviewed desk")
    space = SafeSpaceFactory(city=city, name="Verified desk")
    draft = space.get_latest_revision_as_object()
    draft.alert = "Call first."
    draft.save_revision(user=editor)
    SafeSpace.objects.get(pk=space.pk).get_workflow().start(space, editor)
    act(client, verifier, space, "approve", comment="Checked by phone.")

    data, body = query_review(
        'query { safeSpaces(city: "lisbon") { edges { node { name alert ' + REVIEW + " } } } }"
    )

    nodes = {edge["node"]["name"]: edge["node"] for edge in data["safeSpaces"]["edges"]}
    assert nodes["Verified desk"]["alert"] == "Call first."
    assert nodes["Verified desk"]["review"]["panel"] == "Safe space verification panel"
    assert nodes["Verified desk"]["review"]["approvals"] == 1
    assert nodes["Verified desk"]["review"]["constituencies"] == ["PUBLIC_INSTITUTION"]
    assert nodes[never_reviewed.name]["review"] is None
    assert "Checked by phone" not in body and "verifier-lisbon" not in body
