"""A source update never changes the served translation until its new revision is approved,
whatever the sync mode."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from tests.support.workflow import act

from .conftest import publish_in_editor, submit_page, translate_strings, translated, translation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_french(
    client, module, reviews, admin_user, fr, fr_reviewer, django_capture_on_commit_callbacks
):
    """The module's French translation, reviewed and published."""
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr), lambda s: f"FR {s}")
    publish_in_editor(client, admin_user, translated(module, fr))
    with django_capture_on_commit_callbacks(execute=True):
        act(client, fr_reviewer, translated(module, fr), "approve")
    french = translated(module, fr)
    assert (french.live, french.title) == (True, "FR Responding to a disclosure")
    return french


def revise_source(module, **changes):
    draft = module.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision().publish()


def served(page) -> dict:
    row = Page.objects.get(pk=page.pk).specific
    return {"title": row.title, "summary": row.summary, "live_revision": row.live_revision_id}


@pytest.mark.parametrize("publish_translations", [True, False])
def test_update_translations_never_changes_the_served_translation(
    client,
    module,
    live_french,
    admin_user,
    fr,
    fr_reviewer,
    publish_translations,
    django_capture_on_commit_callbacks,
):
    before = served(live_french)
    revise_source(module, summary="What to say first, and what never to say.")
    source = TranslationSource.objects.get(object_id=module.translation_key)
    data = {"publish_translations": "on"} if publish_translations else {}
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), data
        )

    assert response.status_code == 302
    assert served(live_french) == before
    french = translated(module, fr)
    assert french.live is True
    if publish_translations:
        # A new draft revision, submitted to the French review.
        assert french.latest_revision_id != before["live_revision"]
        assert french.current_workflow_task_state.revision_id == french.latest_revision_id
    else:
        assert french.latest_revision_id == before["live_revision"]
        assert french.current_workflow_state is None


def test_new_revision_goes_live_only_when_the_reviewer_approves_it(
    client, module, live_french, admin_user, fr, fr_reviewer, django_capture_on_commit_callbacks
):
    before = served(live_french)
    revise_source(module, summary="What to say first, and what never to say.")
    source = TranslationSource.objects.get(object_id=module.translation_key)
    client.force_login(admin_user)
    client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    translate_strings(translation_of(module, fr), lambda s: f"FR {s}")

    with django_capture_on_commit_callbacks(execute=True):
        publish_in_editor(client, admin_user, translated(module, fr))

    assert served(live_french) == before
    draft = translated(module, fr).get_latest_revision_as_object()
    assert draft.summary == "FR What to say first, and what never to say."

    with django_capture_on_commit_callbacks(execute=True):
        act(client, fr_reviewer, translated(module, fr), "approve")

    after = served(live_french)
    assert after["summary"] == "FR What to say first, and what never to say."
    assert after["title"] == "FR Responding to a disclosure"
    assert after["live_revision"] != before["live_revision"]
    # The translation keeps its URL.
    assert translated(module, fr).slug == live_french.slug


def test_a_sync_during_review_moves_the_review_to_the_new_revision(
    client, module, live_french, admin_user, fr, fr_reviewer, django_capture_on_commit_callbacks
):
    revise_source(module, summary="First revision.")
    source = TranslationSource.objects.get(object_id=module.translation_key)
    client.force_login(admin_user)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    client.post(url, {"publish_translations": "on"})
    first_state = translated(module, fr).current_workflow_task_state
    revise_source(module, summary="Second revision.")
    client.force_login(admin_user)
    client.post(url, {"publish_translations": "on"})

    french = translated(module, fr)
    assert french.current_workflow_task_state.pk == first_state.pk
    assert french.current_workflow_task_state.revision_id == french.latest_revision_id
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, fr_reviewer, french, "approve").status_code == 200
    assert served(french)["live_revision"] == french.latest_revision_id


def test_translating_an_aliased_parent_keeps_serving_it_until_approved(
    client,
    toolbox,
    module,
    reviews,
    admin_user,
    fr,
    fr_reviewer,
    django_capture_on_commit_callbacks,
):
    submit_page(client, admin_user, module, fr)
    alias = translated(toolbox, fr)
    assert (alias.live, alias.alias_of_id) == (True, toolbox.pk)

    submit_page(client, admin_user, toolbox, fr)
    translate_strings(translation_of(toolbox, fr), lambda s: f"FR {s}")
    with django_capture_on_commit_callbacks(execute=True):
        publish_in_editor(client, admin_user, translated(toolbox, fr))

    french = translated(toolbox, fr)
    assert (french.alias_of_id, french.live, french.title) == (
        None,
        True,
        "Violence against migrant women",
    )
    assert french.get_latest_revision_as_object().title == "FR Violence against migrant women"
    with django_capture_on_commit_callbacks(execute=True):
        act(client, fr_reviewer, french, "approve")
    assert translated(toolbox, fr).title == "FR Violence against migrant women"
