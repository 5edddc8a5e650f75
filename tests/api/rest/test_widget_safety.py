"""The quick-exit target and notices every widget and kiosk reads: ``/api/v1/widgets/safety``,
the site's, or a city's own over the site's, language by language."""

import pytest

from api.models import CityNotice, CitySettings
from cms.core.models import SafetySettings
from tests.api.keys import make_key

from .conftest import Api

pytestmark = pytest.mark.django_db

SAFETY = "/api/v1/widgets/safety"
SITE_EXIT = "https://weather.example.org/today"


@pytest.fixture
def site_settings(db) -> SafetySettings:
    settings = SafetySettings.load()
    settings.quick_exit_url = SITE_EXIT
    settings.safety_notice = "<p>Press Escape twice to leave.</p>"
    settings.privacy_notice = "<p>Nothing you read is kept.</p>"
    settings.save()
    return settings


@pytest.fixture
def rome_settings(rome) -> CitySettings:
    own = CitySettings.objects.create(city=rome, quick_exit_url="https://meteo.example.it/")
    CityNotice.objects.create(
        settings=own, locale="en", safety_notice="<p>Rome: leave with the button.</p>"
    )
    CityNotice.objects.create(
        settings=own,
        locale="fr",
        safety_notice="<p>Rome : partez avec le bouton.</p>",
        privacy_notice="<p>Rome ne garde rien.</p>",
    )
    return own


def notice(html: str, locale: str, is_fallback: bool) -> dict:
    return {"html": html, "locale": locale, "is_fallback": is_fallback}


def test_widgets_read_the_site_settings_without_a_city(api, site_settings):
    response = api.get(SAFETY)

    assert response.status_code == 200
    assert response.json() == {
        "quick_exit_url": SITE_EXIT,
        "safety_notice": notice("<p>Press Escape twice to leave.</p>", "en", False),
        "privacy_notice": notice("<p>Nothing you read is kept.</p>", "en", False),
    }
    assert response["Cache-Control"] == "private, max-age=60"


def test_a_citys_own_settings_come_before_the_sites(api, site_settings, rome_settings):
    answer = api.get(SAFETY, {"city": "rome"}).json()

    assert answer == {
        "quick_exit_url": "https://meteo.example.it/",
        "safety_notice": notice("<p>Rome: leave with the button.</p>", "en", False),
        # Rome wrote no English privacy notice: the site's.
        "privacy_notice": notice("<p>Nothing you read is kept.</p>", "en", False),
    }


def test_a_citys_notice_in_the_requested_language(api, site_settings, rome_settings, fr):
    answer = api.get(SAFETY, {"city": "rome", "locale": "fr"}).json()

    assert answer["safety_notice"] == notice("<p>Rome : partez avec le bouton.</p>", "fr", False)
    assert answer["privacy_notice"] == notice("<p>Rome ne garde rien.</p>", "fr", False)


def test_a_language_the_city_did_not_write_falls_back_marked(api, site_settings, rome_settings, ar):
    answer = api.get(SAFETY, {"city": "rome", "locale": "ar"}).json()

    assert answer["safety_notice"] == notice("<p>Rome: leave with the button.</p>", "en", True)
    assert answer["privacy_notice"] == notice("<p>Nothing you read is kept.</p>", "en", True)


def test_a_city_without_a_target_of_its_own_uses_the_sites(api, site_settings, rome_settings):
    CitySettings.objects.filter(pk=rome_settings.pk).update(quick_exit_url="")

    assert api.get(SAFETY, {"city": "rome"}).json()["quick_exit_url"] == SITE_EXIT


def test_a_city_without_settings_gets_the_sites(api, site_settings, brussels, rome_settings):
    answer = api.get(SAFETY, {"city": "brussels"}).json()

    assert answer["quick_exit_url"] == SITE_EXIT
    assert answer["safety_notice"] == notice("<p>Press Escape twice to leave.</p>", "en", False)


def test_no_notice_anywhere_is_null(api, brussels):
    answer = api.get(SAFETY, {"city": "brussels"}).json()

    assert answer["safety_notice"] is None
    assert answer["privacy_notice"] is None


def test_a_citys_answer_costs_a_fixed_number_of_queries(
    api, site_settings, rome_settings, django_assert_num_queries
):
    api.get(SAFETY)  # the key's last-used mark, once a minute

    # Key, locales, city match, site settings, city settings, its notices.
    with django_assert_num_queries(6):
        assert api.get(SAFETY, {"city": "rome", "locale": "fr"}).status_code == 200


@pytest.mark.parametrize(
    ("params", "status", "argument"),
    [
        ({"city": "atlantis"}, 400, "city"),
        ({"locale": "xx"}, 400, "locale"),
        ({"city": "x" * 81}, 400, "city"),
        ({"colour": "red"}, 400, "colour"),
    ],
)
def test_bad_parameters_get_a_clear_400(api, rome, params, status, argument):
    response = api.get(SAFETY, params)

    assert response.status_code == status
    assert argument in response.content.decode()


def test_a_key_limited_to_other_cities_may_not_read_a_citys_settings(brussels, rome_settings):
    _, raw = make_key(cities=[brussels])

    response = Api(raw).get(SAFETY, {"city": "rome"})

    assert response.status_code == 403


def test_the_quick_exit_target_needs_a_key():
    response = Api().get(SAFETY)

    assert response.status_code == 401
    assert response.json()["code"] == "key_required"
