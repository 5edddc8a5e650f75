"""The French and Arabic language reviews with one reviewer each, and helpers to submit,
translate and review through the admin (the toolbox and module fixtures are the suite's)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from cms.panels.factories import UserFactory
from cms.translation.setup import ensure_language_review


@pytest.fixture
def reviews(fr, ar):
    """The French and Arabic language reviews (groups, tasks, workflows)."""
    return {"fr": ensure_language_review(fr), "ar": ensure_language_review(ar)}


def reviewer(username: str, review) -> object:
    user = UserFactory(username=username)
    user.groups.add(review.group)
    return user


@pytest.fixture
def fr_reviewer(reviews):
    return reviewer("reviewer-fr", reviews["fr"])


@pytest.fixture
def ar_reviewer(reviews):
    return reviewer("reviewer-ar", reviews["ar"])


@pytest.fixture
def translator(db):
    """Edits pages and submits translations; may not publish."""
    user = UserFactory(username="translator")
    user.groups.add(Group.objects.get(name="Editors"))
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        )
    )
    return user


def submit_page(client, user, page, *locales: Locale, subtree: bool = False):
    client.force_login(user)
    data: dict[str, Any] = {"locales": [locale.pk for locale in locales]}
    if subtree:
        data["include_subtree"] = "on"
    return client.post(reverse("wagtail_localize:submit_page_translation", args=[page.pk]), data)


def translation_of(obj, locale: Locale) -> Translation:
    return Translation.objects.get(source__object_id=obj.translation_key, target_locale=locale)


def translate_strings(translation: Translation, text=lambda s: f"[{s}]", limit=None) -> int:
    """A translator's work: translate the first ``limit`` segments (all by default)."""
    segments = (
        StringSegment.objects.filter(source=translation.source)
        .select_related("string", "context")
        .order_by("order")
    )
    count = 0
    for segment in segments[:limit] if limit is not None else segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": text(segment.string.data), "translation_type": "manual"},
        )
        count += 1
    return count


def translated(obj, locale: Locale):
    model = Page if isinstance(obj, Page) else type(obj)
    found = model.objects.get(translation_key=obj.translation_key, locale=locale)
    return found.specific if isinstance(found, Page) else found


def publish_in_editor(client, user, target):
    """The translation editor's "Publish" button (wagtail-localize's edit view)."""
    client.force_login(user)
    if isinstance(target, Page):
        url = reverse("wagtailadmin_pages:edit", args=[target.pk])
    else:
        url = reverse(target.snippet_viewset.get_url_name("edit"), args=[target.pk])
    return client.post(url, {"action": "publish"})
