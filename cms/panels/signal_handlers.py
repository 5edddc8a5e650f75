"""Signal receivers: notify members when a review starts; follow edits made under review."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.signals import post_save
from wagtail.models import TaskState, WorkflowMixin
from wagtail.signals import task_submitted


def notify_members(sender, instance: TaskState, **kwargs) -> None:
    from .notifications import review_requested

    review_requested(instance=instance, **kwargs)


def follow_edits_under_review(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    """A page or snippet gets a new latest revision (or its latest one is overwritten):
    keep its panel review on what is now the latest content."""
    if raw or not update_fields or "latest_revision" not in update_fields:
        return
    if not isinstance(instance, WorkflowMixin):
        return
    from .reviewing import follow_latest_revision

    follow_latest_revision(instance)


NOTIFY_UID = "panels_review_requested"


def register() -> None:
    task_submitted.connect(notify_members, sender=TaskState, dispatch_uid=NOTIFY_UID)
    post_save.connect(follow_edits_under_review, dispatch_uid="panels_follow_edits_under_review")


@contextmanager
def review_emails_paused() -> Iterator[None]:
    """No "review requested" email while seeding demo content (the console email backend
    would print one per member in the middle of ``make demo``)."""
    task_submitted.disconnect(sender=TaskState, dispatch_uid=NOTIFY_UID)
    try:
        yield
    finally:
        task_submitted.connect(notify_members, sender=TaskState, dispatch_uid=NOTIFY_UID)
