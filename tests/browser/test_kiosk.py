"""The kiosk app, in the system Chromium: every language, the city's content, quick exit, a
return to the start screen when nobody touches it, and no blank screen on a network blip."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings

from api.models import ConsumerKey
from tests.browser.conftest import (
    EXIT_URL,
    assert_nothing_kept,
    direction_of,
    english_fallback_helpline_setup,
    request_hosts,
    serve_exit_target,
    text_layout,
    wait_for_exit_target,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


TOOLBOX_HEADING = "Safe spaces in public services"


def choose_language(page, language: str) -> None:
    """On the start screen, choose ``language`` and wait for the city's toolbox."""
    page.get_by_role("button", name=language).click()
    page.get_by_role("heading", name=TOOLBOX_HEADING).wait_for()


def visit_safe_spaces_and_helplines(page) -> None:
    page.get_by_role("button", name="Safe spaces", exact=True).click()
    page.get_by_role("heading", name="Health centre Midi").wait_for()
    page.get_by_role("button", name="Helplines").click()
    page.get_by_role("heading", name="Violence listening line").wait_for()


def test_the_kiosk_offers_every_language_and_shows_the_citys_content(
    kiosk_key, live_server, browser_page
):
    page = browser_page
    hosts = request_hosts(page)

    response = page.goto("/kiosk/?city=brussels")

    assert "connect-src 'self'" in response.headers["content-security-policy"]
    assert kiosk_key not in page.url
    languages = page.get_by_role("list", name="Choose your language").get_by_role("button")
    languages.first.wait_for()
    assert languages.count() == len(django_settings.WAGTAIL_CONTENT_LANGUAGES)
    assert page.get_by_role("button", name="العربيّة").get_attribute("dir") == "rtl"
    assert page.get_by_role("button", name="دری").get_attribute("dir") == "rtl"

    choose_language(page, "English")
    visit_safe_spaces_and_helplines(page)

    assert set(hosts) == {urlsplit(live_server.url).netloc}
    assert_nothing_kept(page)


def test_the_kiosk_in_arabic_renders_right_to_left(kiosk_key, browser_page):
    page = browser_page
    page.goto("/kiosk/?city=brussels")

    choose_language(page, "العربيّة")

    assert page.evaluate("() => [document.documentElement.lang, document.dir]") == ["ar", "rtl"]
    section = page.locator("section.eqc")
    assert section.evaluate("node => getComputedStyle(node).direction") == "rtl"
    assert page.get_by_role("button", name="خروج سريع").count() == 1
    assert_screen_in(page, "rtl", ["ابدأ من جديد", "خروج سريع", "أماكن آمنة", "خطوط المساعدة"])


def assert_screen_in(page, direction: str, labels: list[str]) -> None:
    """The screen as a reader sees it: a screenshot, the computed direction of the header, the
    sections and the widget, and each label shown in its own words (not marked English)."""
    assert page.screenshot(full_page=True).startswith(b"\x89PNG")
    for selector in ("header.kiosk", "nav", "section.eqc"):
        assert direction_of(page.locator(selector)) == direction, selector
    for label in labels:
        button = page.get_by_role("button", name=label, exact=True)
        assert button.count() == 1, label
        assert button.locator("[lang=en]").count() == 0, label


def test_the_kiosk_in_ukrainian_speaks_ukrainian(kiosk_key, browser_page):
    page = browser_page
    page.goto("/kiosk/?city=brussels")

    page.locator("ul.languages button[lang='uk']").click()
    page.get_by_role("heading", name="Модулі").wait_for()

    assert page.evaluate("() => [document.documentElement.lang, document.dir]") == ["uk", "ltr"]
    assert_screen_in(
        page,
        "ltr",
        ["Почати знову", "Швидкий вихід", "Набір матеріалів", "Безпечні місця", "Гарячі лінії"],
    )
    page.get_by_role("button", name="Безпечні місця").click()
    page.get_by_role("heading", name="Health centre Midi").wait_for()
    assert page.get_by_text("Фільтр безпечних місць").count() == 0  # a label, not text
    assert page.get_by_role("search", name="Фільтр безпечних місць").count() == 1


def test_a_language_not_translated_yet_shows_its_labels_in_english_marked(kiosk_key, browser_page):
    page = browser_page
    page.goto("/kiosk/?city=brussels")

    page.locator("ul.languages button[lang='pt']").click()
    page.get_by_role("heading", name="Modules").wait_for()

    assert page.evaluate("() => document.documentElement.lang") == "pt"
    safe_spaces = page.get_by_role("button", name="Safe spaces", exact=True)
    marked = safe_spaces.locator("span[lang=en][dir=ltr]")
    assert marked.inner_text() == "Safe spaces"


def test_the_kiosk_returns_to_the_start_screen_when_nobody_touches_it(
    kiosk_key, settings, browser_page
):
    settings.KIOSK_IDLE_SECONDS = 2
    page = browser_page
    page.goto("/kiosk/?city=brussels")
    choose_language(page, "English")

    page.get_by_role("heading", name="Choose your language").wait_for(timeout=6000)

    assert page.get_by_role("heading", name=TOOLBOX_HEADING).count() == 0


def test_a_network_blip_never_blanks_the_kiosk(kiosk_key, browser_page):
    page = browser_page
    page.goto("/kiosk/?city=brussels")
    choose_language(page, "English")
    visit_safe_spaces_and_helplines(page)

    page.context.set_offline(True)  # the page's requests and its service worker's alike
    page.get_by_role("button", name="Safe spaces", exact=True).click()

    page.get_by_role("heading", name="Health centre Midi").wait_for()
    assert page.get_by_text("No connection: showing the information received last.").is_visible()


def test_the_kiosk_quick_exit_replaces_the_page(kiosk_key, browser_page):
    page = browser_page
    serve_exit_target(page)
    page.goto("/kiosk/?city=brussels")
    choose_language(page, "English")
    wait_for_exit_target(page)

    page.get_by_role("button", name="Quick exit").click()

    page.wait_for_url(EXIT_URL)


def test_the_arabic_kiosk_lays_english_fallback_text_out_left_to_right(
    content, kiosk_key, browser_page
):
    english_fallback_helpline_setup(content.city)
    page = browser_page
    page.goto("/kiosk/?city=brussels")
    choose_language(page, "العربيّة")

    summary = page.get_by_text("What to say when someone tells you about violence.", exact=True)
    assert text_layout(summary) == {
        "lang": "en",
        "dir": "ltr",
        "direction": "ltr",
        "lastCharFollows": True,
    }
    toolbox = page.get_by_role("heading", name=TOOLBOX_HEADING)
    assert (toolbox.get_attribute("lang"), direction_of(toolbox)) == ("en", "ltr")
    city = page.locator("header.kiosk p")
    assert (city.get_attribute("lang"), direction_of(city)) == ("en", "ltr")
    assert direction_of(page.get_by_role("heading", name="الوحدات")) == "rtl"

    page.get_by_role("button", name="خطوط المساعدة").click()
    page.get_by_role("heading", name="خط النساء").wait_for()
    label = page.locator("strong", has_text="Emergency (ambulance, fire)")
    assert (label.get_attribute("lang"), direction_of(label)) == ("en", "ltr")
    number = page.get_by_role("link", name="+3225550123")
    assert number.evaluate("node => getComputedStyle(node).unicodeBidi") == "isolate"
    assert direction_of(page.get_by_role("heading", name="خط النساء")) == "rtl"


def test_the_kiosk_counts_nearest_from_its_own_place_never_asking_the_browser(
    kiosk_key, browser_page
):
    key = ConsumerKey.objects.get(name="Town hall kiosk")
    key.kiosk_latitude, key.kiosk_longitude = 50.8467, 4.3525
    key.save()
    page = browser_page
    # Any question to the browser about its position is counted, and answered.
    page.add_init_script(
        "window.__asked = 0;"
        "navigator.geolocation.getCurrentPosition = (ok) => {"
        " window.__asked += 1; ok({coords: {latitude: 0, longitude: 0}}); };"
    )
    page.goto("/kiosk/?city=brussels")
    choose_language(page, "Українська")
    page.get_by_role("button", name="Безпечні місця").click()

    page.get_by_role("button", name="Спочатку показати найближчі до цього кіоску").click()

    page.get_by_text("Health centre Midi").wait_for()
    page.get_by_text("км").first.wait_for()
    assert page.get_by_text("Відстані рахуються від цього кіоску.", exact=False).is_visible()
    assert page.evaluate("window.__asked") == 0


def test_a_kiosk_without_a_place_offers_no_nearest(kiosk_key, browser_page):
    page = browser_page
    page.goto("/kiosk/?city=brussels")
    choose_language(page, "English")
    page.get_by_role("button", name="Safe spaces", exact=True).click()
    page.get_by_role("heading", name="Health centre Midi").wait_for()

    assert page.get_by_role("button", name="Show the nearest first").count() == 0
    assert page.get_by_role("button", name="Show the nearest to this kiosk first").count() == 0
