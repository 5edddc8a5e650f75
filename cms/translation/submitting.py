"""The translation editor's "Publish in <language>" button, as it works here: it sends the
translation to its language review (``sync``), never publishes, and says so; and a translation
less complete than ``TRANSLATION_REVIEW_MIN_PERCENT`` is not sent, with a message naming what
is missing.

Answered before wagtail-localize's own handler (a ``before_edit_page`` / ``before_edit_snippet``
hook that runs first), for the editor's publish action only; anything else is wagtail-localize's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import Truncator
from wagtail.models import DraftStateMixin, Page, TranslatableMixin, WorkflowState
from wagtail.permissions import policy_registry
from wagtail_localize.models import StringSegment, Translation

from .models import LanguageReviewTask
from .setup import language_name

SHOWN_MISSING = 3


@dataclass(frozen=True)
class Completeness:
    total: int
    translated: int
    missing: list[str]

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else self.translated * 100 // self.total

    def enough(self) -> bool:
        return self.percent >= settings.TRANSLATION_REVIEW_MIN_PERCENT


def completeness(translation: Translation) -> Completeness:
    """How much of ``translation`` is translated, and the first source texts that are not."""
    total, translated = translation.get_progress()
    untranslated = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate_translation(translation.target_locale)
        .filter(translation__isnull=True)
        .select_related("string")
        .order_by("order")[:SHOWN_MISSING]
    )
    return Completeness(
        total, translated, [Truncator(segment.string.data).chars(60) for segment in untranslated]
    )


def _target_of_translation(instance: Any) -> Translation | None:
    if not isinstance(instance, TranslatableMixin) or not isinstance(instance, DraftStateMixin):
        return None
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def _may_send(request: HttpRequest, instance: Any) -> bool:
    """The permission wagtail-localize asks for its publish button (it refuses the others)."""
    if isinstance(instance, Page):
        return bool(instance.permissions_for_user(request.user).can_publish())
    policy = policy_registry.get_by_type(type(instance))
    return bool(request.user.is_superuser or policy.user_has_permission(request.user, "publish"))


def send_to_language_review(request: HttpRequest, instance: Any) -> HttpResponse | None:
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = _target_of_translation(instance)
    if translation is None or not _may_send(request, instance):
        return None  # wagtail-localize answers (and refuses who may not)
    language = language_name(translation.target_locale.language_code)
    done = completeness(translation)
    if not done.enough():
        shown = "; ".join(f"“{text}”" for text in done.missing)
        messages.error(
            request,
            f"Not sent to language review: {done.percent}% of “{instance}” is translated into "
            f"{language} ({done.translated} of {done.total} texts), and "
            f"{settings.TRANSLATION_REVIEW_MIN_PERCENT}% is needed. Still to translate: {shown}.",
        )
        return redirect(request.path)
    try:
        with transaction.atomic():
            translation.save_target(user=request.user, publish=True)
    except ValidationError:
        messages.error(
            request,
            f"“{instance}” in {language} has errors: fix them, then send it again. Nothing was "
            "sent to language review.",
        )
        return redirect(request.path)
    obj = type(instance).objects.get(pk=instance.pk)
    state = obj.current_workflow_state
    task_state = state.current_task_state if state is not None else None
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS or task_state is None:
        messages.warning(
            request,
            f"“{obj}” in {language} was saved as a draft, not published: {language} has no "
            "language review yet. A programme administrator sets one up.",
        )
    elif isinstance(task_state.task.specific, LanguageReviewTask):
        messages.success(
            request,
            f"“{obj}” was sent to language review ({language}). It is published when a "
            f"reviewer of {language} approves it.",
        )
    else:
        messages.success(
            request,
            f"“{obj}” in {language} was sent to the workflow “{state.workflow.name}”, step "
            f"“{task_state.task.name}”: it is published when that workflow approves it.",
        )
    return redirect(request.path)
