"""Full-text search over what the public may read: toolboxes, modules and safe spaces.

Wagtail's search backend (PostgreSQL full text, SQLite FTS5) finds the hits in the requested
and the default locale; each hit is then served through its domain's helper, in the requested
locale's version where one is live, else the default's (``is_fallback``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Model
from wagtail.models import Page

from api.locales import LocaleContext
from api.public import InvalidArgument
from api.public.loaders import serve
from api.public.safe_spaces import served_safe_spaces
from api.public.toolboxes import served_pages
from safe_spaces.models import SafeSpace
from toolbox_pages.models import ModulePage, ToolboxPage

SEARCHED_PAGE_MODELS: tuple[type[Page], ...] = (ToolboxPage, ModulePage)


@dataclass(frozen=True)
class Hit:
    obj: Model
    score: float


def validate_text(text: str) -> str:
    text = " ".join((text or "").split())
    limit = settings.API_SEARCH_MAX_LENGTH
    if not text:
        raise InvalidArgument("Give some text to search for.", "text")
    if len(text) > limit:
        raise InvalidArgument(f"Search text is limited to {limit} characters.", "text")
    return text


def _ranked_keys(queryset: Any, text: str, limit: int) -> list[tuple[uuid.UUID, float]]:
    """Translation keys of the best hits, best first, each key once."""
    results = queryset.search(text, operator="or").annotate_score("_score")[: limit * 2]
    ranked: dict[uuid.UUID, float] = {}
    for obj in results:
        score = float(getattr(obj, "_score", 0.0) or 0.0)
        if obj.translation_key not in ranked or ranked[obj.translation_key] < score:
            ranked[obj.translation_key] = score
    return sorted(ranked.items(), key=lambda item: -item[1])[:limit]


def search_content(text: str, context: LocaleContext, limit: int) -> list[Model]:
    """The ``limit`` best live, public hits of ``text``, best first.

    One search query and one query for the served versions per searched model, whatever the
    number of hits.
    """
    text = validate_text(text)
    locales = [context.requested.pk, context.default.pk]
    hits: list[Hit] = []

    for model in SEARCHED_PAGE_MODELS:
        keys = _ranked_keys(model.objects.live().filter(locale_id__in=locales), text, limit)
        if not keys:
            continue
        scores = dict(keys)
        for page in served_pages(model, context, scores.keys()):
            hits.append(Hit(page, scores[page.translation_key]))

    keys = _ranked_keys(SafeSpace.objects.filter(live=True, locale_id__in=locales), text, limit)
    if keys:
        scores = dict(keys)
        for space in served_safe_spaces(scores.keys(), context):
            hits.append(Hit(space, scores[space.translation_key]))

    hits.sort(key=lambda hit: -hit.score)
    chosen = [hit.obj for hit in hits[:limit]]
    return serve(context, chosen)


# At most this many matches of a search text filter a list of safe spaces (the HSDS export's
# `search`): the best ones, enough for any real query.
SAFE_SPACE_FILTER_HITS = 1000


def safe_space_keys_matching(text: str, context: LocaleContext) -> list[uuid.UUID]:
    """Public ids (translation keys) of the live listings matching ``text`` in the requested or
    the default locale, best first; one search query. To filter a list by text."""
    text = validate_text(text)
    locales = [context.requested.pk, context.default.pk]
    listings = SafeSpace.objects.filter(live=True, locale_id__in=locales)
    return [key for key, _ in _ranked_keys(listings, text, SAFE_SPACE_FILTER_HITS)]
