"""A language reviewer's decision on a translation.

The reviewer approves or requests changes; on approval the workflow finishes and the revision
is published. Reviewers hold no publish permission of their own (a snippet's publish
permission is model-wide, so it would let them publish the English source past the expert
panel): the approval, and the publication it triggers, are made as the system, and the
reviewer's decision is logged under their account.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import TaskState

from cms.core.workflows import as_the_system, content_object

from .models import LanguageReviewTask


@transaction.atomic
def record_decision(
    task: LanguageReviewTask, task_state: TaskState, user, action: str, comment: str = ""
) -> None:
    """Approve or reject ``task_state`` for ``user``, a reviewer of the task's language.

    Refused (PermissionDenied, nothing recorded) for anyone outside the reviewer group, for an
    object of another language, a finished step, or content changed since the step started.
    """
    task_state = TaskState.objects.select_for_update().get(pk=task_state.pk)
    if task_state.task_id != task.pk or task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise PermissionDenied("This review is closed.")
    obj = content_object(task_state)
    if not task.is_reviewer(user) or not task.reviews(obj):
        raise PermissionDenied("Only reviewers of this language can review this translation.")
    if obj.latest_revision_id != task_state.revision_id:
        raise PermissionDenied("The translation changed since this review started.")
    comment = (comment or "").strip()
    log(
        instance=obj,
        action="translation.language_review",
        user=user,
        revision=task_state.revision,
        content_changed=False,
        data={
            "decision": action,
            "locale": task.locale.language_code,
            "comment": comment,
            "task_state_id": task_state.pk,
        },
    )
    with as_the_system():
        if action == "approve":
            task_state.approve(user=None, comment=comment)
        else:
            task_state.reject(user=None, comment=comment)
    TaskState.objects.filter(pk=task_state.pk).update(finished_by=user)
