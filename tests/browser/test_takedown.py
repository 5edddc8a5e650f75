"""From the "Take down now" click to the listing gone from a running kiosk, its offline store
included, in under a minute of the kiosk's clock (Playwright's controlled clock)."""

import pytest

from safe_spaces.models import SafeSpace
from tests.browser.conftest import sign_in
from tests.browser.test_kiosk import choose_language
from tests.browser.test_kiosk_offline import BUNDLES, kept_offline

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REASON = "The street address of this place was published by mistake."
KEPT_TEXT = """async (name) => {
  const store = await caches.open(name);
  const texts = [];
  for (const request of await store.keys()) texts.push(await (await store.match(request)).text());
  return texts;
}"""


def test_a_takedown_leaves_a_running_kiosk_and_its_offline_store_within_a_minute(
    offline_kiosk, browser_page, django_user_model
):
    django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-password")
    kiosk = browser_page
    kiosk.clock.install()
    kept_offline(kiosk)
    choose_language(kiosk, "English")
    kiosk.get_by_role("button", name="Safe spaces", exact=True).click()
    kiosk.get_by_role("heading", name="Health centre Midi").wait_for()
    assert any("Health centre Midi" in text for text in kiosk.evaluate(KEPT_TEXT, BUNDLES))

    admin = kiosk.context.browser.new_context(base_url=kiosk.url.split("/kiosk/")[0]).new_page()
    sign_in(admin, "admin", "a-long-password")
    space = SafeSpace.objects.get(name="Health centre Midi")
    admin.goto(f"/admin/snippets/safe_spaces/safespace/edit/{space.pk}/")
    admin.get_by_role("button", name="More actions").click()
    admin.get_by_role("link", name="Take down now").click()
    admin.get_by_label("Reason").fill(REASON)
    clicked = kiosk.evaluate("Date.now()")
    admin.get_by_role("button", name="Take down now").click()
    admin.get_by_text("was taken down").wait_for()

    kiosk.clock.run_for(30_000)  # the kiosk's next look at the takedown feed

    kiosk.get_by_role("heading", name="Health centre Midi").wait_for(state="detached")
    kiosk.get_by_role("heading", name="Social office Marolles").wait_for()
    kiosk.locator("html[data-offline-ready='true']").wait_for(state="attached")
    assert kiosk.evaluate("Date.now()") - clicked < 60_000
    kept = kiosk.evaluate(KEPT_TEXT, BUNDLES)
    assert kept and not any("Health centre Midi" in text for text in kept)
