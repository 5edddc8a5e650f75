"""A trainee city onboards itself: the programme administrator invites its coordinator, who
opens the link, makes an account, creates the city's widget key, copies the embed code and sets
the city's own quick exit."""

import pytest

from api.models import CitySettings, ConsumerKey
from cms.core.factories import CityFactory
from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ADMIN_PASSWORD = "a-long-administrator-password"
COORDINATOR_PASSWORD = "a long passphrase for Esch"


def test_the_coordinator_walks_from_the_invitation_to_the_embed_code(
    browser_page, django_user_model
):
    page = browser_page
    django_user_model.objects.create_superuser(
        username="programme-admin", email="admin@example.org", password=ADMIN_PASSWORD
    )
    esch = CityFactory(name="Esch-sur-Alzette", slug="esch", country="LU")
    CityFactory(name="Brussels", slug="brussels")

    # The programme administrator makes the invitation and copies its link.
    sign_in(page, "programme-admin", ADMIN_PASSWORD)
    page.goto("/admin/invitations/new/")
    page.select_option("select[name=city]", str(esch.pk))
    page.fill("input[name=email]", "coordinator@esch.example.lu")
    page.get_by_role("button", name="Make the invitation").click()
    link = page.input_value("#invitation-link")
    page.context.clear_cookies()

    # The coordinator opens it, makes an account and lands on the widget key form.
    page.goto(link)
    assert page.locator("h1").inner_text() == "Esch-sur-Alzette: city coordinator"
    page.fill("input[name=username]", "esch-coordinator")
    page.fill("input[name=password1]", COORDINATOR_PASSWORD)
    page.fill("input[name=password2]", COORDINATOR_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/snippets/api/consumerkey/add/")
    assert "Set up Esch-sur-Alzette's widget key" in page.content()
    # Their city only, and no "every city".
    assert page.locator("input[name=all_cities]").count() == 0
    assert page.locator("input[name=cities]").count() == 1

    page.fill("input[name=name]", "Esch city website")
    page.check("input[name=cities]")
    page.check("input[name=all_locales]")
    page.fill("textarea[name=allowed_origins]", "https://www.esch.example.lu")
    page.get_by_role("button", name="Save", exact=True).click()

    embed = page.locator("textarea.embed-code").first
    embed.wait_for()
    code = embed.input_value()
    key = ConsumerKey.objects.get(name="Esch city website")
    assert 'data-widget="safe-spaces"' in code and 'data-city="esch"' in code
    assert f'data-key="eqc_{key.key_prefix}_' in code
    assert (key.all_cities, [city.slug for city in key.cities.all()]) == (False, ["esch"])
    assert page.locator("textarea.embed-code").count() == 3  # one per widget

    # Then the city's own quick exit: its city only is offered.
    page.goto("/admin/snippets/api/citysettings/add/")
    assert page.locator("select[name=city] option[value]:not([value=''])").count() == 1
    page.select_option("select[name=city]", str(esch.pk))
    page.fill("input[name=quick_exit_url]", "https://meteo.esch.example.lu/")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/snippets/api/citysettings/")
    assert CitySettings.objects.get(city=esch).quick_exit_url == "https://meteo.esch.example.lu/"
