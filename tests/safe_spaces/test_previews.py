"""Admin previews of safe spaces and helplines: plain HTML, in the object's language, and a
confidential address never shown."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Locale

from safe_spaces.factories import HelplineFactory, SafeSpaceFactory
from tests.support.admin import editor_form_data

pytestmark = pytest.mark.django_db

SAFE_SPACE_URLS = "wagtailsnippets_safe_spaces_safespace"


def admin_preview_html(client, obj, urls: str) -> str:
    """Post the object's edit form to the preview view, then fetch the rendered preview."""
    preview_url = reverse(f"{urls}:preview_on_edit", args=[obj.pk])
    data = editor_form_data(client.get(reverse(f"{urls}:edit", args=[obj.pk])).content.decode())

    posted = client.post(preview_url, data)
    assert posted.json() == {"is_valid": True, "is_available": True}
    response = client.get(preview_url)
    assert response.status_code == 200
    return response.content.decode()


def test_safe_space_preview_is_english_html_with_its_address(admin_client):
    space = SafeSpaceFactory(name="Rainbow House", address_1="Rue du Marché au Charbon 42")

    html = admin_preview_html(admin_client, space, SAFE_SPACE_URLS)

    assert '<html lang="en" dir="ltr">' in html
    assert "<h1>Rainbow House</h1>" in html
    assert "Rue du Marché au Charbon 42" in html
    assert html.count('<tr><th scope="row">') == 5


def test_confidential_safe_space_preview_shows_the_notice_and_never_the_address(admin_client):
    space = SafeSpaceFactory(
        confidential=True,
        address_1="Secret Street 7",
        postal_code="1060",
        public_contact_phone="+3225559999",
    )

    html = admin_preview_html(admin_client, space, SAFE_SPACE_URLS)

    assert "The address is not published. Contact:" in html
    assert "+3225559999" in html
    assert "Secret Street 7" not in html
    assert "1060" not in html


def test_safe_space_preview_of_unsaved_changes_shows_them(admin_client):
    space = SafeSpaceFactory(name="Before")
    preview_url = reverse(f"{SAFE_SPACE_URLS}:preview_on_edit", args=[space.pk])
    data = editor_form_data(
        admin_client.get(reverse(f"{SAFE_SPACE_URLS}:edit", args=[space.pk])).content.decode()
    )
    data["name"] = "After"

    admin_client.post(preview_url, data)
    html = admin_client.get(preview_url).content.decode()

    assert "<h1>After</h1>" in html
    space.refresh_from_db()
    assert space.name == "Before"


def test_helpline_preview_is_english_html(admin_client):
    helpline = HelplineFactory(name="Listening line", number="1712")

    html = admin_preview_html(admin_client, helpline, "wagtailsnippets_safe_spaces_helpline")

    assert '<html lang="en" dir="ltr">' in html
    assert "<h1>Listening line</h1>" in html
    assert 'href="tel:1712"' in html


def test_arabic_translation_of_a_safe_space_previews_right_to_left():
    space = SafeSpaceFactory()

    translation = space.copy_for_translation(Locale.objects.get(language_code="ar"))
    translation.save()

    assert translation.pk != space.pk
    assert translation.translation_key == space.translation_key
    html = translation.make_preview_request().content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_arabic_translation_of_a_helpline_previews_right_to_left():
    helpline = HelplineFactory()

    translation = helpline.copy_for_translation(Locale.objects.get(language_code="ar"))
    translation.save()

    assert '<html lang="ar" dir="rtl">' in translation.make_preview_request().content.decode()


# --- The preview shows what readers get --------------------------------------------------------


def test_confidential_listings_preview_shows_the_public_contact_and_nothing_else(admin_client):
    space = SafeSpaceFactory(
        confidential=True,
        public_contact_name="Shelter intake line",
        public_contact_phone="+3225559999",
        public_contact_email="intake@example.org",
        phones=["+3225551111"],
        email="staff-only@example.org",
        accessibility="Ramp at the back door of the yellow house",
        transportation="Tram 92, stop Refuge",
        latitude=Decimal("50.846713"),
        longitude=Decimal("4.352519"),
    )

    html = admin_preview_html(admin_client, space, SAFE_SPACE_URLS)

    assert "Shelter intake line" in html
    assert '<a href="tel:+3225559999" dir="ltr">+32 2 555 99 99</a>' in html
    assert "intake@example.org" in html
    for withheld in (
        "+3225551111",
        "+32 2 555 11 11",
        "staff-only@example.org",
        "Ramp at the back door",
        "Tram 92",
        "50.846713",
        "4.352519",
        space.address_1,
    ):
        assert withheld not in html


def test_listing_preview_names_languages_and_formats_phone_numbers(admin_client):
    space = SafeSpaceFactory(languages=["fr", "ar", "prs"], phones=["+3225550123"])

    html = admin_preview_html(admin_client, space, SAFE_SPACE_URLS)

    assert "<dt>Languages</dt><dd>French, Arabic, Dari</dd>" in html
    assert '<a href="tel:+3225550123" dir="ltr">+32 2 555 01 23</a>' in html


def test_french_listing_preview_names_languages_in_french_and_marks_an_english_city():
    space = SafeSpaceFactory(languages=["fr", "ar"])
    translation = space.copy_for_translation(Locale.objects.get(language_code="fr"))
    translation.save()

    html = translation.make_preview_request().content.decode()

    assert '<html lang="fr" dir="ltr">' in html
    assert "<dt>Langues</dt><dd>Français, Arabe</dd>" in html
    assert f'<span lang="en" dir="ltr">{space.city.name}</span>' in html


def test_arabic_listing_preview_marks_english_terms_left_to_right():
    space = SafeSpaceFactory(languages=["fr"])
    (category,) = space.categories.all()
    translation = space.copy_for_translation(Locale.objects.get(language_code="ar"))
    translation.save()

    html = translation.make_preview_request().content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert f'<li lang="en" dir="ltr">{category.name}</li>' in html
    assert "<dt>اللغات</dt><dd>الفرنسيّة</dd>" in html


def test_helpline_preview_names_languages_and_formats_its_number(admin_client):
    helpline = HelplineFactory(name="Shelter line", number="+3225550123", languages=["nl", "fr"])

    html = admin_preview_html(admin_client, helpline, "wagtailsnippets_safe_spaces_helpline")

    assert '<a href="tel:+3225550123" dir="ltr"><strong>+32 2 555 01 23</strong></a>' in html
    assert "<dt>Languages</dt><dd>Dutch, French</dd>" in html
