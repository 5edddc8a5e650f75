"""axe-core finds no serious or critical accessibility violation in the widgets and the kiosk.

axe-core comes with the ``axe-playwright-python`` package; without it these tests are skipped.
"""

import pytest

from tests.browser.conftest import DEMO_PAGE, widget

axe_playwright = pytest.importorskip(
    "axe_playwright_python.sync_playwright",
    reason="axe-core checks need the axe-playwright-python package",
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def serious_violations(page) -> list[str]:
    results = axe_playwright.Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(str(node["target"]) for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_the_demo_page_and_an_open_module_have_no_serious_violation(demo_key, browser_page):
    page = browser_page
    page.goto(DEMO_PAGE)
    widget(page, "safe-spaces").get_by_role("heading", name="Health centre Midi").wait_for()
    toolbox = widget(page, "toolbox")
    toolbox.get_by_role("button", name="Safe spaces in public services").click()
    widget(page, "helplines").get_by_role("heading", name="Violence listening line").wait_for()
    assert serious_violations(page) == []

    toolbox.get_by_role("button", name="Receiving a disclosure").click()
    assert serious_violations(page) == []
    toolbox.get_by_role("button", name="Continue to the module").click()
    toolbox.get_by_role("heading", name="Receiving a disclosure").wait_for()
    assert serious_violations(page) == []


@pytest.mark.parametrize("kind", ["safe-spaces", "toolbox", "helplines"])
def test_each_arabic_frame_has_no_serious_violation(frame_key, browser_page, kind):
    page = browser_page
    page.goto(f"/widgets/v1/frame/{kind}/?city=brussels&locale=ar")
    page.locator("section.eqc h3").first.wait_for()

    assert serious_violations(page) == []


@pytest.mark.parametrize("language", ["English", "العربيّة"])
def test_the_kiosk_has_no_serious_violation(kiosk_key, browser_page, language):
    page = browser_page
    page.goto("/kiosk/?city=brussels")
    page.get_by_role("button", name=language).wait_for()
    assert serious_violations(page) == []

    page.get_by_role("button", name=language).click()
    page.get_by_role("heading", name="Safe spaces in public services").wait_for()
    assert serious_violations(page) == []
    page.locator("nav button").nth(1).click()
    page.get_by_role("heading", name="Health centre Midi").wait_for()
    assert serious_violations(page) == []
