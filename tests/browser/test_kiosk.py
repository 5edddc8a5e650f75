"""The kiosk app, in the system Chromium: every language, the city's content, quick exit, a
return to the start screen when nobody touches it, and no blank screen on a network blip."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings

from api.models import ConsumerKey
from tests.api.keys import make_key
from tests.browser.conftest import (
    EXIT_URL,
    NEUTRAL_PAGE,
    assert_nothing_kept,
    request_hosts,
    wait_for_exit_target,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def kiosk_key(content, settings) -> str:
    _, raw_key = make_key("Town hall kiosk", kind=ConsumerKey.Kind.KIOSK)
    settings.KIOSK_CONSUMER_KEY = raw_key
    return raw_key


def test_the_kiosk_offers_every_language_and_shows_the_citys_content(
    kiosk_key, live_server, browser_page
):
    page = browser_page
    hosts = request_hosts(page)

    response = page.goto("/kiosk/?city=brussels")

    assert "connect-src 'self'" in response.headers["content-security-policy"]
    assert kiosk_key not in page.url
    languages = page.get_by_role("list", name="Choose your language").get_by_role("button")
    assert languages.count() == len(django_settings.WAGTAIL_CONTENT_LANGUAGES)
    assert page.get_by_role("button", name="العربيّة").get_attribute("dir") == "rtl"
    assert page.get_by_role("button", name="دری").get_attribute("dir") == "rtl"

    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Safe spaces in public services").wait_for()
    page.get_by_role("button", name="Safe spaces", exact=True).click()
    page.get_by_role("heading", name="Health centre Midi").wait_for()
    page.get_by_role("button", name="Helplines").click()
    page.get_by_role("heading", name="Violence listening line").wait_for()

    assert set(hosts) == {urlsplit(live_server.url).netloc}
    assert_nothing_kept(page)


def test_the_kiosk_in_arabic_renders_right_to_left(kiosk_key, browser_page):
    page = browser_page
    page.goto("/kiosk/?city=brussels")

    page.get_by_role("button", name="العربيّة").click()
    page.get_by_role("heading", name="Safe spaces in public services").wait_for()

    assert page.evaluate("() => [document.documentElement.lang, document.dir]") == ["ar", "rtl"]
    section = page.locator("section.eqc")
    assert section.evaluate("node => getComputedStyle(node).direction") == "rtl"
    assert page.get_by_role("button", name="خروج سريع").count() == 1


def test_the_kiosk_returns_to_the_start_screen_when_nobody_touches_it(
    kiosk_key, settings, browser_page
):
    settings.KIOSK_IDLE_SECONDS = 2
    page = browser_page
    page.goto("/kiosk/?city=brussels")
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Safe spaces in public services").wait_for()

    page.get_by_role("heading", name="Choose your language").wait_for(timeout=6000)

    assert page.get_by_role("heading", name="Safe spaces in public services").count() == 0


def test_a_network_blip_never_blanks_the_kiosk(kiosk_key, browser_page):
    page = browser_page
    page.goto("/kiosk/?city=brussels")
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Safe spaces in public services").wait_for()
    page.get_by_role("button", name="Safe spaces", exact=True).click()
    page.get_by_role("heading", name="Health centre Midi").wait_for()
    page.get_by_role("button", name="Helplines").click()
    page.get_by_role("heading", name="Violence listening line").wait_for()

    page.route("**/api/**", lambda route: route.abort("internetdisconnected"))
    page.get_by_role("button", name="Safe spaces", exact=True).click()

    page.get_by_role("heading", name="Health centre Midi").wait_for()
    assert page.get_by_text("No connection: showing the information received last.").is_visible()


def test_the_kiosk_quick_exit_replaces_the_page(kiosk_key, browser_page):
    page = browser_page
    page.route(
        "https://weather.example.org/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE),
    )
    page.goto("/kiosk/?city=brussels")
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Safe spaces in public services").wait_for()
    wait_for_exit_target(page)

    page.get_by_role("button", name="Quick exit").click()

    page.wait_for_url(EXIT_URL)
