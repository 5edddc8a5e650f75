"""The HTML pages' and previews' own words in the reader's language, from the catalogs; a word
the language has no translation for yet is English, marked."""

import pytest
from wagtail.models import Locale

from safe_spaces.factories import HelplineFactory

pytestmark = pytest.mark.django_db

ENGLISH = '<span lang="en" dir="ltr">'


def preview_in(code: str) -> str:
    line = HelplineFactory(name="Night line", available_24_7=True, free_of_charge=True)
    if code != "en":
        line = line.copy_for_translation(Locale.objects.get(language_code=code))
        line.save()
    return line.make_preview_request().content.decode()


def test_an_english_preview_marks_nothing():
    html = preview_in("en")

    assert "<dt>Hours</dt><dd>24 hours a day, 7 days a week</dd>" in html
    assert ">Skip to content</a>" in html
    assert ENGLISH not in html


@pytest.mark.parametrize(
    ("code", "hours", "quick_exit"),
    [
        ("fr", "<dt>Horaires</dt><dd>24 heures sur 24, 7 jours sur 7</dd>", "Sortie rapide"),
        ("uk", "<dt>Години роботи</dt><dd>Цілодобово, 7 днів на тиждень</dd>", "Швидкий вихід"),
        ("ar", "<dt>الأوقات</dt><dd>24 ساعة في اليوم، 7 أيام في الأسبوع</dd>", "خروج سريع"),
        ("prs", "<dt>ساعات</dt><dd>۲۴ ساعت در روز، ۷ روز در هفته</dd>", "خروج سریع"),
    ],
)
def test_a_translated_language_speaks_its_own_words(code, hours, quick_exit):
    html = preview_in(code)

    assert hours in html
    assert f'rel="noreferrer">{quick_exit}</a>' in html
    assert ENGLISH not in html


def test_a_language_not_translated_yet_shows_english_words_marked():
    html = preview_in("pt")

    assert '<html lang="pt" dir="ltr">' in html
    assert f"<dt>{ENGLISH}Hours</span></dt>" in html
    assert f'rel="noreferrer">{ENGLISH}Quick exit</span></a>' in html


def test_the_weekdays_and_statuses_are_the_readers():
    from django.utils import translation

    from safe_spaces.models import SafeSpace, Weekday

    with translation.override("uk"):
        assert str(Weekday.MONDAY.label) == "Понеділок"
        assert str(SafeSpace.Status.TEMPORARILY_CLOSED.label) == "Тимчасово зачинено"
