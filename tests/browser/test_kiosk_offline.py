"""The kiosk without network, in the system Chromium: its service worker keeps the shell and
the city's signed bundles, verifies them before use, and keeps nothing a reader chose."""

import pytest
from django.conf import settings

from tests.browser.test_kiosk import TOOLBOX_HEADING, choose_language

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BUNDLES = "equalcity-kiosk-bundles-v1"
SHELL = "equalcity-kiosk-shell-v2"
KEPT = """async () => {
  const kept = {};
  for (const name of await caches.keys()) {
    kept[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
  }
  return kept;
}"""


def kept_offline(page) -> dict[str, list[str]]:
    """Open the kiosk and wait until its service worker keeps every language's bundle."""
    page.goto("/kiosk/?city=brussels")
    page.locator("html[data-offline-ready='true']").wait_for(state="attached")
    return page.evaluate(KEPT)


def test_the_kiosk_works_after_a_reload_without_network(offline_kiosk, live_server, browser_page):
    page = browser_page
    kept = kept_offline(page)
    choose_language(page, "English")  # a reader's visit before the network goes

    page.context.set_offline(True)
    page.reload()

    choose_language(page, "Українська")
    assert page.get_by_text("Немає з'єднання", exact=False).is_visible()
    page.get_by_role("button", name="Безпечні місця").click()
    page.get_by_role("heading", name="Health centre Midi").wait_for()
    page.get_by_role("button", name="Гарячі лінії").click()
    page.get_by_role("heading", name="Violence listening line").wait_for()
    assert page.get_by_role("heading", name=TOOLBOX_HEADING).count() == 0

    # Kept: the shell and every language's bundle; never an answer to what a reader asked.
    bundles = sorted(url.removeprefix(live_server.url) for url in kept[BUNDLES])
    languages = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
    assert bundles == sorted(f"/api/v1/bundles/brussels/{code}" for code in languages)
    assert f"{live_server.url}/kiosk/?city=brussels" in kept[SHELL]
    assert not [
        url
        for urls in page.evaluate(KEPT).values()
        for url in urls
        if "/widgets/" in url and "/api/" in url
    ]


def test_a_bundle_whose_signature_fails_is_discarded_and_the_kiosk_says_it_has_no_data(
    offline_kiosk, browser_page
):
    page = browser_page
    kept_offline(page)
    # Someone with the kiosk's developer tools changes a listing's name in every kept bundle.
    page.evaluate(
        """async (name) => {
          const store = await caches.open(name);
          for (const request of await store.keys()) {
            const response = await store.match(request);
            const text = (await response.text()).replaceAll("Health centre Midi", "Go to Rue X 12");
            await store.put(request, new Response(text, { headers: response.headers }));
          }
        }""",
        BUNDLES,
    )

    page.context.set_offline(True)
    page.reload()
    page.get_by_role("button", name="English").click()

    page.get_by_text("No information is available right now.", exact=False).wait_for()
    assert page.get_by_text("Go to Rue X 12").count() == 0
    assert page.get_by_text("Health centre Midi").count() == 0
    assert page.evaluate(KEPT)[BUNDLES] == []
