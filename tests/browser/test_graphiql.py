"""GraphiQL, in development, works with no network: its files come from the app itself."""

import pytest

from tests.browser.third_party import block_other_origins

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_graphiql_runs_a_query_with_every_request_to_the_apps_origin(
    browser_page, live_server, settings
):
    from playwright.sync_api import expect

    settings.DEBUG = True
    page = browser_page
    blocked = block_other_origins(page.context, live_server.url)
    errors: list[str] = []
    graphql_requests: list = []

    def on_console(message) -> None:
        if message.type == "error":
            errors.append(message.text)

    def on_request(request) -> None:
        if request.url.endswith("/api/graphql/"):
            graphql_requests.append(request)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", on_request)

    page.goto("/api/graphql/", wait_until="networkidle")
    editor = page.locator(".graphiql-query-editor .CodeMirror")
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type("{ locales { code direction ")
    page.get_by_role("button", name="Execute query (Ctrl-Enter)").click()

    result = page.locator(".graphiql-response .CodeMirror")
    expect(result).to_contain_text('"code": "en"')
    expect(result).to_contain_text('"direction": "RTL"')
    assert blocked == []
    assert errors == []
    runs = [r for r in graphql_requests if "locales" in (r.post_data or "")]
    assert runs, [r.post_data for r in graphql_requests]
    assert runs[-1].method == "POST"
    assert runs[-1].headers["accept"].startswith("application/graphql-response+json")
    assert runs[-1].headers["content-type"] == "application/json"
