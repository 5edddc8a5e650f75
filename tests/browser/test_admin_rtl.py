"""An editor whose admin is in English edits an Arabic toolbox: its content is written
right-to-left, its identifiers and the admin around it stay left-to-right."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from safe_spaces.factories import SafeSpaceFactory
from tests.browser.conftest import sign_in
from tests.translation.conftest import submit_page, translated
from toolbox_pages.factories import ToolboxPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-test-password"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password=PASSWORD
    )


@pytest.fixture
def arabic_toolbox(toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index, title="Safe spaces", slug="safe-spaces")
    return toolbox.copy_for_translation(Locale.objects.get(language_code="ar"), copy_parents=True)


def direction(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).direction")


def test_arabic_page_content_is_written_right_to_left_in_an_english_admin(
    editor, arabic_toolbox, browser_page
):
    from playwright.sync_api import expect

    page = browser_page
    sign_in(page, "editor", PASSWORD)
    page.goto(reverse("wagtailadmin_pages:edit", args=[arabic_toolbox.pk]))

    assert direction(page.locator("input[name=title]")) == "rtl"
    assert direction(page.locator("textarea[name=summary]")) == "rtl"
    paragraph = page.locator("[data-contentpath=body] .public-DraftStyleDefault-block").first
    paragraph.wait_for()
    assert direction(paragraph) == "rtl"
    assert direction(page.locator("input[name=slug]")) == "ltr"

    # A block added after the page has loaded.
    blocks = page.locator("[data-contentpath=body] [data-streamfield-child]")
    count = blocks.count()
    page.locator("[data-contentpath=body] button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Video embed").click()
    expect(blocks).to_have_count(count + 1)
    added = blocks.last
    assert direction(added.locator("input[name$='-value-title']")) == "rtl"
    assert direction(added.locator("textarea[name$='-value-transcript']")) == "rtl"
    assert direction(added.locator("input[name$='-value-url']")) == "ltr"

    # The admin around the content keeps the direction of its English interface.
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert direction(page.locator("aside.sidebar, [data-wagtail-sidebar]").first) == "ltr"
    assert direction(page.locator("header").first) == "ltr"
    assert direction(page.locator("label[for=id_title]")) == "ltr"
    assert direction(page.get_by_role("button", name="Save draft")) == "ltr"


def test_arabic_safe_space_keeps_phone_email_and_address_left_to_right(editor, browser_page):
    space = SafeSpaceFactory(locale=Locale.objects.get(language_code="ar"))
    page = browser_page
    sign_in(page, "editor", PASSWORD)
    page.goto(reverse("wagtailsnippets_safe_spaces_safespace:edit", args=[space.pk]))

    assert direction(page.locator("input[name=name]")) == "rtl"
    assert direction(page.locator("textarea[name=description]")) == "rtl"
    for name in ("public_contact_phone", "public_contact_email", "url", "postal_code"):
        assert direction(page.locator(f"input[name={name}]")) == "ltr", name
    for name in ("latitude", "longitude", "verified_on"):
        assert direction(page.locator(f"input[name={name}]")) == "ltr", name


def test_translation_into_arabic_is_typed_right_to_left_in_the_translation_editor(
    editor, toolbox_index, browser_page, client
):
    toolbox = ToolboxPageFactory(parent=toolbox_index, title="Safe spaces", slug="safe-spaces")
    arabic = Locale.objects.get(language_code="ar")
    submit_page(client, editor, toolbox, arabic)
    page = browser_page
    sign_in(page, "editor", PASSWORD)
    page.goto(reverse("wagtailadmin_pages:edit", args=[translated(toolbox, arabic).pk]))

    segment = page.locator(".js-translation-editor li", has_text="Safe spaces").first
    source = segment.locator("p").first
    segment.get_by_role("button", name="Translate").click()
    assert direction(segment.locator("textarea")) == "rtl"
    assert direction(source) == "ltr"
