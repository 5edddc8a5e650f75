"""The "Language review" workflows: one reviewer group, task and workflow per non-source
locale, the workflow assigned to that locale's home page (its whole tree of pages) and used by
translated snippets (``LanguageReviewWorkflowMixin``). Idempotent."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import Locale, Page, Workflow, WorkflowPage, WorkflowTask

from .models import LanguageReviewTask


@dataclass(frozen=True)
class LanguageReview:
    locale: Locale
    group: Group
    task: LanguageReviewTask
    workflow: Workflow


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


def reviewers_group_name(code: str) -> str:
    return f"Language reviewers: {language_name(code)}"


def workflow_name(code: str) -> str:
    return f"Language review: {language_name(code)}"


def ensure_language_review(locale: Locale, tally=None) -> LanguageReview:
    """The group, task and workflow of ``locale``'s language review, created when missing."""
    code = locale.language_code
    group, created = Group.objects.get_or_create(name=reviewers_group_name(code))
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    _tally(tally, "language reviewer groups", created)
    task = LanguageReviewTask.objects.filter(locale=locale).first()
    _tally(tally, "language review tasks", task is None)
    if task is None:
        task = LanguageReviewTask.objects.create(
            name=workflow_name(code), locale=locale, reviewers=group
        )
    workflow = Workflow.objects.filter(workflow_tasks__task=task).first()
    created = workflow is None
    if created:
        # The task row is created directly: a workflow saved without its tasks would finish,
        # and publish, at once.
        workflow = Workflow.objects.create(name=workflow_name(code))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    _tally(tally, "language review workflows", created)
    assign_to_home_pages(locale, workflow)
    return LanguageReview(locale, group, task, workflow)


def assign_to_home_pages(locale: Locale, workflow: Workflow) -> int:
    """Assign ``workflow`` to ``locale``'s top-level pages that have none; returns how many."""
    count = 0
    for page in Page.objects.filter(depth=2, locale=locale).exclude(workflowpage__isnull=False):
        WorkflowPage.objects.create(page=page, workflow=workflow)
        count += 1
    return count


def ensure_all_language_reviews(tally=None) -> list[LanguageReview]:
    return [
        ensure_language_review(locale, tally)
        for locale in Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("pk")
    ]


def _tally(tally, label: str, created: bool) -> None:
    if tally is not None:
        tally(label, created)
