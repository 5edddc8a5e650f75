"""Email to panel members when a review is waiting for them.

Decisions reach the submitter through Wagtail's own workflow emails ("approved", "rejected"):
the panel acts as the system, so those emails name no member, and the rejection email carries
the task's comment, which lists every member's feedback under pseudonyms.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.mail import EmailNotificationMixin, Notifier
from wagtail.models import TaskState

from cms.core.workflows import content_object

from .models import PanelReviewTask


class ReviewRequestedNotifier(EmailNotificationMixin, Notifier):
    """Tells each member of the task's panel that a revision waits for their review.

    Follows the members' "submitted" notification preference, like Wagtail's own
    notifications. Sent again when an edit restarts the review.
    """

    notification = "submitted"
    template_directory = "panels/notifications/"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        return (
            isinstance(instance, TaskState)
            and PanelReviewTask.objects.filter(pk=instance.task_id).exists()
        )

    def get_recipient_users(self, task_state: TaskState, **kwargs):
        return set(
            get_user_model().objects.filter(
                panel_memberships__panel__review_tasks=task_state.task_id
            )
        )

    def get_context(self, task_state: TaskState, **kwargs):
        context = super().get_context(task_state, **kwargs)
        task = PanelReviewTask.objects.select_related("panel").get(pk=task_state.task_id)
        obj = content_object(task_state)
        context.update(
            {
                "task": task,
                "panel": task.panel,
                "object": obj,
                "model_name": obj._meta.verbose_name,
                "title": task_state.revision.object_str or str(obj),
                "review_path": reverse("panels:review", args=[task_state.pk]),
                "restarted": TaskState.objects.filter(
                    workflow_state_id=task_state.workflow_state_id,
                    task_id=task_state.task_id,
                    status=TaskState.STATUS_CANCELLED,
                ).exists(),
            }
        )
        return context


review_requested = ReviewRequestedNotifier()
