"""The panel gate: a revision of content under a panel workflow goes live only with that
revision's panel quorum, for every account and on every publishing path; unpublishing is
always allowed and logged."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    GroupPagePermission,
    Page,
    PageLogEntry,
    Revision,
    WorkflowState,
)
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.panels.gate import PanelGateError
from toolbox_pages.models import ModulePage

from ..safe_spaces.test_admin import SAFE_SPACE_URLS, safe_space_form_data

pytestmark = pytest.mark.django_db


def module_form(title: str, **extra) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "responding",
            "summary": "What to say first.",
            "duration_minutes": "45",
            "learning_objectives": streamfield([]),
            "body": streamfield([]),
            **extra,
        }
    )


def errors(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def live_title(page) -> str:
    return ModulePage.objects.get(pk=page.pk).title


def test_a_superusers_publish_in_the_page_editor_is_refused_and_the_draft_kept(
    admin_client, module, panel
):
    live_revision = module.live_revision_id

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[module.pk]),
        module_form("Unreviewed title", **{"action-publish": "action-publish"}),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[module.pk])
    assert errors(response) == [
        "'Unreviewed title' can't be published: this version has not been approved by the "
        "Luxembourg toolbox panel (3 approvals, including one survivor and one academic). "
        "Submit it for the panel's review; it is published when the panel approves it. Your "
        "changes are saved as a draft."
    ]
    module.refresh_from_db()
    assert (module.live_revision_id, module.title) == (live_revision, "Responding to a disclosure")
    assert module.get_latest_revision().as_object().title == "Unreviewed title"
    assert (
        not PageLogEntry.objects.filter(page=module, action="wagtail.publish")
        .exclude(revision_id=live_revision)
        .exists()
    )


def test_the_page_editor_offers_no_publish_button_for_an_unapproved_revision(
    admin_client, module, panel
):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[module.pk]))

    assert response.status_code == 200
    assert b'name="action-publish"' not in response.content
    assert b'name="action-submit"' in response.content


def test_programmatic_publish_of_an_unapproved_revision_raises_a_clear_error(module, panel):
    draft = module.get_latest_revision_as_object()
    draft.title = "Unreviewed"
    revision = draft.save_revision()

    with pytest.raises(PanelGateError, match="has not been approved by the Luxembourg toolbox"):
        revision.publish()

    assert live_title(module) == "Responding to a disclosure"


def test_bulk_publish_of_an_unapproved_page_is_refused(admin_client, module, panel):
    draft = module.get_latest_revision_as_object()
    draft.title = "Unreviewed"
    draft.save_revision()
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    response = admin_client.post(
        f"{url}?id={module.pk}&next=/admin/pages/", {"include_descendants": ""}
    )

    assert response.status_code == 302
    assert "has not been approved" in errors(response)[0]
    assert live_title(module) == "Responding to a disclosure"


def test_publish_scheduled_withholds_a_revision_without_quorum(module, panel):
    draft = module.get_latest_revision_as_object()
    draft.title = "Scheduled, unreviewed"
    revision = draft.save_revision()
    due = timezone.now() - datetime.timedelta(minutes=5)
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=due)
    out, err = StringIO(), StringIO()

    call_command("publish_scheduled", stdout=out, stderr=err)

    assert live_title(module) == "Responding to a disclosure"
    assert err.getvalue().startswith(
        f"Not published: Scheduled, unreviewed (revision {revision.pk}, scheduled for "
    )
    assert Revision.objects.get(pk=revision.pk).approved_go_live_at is None
    assert PageLogEntry.objects.filter(
        page=module, action="panels.schedule_withheld", revision=revision
    ).exists()


def test_reverting_to_an_older_unapproved_revision_and_publishing_is_refused(
    admin_client, module, panel
):
    old_revision = module.live_revision
    draft = module.get_latest_revision_as_object()
    draft.title = "Newer draft"
    draft.save_revision()

    response = admin_client.post(
        reverse("wagtailadmin_pages:revisions_revert", args=[module.pk, old_revision.pk]),
        module_form("Old text again", **{"action-publish": "action-publish"}),
    )

    assert response.status_code == 302
    assert "has not been approved" in errors(response)[0]
    module.refresh_from_db()
    assert module.live_revision_id == old_revision.pk
    assert module.get_latest_revision().as_object().title == "Old text again"


def test_copying_a_live_page_with_publish_copies_is_refused(admin_client, module, toolbox, panel):
    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=[module.pk]),
        {
            "new_title": "Copy",
            "new_slug": "copy",
            "new_parent_page": str(toolbox.pk),
            "publish_copies": "on",
        },
    )

    assert response.status_code == 302
    assert "can't be copied as published pages" in errors(response)[0]
    assert not Page.objects.filter(slug="copy").exists()


def test_programmatic_live_copy_is_refused_and_a_draft_copy_allowed(module, toolbox, panel):
    with pytest.raises(PanelGateError):
        module.copy(to=toolbox, update_attrs={"title": "Copy", "slug": "copy"}, keep_live=True)

    copy = module.copy(to=toolbox, update_attrs={"title": "Copy", "slug": "copy"}, keep_live=False)
    assert copy.live is False


def test_a_superusers_publish_in_the_snippet_editor_is_refused(
    admin_client,
):
    space, city, category = _verification_space()
    url = reverse(f"{SAFE_SPACE_URLS}:edit", args=[space.pk])

    response = admin_client.post(
        url,
        safe_space_form_data(
            city, category, name="Unverified office", **{"action-publish": "action-publish"}
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == url
    assert "'Unverified office' can't be published" in errors(response)[0]
    space.refresh_from_db()
    assert space.name == "Verified office"
    assert space.get_latest_revision().as_object().name == "Unverified office"
    page = admin_client.get(url)
    assert b'name="action-publish"' not in page.content


def _verification_space():
    from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

    from cms.core.factories import CityFactory
    from cms.panels.factories import (
        ExpertPanelFactory,
        PanelMembershipFactory,
        PanelReviewTaskFactory,
    )
    from cms.panels.models import Constituency
    from safe_spaces.factories import SafeSpaceFactory, ServiceCategoryFactory
    from safe_spaces.models import SafeSpace

    from .conftest import member_user

    city = CityFactory(name="Saint-Gilles", country="BE", timezone="Europe/Brussels")
    category = ServiceCategoryFactory(name="Social services")
    space = SafeSpaceFactory(city=city, name="Verified office")
    space.save_revision().publish()  # before the verification workflow existed
    expert_panel = ExpertPanelFactory(name="Safe space verification panel")
    PanelMembershipFactory(
        panel=expert_panel,
        user=member_user("verifier-brussels", "Verifier", "Realname"),
        constituency=Constituency.PUBLIC_INSTITUTION,
    )
    task = PanelReviewTaskFactory(
        name="Safe space verification", panel=expert_panel, min_approvals=1, members=[]
    )
    workflow = Workflow.objects.create(name="Safe space verification")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(
        content_type=ContentType.objects.get_for_model(SafeSpace), workflow=workflow
    )
    return SafeSpace.objects.get(pk=space.pk), city, category


@pytest.fixture
def unpublisher(editor):
    """An editor with Wagtail's publish permission, which is what lets one unpublish (take
    down) a page; the panel gate still keeps them from publishing governed content."""
    group = Group.objects.create(name="Takedown")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    GroupPagePermission.objects.create(
        group=group,
        page=Page.objects.get(depth=1),
        permission=Permission.objects.get(codename="publish_page"),
    )
    editor.groups.add(group)
    return editor


def test_unpublishing_governed_content_is_allowed_and_logged(client, module, panel, unpublisher):
    client.force_login(unpublisher)

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[module.pk]))

    assert response.status_code == 302
    module.refresh_from_db()
    assert module.live is False
    entry = PageLogEntry.objects.get(page=module, action="wagtail.unpublish")
    assert entry.user_id == unpublisher.pk
    history = client.get(reverse("wagtailadmin_pages:history", args=[module.pk]))
    assert b"Unpublished" in history.content


def test_the_demo_editor_can_submit_governed_content_but_not_publish_it(
    client, module, panel, tmp_path, settings
):
    settings.DEBUG = True
    output = StringIO()
    call_command(
        "ensure_demo_admin",
        credentials_file=str(tmp_path / "admin.txt"),
        editor_credentials_file=str(tmp_path / "editor.txt"),
        stdout=output,
    )
    password = (tmp_path / "editor.txt").read_text().strip()
    assert f"  Username: demo-editor\n  Password: {password}\n" in output.getvalue()
    assert client.login(username="demo-editor", password=password)
    url = reverse("wagtailadmin_pages:edit", args=[module.pk])

    form = client.get(url)
    client.post(url, module_form("Editor's title", **{"action-publish": "action-publish"}))
    submitted = client.post(url, module_form("Editor's title", **{"action-submit": "on"}))

    assert b'name="action-publish"' not in form.content
    assert submitted.status_code == 302
    assert live_title(module) == "Responding to a disclosure"
    state = WorkflowState.objects.for_instance(module).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    editor = state.requested_by
    assert (editor.username, editor.is_superuser) == ("demo-editor", False)
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert not editor.has_perm("safe_spaces.publish_safespace")
