"""The glossary warning in the translation editor follows the translator's typing, without a
reload; Arabic terms to avoid are found with their attached prefixes."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Locale, Page

from cms.translation.models import GlossaryTerm
from cms.translation.setup import ensure_language_review
from tests.browser.conftest import sign_in
from tests.translation.conftest import submit_page
from toolbox_pages.models import ModulePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-administrator-password"


def editor_of(module, code: str, toolbox) -> str:
    admin = get_user_model().objects.create_superuser("translator-admin", "t@example.org", PASSWORD)
    locale = Locale.objects.get(language_code=code)
    ensure_language_review(locale)
    submit_page(Client(), admin, module, locale)
    translated = Page.objects.get(translation_key=module.translation_key, locale=locale)
    return f"/admin/pages/{translated.pk}/edit/"


@pytest.mark.parametrize(
    ("code", "avoid", "preferred", "typed", "fixed"),
    [
        ("fr", "aveu", "révélation", "Répondre à un aveu", "Répondre à une révélation"),
        ("ar", "الضحية", "الناجية", "الاستماع للضحية", "الاستماع للناجية"),
    ],
)
def test_a_term_to_avoid_is_flagged_as_it_is_typed_and_cleared_when_fixed(
    browser_page, toolbox, code, avoid, preferred, typed, fixed
):
    module = ModulePage(title="Responding to a disclosure", slug="responding", summary="First.")
    toolbox.add_child(instance=module)
    module.save_revision().publish()
    GlossaryTerm.objects.create(
        language_code=code,
        source_term="disclosure",
        preferred_term=preferred,
        terms_to_avoid=[avoid],
    )
    url = editor_of(module, code, toolbox)
    page = browser_page
    sign_in(page, "translator-admin", PASSWORD)
    page.goto(url)
    live = page.locator("[data-glossary-live]")
    assert live.is_hidden()

    page.get_by_role("button", name="Translate").first.click()
    field = page.locator("textarea").first
    field.fill(typed)

    live.wait_for(state="visible")
    assert avoid in live.inner_text()
    assert preferred in live.inner_text()

    field.fill(fixed)
    live.wait_for(state="hidden")
