"""A newcomer signs into the admin and finds the seeded toolboxes and safe spaces."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from safe_spaces.models import SafeSpace
from tests.browser.conftest import sign_in
from toolbox_pages.models import ToolboxIndexPage

# serialized_rollback: the locales created by a data migration survive the flush between tests.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def seeded_admin(django_user_model):
    call_command("seed_demo", verbosity=0)
    django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="a-long-test-password"
    )
    return ToolboxIndexPage.objects.get(locale__language_code="en")


def test_newcomer_signs_in_and_finds_the_four_toolboxes(seeded_admin, browser_page):
    page = browser_page
    sign_in(page, "editor", "a-long-test-password")
    assert page.get_by_role("heading", name="Safe spaces to verify").count() == 1

    page.goto(f"/admin/pages/{seeded_admin.pk}/")
    titles = page.locator("table.listing tbody tr .title-wrapper a").all_inner_texts()
    assert len(titles) == 4, titles


def test_latitude_out_of_range_is_shown_as_a_form_error_in_the_browser(seeded_admin, browser_page):
    page = browser_page
    sign_in(page, "editor", "a-long-test-password")

    space = SafeSpace.objects.filter(confidential_location=False).order_by("name").first()
    page.goto(reverse("wagtailsnippets_safe_spaces_safespace:edit", args=[space.pk]))
    page.locator("[role=tab]", has_text="Location").click()
    page.fill("input[name=latitude]", "91")
    page.get_by_role("button", name="Save draft").click()
    page.locator("[role=tab]", has_text="Location").click()
    assert page.get_by_text("Latitude must be between -90 and 90.").count() >= 1
    space.refresh_from_db()
    assert space.latitude != 91
