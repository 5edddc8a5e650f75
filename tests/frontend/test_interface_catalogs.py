"""The widgets' and kiosk's own words: a catalog for every content language, complete for the
languages translated by hand, compiled, and in step with the strings the code marks."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGS = Path(settings.LOCALE_PATHS[0])
STRINGS_JS = Path(settings.BASE_DIR) / "frontend_stub" / "widgets" / "strings.js"
LANGUAGES = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def catalog(code: str) -> polib.POFile:
    return polib.pofile(str(CATALOGS / code / "LC_MESSAGES" / "djangojs.po"))


def marked_in_code() -> set[str]:
    return set(re.findall(r'gettext\("((?:[^"\\]|\\.)*)"\)', STRINGS_JS.read_text()))


def test_the_english_catalog_holds_exactly_the_strings_the_code_marks():
    """Run `make messages` after adding, changing or removing a string."""
    assert {entry.msgid for entry in catalog("en")} == marked_in_code()


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_content_language_has_its_catalog_with_every_string(code):
    english = {entry.msgid for entry in catalog("en")}

    assert {entry.msgid for entry in catalog(code)} == english


@pytest.mark.parametrize("code", settings.INTERFACE_TRANSLATED_LANGUAGES)
def test_a_language_translated_by_hand_misses_no_string_and_keeps_the_placeholders(code):
    entries = catalog(code)

    missing = [entry.msgid for entry in entries if not entry.msgstr.strip()]
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    placeholders = [
        entry.msgid
        for entry in entries
        if sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr))
    ]
    assert (missing, fuzzy, placeholders) == ([], [], [])


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_compiled_catalog_matches_its_source(code):
    """Run `make messages` (or `manage.py compilemessages`) after editing a .po file."""
    source = {entry.msgid: entry.msgstr for entry in catalog(code) if entry.msgstr}
    compiled = polib.mofile(str(CATALOGS / code / "LC_MESSAGES" / "djangojs.mo"))

    assert {entry.msgid: entry.msgstr for entry in compiled if entry.msgid} == source


def test_the_translated_list_names_content_languages_only():
    assert set(settings.INTERFACE_TRANSLATED_LANGUAGES) <= set(LANGUAGES) - {"en"}
