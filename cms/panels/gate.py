"""The panel gate: a revision of content under a panel workflow goes live only with that
revision's panel quorum, whoever publishes it and however.

"Governed" content is a page or snippet whose workflow (``get_workflow()``: the toolbox
subtree's "Toolbox panel review" for pages, "Safe space verification" for safe spaces in the
source language) has a panel review step. A revision passes when, for each panel step of that
workflow, a task state *of that revision* was approved with the panel's quorum of recorded
approvals. The last vote of a quorum approves the task state before the workflow publishes,
so the panel's own decision passes; a superuser's Publish, a bulk publish, a scheduled
publish, a revert or a copy of live pages does not.

The check sits where every publication in Wagtail goes through (``PublishRevisionAction``,
which both the model's ``publish()`` and the page editor use, and ``CopyPageAction`` for
copies kept live). The admin hooks in ``wagtail_hooks`` turn a refusal into a message
before it comes to that.
"""

from __future__ import annotations

from django.db import models
from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import Page, Revision, TaskState

from .models import PanelReviewTask


class PanelGateError(PublishPermissionError):
    """Publishing a governed revision that its panel has not approved."""


def panel_tasks(obj: models.Model) -> list[PanelReviewTask]:
    """The active panel review steps of the workflow that governs ``obj`` (empty: not governed)."""
    get_workflow = getattr(obj, "get_workflow", None)
    workflow = get_workflow() if get_workflow is not None else None
    if workflow is None or not workflow.active:
        return []
    return list(
        PanelReviewTask.objects.filter(
            workflow_tasks__workflow=workflow, active=True
        ).select_related("panel")
    )


def is_governed(obj: models.Model) -> bool:
    return bool(panel_tasks(obj))


def has_quorum(task: PanelReviewTask, revision: Revision | None) -> bool:
    """True when a task state of ``task`` for exactly ``revision`` was approved with its quorum."""
    from .reviewing import quorum_progress

    if revision is None or revision.pk is None:
        return False
    approved = TaskState.objects.filter(
        task_id=task.pk, revision_id=revision.pk, status=TaskState.STATUS_APPROVED
    )
    return any(quorum_progress(task, task_state).met for task_state in approved)


def refusal(obj: models.Model, revision: Revision | None) -> str | None:
    """Why ``revision`` of ``obj`` may not go live, or None when it may."""
    for task in panel_tasks(obj):
        if not has_quorum(task, revision):
            return (
                f"'{obj}' can't be published: this version has not been approved by the "
                f"{task.panel.name} ({task.quorum_description()}). Submit it for the panel's "
                "review; it is published when the panel approves it. Your changes are saved "
                "as a draft."
            )
    return None


def check(obj: models.Model, revision: Revision | None) -> None:
    """Raise :class:`PanelGateError` when ``revision`` of ``obj`` may not go live."""
    reason = refusal(obj, revision)
    if reason is not None:
        raise PanelGateError(reason)


def copy_refusal(page: Page, destination: Page, *, recursive: bool) -> str | None:
    """Why a copy of ``page`` kept live under ``destination`` may not be made, or None.

    A live copy is a new revision that no panel reviewed; it is refused when the copy would
    land under a panel workflow. A copy made as a draft is always allowed.
    """
    live = page.live or (recursive and page.get_descendants().live().exists())
    if not live:
        return None
    tasks = panel_tasks(destination.specific)
    if not tasks:
        return None
    return (
        f"'{page.get_admin_display_title()}' can't be copied as published pages under "
        f"'{destination.get_admin_display_title()}': copies there go live only after the "
        f'{tasks[0].panel.name} approves them. Untick "Publish copies" to copy it as a draft.'
    )


def install() -> None:
    """Put the gate into Wagtail's publish and copy actions.

    Wagtail has no setting or hook that every publication passes through: the page editor
    runs ``PublishPageRevisionAction`` itself rather than ``page.publish()``, and copying a
    page with "Publish copies" sets it live without publishing a revision at all. Both
    actions are wrapped here, once, when the app is ready.
    """
    from wagtail.actions.copy_page import CopyPageAction
    from wagtail.actions.publish_revision import PublishRevisionAction

    if getattr(PublishRevisionAction, "_panel_gate", False):
        return

    publish_execute = PublishRevisionAction.execute

    def execute(self, skip_permission_checks=False):
        check(self.object, self.revision)
        return publish_execute(self, skip_permission_checks=skip_permission_checks)

    copy_check = CopyPageAction.check

    def copy_page_check(self, skip_permission_checks=False):
        copy_check(self, skip_permission_checks=skip_permission_checks)
        if self.keep_live:
            reason = copy_refusal(
                self.page, self.to or self.page.get_parent(), recursive=self.recursive
            )
            if reason is not None:
                raise PanelGateError(reason)

    PublishRevisionAction.execute = execute
    CopyPageAction.check = copy_page_check
    PublishRevisionAction._panel_gate = True
