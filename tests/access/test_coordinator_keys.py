"""A city coordinator manages the consumer keys that read their city, and no other key."""

from __future__ import annotations

import pytest
from django.urls import reverse

from api.factories import ConsumerKeyFactory
from api.models import ConsumerKey

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"wagtailsnippets_api_consumerkey:{name}", args=args)


@pytest.fixture
def keys(rome, brussels) -> dict[str, ConsumerKey]:
    def key(name: str, *cities) -> ConsumerKey:
        made = ConsumerKeyFactory(name=name, all_cities=not cities)
        made.cities.set(cities)
        return made

    return {
        "rome": key("Rome widget", rome),
        "brussels": key("Brussels widget", brussels),
        "both": key("Rome and Brussels app", rome, brussels),
        "every": key("Programme app"),
    }


def test_the_coordinator_lists_and_opens_the_keys_of_their_city_only(
    client, rome_coordinator, keys
):
    client.force_login(rome_coordinator)

    listed = client.get(url("list")).content.decode()
    statuses = {name: client.get(url("edit", key.pk)).status_code for name, key in keys.items()}
    revoked = client.post(url("revoke", keys["brussels"].pk))

    assert "Rome widget" in listed
    for other in ("Brussels widget", "Rome and Brussels app", "Programme app"):
        assert other not in listed
    assert statuses == {"rome": 200, "brussels": 404, "both": 404, "every": 404}
    assert revoked.status_code == 404
    assert not ConsumerKey.objects.get(pk=keys["brussels"].pk).is_revoked


def test_the_coordinator_creates_a_key_for_their_city_and_never_for_every_city(
    client, rome_coordinator, rome, brussels
):
    client.force_login(rome_coordinator)
    form = client.get(url("add")).context["form"]

    assert "all_cities" not in form.fields
    assert list(form.fields["cities"].queryset) == [rome]

    refused = client.post(
        url("add"),
        {
            "name": "Brussels sneak",
            "kind": "widget",
            "cities": [brussels.pk],
            "all_locales": "on",
            "allowed_origins": "https://comune.example.it",
            "requests_per_minute": 600,
        },
    )
    created = client.post(
        url("add"),
        {
            "name": "Rome city website",
            "kind": "widget",
            "cities": [rome.pk],
            "all_locales": "on",
            "allowed_origins": "https://comune.example.it",
            "requests_per_minute": 600,
        },
    )

    assert refused.status_code == 200
    assert "cities" in refused.context["form"].errors
    assert not ConsumerKey.objects.filter(name="Brussels sneak").exists()
    assert created.status_code == 200
    key = ConsumerKey.objects.get(name="Rome city website")
    assert (key.all_cities, list(key.cities.all())) == (False, [rome])
    assert key.key_prefix in created.content.decode()


def test_the_coordinator_revokes_a_key_of_their_city(client, rome_coordinator, keys):
    client.force_login(rome_coordinator)

    response = client.post(url("revoke", keys["rome"].pk))

    assert response.status_code == 302
    assert ConsumerKey.objects.get(pk=keys["rome"].pk).is_revoked


def test_a_city_editor_has_no_keys_to_manage(client, rome_editor, keys):
    client.force_login(rome_editor)

    assert client.get(url("edit", keys["rome"].pk)).status_code in (302, 403, 404)
    assert client.get(url("list")).status_code in (302, 403)
