"""Translations never go live, or change what is live, without a language review.

wagtail-localize writes a translation through ``TranslationSource.create_or_update_translation``:
on submission, on "Update translations" (with "publish" ticked or not) and from its editor's
"Publish" button. As shipped, that call overwrites the translated object's database row, which
is what the API serves for a live page, sets a snippet translation's ``live`` to the requested
state, and publishes when asked to. Here it is wrapped so that, for any model with draft
state, it

- never publishes: a request to publish saves a draft revision and submits it to the
  object's language review workflow instead;
- leaves a live translation's row (its served content) untouched: the new translation is a
  new revision, published when a reviewer approves it.

Every translatable model here has draft state: pages, safe spaces, helplines, cities, partner
organisations and vocabulary terms. A model without it would keep wagtail-localize's behaviour.
"""

from __future__ import annotations

import functools

from django.db import transaction
from wagtail.models import DraftStateMixin, Page, TaskState
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import TranslationLog, TranslationSource
from wagtail_localize.segments.ingest import ingest_segments

from .models import LanguageReviewTask

_original = TranslationSource.create_or_update_translation


def install() -> None:
    """Wrap wagtail-localize's translation writer (once per process).

    A workaround for wagtail-localize 1.14, whose writer has no "draft only" mode for live
    objects; it can go if wagtail-localize gains one.
    """
    if TranslationSource.create_or_update_translation is _create_or_update_translation:
        return
    TranslationSource.create_or_update_translation = _create_or_update_translation


def _existing_translation(source: TranslationSource, locale):
    model = source.specific_content_type.model_class()
    return (
        model.objects.filter(translation_key=source.object_id, locale=locale).first()
        if model is not None
        else None
    )


@functools.wraps(_original)
def _create_or_update_translation(
    self, locale, user=None, publish=True, copy_parent_pages=False, fallback=False
):
    model = self.specific_content_type.model_class()
    if model is None or not issubclass(model, DraftStateMixin):
        return _original(
            self,
            locale,
            user=user,
            publish=publish,
            copy_parent_pages=copy_parent_pages,
            fallback=fallback,
        )
    existing = _existing_translation(self, locale)
    with transaction.atomic():
        if existing is not None and existing.live:
            translation = save_draft_of_live_translation(self, locale, user, fallback)
            created = False
        else:
            translation, created = _original(
                self,
                locale,
                user=user,
                publish=False,
                copy_parent_pages=copy_parent_pages,
                fallback=fallback,
            )
        if publish:
            submit_for_language_review(translation, user)
    return translation, created


def save_draft_of_live_translation(source: TranslationSource, locale, user, fallback: bool):
    """The current translation of ``source`` as a new revision of the live translated object,
    without saving the object's row (what readers are served) or publishing."""
    original = source.as_instance()
    translation = source.get_translated_instance(locale)
    if isinstance(translation, Page):
        translation = translation.specific
        if translation.alias_of_id:
            # An alias made for an untranslated parent becomes a page of its own, still
            # serving the source's text until its translation is approved.
            Page.objects.filter(pk=translation.pk).update(alias_of_id=None)
            translation.alias_of_id = None
    copy_synchronised_fields(original, translation)
    segments = source._get_segments_for_translation(locale, fallback=fallback)
    ingest_segments(original, translation, source.locale, locale, segments)
    if isinstance(translation, Page):
        # The translation keeps its own slug: a translated title must not move its URL.
        translation.slug = type(translation).objects.get(pk=translation.pk).slug
    revision = translation.save_revision(user=user, log_action=True)
    TranslationLog.objects.create(source=source, locale=locale, revision=revision)
    return translation


def submit_for_language_review(obj, user) -> None:
    """Start the object's language review, or resume it after a request for changes. A review
    already running reviews the latest revision; an object whose locale has no reviewers
    stays a draft."""
    obj = type(obj).objects.get(pk=obj.pk)
    if isinstance(obj, Page):
        obj = obj.specific
    state = obj.current_workflow_state
    if state is not None:
        if state.status == state.STATUS_NEEDS_CHANGES:
            state.resume(user=user)
        else:
            follow_latest_revision(obj, state)
        return
    workflow = obj.get_workflow()
    if workflow is not None:
        workflow.start(obj, user)


def follow_latest_revision(obj, workflow_state) -> None:
    """A language review in progress reviews the latest revision: a reviewer decides once,
    so nobody has reviewed the revision the step started on yet."""
    task_state = workflow_state.current_task_state
    if (
        task_state is not None
        and task_state.status == TaskState.STATUS_IN_PROGRESS
        and LanguageReviewTask.objects.filter(pk=task_state.task_id).exists()
        and task_state.revision_id != obj.latest_revision_id
    ):
        TaskState.objects.filter(pk=task_state.pk).update(revision_id=obj.latest_revision_id)
