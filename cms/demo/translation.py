"""Demo translations for ``seed_demo``: the language review workflows of every locale, a demo
reviewer for French and for Arabic, the glossary, and the Luxembourg toolbox translated into
French and Arabic (home page and toolbox index included), with its city, partners, audiences
and content warnings, reviewed and published through the language review. The Brussels
toolbox is left partly translated into French, and the French "Mapping needs and gaps" module
stale: its English source was published again after the French translation was synced (the
Arabic one was synced after that, so it is up to date).

Demo reviewers get no usable password. Idempotent like the rest of ``seed_demo``: what exists
is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.db.models import Model
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator

from cms.core.models import City, PartnerOrganisation
from cms.translation.models import GlossaryTerm
from cms.translation.reviewing import record_decision
from cms.translation.setup import LanguageReview, ensure_all_language_reviews
from cms.translation.signal_handlers import review_emails_paused
from toolbox_pages.models import ToolboxPage

from .content import translations as demo_content
from .panels import demo_user, publish_through_panel

SLUG = re.compile(r"[a-z0-9-]+")


def submit(obj: Model, locale: Locale) -> None:
    """Submit ``obj`` alone for translation: the snippets a page refers to (cities, partners,
    vocabularies) are submitted on their own, each with its own texts."""
    TranslationCreator(None, [locale]).create_translations(obj, include_related_objects=False)


def referred_snippets(toolbox: ToolboxPage, modules: list[Page]) -> list[Model]:
    """The toolbox's lead city and partners, and the audiences and content warnings of the
    toolbox and its modules, each once."""
    found: dict[tuple[type, int], Model] = {}
    if toolbox.lead_city is not None:
        found[(City, toolbox.lead_city.pk)] = toolbox.lead_city
    for partner in toolbox.partner_organisations.order_by("pk"):
        found[(PartnerOrganisation, partner.pk)] = partner
    for page in [toolbox, *modules]:
        for term in [*page.audiences.order_by("pk"), *page.content_warnings.order_by("pk")]:
            found[(type(term), term.pk)] = term
    return list(found.values())


class TranslationSeeder:
    def __init__(self, tally: Callable[[str, bool], None]):
        self.tally = tally

    def reviewer(self, review: LanguageReview):
        user, created = demo_user(
            f"reviewer-{review.locale.language_code}",
            f"{review.locale.get_display_name()} reviewer",
            review.group,
        )
        self.tally("demo language reviewers", created)
        return user

    def glossary(self) -> None:
        for language, source, preferred, avoid, note in demo_content.GLOSSARY:
            term, created = GlossaryTerm.objects.get_or_create(
                language_code=language,
                source_term=source,
                defaults={"preferred_term": preferred, "terms_to_avoid": avoid, "note": note},
            )
            self.tally("glossary terms", created)

    # --- translating a page --------------------------------------------------------------

    @staticmethod
    def existing(obj: TranslatableMixin, locale: Locale) -> TranslatableMixin | None:
        """``obj``'s own translation in ``locale`` (not an alias of it)."""
        if isinstance(obj, Page):
            return Page.objects.filter(
                translation_key=obj.translation_key, locale=locale, alias_of__isnull=True
            ).first()
        return type(obj).objects.filter(translation_key=obj.translation_key, locale=locale).first()

    @staticmethod
    def fill(
        obj: TranslatableMixin, locale: Locale, texts: dict[str, str], only: set[str] | None = None
    ):
        """The translator's work: every segment with a text in ``texts`` (slugs unchanged)."""
        translation = Translation.objects.get(
            source__object_id=obj.translation_key, target_locale=locale
        )
        segments = StringSegment.objects.filter(source=translation.source).select_related(
            "string", "context"
        )
        for segment in segments:
            source = segment.string.data
            text = texts.get(source, source if SLUG.fullmatch(source) else None)
            if text is None or (only is not None and source not in only):
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": "manual"},
            )
        return translation

    def translate_and_publish(self, obj: Model, review: LanguageReview, reviewer, texts) -> bool:
        locale = review.locale
        if self.existing(obj, locale) is not None:
            self.tally("reviewed translations", False)
            return False
        submit(obj, locale)
        translation = self.fill(obj, locale, texts)
        # The editor's "Publish": a draft revision submitted to the language review.
        translation.save_target(publish=True)
        target = self.existing(obj, locale)
        if target is None:
            raise ValueError(f"{obj} has no translation in {locale} to review.")
        if isinstance(target, Page):
            target = target.specific
        record_decision(
            review.task,
            target.current_workflow_task_state,
            reviewer,
            "approve",
            comment="Checked against the English source and the glossary.",
        )
        self.tally("reviewed translations", True)
        return True

    # --- the demo ------------------------------------------------------------------------

    def run(self, toolboxes: dict[str, ToolboxPage]) -> None:
        with review_emails_paused():
            self._run(toolboxes)

    def _run(self, toolboxes: dict[str, ToolboxPage]) -> None:
        reviews = {
            review.locale.language_code: review
            for review in ensure_all_language_reviews(self.tally)
        }
        self.glossary()
        french, arabic = reviews["fr"], reviews["ar"]
        fr_reviewer, ar_reviewer = self.reviewer(french), self.reviewer(arabic)

        toolbox = toolboxes[demo_content.DEMO_TOOLBOX]
        index = toolbox.get_parent()
        pages = [index.get_parent(), index, toolbox, *toolbox.get_children()]
        pages = [page.specific for page in pages]
        for page in pages:
            self.translate_and_publish(page, french, fr_reviewer, demo_content.FR)
        stale = next(page for page in pages if page.slug == demo_content.STALE_MODULE)
        if self.existing(stale, arabic.locale) is None:
            # The English module is published again (through its panel) after its French
            # translation was synced; the Arabic translation is made from a fresh sync of it.
            stale.save_revision()
            publish_through_panel(type(stale).objects.get(pk=stale.pk))
            TranslationSource.objects.get(
                object_id=stale.translation_key, locale=stale.locale
            ).update_from_db()
        for page in pages:
            self.translate_and_publish(page, arabic, ar_reviewer, demo_content.AR)

        modules = [page for page in pages if page.get_parent().pk == toolbox.pk]
        for snippet in referred_snippets(toolbox, modules):
            self.translate_and_publish(snippet, french, fr_reviewer, demo_content.SNIPPETS_FR)
            self.translate_and_publish(snippet, arabic, ar_reviewer, demo_content.SNIPPETS_AR)

        partial = toolboxes[demo_content.PARTLY_TRANSLATED_TOOLBOX]
        created = self.existing(partial, french.locale) is None
        if created:
            submit(partial, french.locale)
            self.fill(partial, french.locale, demo_content.FR_PARTIAL)
        self.tally("translations in progress", created)
