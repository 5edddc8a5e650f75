"""Signal receivers: a new top-level page of a non-source locale (its home page, usually
created when the first page is translated into it) gets the locale's language review workflow;
a language's reviewers are told when a translation waits for them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db.models.signals import post_save
from wagtail.models import Page, TaskState
from wagtail.signals import task_submitted


def assign_language_review(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        return
    from .models import language_review_workflow
    from .setup import assign_to_home_pages

    workflow = language_review_workflow(instance.locale_id)
    if workflow is not None:
        assign_to_home_pages(instance.locale, workflow)


def notify_reviewers(sender, instance: TaskState, **kwargs) -> None:
    from .notifications import review_requested

    review_requested(instance=instance, **kwargs)


NOTIFY_UID = "translation_review_requested"


def register() -> None:
    post_save.connect(assign_language_review, dispatch_uid="translation_assign_language_review")
    task_submitted.connect(notify_reviewers, sender=TaskState, dispatch_uid=NOTIFY_UID)


@contextmanager
def review_emails_paused() -> Iterator[None]:
    """No "review requested" email while seeding demo content."""
    task_submitted.disconnect(sender=TaskState, dispatch_uid=NOTIFY_UID)
    try:
        yield
    finally:
        task_submitted.connect(notify_reviewers, sender=TaskState, dispatch_uid=NOTIFY_UID)
