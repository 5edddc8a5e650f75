"""Progress and staleness, per object and locale: the report's figures and the public helper's,
exact, in a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from cms.translation.public import PublicTranslation, TranslationInfo, public_translations
from cms.translation.status import locale_statuses
from tests.support.workflow import act

from .conftest import publish_in_editor, submit_page, translate_strings, translated, translation_of

pytestmark = pytest.mark.django_db


def statuses(locale) -> dict[str, tuple]:
    return {
        row.source.title: (row.status, row.total_segments, row.translated_segments, row.percent)
        for row in locale_statuses(locale)
        if isinstance(row.source, Page)
    }


def go_live(client, admin_user, reviewer, page, locale, capture):
    with capture(execute=True):
        publish_in_editor(client, admin_user, translated(page, locale))
    with capture(execute=True):
        act(client, reviewer, translated(page, locale), "approve")


def republish(page, **changes):
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision().publish()


def test_progress_counts_translated_segments_exactly(client, module, reviews, admin_user, fr):
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr), limit=2)

    assert statuses(fr) == {
        "Welcome to your new Wagtail site!": ("missing", None, None, None),
        "Equalcity": ("missing", None, None, None),
        "Toolboxes": ("missing", None, None, None),
        "Violence against migrant women": ("missing", None, None, None),
        "Responding to a disclosure": ("in progress", 3, 2, 67),
    }
    assert translation_of(module, fr).get_progress() == (3, 2)


def test_a_live_translation_becomes_stale_when_its_source_is_published_again(
    client, module, reviews, admin_user, fr, fr_reviewer, django_capture_on_commit_callbacks
):
    submit_page(client, admin_user, module, fr)
    translate_strings(translation_of(module, fr))
    go_live(client, admin_user, fr_reviewer, module, fr, django_capture_on_commit_callbacks)
    french = translated(module, fr)

    assert statuses(fr)["Responding to a disclosure"] == ("up to date", 3, 3, 100)
    assert public_translations([module, french]) == [
        PublicTranslation(available_locales=("en", "fr"), translation=None),
        PublicTranslation(
            available_locales=("en", "fr"),
            translation=TranslationInfo(
                source_locale="en",
                translated_at=french.live_revision.created_at,
                is_stale=False,
            ),
        ),
    ]

    republish(module, summary="What to say first, and what never to say.")

    assert statuses(fr)["Responding to a disclosure"] == ("stale", 3, 3, 100)
    assert public_translations([french])[0].translation.is_stale is True

    # Synced but not yet approved: the served translation is still behind its source.
    source = TranslationSource.objects.get(object_id=module.translation_key)
    client.force_login(admin_user)
    client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    assert statuses(fr)["Responding to a disclosure"] == ("stale, in progress", 3, 2, 67)
    assert public_translations([french])[0].translation.is_stale is True

    translate_strings(translation_of(module, fr))
    go_live(client, admin_user, fr_reviewer, module, fr, django_capture_on_commit_callbacks)

    french = translated(module, fr)
    assert statuses(fr)["Responding to a disclosure"] == ("up to date", 3, 3, 100)
    info = public_translations([french])[0].translation
    assert (info.is_stale, info.translated_at) == (False, french.live_revision.created_at)


def test_a_draft_translation_is_not_an_available_locale(client, module, reviews, admin_user, fr):
    submit_page(client, admin_user, module, fr)

    result = public_translations([module, translated(module, fr)])

    assert [r.available_locales for r in result] == [("en",), ("en",)]
    assert result[1].translation == TranslationInfo("en", None, False)


def test_the_helper_runs_a_constant_number_of_queries(
    client, toolbox, module, reviews, admin_user, fr, ar
):
    submit_page(client, admin_user, toolbox, fr, ar, subtree=True)
    pages = [*Page.objects.filter(depth__gt=3).specific()]
    assert len(pages) == 6

    with CaptureQueriesContext(connection) as one:
        public_translations(pages[:1])
    with CaptureQueriesContext(connection) as six:
        public_translations(pages)

    assert len(one) == len(six) == 2


def test_a_city_translation_is_a_draft_until_reviewed(locale_en, fr):
    from wagtail_localize.operations import TranslationCreator

    from cms.core.factories import CityFactory

    city = CityFactory(name="Brussels", locale=locale_en)
    TranslationCreator(None, [fr]).create_translations(city)
    french = type(city).objects.get(translation_key=city.translation_key, locale=fr)

    result = public_translations([city, french])

    assert french.live is False
    assert [r.available_locales for r in result] == [("en",), ("en",)]
    assert result[0].translation is None
    assert result[1].translation == TranslationInfo(
        source_locale="en", translated_at=None, is_stale=False
    )
