"""The embeddable widgets, their frame and demo pages, in the system Chromium.

Each widget renders the seeded content inside its Shadow DOM, leaves at once through the quick
exit, renders Arabic right to left, talks to its own origin only and leaves no cookie or
storage behind.
"""

import datetime
import json
import re
from urllib.parse import urlsplit

import pytest

from cms.core.factories import ImageFactory
from cms.delivery.takedowns import take_down
from safe_spaces.models import Helpline, SafeSpace
from tests.api.keys import make_key
from tests.browser.conftest import (
    DEMO_PAGE,
    EXIT_URL,
    assert_nothing_kept,
    direction_of,
    english_fallback_helpline_setup,
    request_hosts,
    serve_exit_target,
    text_layout,
    wait_for_exit_target,
    widget,
)
from toolbox_pages.models import ModulePage

# serialized_rollback: the locales created by a data migration survive the flush between tests.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_demo_page_shows_each_widget_with_the_seeded_content(
    demo_key, live_server, browser_page
):
    page = browser_page
    hosts = request_hosts(page)

    page.goto(DEMO_PAGE)

    spaces = widget(page, "safe-spaces")
    spaces.get_by_role("heading", name="Health centre Midi").wait_for()
    assert spaces.get_by_role("heading", name="Social office Marolles").count() == 1
    toolbox = widget(page, "toolbox")
    toolbox.get_by_role("button", name="Safe spaces in public services").wait_for()
    helplines = widget(page, "helplines")
    helplines.get_by_role("heading", name="Violence listening line").wait_for()
    assert helplines.get_by_role("link", name="112").count() == 1
    frame = page.frame_locator("#frame iframe")
    frame.get_by_role("heading", name="Violence listening line").wait_for()
    # One quick-exit button serves the page's three widgets (the frame, another page, has its
    # own).
    exits = [
        widget(page, block).get_by_role("button", name="Quick exit").count()
        for block in ("safe-spaces", "toolbox", "helplines")
    ]
    assert sorted(exits) == [0, 0, 1]
    assert frame.get_by_role("button", name="Quick exit").count() == 1

    assert set(hosts) == {urlsplit(live_server.url).netloc}
    assert_nothing_kept(page)


def test_the_safe_spaces_filter_by_category_and_language(demo_key, browser_page):
    page = browser_page
    page.goto(DEMO_PAGE)
    spaces = widget(page, "safe-spaces")
    spaces.get_by_role("heading", name="Social office Marolles").wait_for()

    spaces.get_by_label("Kind of service").select_option("health")
    spaces.get_by_role("heading", name="Social office Marolles").wait_for(state="detached")
    assert spaces.get_by_role("heading", name="Health centre Midi").count() == 1

    spaces.get_by_label("Kind of service").select_option("")
    spaces.get_by_label("Language spoken").select_option("nl")
    spaces.get_by_role("heading", name="Health centre Midi").wait_for(state="detached")
    assert spaces.get_by_role("heading", name="Social office Marolles").count() == 1


def test_near_me_asks_on_click_and_sends_the_position_in_the_body_only(demo_key, browser_page):
    page = browser_page
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 50.8278, "longitude": 4.3457})
    api_requests = []
    page.on(
        "request", lambda request: api_requests.append(request) if "/api/" in request.url else None
    )
    page.goto(DEMO_PAGE)
    spaces = widget(page, "safe-spaces")
    spaces.get_by_role("heading", name="Health centre Midi").wait_for()
    assert not [r for r in api_requests if r.url.endswith("/near")]

    note = spaces.get_by_text("Places whose address is kept confidential are not in this list")
    assert note.is_hidden()

    spaces.get_by_role("button", name="Show the nearest first").click()
    spaces.get_by_text("km away").first.wait_for()

    assert note.is_visible()

    (near,) = [r for r in api_requests if "/safe-spaces/near" in r.url]
    assert near.method == "POST"
    assert json.loads(near.post_data)["latitude"] == pytest.approx(50.8278)
    assert "50.82" not in near.url
    assert not any("50.82" in r.url for r in api_requests)
    assert_nothing_kept(page)


def test_a_module_with_a_content_warning_shows_the_warning_first(demo_key, browser_page):
    page = browser_page
    page.goto(DEMO_PAGE)
    toolbox = widget(page, "toolbox")
    toolbox.get_by_role("button", name="Safe spaces in public services").click()

    toolbox.get_by_role("button", name="Receiving a disclosure").click()

    assert toolbox.get_by_role("heading", name="Content warning").is_visible()
    assert toolbox.get_by_text("Sexual violence").is_visible()
    assert toolbox.get_by_role("heading", name="Receiving a disclosure").count() == 0
    # Focus moves to the warning, for keyboard and screen reader users.
    assert (
        page.evaluate("() => document.activeElement.shadowRoot.activeElement.textContent")
        == "Content warning"
    )
    toolbox.get_by_role("button", name="Continue to the module").click()
    toolbox.get_by_role("heading", name="Receiving a disclosure").wait_for()
    assert toolbox.get_by_text("What to say when someone tells you about violence.").is_visible()

    toolbox.get_by_role("button", name="Back to the modules").click()
    toolbox.get_by_role("button", name="Welcoming people at the desk").click()
    toolbox.get_by_role("heading", name="Welcoming people at the desk").wait_for()
    assert toolbox.get_by_role("heading", name="Content warning").count() == 0


def test_the_quick_exit_button_replaces_the_page(demo_key, browser_page):
    page = browser_page
    serve_exit_target(page)
    page.goto("/healthz")
    page.goto(DEMO_PAGE)
    spaces = widget(page, "safe-spaces")
    spaces.get_by_role("heading", name="Health centre Midi").wait_for()
    wait_for_exit_target(page)

    page.locator(".equalcity-widget section.eqc").get_by_role("button", name="Quick exit").click()

    page.wait_for_url(EXIT_URL)
    # replace(): Back goes to the page before, never to the widget.
    page.go_back()
    assert urlsplit(page.url).path == "/healthz"


def test_escape_pressed_twice_leaves(demo_key, browser_page):
    page = browser_page
    serve_exit_target(page)
    page.goto(DEMO_PAGE)
    helplines = widget(page, "helplines")
    helplines.get_by_role("heading", name="Violence listening line").wait_for()
    wait_for_exit_target(page)

    page.keyboard.press("Escape")
    page.keyboard.press("Escape")

    page.wait_for_url(EXIT_URL)


def test_an_arabic_frame_renders_right_to_left(frame_key, live_server, browser_page):
    page = browser_page
    hosts = request_hosts(page)

    response = page.goto("/widgets/v1/frame/helplines/?city=brussels&locale=ar")

    section = page.locator("section.eqc")
    section.get_by_role("heading", name="Violence listening line").wait_for()
    assert section.evaluate("node => getComputedStyle(node).direction") == "rtl"
    assert section.get_attribute("lang") == "ar"
    assert section.get_by_role("button", name="خروج سريع").count() == 1
    csp = response.headers["content-security-policy"]
    assert "connect-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert frame_key not in page.url
    assert set(hosts) == {urlsplit(live_server.url).netloc}
    assert_nothing_kept(page)


def test_a_widget_on_another_website_reads_the_api_through_cors(content, live_server, browser_page):
    """A trainee city's page on another origin (here 127.0.0.1, the API on localhost)."""
    page = browser_page
    port = urlsplit(live_server.url).port
    city_origin = f"http://127.0.0.1:{port}"
    _, raw_key = make_key("Esch website", origins=[city_origin])
    host_page = (
        "<!doctype html><html lang='en'><title>Esch</title><main><h1>Help</h1>"
        f"<script src='{live_server.url}/widgets/v1/embed.js' data-key='{raw_key}' "
        "data-widget='helplines' data-city='brussels' data-locale='en' async></script>"
        "</main></html>"
    )
    page.route(
        f"{city_origin}/city-page",
        lambda route: route.fulfill(status=200, content_type="text/html", body=host_page),
    )
    hosts = request_hosts(page)

    # The host page is fulfilled by the test, so Chromium doesn't count it as a local page.
    page.context.grant_permissions(["local-network-access"])
    page.goto(f"{city_origin}/city-page")

    page.locator("section.eqc").get_by_role("heading", name="Violence listening line").wait_for()
    assert set(hosts) == {f"127.0.0.1:{port}", urlsplit(live_server.url).netloc}
    assert_nothing_kept(page)


def test_the_quick_exit_in_a_frame_leaves_the_page_around_it(demo_key, browser_page):
    page = browser_page
    serve_exit_target(page)
    page.goto(DEMO_PAGE)
    frame = page.frame_locator("#frame iframe")
    frame.get_by_role("heading", name="Violence listening line").wait_for()
    wait_for_exit_target(page.locator("#frame iframe").element_handle().content_frame())

    frame.get_by_role("button", name="Quick exit").click()

    page.wait_for_url(EXIT_URL)


# --- Each text in its own language and direction ---------------------------------------------

ARABIC_DEMO_PAGE = "/widgets/demo/?city=brussels&locale=ar"
FALLBACK_SUMMARY = "What to say when someone tells you about violence."


def test_an_english_fallback_summary_in_the_arabic_toolbox_widget_reads_left_to_right(
    demo_key, browser_page
):
    page = browser_page
    page.goto(ARABIC_DEMO_PAGE)
    toolbox = widget(page, "toolbox")
    toolbox.get_by_role("button", name="Safe spaces in public services").click()

    summary = toolbox.get_by_text(FALLBACK_SUMMARY, exact=True)
    summary.wait_for()

    assert text_layout(summary) == {
        "lang": "en",
        "dir": "ltr",
        "direction": "ltr",
        "lastCharFollows": True,
    }
    title = toolbox.get_by_role("button", name="Receiving a disclosure")
    assert (title.get_attribute("lang"), direction_of(title)) == ("en", "ltr")
    # The widget's own Arabic texts stay right to left around them.
    assert direction_of(toolbox.get_by_role("heading", name="الوحدات")) == "rtl"
    assert toolbox.get_attribute("lang") == "ar"
    listing = widget(page, "safe-spaces").get_by_role("heading", name="Health centre Midi")
    assert (listing.get_attribute("lang"), direction_of(listing)) == ("en", "ltr")


def test_the_arabic_helplines_widget_isolates_numbers_and_marks_english_labels(
    content, demo_key, browser_page
):
    english_fallback_helpline_setup(content.city)
    page = browser_page
    page.goto(ARABIC_DEMO_PAGE)
    helplines = widget(page, "helplines")
    helplines.get_by_role("heading", name="Shelter line").wait_for()

    label = helplines.locator("strong", has_text="Emergency (ambulance, fire)")
    assert text_layout(label) == {
        "lang": "en",
        "dir": "ltr",
        "direction": "ltr",
        "lastCharFollows": True,
    }
    number = helplines.get_by_role("link", name="+3225550123")
    assert number.evaluate(
        "node => [node.getAttribute('dir'), getComputedStyle(node).direction,"
        " getComputedStyle(node).unicodeBidi]"
    ) == ["ltr", "ltr", "isolate"]
    english = helplines.get_by_role("heading", name="Shelter line")
    assert (english.get_attribute("lang"), direction_of(english)) == ("en", "ltr")
    # A line translated into Arabic is not marked: it reads right to left with the widget.
    arabic = helplines.get_by_role("heading", name="خط النساء")
    assert (arabic.get_attribute("lang"), direction_of(arabic)) == (None, "rtl")
    assert direction_of(helplines.get_by_text("خط استماع مجاني ومجهول.")) == "rtl"


def test_an_image_block_shows_the_apis_own_rendition_with_its_alt_text(demo_key, browser_page):
    module = ModulePage.objects.get(slug="welcoming")
    module.body = [
        (
            "image",
            {"image": ImageFactory(), "alt_text": "A reception desk", "caption": "The desk"},
        )
    ]
    module.save_revision().publish()
    page = browser_page
    page.goto(DEMO_PAGE)
    toolbox = widget(page, "toolbox")
    toolbox.get_by_role("button", name="Safe spaces in public services").click()

    toolbox.get_by_role("button", name="Welcoming people at the desk").click()

    image = toolbox.get_by_role("img", name="A reception desk")
    image.wait_for()
    src = urlsplit(image.get_attribute("src"))
    assert src.netloc == urlsplit(page.url).netloc
    # The "medium" rendition (storage may add a suffix to a name already taken).
    assert re.fullmatch(r"/media/images/example(_\w+)?\.width-960\.jpg", src.path), src.path
    assert toolbox.get_by_text("The desk", exact=True).is_visible()


def test_the_open_now_filter_keeps_the_places_open_now(demo_key, browser_page):
    from safe_spaces.factories import OpeningHoursFactory
    from safe_spaces.models import OpeningHours, SafeSpace, Weekday

    midi = SafeSpace.objects.get(name="Health centre Midi")
    OpeningHours.objects.filter(safe_space=midi).delete()
    for weekday in Weekday:
        OpeningHoursFactory(
            safe_space=midi,
            weekday=weekday,
            opens_at=datetime.time(0, 0),
            closes_at=datetime.time(23, 59),
        )
    OpeningHours.objects.filter(safe_space__name="Social office Marolles").delete()
    page = browser_page
    page.goto(DEMO_PAGE)
    spaces = widget(page, "safe-spaces")
    spaces.get_by_role("heading", name="Social office Marolles").wait_for()

    spaces.get_by_label("Only the places open now").check()
    spaces.get_by_text("Safe spaces found: 1").wait_for()

    assert spaces.get_by_role("heading", name="Health centre Midi").count() == 1
    assert spaces.get_by_role("heading", name="Social office Marolles").count() == 0


def test_a_verification_date_is_written_as_the_reader_writes_dates(frame_key, browser_page):
    from safe_spaces.models import SafeSpace

    SafeSpace.objects.filter(name="Health centre Midi").update(
        verified_on=datetime.date(2026, 3, 1)
    )
    page = browser_page
    page.goto("/widgets/v1/frame/safe-spaces/?city=brussels&locale=fr")

    date = page.locator("section.eqc time[datetime='2026-03-01']")
    date.wait_for()

    assert date.inner_text() == "1 mars 2026"


def test_a_takedown_leaves_every_widget_on_the_page_at_the_next_poll(
    demo_key, browser_page, django_user_model
):
    page = browser_page
    page.clock.install()
    page.goto(DEMO_PAGE)
    spaces = widget(page, "safe-spaces")
    spaces.get_by_role("heading", name="Health centre Midi").wait_for()
    helplines = widget(page, "helplines")
    helplines.get_by_role("heading", name="Violence listening line").wait_for()
    page.clock.run_for(1_000)  # the first look at the feed: its starting point
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "a-password")

    take_down(SafeSpace.objects.get(name="Health centre Midi"), admin, "Published by mistake.")
    take_down(Helpline.objects.get(name="Violence listening line"), admin, "Number taken over.")
    page.clock.run_for(30_000)

    spaces.get_by_role("heading", name="Health centre Midi").wait_for(state="detached")
    helplines.get_by_role("heading", name="Violence listening line").wait_for(state="detached")
    spaces.get_by_role("heading", name="Social office Marolles").wait_for()
    exits = [
        widget(page, block).get_by_role("button", name="Quick exit").count()
        for block in ("safe-spaces", "toolbox", "helplines")
    ]
    assert sorted(exits) == [0, 0, 1]  # still one quick exit for the page
