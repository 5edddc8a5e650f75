"""Consumer keys in the admin: the key is shown once, at creation; scopes are validated;
a key is revoked from its listing or edit page."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale, ModelLogEntry

from api.models import ConsumerKey, hash_key
from tests.support.admin import form_errors

from .conftest import Api, make_key

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_api_consumerkey:add"
LIST = "wagtailsnippets_api_consumerkey:list"
EDIT = "wagtailsnippets_api_consumerkey:edit"
REVOKE = "wagtailsnippets_api_consumerkey:revoke"
RAW_KEY = re.compile(r"eqc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")


def form_data(**overrides) -> dict:
    data = {
        "name": "Esch-sur-Alzette website widget",
        "kind": "widget",
        "locales": ["fr", "de", "lb"],
        "allowed_origins": "https://www.esch.lu\nhttps://WWW.esch.lu/",
        "requests_per_minute": "120",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_creating_a_key_shows_it_once_and_stores_its_hash(admin_client, brussels):
    response = admin_client.post(reverse(ADD), form_data(cities=[brussels.pk]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    (raw,) = set(RAW_KEY.findall(response.content.decode()))
    key = ConsumerKey.objects.get()
    assert key.key_hash == hash_key(raw)
    assert raw.startswith(f"eqc_{key.key_prefix}_")
    assert (key.all_cities, list(key.cities.all())) == (False, [brussels])
    assert (key.all_locales, key.locales) == (False, ["fr", "de", "lb"])
    assert key.allowed_origins == ["https://www.esch.lu"]
    assert key.requests_per_minute == 120
    assert "messages" not in response.cookies
    assert raw not in str(admin_client.session.items())

    for url in (reverse(EDIT, args=[key.pk]), reverse(LIST)):
        page = admin_client.get(url)
        assert page.status_code == 200
        assert raw not in page.content.decode()
    assert key.key_prefix in admin_client.get(reverse(LIST)).content.decode()
    assert Api(raw).get("/api/v1/hsds/services", {"locale": "fr"}).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({}, "cities", "Tick 'every city' or choose the cities the key may read."),
        (
            {"all_cities": "on", "locales": None},
            "locales",
            "Tick 'every language' or choose the languages the key may read.",
        ),
        (
            {"all_cities": "on", "allowed_origins": "http://www.esch.lu"},
            "allowed_origins",
            "“http://www.esch.lu” must use https:// (http:// is only for localhost).",
        ),
        (
            {"all_cities": "on", "allowed_origins": "https://www.esch.lu/widget"},
            "allowed_origins",
            "“https://www.esch.lu/widget” is not an origin: write scheme://host or "
            "scheme://host:port, for example https://www.esch.lu (no path).",
        ),
        (
            {"all_cities": "on", "requests_per_minute": "0"},
            "requests_per_minute",
            "Ensure this value is greater than or equal to 1.",
        ),
    ],
)
def test_a_key_without_a_valid_scope_is_a_form_error(admin_client, overrides, field, message):
    response = admin_client.post(reverse(ADD), form_data(**overrides))

    assert response.status_code == 200
    assert message in form_errors(response).get(field, []), form_errors(response)
    assert not ConsumerKey.objects.exists()


def test_every_city_is_offered_once(admin_client, brussels):
    french = brussels.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.save()

    response = admin_client.get(reverse(ADD))

    choices = list(response.context["form"].fields["cities"].queryset)
    assert choices == [brussels]


def test_editing_a_key_keeps_its_secret(admin_client):
    key, raw = make_key()

    response = admin_client.post(
        reverse(EDIT, args=[key.pk]), form_data(name="Renamed", all_cities="on")
    )

    assert response.status_code == 302
    key.refresh_from_db()
    assert key.name == "Renamed"
    assert key.key_hash == hash_key(raw)


def test_revoking_a_key_from_the_admin(admin_client, admin_user):
    key, raw = make_key()
    assert reverse(REVOKE, args=[key.pk]) in admin_client.get(reverse(LIST)).content.decode()
    assert (
        reverse(REVOKE, args=[key.pk])
        in admin_client.get(reverse(EDIT, args=[key.pk])).content.decode()
    )

    confirm = admin_client.get(reverse(REVOKE, args=[key.pk]))
    response = admin_client.post(reverse(REVOKE, args=[key.pk]))

    assert confirm.status_code == 200
    assert "Yes, revoke it" in confirm.content.decode()
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert Api(raw).get("/api/v1/hsds/").status_code == 401
    entry = ModelLogEntry.objects.get(action="equalcity.consumer_key.revoke")
    assert entry.user_id == admin_user.pk
    assert reverse(REVOKE, args=[key.pk]) not in admin_client.get(reverse(LIST)).content.decode()


def test_revoking_needs_the_change_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    key, _ = make_key()
    editor = django_user_model.objects.create_user(username="editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    response = client.post(reverse(REVOKE, args=[key.pk]))

    assert response.status_code in (302, 403)
    key.refresh_from_db()
    assert key.revoked_at is None
