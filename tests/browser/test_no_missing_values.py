"""No "null" or "undefined" is ever shown: every widget (in a frame, with and without a named
toolbox) and every kiosk screen, in every content language."""

import re

import pytest
from django.conf import settings as django_settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LOCALES = [code for code, _ in django_settings.WAGTAIL_CONTENT_LANGUAGES]
MISSING = re.compile(r"\b(null|undefined|NaN|\[object Object\])\b")

# The visible text of the page and of every open shadow root in it.
VISIBLE_TEXT = """() => {
  const texts = [document.body.innerText];
  const walk = (root) => {
    for (const element of root.querySelectorAll("*")) {
      if (element.shadowRoot) {
        for (const child of element.shadowRoot.children) {
          if (child.innerText !== undefined) texts.push(child.innerText);
        }
        walk(element.shadowRoot);
      }
    }
  };
  walk(document);
  return texts.join("\\n");
}"""


def assert_nothing_missing(page, where: str) -> None:
    text = page.evaluate(VISIBLE_TEXT)
    assert MISSING.search(text) is None, f"{where}: {MISSING.search(text)!r} in {text!r}"


@pytest.mark.parametrize("locale", LOCALES)
def test_no_widget_and_no_kiosk_screen_shows_a_missing_value(
    frame_key, kiosk_key, browser_page, locale
):
    page = browser_page
    frames = {
        "safe spaces": (f"safe-spaces/?city=brussels&locale={locale}", "Health centre Midi"),
        "helplines": (f"helplines/?city=brussels&locale={locale}", "Violence listening line"),
        "toolboxes": (f"toolbox/?locale={locale}", "Safe spaces in public services"),
        "one toolbox": (
            f"toolbox/?toolbox=safe-spaces-toolbox&locale={locale}",
            "Welcoming people at the desk",
        ),
    }
    for where, (path, shown) in frames.items():
        page.goto(f"/widgets/v1/frame/{path}")
        page.locator("section.eqc").get_by_text(shown, exact=True).first.wait_for()
        assert_nothing_missing(page, f"{where} ({locale})")

    page.goto("/kiosk/?city=brussels")
    assert_nothing_missing(page, f"kiosk start ({locale})")
    page.locator(f"ul.languages button[lang='{locale}']").click()
    page.get_by_text("Welcoming people at the desk", exact=True).wait_for()
    assert_nothing_missing(page, f"kiosk toolbox ({locale})")
    sections = page.locator("nav button")
    for index, shown in ((1, "Health centre Midi"), (2, "Violence listening line")):
        sections.nth(index).click()
        page.get_by_text(shown, exact=True).first.wait_for()
        assert_nothing_missing(page, f"kiosk section {index} ({locale})")
