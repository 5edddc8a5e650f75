"""Playwright driving the system Chromium against the live test server."""

import os
from collections.abc import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser_page(live_server, monkeypatch) -> Iterator:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; the ORM calls the test
    # makes in that thread are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Browser tests need the system Chromium at {CHROMIUM} (apt-get install chromium)."
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
