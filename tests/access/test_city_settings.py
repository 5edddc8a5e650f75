"""A city coordinator keeps their city's settings (the adopted toolbox, the quick exit, notices
by language), and no other city's."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from api.models import CityNotice, CitySettings
from cms.access.models import CityRole
from cms.access.roles import role_group
from cms.core.factories import CityFactory
from cms.core.models import City
from tests.access.conftest import person
from tests.support import graphql
from tests.support.admin import assert_form_error, form_errors

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"wagtailsnippets_api_citysettings:{name}", args=args)


def settings_of(city, exit_url: str = "https://meteo.example.org/") -> CitySettings:
    own = CitySettings.objects.create(city=city, quick_exit_url=exit_url)
    CityNotice.objects.create(settings=own, locale="en", safety_notice="<p>Leave.</p>")
    return own


def form(city, exit_url: str, notices: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    data = {
        "city": str(city.pk),
        "quick_exit_url": exit_url,
        "notices-TOTAL_FORMS": str(len(notices)),
        "notices-INITIAL_FORMS": "0",
        "notices-MIN_NUM_FORMS": "0",
        "notices-MAX_NUM_FORMS": "1000",
    }
    for index, (locale, text) in enumerate(notices):
        data[f"notices-{index}-locale"] = locale
        data[f"notices-{index}-safety_notice"] = rich_text(f"<p>{text}</p>")
        data[f"notices-{index}-privacy_notice"] = rich_text("")
        data[f"notices-{index}-ORDER"] = str(index + 1)
        data[f"notices-{index}-id"] = ""
    return data


def test_the_coordinator_lists_and_opens_their_citys_settings_only(
    client, rome_coordinator, rome, brussels
):
    rome_own, brussels_own = settings_of(rome), settings_of(brussels)
    client.force_login(rome_coordinator)

    listed = client.get(url("list")).content.decode()
    statuses = {
        "rome": client.get(url("edit", rome_own.pk)).status_code,
        "brussels": client.get(url("edit", brussels_own.pk)).status_code,
        "brussels history": client.get(url("history", brussels_own.pk)).status_code,
    }
    posted = client.post(url("edit", brussels_own.pk), form(brussels, "https://evil.example/"))

    assert "Rome" in listed and "Brussels" not in listed
    assert statuses == {"rome": 200, "brussels": 404, "brussels history": 404}
    assert posted.status_code == 404
    assert (
        CitySettings.objects.get(pk=brussels_own.pk).quick_exit_url == "https://meteo.example.org/"
    )


def test_the_coordinator_sets_their_citys_target_and_notices(client, rome_coordinator, rome):
    client.force_login(rome_coordinator)

    response = client.post(
        url("add"),
        form(rome, "https://meteo.example.it/", (("en", "Leave now."), ("fr", "Partez."))),
    )

    assert response.status_code == 302
    own = CitySettings.objects.get(city=rome)
    assert own.quick_exit_url == "https://meteo.example.it/"
    assert sorted(own.notices.values_list("locale", flat=True)) == ["en", "fr"]
    assert "Partez." in own.notices.get(locale="fr").safety_notice


def test_another_city_is_not_offered(client, rome_coordinator, rome, brussels):
    client.force_login(rome_coordinator)

    response = client.post(url("add"), form(brussels, "https://meteo.example.be/"))

    assert_form_error(
        response,
        "city",
        "Select a valid choice. That choice is not one of the available choices.",
    )
    assert not CitySettings.objects.exists()


@pytest.mark.parametrize(
    ("exit_url", "message"),
    [
        ("http://meteo.example.it/", "The quick-exit target must use https://."),
        ("not a url", "Enter a valid URL."),
    ],
)
def test_a_bad_target_is_a_form_error(client, rome_coordinator, rome, exit_url, message):
    client.force_login(rome_coordinator)

    response = client.post(url("add"), form(rome, exit_url))

    assert_form_error(response, "quick_exit_url", message)
    assert not CitySettings.objects.exists()


def test_two_notices_in_one_language_is_a_form_error(client, rome_coordinator, rome):
    client.force_login(rome_coordinator)

    response = client.post(
        url("add"), form(rome, "https://meteo.example.it/", (("fr", "Un."), ("fr", "Deux.")))
    )

    assert_form_error(response, "notices-1-__all__", "Please correct the duplicate values below.")
    assert not CitySettings.objects.exists()


def test_a_city_with_settings_is_not_offered_twice(admin_client, rome):
    settings_of(rome)

    response = admin_client.post(url("add"), form(rome, "https://meteo.example.it/"))

    assert response.status_code == 200
    assert CitySettings.objects.count() == 1


def test_a_city_editor_may_not_touch_the_settings(client, rome_editor, rome):
    own = settings_of(rome)
    client.force_login(rome_editor)

    statuses = [client.get(url("list")).status_code, client.get(url("edit", own.pk)).status_code]

    assert statuses == [302, 302]


# --- The adopted toolbox ---------------------------------------------------------------------


@pytest.fixture
def esch(db):
    return CityFactory(name="Esch-sur-Alzette", slug="esch", country="LU", role=City.Role.TRAINEE)


@pytest.fixture
def esch_coordinator(esch):
    return person("esch-coordinator", role_group(esch, CityRole.Role.COORDINATOR))


def test_the_coordinator_picks_the_toolbox_their_city_adopts(
    client, esch_coordinator, esch, toolbox, fr
):
    french = esch.copy_for_translation(fr)
    french.save()
    client.force_login(esch_coordinator)

    response = client.post(
        url("add"), {**form(esch, "https://meteo.example.lu/"), "adopted_toolbox": toolbox.pk}
    )

    assert response.status_code == 302, form_errors(response)
    esch.refresh_from_db()
    assert esch.toolbox_id == toolbox.pk
    assert esch.live_revision_id == esch.latest_revision_id is not None
    assert esch.latest_revision.user == esch_coordinator
    assert City.objects.get(pk=french.pk).toolbox_id == toolbox.pk
    served = graphql.data('{ city(slug: "esch") { toolbox { slug } } }')
    assert served == {"city": {"toolbox": {"slug": "women"}}}


def test_saving_without_changing_the_toolbox_makes_no_revision(
    client, esch_coordinator, esch, toolbox
):
    esch.toolbox = toolbox
    esch.save_revision().publish()
    own = settings_of(esch)
    revisions = esch.revisions.count()
    client.force_login(esch_coordinator)
    data = {**form(esch, "https://meteo.example.lu/"), "adopted_toolbox": toolbox.pk}

    response = client.post(url("edit", own.pk), data)

    assert response.status_code == 302
    assert esch.revisions.count() == revisions
    assert CitySettings.objects.get(pk=own.pk).quick_exit_url == "https://meteo.example.lu/"


def test_a_partner_citys_toolbox_is_the_programmes_to_change(
    client, rome_coordinator, rome, toolbox
):
    City.objects.filter(pk=rome.pk).update(role=City.Role.PARTNER)
    client.force_login(rome_coordinator)

    response = client.post(
        url("add"), {**form(rome, "https://meteo.example.it/"), "adopted_toolbox": toolbox.pk}
    )

    assert_form_error(
        response,
        "adopted_toolbox",
        "A partner city's toolbox is the one it leads: a programme administrator changes it.",
    )
    assert City.objects.get(pk=rome.pk).toolbox_id is None
    assert not CitySettings.objects.exists()


def test_a_city_with_changes_waiting_keeps_its_toolbox(client, esch_coordinator, esch, toolbox):
    esch.save_revision().publish()
    draft = City.objects.get(pk=esch.pk)
    draft.name = "Esch (draft name)"
    draft.save_revision()
    client.force_login(esch_coordinator)

    response = client.post(
        url("add"), {**form(esch, "https://meteo.example.lu/"), "adopted_toolbox": toolbox.pk}
    )

    assert_form_error(
        response,
        "adopted_toolbox",
        "Esch-sur-Alzette has changes waiting to be published: the toolbox can be changed once "
        "they are.",
    )
    assert City.objects.get(pk=esch.pk).toolbox_id is None


def test_a_draft_toolbox_is_not_offered(client, esch_coordinator, esch, toolbox):
    toolbox.unpublish()
    client.force_login(esch_coordinator)

    response = client.post(
        url("add"), {**form(esch, "https://meteo.example.lu/"), "adopted_toolbox": toolbox.pk}
    )

    assert_form_error(
        response,
        "adopted_toolbox",
        "Select a valid choice. That choice is not one of the available choices.",
    )


def test_saving_the_other_settings_keeps_a_toolbox_that_is_no_longer_live(
    client, esch_coordinator, esch, toolbox
):
    esch.toolbox = toolbox
    esch.save_revision().publish()
    own = settings_of(esch)
    toolbox.unpublish()
    client.force_login(esch_coordinator)
    data = {**form(esch, "https://weather.example.lu/"), "adopted_toolbox": toolbox.pk}

    response = client.post(url("edit", own.pk), data)

    assert response.status_code == 302
    assert City.objects.get(pk=esch.pk).toolbox_id == toolbox.pk
    assert CitySettings.objects.get(pk=own.pk).quick_exit_url == "https://weather.example.lu/"
