"""An administrator subscribes a city app's endpoint, copies the secret shown once, sees the
delivery a publication makes in the log, and replays it."""

import json
import re

import pytest
from standardwebhooks import Webhook

from cms.core.factories import CityFactory
from safe_spaces.factories import SafeSpaceFactory
from tests.browser.conftest import sign_in
from tests.support.webhooks import Receiver

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def endpoint():
    """The city app's endpoint, on this machine."""
    server = Receiver().start()
    yield server
    server.stop()


def test_an_administrator_subscribes_sees_a_delivery_and_replays_it(
    browser_page, endpoint, django_user_model
):
    receiver = endpoint
    django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-password")
    listing = SafeSpaceFactory(city=CityFactory(name="Rome", slug="rome"), name="Rome ward desk")
    page = browser_page
    sign_in(page, "admin", "a-long-password")

    page.goto("/admin/snippets/delivery/webhooksubscription/add/")
    page.get_by_role("textbox", name="Name*").fill("Rome city app")
    page.get_by_role("textbox", name="Endpoint URL*").fill(receiver.url)
    page.get_by_role("checkbox", name="content.published: the English source published").check()
    page.get_by_role("checkbox", name="Every city").check()
    page.get_by_role("checkbox", name="Every language").check()
    page.get_by_role("button", name="Save").click()

    secret = page.locator("#webhook-secret").input_value()
    assert re.fullmatch(r"whsec_[A-Za-z0-9+/]{43}=", secret)
    page.get_by_role("link", name="Back to the webhooks").click()
    page.get_by_role("link", name="Rome city app").wait_for()
    assert secret not in page.content()

    listing.save_revision().publish()  # an editor's publication, committed
    assert len(receiver.requests) == 1

    page.goto("/admin/snippets/delivery/webhooksubscription/deliveries/")
    row = page.locator("tbody tr", has_text="content.published").first
    assert "content.published" in row.inner_text()
    assert "Delivered" in row.inner_text()
    assert "Rome city app" in row.inner_text()
    row.get_by_role("button", name="Replay").click()
    page.get_by_text("Sent again to 'Rome city app'").wait_for()

    assert page.locator("tbody tr", has_text="content.published").count() == 2
    first, again = receiver.requests
    assert again.headers["webhook-id"] == first.headers["webhook-id"]
    assert again.body == first.body
    for request in (first, again):
        body = Webhook(secret).verify(request.body, request.headers)
        assert body["data"]["id"] == str(listing.translation_key)
    assert json.loads(first.body)["type"] == "content.published"
