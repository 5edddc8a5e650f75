"""Email to a language's reviewers when a translation waits for their review.

Decisions reach the submitter through Wagtail's own workflow emails ("approved", "rejected").
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.mail import EmailNotificationMixin, Notifier
from wagtail.models import TaskState

from cms.core.workflows import content_object

from .models import LanguageReviewTask


class LanguageReviewRequestedNotifier(EmailNotificationMixin, Notifier):
    """Tells each reviewer of the task's language that a translation waits for them; follows
    their "submitted" notification preference, like Wagtail's own notifications."""

    notification = "submitted"
    template_directory = "translation/notifications/"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        return (
            isinstance(instance, TaskState)
            and LanguageReviewTask.objects.filter(pk=instance.task_id).exists()
        )

    def get_recipient_users(self, task_state: TaskState, **kwargs):
        task = LanguageReviewTask.objects.get(pk=task_state.task_id)
        return set(get_user_model().objects.filter(groups=task.reviewers_id, is_active=True))

    def get_context(self, task_state: TaskState, **kwargs):
        context = super().get_context(task_state, **kwargs)
        task = LanguageReviewTask.objects.select_related("locale").get(pk=task_state.task_id)
        obj = content_object(task_state)
        context.update(
            {
                "task": task,
                "language": task.locale.get_display_name(),
                "model_name": obj._meta.verbose_name,
                "title": task_state.revision.object_str or str(obj),
                "edit_path": AdminURLFinder().get_edit_url(obj) or "",
            }
        )
        return context


review_requested = LanguageReviewRequestedNotifier()
