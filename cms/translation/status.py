"""Translation status per object and locale: missing, in progress (share of segments
translated), stale. What the "Translations" report lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from .public import public_translations


def tracked_models() -> list[type[TranslatableMixin]]:
    """Translatable content the report covers: pages, then every translatable snippet (all
    have draft state), listings first."""
    from cms.core.models import Audience, City, ContentWarning, PartnerOrganisation
    from safe_spaces.models import Helpline, SafeSpace, ServiceCategory

    return [
        Page,
        SafeSpace,
        Helpline,
        City,
        PartnerOrganisation,
        Audience,
        ContentWarning,
        ServiceCategory,
    ]


def with_progress(translations: models.QuerySet) -> models.QuerySet:
    """Annotate ``Translation`` rows with ``total_segments`` and ``translated_segments``, the
    figures of ``Translation.get_progress()``, in the same query."""
    segments = StringSegment.objects.filter(source_id=OuterRef("source_id"))
    translated = segments.filter(
        Exists(
            StringTranslation.objects.filter(
                translation_of_id=OuterRef("string_id"),
                context_id=OuterRef("context_id"),
                locale_id=OuterRef(OuterRef("target_locale_id")),
                has_error=False,
            )
        )
    )

    def count(queryset):
        return Coalesce(
            Subquery(
                queryset.order_by().values("source_id").annotate(n=Count("pk")).values("n")[:1]
            ),
            0,
        )

    return translations.annotate(
        total_segments=count(segments), translated_segments=count(translated)
    )


@dataclass
class LocaleStatus:
    """One source object in one locale."""

    locale: Locale
    source: TranslatableMixin
    translated: TranslatableMixin | None  # the version in ``locale``, if any
    total_segments: int | None  # None: never submitted for translation
    translated_segments: int | None
    stale: bool
    glossary: str = ""  # the glossary warnings of the translation, filled in by the report

    @property
    def locale_code(self) -> str:
        return self.locale.language_code

    @property
    def model_name(self) -> str:
        return str(self.source._meta.verbose_name)

    @property
    def title(self) -> str:
        return str(self.source)

    @property
    def missing(self) -> bool:
        return self.translated is None

    @property
    def percent(self) -> int | None:
        if not self.total_segments:
            return None if self.total_segments is None else 100
        return round(100 * (self.translated_segments or 0) / self.total_segments)

    @property
    def in_progress(self) -> bool:
        if self.translated is None:
            return False
        not_live = not getattr(self.translated, "live", True)
        unpublished = getattr(self.translated, "has_unpublished_changes", False)
        incomplete = self.total_segments is not None and (
            (self.translated_segments or 0) < self.total_segments
        )
        return not_live or unpublished or incomplete

    @property
    def up_to_date(self) -> bool:
        return not (self.missing or self.in_progress or self.stale)

    @property
    def status(self) -> str:
        if self.missing:
            return "missing"
        labels = [
            label for label, on in (("stale", self.stale), ("in progress", self.in_progress)) if on
        ]
        return ", ".join(labels) or "up to date"


def locale_statuses(locale: Locale) -> list[LocaleStatus]:
    """Every live source object's status in ``locale``, pages first, in tree order."""
    source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    rows: list[LocaleStatus] = []
    for model in tracked_models():
        sources = model.objects.filter(locale=source_locale, live=True)
        if model is Page:
            sources = sources.filter(depth__gt=1).order_by("path").specific()
        sources = list(sources)
        keys = [obj.translation_key for obj in sources]
        versions = model.objects.filter(locale=locale, translation_key__in=keys)
        if model is Page:
            # An alias serves the source's text: the translation is still missing.
            versions = versions.filter(alias_of__isnull=True).specific()
        versions = {obj.translation_key: obj for obj in versions}
        translations = {
            t.source.object_id: t
            for t in with_progress(
                Translation.objects.filter(
                    source__object_id__in=keys,
                    source__locale=source_locale,
                    target_locale=locale,
                ).select_related("source")
            )
        }
        found = list(versions.values())
        facts = dict(zip([id(o) for o in found], public_translations(found), strict=True))
        for obj in sources:
            translated = versions.get(obj.translation_key)
            translation = translations.get(obj.translation_key)
            info = facts[id(translated)].translation if translated is not None else None
            rows.append(
                LocaleStatus(
                    locale=locale,
                    source=obj,
                    translated=translated,
                    total_segments=translation.total_segments if translation else None,
                    translated_segments=translation.translated_segments if translation else None,
                    stale=bool(info and info.is_stale),
                )
            )
    return rows
