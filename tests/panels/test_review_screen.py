"""The review screen: what a member sees and the review form; who else may open it; emails."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from api.models import ConsumerKey
from api.public.previews import load_preview
from cms.panels.models import Constituency, PanelReview
from tests.api.keys import make_key
from tests.frontend.test_previews import config_of

from .conftest import GOOD_RATINGS, submit

pytestmark = pytest.mark.django_db

ACADEMIC, COMMUNITY, SURVIVOR, INSTITUTION, IOM = Constituency.values


def review_data(task_state, **overrides) -> dict:
    return {
        "decision": "approve",
        "revision_created_at": task_state.revision.created_at.isoformat(),
        "comment": "",
        **GOOD_RATINGS,
        **overrides,
    }


def test_the_screen_shows_the_revision_and_what_changed_since_the_live_version(
    client, module, panel, editor
):
    task_state = submit(module, editor, summary="What to say first, and what never to say.")
    client.force_login(panel.user(SURVIVOR))

    response = client.get(reverse("panels:review", args=[task_state.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert f"Revision {task_state.revision_id}" in content
    assert "What changed since the published version" in content
    comparison = response.context["comparison"]
    assert [diff.field_label() for diff in comparison] == ["Summary"]
    assert (
        'What to say first<span class="deletion">.</span>'
        '<span class="addition">, and what never to say.</span>'
    ) in content
    assert "3 approvals, including one survivor and one academic" in content
    assert reverse("panels:review_preview", args=[task_state.pk]) in content


def test_the_preview_renders_the_revision_under_review(client, module, panel, editor):
    task_state = submit(module, editor, title="A title only the draft has")
    client.force_login(panel.user(SURVIVOR))

    response = client.get(reverse("panels:review_preview", args=[task_state.pk]))

    assert response.status_code == 200
    assert "A title only the draft has" in response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_a_review_given_on_the_screen_is_recorded(client, module, panel, editor):
    task_state = submit(module, editor, title="Revised title")
    client.force_login(panel.user(SURVIVOR))
    url = reverse("panels:review", args=[task_state.pk])

    response = client.post(url, review_data(task_state, comment="Good."))

    assert (response.status_code, response["Location"]) == (302, url)
    review = PanelReview.objects.get()
    assert (review.pseudonym, review.decision, review.comment) == (
        "Survivor panel member 1",
        "approve",
        "Good.",
    )
    assert "You reviewed this revision" in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"decision": ""}, "decision", "Choose a decision: approve, request changes or abstain."),
        (
            {"decision": "publish"},
            "decision",
            "Select a valid choice. publish is not one of the available choices.",
        ),
        (
            {"accuracy": "0"},
            "accuracy",
            "Select a valid choice. 0 is not one of the available choices.",
        ),
        (
            {"trauma_informed_language": "6"},
            "trauma_informed_language",
            "Select a valid choice. 6 is not one of the available choices.",
        ),
        ({"clarity": ""}, "clarity", "Rate it from 1 to 5."),
        ({"decision": "request_changes"}, "comment", "Say what needs to change."),
    ],
)
def test_a_bad_review_on_the_screen_gets_a_form_error(
    client, module, panel, editor, overrides, field, message
):
    task_state = submit(module, editor, title="Revised title")
    client.force_login(panel.user(SURVIVOR))

    response = client.post(
        reverse("panels:review", args=[task_state.pk]), review_data(task_state, **overrides)
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert PanelReview.objects.count() == 0


def test_a_review_of_content_that_changed_while_on_screen_is_refused(client, module, panel, editor):
    task_state = submit(module, editor, title="Revised title")
    client.force_login(panel.user(SURVIVOR))
    seen = review_data(task_state)
    draft = module.get_latest_revision_as_object()
    draft.title = "Changed meanwhile"
    draft.save_revision(user=editor, overwrite_revision=task_state.revision)

    response = client.post(reverse("panels:review", args=[task_state.pk]), seen, follow=True)

    assert "The content changed while you were reviewing it." in response.content.decode()
    assert PanelReview.objects.count() == 0


def test_posting_twice_on_the_screen_is_refused(client, module, panel, editor):
    task_state = submit(module, editor, title="Revised title")
    client.force_login(panel.user(SURVIVOR))
    url = reverse("panels:review", args=[task_state.pk])
    client.post(url, review_data(task_state))

    again = client.post(url, review_data(task_state, decision="abstain"))

    assert (again.status_code, again["Location"]) == (302, reverse("wagtailadmin_home"))
    assert list(PanelReview.objects.values_list("decision", flat=True)) == ["approve"]


def test_an_editor_can_read_but_not_review(client, module, panel, editor):
    task_state = submit(module, editor, title="Revised title")
    client.force_login(editor)
    url = reverse("panels:review", args=[task_state.pk])

    page = client.get(url)
    post = client.post(url, review_data(task_state))

    assert page.status_code == 200
    assert page.context["form"] is None
    assert post.status_code == 302
    assert PanelReview.objects.count() == 0


def test_a_user_who_can_neither_edit_nor_review_is_refused(client, module, panel, editor, outsider):
    task_state = submit(module, editor, title="Revised title")
    client.force_login(outsider)

    for name in ("panels:review", "panels:review_preview", "panels:feedback_export"):
        response = client.get(reverse(name, args=[task_state.pk]))
        assert (response.status_code, response["Location"]) == (
            302,
            reverse("wagtailadmin_home"),
        ), name


def test_the_members_are_emailed_when_a_review_is_requested(module, panel, editor, outsider):
    mail.outbox.clear()
    task_state = submit(module, editor, title="Revised title")

    to_members = [message for message in mail.outbox if message.subject.startswith("A review")]
    assert sorted(message.to[0] for message in to_members) == sorted(
        seat.user.email for seat in panel.seats.values()
    )
    message = to_members[0]
    assert message.subject == (
        'A review is waiting for you: "Revised title" (Luxembourg toolbox panel)'
    )
    assert f"http://testserver/admin/panels/reviews/{task_state.pk}/" in message.body
    assert "3 approvals, including one survivor and one academic" in message.body
    assert outsider.email not in [m.to[0] for m in mail.outbox]


def test_a_member_whose_submitted_notifications_are_off_is_not_emailed(module, panel, editor):
    profile = UserProfile.get_for_user(panel.user(SURVIVOR))
    profile.submitted_notifications = False
    profile.save()
    mail.outbox.clear()

    submit(module, editor, title="Revised title")

    assert panel.user(SURVIVOR).email not in [message.to[0] for message in mail.outbox]


def test_the_dashboard_lists_a_waiting_review_once(client, module, panel, editor):
    submit(module, editor, title="A title seen once")
    client.force_login(panel.user(IOM))

    content = client.get(reverse("wagtailadmin_home")).content.decode()

    assert content.count("A title seen once") == 1
    assert "Awaiting your review" not in content  # Wagtail's list holds no other task


def test_the_dashboard_lists_the_reviews_waiting_for_a_member(client, module, panel, editor):
    task_state = submit(module, editor, title="Revised title")
    client.force_login(panel.user(IOM))

    content = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Waiting for your review" in content
    assert reverse("panels:review", args=[task_state.pk]) in content


def test_a_panel_member_previews_the_revision_in_the_kiosk(client, module, panel, editor, settings):
    settings.KIOSK_CONSUMER_KEY = make_key("Kiosk", kind=ConsumerKey.Kind.KIOSK)[1]
    task_state = submit(module, editor, summary="A summary only the draft has")
    client.force_login(panel.user(SURVIVOR))
    url = reverse("panels:review_preview", args=[task_state.pk])

    screen = client.get(reverse("panels:review", args=[task_state.pk])).content.decode()
    response = client.get(url, {"mode": "kiosk"})

    assert f'href="{url}?mode=kiosk"' in screen
    draft = load_preview(config_of(response.content.decode())["preview"]["token"])
    assert (draft.preview_revision_id, draft.summary) == (
        task_state.revision_id,
        "A summary only the draft has",
    )
