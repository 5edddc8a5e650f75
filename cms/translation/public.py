"""Translation facts for the public API: which languages an object is live in, and how fresh
the served translation is. Never a person, a draft or a revision's content.

A translation is *stale* when the version readers get is behind its source: the source was
published again after the translation's last sync (``TranslationSource.last_updated_at``), or
a sync happened that is not live yet (the served revision was written before it; the new one
waits for its language review).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail_localize.models import TranslationLog, TranslationSource


@dataclass(frozen=True)
class TranslationInfo:
    """About a translated object: its source language, when the served translation was
    written, and whether it is behind its source."""

    source_locale: str
    translated_at: datetime.datetime | None
    is_stale: bool


@dataclass(frozen=True)
class PublicTranslation:
    """``available_locales``: language codes of the live versions of the object (its own
    included when live), in the order of ``settings.LANGUAGES``. ``translation``: None for a
    source object (or one never translated from another language)."""

    available_locales: tuple[str, ...]
    translation: TranslationInfo | None


_LANGUAGE_ORDER = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}


def _query_model(obj: TranslatableMixin) -> type[TranslatableMixin]:
    """The model whose table holds every language version: ``Page`` for pages."""
    if isinstance(obj, Page):
        return Page
    return obj._meta.concrete_model


def _versions(model: type[TranslatableMixin], keys: set) -> list[dict]:
    fields = ["pk", "translation_key", "locale_id", "locale__language_code"]
    if model is Page:
        # An alias in another locale (wagtail-localize makes them for untranslated parents)
        # serves the source's text: it is not a translation.
        fields.append("alias_of_id")
    if issubclass(model, DraftStateMixin):
        fields += ["live", "last_published_at", "live_revision__created_at"]
    return list(model.objects.filter(translation_key__in=keys).values(*fields))


def public_translations(objects: Sequence[TranslatableMixin]) -> list[PublicTranslation]:
    """For each object (a page or a translatable snippet, in any locale), in input order:
    the locales its translation key is live in, and its translation info.

    Runs one query for the translation sources, one per model among the objects (every page
    type counts once, as ``Page``) and, only when a model without draft state (a city, a
    partner organisation) is among them, one for their translation log: a constant number,
    whatever the number of objects.
    """
    if not objects:
        return []
    by_model: dict[type[models.Model], set] = defaultdict(set)
    for obj in objects:
        by_model[_query_model(obj)].add(obj.translation_key)
    all_keys = set().union(*by_model.values())

    sources: dict = defaultdict(list)  # translation key -> [source rows]
    for row in TranslationSource.objects.filter(object_id__in=all_keys).values(
        "pk", "object_id", "locale_id", "locale__language_code", "last_updated_at"
    ):
        sources[row["object_id"]].append(row)

    versions: dict[tuple[type, object], list[dict]] = defaultdict(list)
    for model, keys in by_model.items():
        for row in _versions(model, keys):
            versions[(model, row["translation_key"])].append(row)

    log_times: dict[tuple[int, int], datetime.datetime] = {}
    if any(not issubclass(model, DraftStateMixin) for model in by_model):
        for row in (
            TranslationLog.objects.filter(source__object_id__in=all_keys)
            .values("source_id", "locale_id")
            .annotate(at=models.Max("created_at"))
        ):
            log_times[(row["source_id"], row["locale_id"])] = row["at"]

    results = []
    for obj in objects:
        model = _query_model(obj)
        rows = versions[(model, obj.translation_key)]
        drafts = issubclass(model, DraftStateMixin)
        live_codes = sorted(
            {
                row["locale__language_code"]
                for row in rows
                if (not drafts or row["live"]) and not row.get("alias_of_id")
            },
            key=lambda code: (_LANGUAGE_ORDER.get(code, len(_LANGUAGE_ORDER)), code),
        )
        results.append(
            PublicTranslation(
                available_locales=tuple(live_codes),
                translation=_translation_info(
                    obj, rows, sources[obj.translation_key], drafts, log_times
                ),
            )
        )
    return results


def _translation_info(
    obj: TranslatableMixin,
    rows: Iterable[dict],
    source_rows: list[dict],
    drafts: bool,
    log_times: dict,
) -> TranslationInfo | None:
    candidates = [row for row in source_rows if row["locale_id"] != obj.locale_id]
    if not candidates or any(row["locale_id"] == obj.locale_id for row in source_rows):
        return None
    source = max(candidates, key=lambda row: row["last_updated_at"])
    synced_at = source["last_updated_at"]
    if not drafts:
        return TranslationInfo(
            source_locale=source["locale__language_code"],
            translated_at=log_times.get((source["pk"], obj.locale_id)),
            is_stale=False,
        )
    by_locale = {row["locale_id"]: row for row in rows}
    own = by_locale.get(obj.locale_id, {})
    original = by_locale.get(source["locale_id"], {})
    translated_at = own.get("live_revision__created_at") if own.get("live") else None
    source_published_at = original.get("last_published_at")
    is_stale = bool(source_published_at and source_published_at > synced_at) or bool(
        translated_at and translated_at < synced_at
    )
    return TranslationInfo(
        source_locale=source["locale__language_code"],
        translated_at=translated_at,
        is_stale=is_stale,
    )
