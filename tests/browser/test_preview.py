"""An editor previews a draft in the kiosk from the admin's preview panel, in the system
Chromium: the kiosk shows the draft's text while the published API still serves the live one."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group

from cms.panels.factories import UserFactory
from tests.browser.conftest import request_hosts, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DRAFT_TITLE = "Receiving a disclosure, with care"


@pytest.fixture
def editor(db):
    """An editor: the Editors group, no superuser rights."""
    user = UserFactory(username="editor", password="a-long-test-password")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_an_editor_sees_a_draft_module_in_the_kiosk_preview(
    editor, kiosk_key, content, live_server, browser_page
):
    module = content.toolbox.get_children().get(slug="disclosure").specific
    module.title = DRAFT_TITLE
    module.save_revision(user=editor)
    page = browser_page
    hosts = request_hosts(page)
    sign_in(page, "editor", "a-long-test-password")

    page.goto(f"/admin/pages/{module.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    # Wagtail's own preview of the form first, then the kiosk mode.
    default = page.frame_locator("iframe[src*='mode=&']").last
    default.get_by_role("heading", name=DRAFT_TITLE, level=1).wait_for()
    page.select_option("#id_preview_mode", "kiosk")
    kiosk = page.frame_locator("iframe[src*='mode=kiosk']").last
    # The kiosk opens on the toolbox, whose module list holds the draft's title.
    kiosk.get_by_role("button", name=DRAFT_TITLE).wait_for()

    assert kiosk.locator(".preview-notice").inner_text().startswith("Preview of the saved draft")
    live = page.request.get(
        "/api/v1/widgets/toolboxes/safe-spaces-toolbox",
        headers={"Authorization": f"Bearer {kiosk_key}"},
    ).json()
    assert "Receiving a disclosure" in [m["title"] for m in live["modules"]]
    assert DRAFT_TITLE not in [m["title"] for m in live["modules"]]
    assert set(hosts) == {urlsplit(live_server.url).netloc}
