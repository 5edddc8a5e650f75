"""Language vocabulary: ISO 639 codes, their names and their direction."""

import gettext
from functools import lru_cache

import pycountry
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils import translation
from django.utils.translation import get_language_info

# Languages Django ships no information for. Without an entry, get_language_info() raises
# KeyError wherever Wagtail or wagtail-localize shows a locale's name.
EXTRA_LANG_INFO = {
    "prs": {"bidi": True, "code": "prs", "name": "Dari", "name_local": "دری"},
    "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
    "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
}


def register_extra_language_info() -> None:
    for code, info in EXTRA_LANG_INFO.items():
        LANG_INFO.setdefault(code, info)


@lru_cache(maxsize=2048)
def language_name(code: str) -> str | None:
    """English name of an ISO 639-1 or 639-3 code, or None when the code is unknown."""
    code = code.strip().lower()
    if not code:
        return None
    language = (
        pycountry.languages.get(alpha_2=code)
        if len(code) == 2
        else pycountry.languages.get(alpha_3=code)
    )
    return language.name if language else None


def is_rtl(code: str) -> bool:
    return code.split("-")[0].lower() in settings.LANGUAGES_BIDI


def direction(code: str) -> str:
    """``rtl`` or ``ltr``: the value of an HTML ``dir`` attribute for text in ``code``."""
    return "rtl" if is_rtl(code) else "ltr"


@lru_cache(maxsize=64)
def _iso639_catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def language_display_name(code: str, in_language: str) -> str:
    """The name of the language ``code`` as a reader of ``in_language`` says it ("French",
    "Français", "الفرنسيّة"): Django's names and translations first, then ISO 639's; the
    code itself when it is unknown."""
    try:
        with translation.override(in_language):
            return str(get_language_info(code)["name_translated"])
    except KeyError:
        pass
    english = language_name(code)
    if english is None:
        return code
    return _iso639_catalogue(in_language.split("-")[0]).gettext(english)


def native_name(code: str) -> str:
    """A content language's name in the language itself (the configured name if unknown)."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return dict(settings.WAGTAIL_CONTENT_LANGUAGES)[code]
