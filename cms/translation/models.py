"""Language review and the glossary.

A translation goes live only when a reviewer of its language approves it: a
:class:`LanguageReviewTask` is the one step of each non-source locale's "Language review"
workflow. Pages reach it through the locale's home page (a ``WorkflowPage``); translated
snippets through :class:`LanguageReviewWorkflowMixin`, because Wagtail assigns snippet workflows
per model, not per locale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Task, TaskState, Workflow
from wagtail.search import index

from cms.core.fields import JSONListField


def source_locale_id() -> int | None:
    return (
        Locale.objects.filter(language_code=settings.LANGUAGE_CODE)
        .values_list("pk", flat=True)
        .first()
    )


class LanguageReviewTask(Task):
    """A workflow step in which a reviewer of one language approves a translation.

    Only members of the task's reviewer group can approve or request changes, and only for
    objects in the task's locale; anyone else, administrators included, is refused.
    """

    locale = models.OneToOneField(
        "wagtailcore.Locale",
        on_delete=models.PROTECT,
        related_name="language_review_task",
        help_text="The language this step reviews. One review task per language.",
    )
    reviewers = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="language_review_tasks",
        help_text="The group of this language's reviewers.",
    )

    admin_form_fields = [*Task.admin_form_fields, "locale", "reviewers"]

    # Every action opens the dialog, which shows the glossary check before the decision.
    ACTIONS = [
        ("reject", "Request changes", True),
        ("approve", "Approve", True),
    ]

    class Meta:
        verbose_name = "language review task"

    def clean(self) -> None:
        super().clean()
        if self.locale_id and self.locale_id == source_locale_id():
            raise ValidationError(
                {"locale": "The source language is reviewed by the expert panels, not here."}
            )

    @classmethod
    def get_description(cls):
        return _("A reviewer of the translation's language approves it before it goes live.")

    def is_reviewer(self, user) -> bool:
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        cache = getattr(user, "_language_reviewer_of", None)
        if cache is None:
            cache = {}
            user._language_reviewer_of = cache
        if self.reviewers_id not in cache:
            cache[self.reviewers_id] = user.groups.filter(pk=self.reviewers_id).exists()
        return cache[self.reviewers_id]

    def reviews(self, obj) -> bool:
        return getattr(obj, "locale_id", None) == self.locale_id

    def get_actions(self, obj, user):
        if not self.reviews(obj) or not self.is_reviewer(user):
            return []
        return list(self.ACTIONS)

    def get_template_for_action(self, action):
        return "translation/review_action_modal.html"

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not self.is_reviewer(user):
            return TaskState.objects.none()
        return TaskState.objects.filter(task=self, status=TaskState.STATUS_IN_PROGRESS)

    def user_can_access_editor(self, obj, user):
        return self.is_reviewer(user) and self.reviews(obj)

    def locked_for_user(self, obj, user):
        return False

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from .reviewing import record_decision

        if action_name not in {"approve", "reject"}:
            raise PermissionDenied
        record_decision(self, task_state, user, action_name, comment=kwargs.get("comment", ""))
        return reverse("wagtailadmin_home")


def language_review_workflow(locale_id: int | None) -> Workflow | None:
    """The active "Language review" workflow of a locale, or None."""
    if locale_id is None:
        return None
    return (
        Workflow.objects.filter(
            active=True,
            workflow_tasks__task__languagereviewtask__locale_id=locale_id,
            workflow_tasks__task__active=True,
        )
        .order_by("pk")
        .first()
    )


if TYPE_CHECKING:
    from wagtail.models import WorkflowMixin as _WorkflowBase
else:
    _WorkflowBase = object


class LanguageReviewWorkflowMixin(_WorkflowBase):
    """Routes a translatable snippet to the workflow of its language.

    Wagtail gives a snippet model one workflow (``WorkflowContentType``), shared by every
    locale. The source locale keeps that workflow (the expert panel); every other locale goes
    to its own "Language review" workflow, or to none when the locale has no reviewers yet,
    in which case nothing can be submitted and translations stay drafts.
    """

    def get_workflow(self):
        locale_id = getattr(self, "locale_id", None)
        if locale_id is None or locale_id == source_locale_id():
            return super().get_workflow()
        return language_review_workflow(locale_id)


class LinesFormField(forms.CharField):
    """A list of strings edited as lines of text."""

    def __init__(self, **kwargs):
        for name in ("encoder", "decoder", "max_length"):
            kwargs.pop(name, None)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class TermListField(JSONListField):
    """A list of terms, stored as JSON, edited one per line."""

    form_class = LinesFormField


class GlossaryTermQuerySet(models.QuerySet):
    def for_language(self, language_code: str):
        return self.filter(language_code=language_code)


class GlossaryTerm(index.Indexed, models.Model):
    """A term translators must get right in one language: the preferred wording for an
    SGBV or LGBTQI+ concept, the wordings to avoid (stigmatising, outdated, blaming), and why.

    Translators see the glossary of their language; language reviewers are warned when a
    translation uses a term to avoid.
    """

    language_code = models.CharField(
        "language",
        max_length=10,
        choices=settings.WAGTAIL_CONTENT_LANGUAGES,
        help_text="The language of the preferred term and of the terms to avoid.",
    )
    source_term = models.CharField(
        max_length=120, help_text="The English term or concept, e.g. 'survivor'."
    )
    preferred_term = models.CharField(
        max_length=120, help_text="The wording to use in this language."
    )
    terms_to_avoid = TermListField(
        help_text="Wordings never to use, one per line.",
    )
    note = models.TextField(blank=True, help_text="Why, and when an exception applies.")

    objects = GlossaryTermQuerySet.as_manager()

    panels = [
        FieldPanel("language_code"),
        FieldPanel("source_term"),
        FieldPanel("preferred_term"),
        FieldPanel("terms_to_avoid"),
        FieldPanel("note"),
    ]
    search_fields = [
        index.SearchField("source_term"),
        index.SearchField("preferred_term"),
        index.AutocompleteField("source_term"),
        index.FilterField("language_code"),
    ]

    class Meta:
        verbose_name = "glossary term"
        ordering = ["language_code", "source_term"]
        constraints = [
            models.UniqueConstraint(
                fields=["language_code", "source_term"], name="glossary_term_once_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_term} → {self.preferred_term} ({self.language_code})"

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.terms_to_avoid, list) or not all(
            isinstance(term, str) for term in self.terms_to_avoid
        ):
            raise ValidationError({"terms_to_avoid": "Give a list of terms."})
        self.terms_to_avoid = [term.strip() for term in self.terms_to_avoid if term.strip()]
        preferred = self.preferred_term.strip().casefold()
        if any(term.casefold() == preferred for term in self.terms_to_avoid):
            raise ValidationError(
                {"terms_to_avoid": "The preferred term can't also be a term to avoid."}
            )
