"""The interface's own words: a catalog for every content language, for the HTML pages and
previews (django) and for the widgets and the kiosk (djangojs); complete for the languages
translated by hand, compiled, and the widgets' in step with the strings the code marks."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGS = {
    "django": ROOT / "cms" / "locale",
    "djangojs": ROOT / "frontend_stub" / "locale",
}
STRINGS_JS = ROOT / "frontend_stub" / "widgets" / "strings.js"
LANGUAGES = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def catalog(domain: str, code: str) -> polib.POFile:
    return polib.pofile(str(CATALOGS[domain] / code / "LC_MESSAGES" / f"{domain}.po"))


def keys(entries) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in entries if entry.msgid}


def marked_in_code() -> set[str]:
    return set(re.findall(r'gettext\("((?:[^"\\]|\\.)*)"\)', STRINGS_JS.read_text()))


def test_the_catalog_paths_are_the_projects():
    assert [Path(path) for path in settings.LOCALE_PATHS] == list(CATALOGS.values())


def test_the_widgets_english_catalog_holds_exactly_the_strings_the_code_marks():
    """Run `make messages` after adding, changing or removing a string."""
    assert {entry.msgid for entry in catalog("djangojs", "en")} == marked_in_code()


@pytest.mark.parametrize("domain", CATALOGS)
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_content_language_has_its_catalogs_with_every_string(domain, code):
    assert keys(catalog(domain, code)) == keys(catalog(domain, "en"))


@pytest.mark.parametrize("domain", CATALOGS)
@pytest.mark.parametrize("code", settings.INTERFACE_TRANSLATED_LANGUAGES)
def test_a_language_translated_by_hand_misses_no_string_and_keeps_the_placeholders(domain, code):
    entries = catalog(domain, code)

    missing = [entry.msgid for entry in entries if not entry.msgstr.strip()]
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    placeholders = [
        entry.msgid
        for entry in entries
        if sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr))
    ]
    assert (missing, fuzzy, placeholders) == ([], [], [])


@pytest.mark.parametrize("domain", CATALOGS)
@pytest.mark.parametrize("code", LANGUAGES)
def test_each_compiled_catalog_matches_its_source(domain, code):
    """Run `make messages` (or `manage.py compilemessages` in `cms/`) after editing a .po."""
    source = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in catalog(domain, code)
        if entry.msgstr
    }
    path = CATALOGS[domain] / code / "LC_MESSAGES" / f"{domain}.mo"
    compiled = polib.mofile(str(path))

    assert {(e.msgctxt, e.msgid): e.msgstr for e in compiled if e.msgid} == source


def test_the_translated_list_names_content_languages_only():
    assert set(settings.INTERFACE_TRANSLATED_LANGUAGES) <= set(LANGUAGES) - {"en"}
