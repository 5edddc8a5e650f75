"""What a reader's quick exit and safety notices are, for a city and a language.

A city's own settings (``api.models.CitySettings``) come first, then the site's
(``SafetySettings``). A notice is the city's in the requested language, else the city's in the
default language, else the site's (written in the default language); each says which language
it is in and whether it stands in for the requested one, so a client marks it (``lang``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.locales import LocaleContext
from api.models import CityNotice, CitySettings
from api.public.cities import CityMatch
from api.public.references import load_references
from api.representations import ReferenceIds, collect_rich_text, rich_text_html
from cms.core.models import SafetySettings

NOTICES = ("safety_notice", "privacy_notice")


@dataclass(frozen=True)
class Notice:
    html: str
    locale: str
    is_fallback: bool

    def representation(self) -> dict[str, Any]:
        return {"html": self.html, "locale": self.locale, "is_fallback": self.is_fallback}


@dataclass(frozen=True)
class Safety:
    quick_exit_url: str
    safety_notice: Notice | None
    privacy_notice: Notice | None

    def representation(self) -> dict[str, Any]:
        return {
            "quick_exit_url": self.quick_exit_url,
            **{
                name: notice.representation() if (notice := getattr(self, name)) else None
                for name in NOTICES
            },
        }


def safety_for(city: CityMatch | None, context: LocaleContext) -> Safety:
    """The quick exit and notices for ``city`` (None: the site's) in the requested language.
    At most three queries (the site's settings, the city's, its notices in both languages),
    and one per kind of link the chosen notices hold."""
    site = SafetySettings.load()
    requested = context.requested.language_code
    default = context.default.language_code
    own = None
    if city is not None:
        own = CitySettings.objects.filter(city__translation_key__in=city.translation_keys).first()
    rows: dict[str, CityNotice] = {}
    if own is not None:
        rows = {row.locale: row for row in own.notices.filter(locale__in={requested, default})}
    chosen = {name: _first_written(name, rows, site, requested, default) for name in NOTICES}
    ids = ReferenceIds()
    for found in chosen.values():
        if found is not None:
            collect_rich_text(found[0], ids)
    refs = load_references(ids, context)
    notices = {
        name: None
        if found is None
        else Notice(rich_text_html(found[0], refs), found[1], found[1] != requested)
        for name, found in chosen.items()
    }
    return Safety(
        quick_exit_url=(own.quick_exit_url if own is not None else "") or site.quick_exit_url,
        safety_notice=notices["safety_notice"],
        privacy_notice=notices["privacy_notice"],
    )


def _first_written(
    name: str, rows: dict[str, CityNotice], site: SafetySettings, requested: str, default: str
) -> tuple[str, str] | None:
    """(source, language) of the first non-empty notice: the city's in the requested language,
    the city's in the default one, the site's."""
    for code in (requested, default):
        row = rows.get(code)
        if row is not None and getattr(row, name).strip():
            return getattr(row, name), code
    text = getattr(site, name)
    return (text, default) if text.strip() else None
