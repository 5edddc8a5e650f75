"""Playwright driving the system Chromium against the live test server."""

import os
from collections.abc import Iterator
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from api.models import ConsumerKey
from cms.core.factories import CityFactory, ContentWarningFactory
from cms.core.models import SafetySettings
from cms.frontend import views as frontend_views
from cms.settings import test as test_settings
from safe_spaces.factories import HelplineFactory, SafeSpaceFactory, ServiceCategoryFactory
from tests.api.keys import make_key
from toolbox_pages.factories import ModulePageFactory, ToolboxPageFactory

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser_page(live_server, monkeypatch) -> Iterator:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; the ORM calls the test
    # makes in that thread are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Browser tests need the system Chromium at {CHROMIUM}: run make system-packages "
            "(as root), or apt-get install chromium."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()


def sign_in(page, username: str, password: str) -> None:
    """Sign in to the admin through its login form, as a person does."""
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


# --- Widgets and the kiosk -------------------------------------------------------------------

DEMO_PAGE = "/widgets/demo/?city=brussels&locale=en"
EXIT_URL = "https://weather.example.org/today"
NEUTRAL_PAGE = "<!doctype html><html lang='en'><title>Weather</title><h1>Weather today</h1></html>"


@pytest.fixture
def content(toolbox_index):
    """A city with its toolbox (one module behind a content warning), two safe spaces, a
    helpline; the quick exit goes to EXIT_URL."""
    warning = ContentWarningFactory(code="sexual-violence", name="Sexual violence")
    toolbox = ToolboxPageFactory(
        parent=toolbox_index, title="Safe spaces in public services", slug="safe-spaces-toolbox"
    )
    ModulePageFactory(parent=toolbox, title="Welcoming people at the desk", slug="welcoming")
    ModulePageFactory(
        parent=toolbox,
        title="Receiving a disclosure",
        slug="disclosure",
        summary="What to say when someone tells you about violence.",
        content_warnings=[warning],
    )
    city = CityFactory(
        name="Brussels", slug="brussels", toolbox=toolbox, with_emergency_number=True
    )
    health = ServiceCategoryFactory(code="health", name="Health care")
    social = ServiceCategoryFactory(code="social", name="Social help")
    SafeSpaceFactory(
        city=city, name="Health centre Midi", categories=[health], languages=["fr", "ar"]
    )
    SafeSpaceFactory(
        city=city, name="Social office Marolles", categories=[social], languages=["nl"]
    )
    HelplineFactory(name="Violence listening line", number="1712", country="BE")
    safety = SafetySettings.load()
    safety.quick_exit_url = EXIT_URL
    safety.save()
    return SimpleNamespace(city=city, toolbox=toolbox)


@pytest.fixture
def demo_key(content, settings, tmp_path, monkeypatch) -> str:
    """The demo page is for development: DEBUG on, with a demo key in its file."""
    _, raw_key = make_key("Demo pages")
    key_file = tmp_path / "demo-consumer-key.txt"
    key_file.write_text(raw_key + "\n")
    monkeypatch.setattr(frontend_views, "DEMO_KEY_FILE", key_file)
    settings.DEBUG = True
    return raw_key


@pytest.fixture
def frame_key(content, settings) -> str:
    _, raw_key = make_key("Frame")
    settings.WIDGET_FRAME_CONSUMER_KEY = raw_key
    return raw_key


@pytest.fixture
def kiosk_key(content, settings) -> str:
    _, raw_key = make_key("Town hall kiosk", kind=ConsumerKey.Kind.KIOSK)
    settings.KIOSK_CONSUMER_KEY = raw_key
    # No offline copy unless a test asks for it (offline_kiosk): a kiosk fetching its bundles
    # in the background would still be reading when the test's database is emptied.
    settings.BUNDLE_SIGNING_KEY = ""
    return raw_key


@pytest.fixture
def offline_kiosk(kiosk_key, settings) -> str:
    """A kiosk that keeps its offline bundles (the test suite's signing key)."""
    settings.BUNDLE_SIGNING_KEY = test_settings.BUNDLE_SIGNING_KEY
    return kiosk_key


def widget(page, block_id: str):
    """The widget inside a block of the demo page (locators pierce its open shadow root)."""
    return page.locator(f"#{block_id} .equalcity-widget section.eqc")


def request_hosts(page) -> list[str]:
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))
    return hosts


def assert_nothing_kept(page) -> None:
    assert page.context.cookies() == []
    assert page.evaluate("() => [localStorage.length, sessionStorage.length]") == [0, 0]


def serve_exit_target(page) -> None:
    """Answer for EXIT_URL's host with a neutral page, so a quick exit can be followed."""
    page.route(
        "https://weather.example.org/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE),
    )


def wait_for_exit_target(page) -> None:
    """Wait until the quick-exit target has been read from the API (``page``: a page or a
    frame)."""
    page.wait_for_function(
        "() => performance.getEntriesByType('resource')"
        ".some(entry => entry.name.includes('/widgets/safety'))"
    )


# --- Language and direction of texts ---------------------------------------------------------

# How an element's text is laid out: its language and direction, and where its last character
# sits against the one before it. Laid out left to right, a sentence's trailing full stop (or
# closing bracket) is to the right of the letter before it; an English sentence laid out right
# to left puts it at the far left (".know it exists", "(Emergency (ambulance, fire").
TEXT_LAYOUT = """node => {
  const text = [...node.childNodes].find(child => child.nodeType === Node.TEXT_NODE);
  const range = document.createRange();
  const box = (start) => {
    range.setStart(text, start);
    range.setEnd(text, start + 1);
    return range.getBoundingClientRect();
  };
  const end = text.length - 1;
  return {
    lang: node.getAttribute("lang"),
    dir: node.getAttribute("dir"),
    direction: getComputedStyle(node).direction,
    lastCharFollows: box(end).left > box(end - 1).left,
  };
}"""


def text_layout(locator) -> dict:
    return locator.evaluate(TEXT_LAYOUT)


def direction_of(locator) -> str:
    return locator.evaluate("node => getComputedStyle(node).direction")


def english_fallback_helpline_setup(city) -> None:
    """An emergency label with brackets and an English line with an international number,
    neither translated into Arabic; and one line that is."""
    from wagtail.models import Locale

    city.emergency_numbers = [("number", {"label": "Emergency (ambulance, fire)", "number": "112"})]
    city.save()
    HelplineFactory(name="Shelter line", number="+3225550123", country="BE")
    translated = HelplineFactory(name="Women's line", number="1522", country="BE")
    arabic = translated.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic.name = "خط النساء"
    arabic.description = "خط استماع مجاني ومجهول."
    arabic.live = True
    arabic.save()
