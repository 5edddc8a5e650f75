"""The audit trail export (administrators), and what the public helper gives the API."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.panels.models import Constituency, PanelReview
from cms.panels.public import PublicReview, public_reviews
from tests.support import graphql

from .conftest import act, publish_through_panel, submit

pytestmark = pytest.mark.django_db

ACADEMIC, COMMUNITY, SURVIVOR, INSTITUTION, IOM = Constituency.values


def csv_rows(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_administrators_export_the_complete_audit_trail(
    client, admin_user, module, panel, approved
):
    client.force_login(admin_user)
    response = client.get(reverse("panels:audit_export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert len(rows) == PanelReview.objects.count() == 4
    survivor = next(row for row in rows if row["constituency"] == "Survivor")
    review = PanelReview.objects.get(constituency=SURVIVOR)
    assert survivor == {
        "username": "member-survivor",
        "name": "Realname3 Surname3",
        "email": "member-survivor@example.org",
        "review id": str(review.pk),
        "time (UTC)": review.created_at.isoformat(),
        "panel": "Luxembourg toolbox panel",
        "pseudonym": "Survivor panel member 1",
        "constituency": "Survivor",
        "decision": "Approve",
        "accuracy": "5",
        "cultural sensitivity": "4",
        "trauma-informed language": "5",
        "clarity for the audience": "4",
        "comment": "Fine (survivor)",
        "object type": "module",
        "object id": str(module.pk),
        "object title": "Revised title",
        "revision id": str(approved.revision_id),
        "task state id": str(approved.pk),
    }
    abstention = next(row for row in rows if row["decision"].startswith("Abstain"))
    assert (abstention["accuracy"], abstention["comment"]) == ("", "I wrote part of it.")


@pytest.mark.parametrize("who", ["editor", "member"])
def test_nobody_else_gets_the_audit_trail(client, panel, editor, approved, who):
    client.force_login(editor if who == "editor" else panel.user(SURVIVOR))

    response = client.get(reverse("panels:audit_export"))

    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))


def test_a_comment_that_looks_like_a_formula_is_exported_as_text(
    client, admin_user, module, panel, editor
):
    submit(module, editor, title="Revised title")
    act(client, panel.user(SURVIVOR), module, "request_changes", comment="=HYPERLINK(1)")
    client.force_login(admin_user)

    rows = csv_rows(client.get(reverse("panels:audit_export")))

    assert rows[0]["comment"] == "'=HYPERLINK(1)"


def test_the_public_review_of_the_live_revision(module, toolbox, approved):
    with CaptureQueriesContext(connection) as queries:
        reviews = public_reviews([(module, module.live_revision_id), (toolbox, None)])

    assert len(queries) == 1
    assert reviews == [
        PublicReview(
            approved_at=approved.finished_at,
            panel="Luxembourg toolbox panel",
            approvals=3,
            constituencies=(ACADEMIC, SURVIVOR, IOM),
        ),
        None,
    ]


def test_content_published_without_a_panel_has_no_public_review(module, toolbox, approved):
    # The toolbox was published before the panel existed: never reviewed.
    wrong_object = [(toolbox, module.live_revision_id)]

    assert public_reviews([(toolbox, toolbox.live_revision_id)]) == [None]
    assert public_reviews(wrong_object) == [None]
    assert public_reviews([]) == []


def test_the_public_helper_runs_one_query_for_many_objects(client, toolbox, panel, editor):
    from toolbox_pages.models import ModulePage

    pages = []
    for n in range(3):
        page = ModulePage(title=f"Module {n}", slug=f"module-{n}", summary="s", live=False)
        toolbox.add_child(instance=page)
        publish_through_panel(client, page, panel, editor, title=f"Module {n}, revised")
        page.refresh_from_db()
        pages.append(page)

    with CaptureQueriesContext(connection) as queries:
        reviews = public_reviews([(page, page.live_revision_id) for page in pages])

    assert len(queries) == 1
    assert [review.approvals for review in reviews] == [3, 3, 3]


def module_title(toolbox_slug: str, slug: str) -> str | None:
    data = graphql.execute_data(
        "query ($t: String!, $s: String!) { module(toolboxSlug: $t, slug: $s) { title } }",
        {"t": toolbox_slug, "s": slug},
    )
    return data["module"] and data["module"]["title"]


def test_the_api_serves_the_published_revision_while_its_successor_is_under_review(
    client, module, panel, editor
):
    submit(module, editor, title="Revised title")
    act(client, panel.user(ACADEMIC), module, "approve")
    act(client, panel.user(SURVIVOR), module, "approve")

    assert module_title("women", "responding") == "Responding to a disclosure"

    act(client, panel.user(IOM), module, "approve")

    assert module_title("women", "responding") == "Revised title"


def test_the_audit_trail_is_in_the_reports_menu_of_administrators_only(client, admin_user, editor):
    url = reverse("panels:audit_export")

    client.force_login(admin_user)
    for_admin = client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor)
    for_editor = client.get(reverse("wagtailadmin_home")).content.decode()

    assert url in for_admin
    assert url not in for_editor
