"""Preview modes in the kiosk and the widgets: each model lists them after its default preview,
and each renders the kiosk or widget page with a token naming the previewed revision."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from api.models import ConsumerKey
from api.public.previews import load_preview
from cms.core.factories import CityFactory
from safe_spaces.factories import HelplineFactory, SafeSpaceFactory
from tests.api.keys import make_key
from tests.support.admin import editor_form_data

pytestmark = pytest.mark.django_db

TOOLBOX_MODES = ["", "kiosk", "toolbox-widget"]


@pytest.fixture
def keys(settings):
    settings.KIOSK_CONSUMER_KEY = make_key("Kiosk", kind=ConsumerKey.Kind.KIOSK)[1]
    settings.WIDGET_FRAME_CONSUMER_KEY = make_key("Frame")[1]


@pytest.fixture
def brussels(db):
    return CityFactory(name="Brussels", slug="brussels", country="BE")


def config_of(html: str) -> dict:
    found = re.search(
        r'<script id="(?:kiosk|widget)-config" type="application/json">(.*?)</script>', html
    )
    assert found is not None, html
    return json.loads(found.group(1))


def test_each_model_lists_its_client_modes_after_its_default(toolbox, module, brussels):
    space = SafeSpaceFactory(city=brussels)
    line = HelplineFactory()

    assert [m for m, _ in toolbox.preview_modes] == TOOLBOX_MODES
    assert [m for m, _ in module.preview_modes] == TOOLBOX_MODES
    assert [m for m, _ in space.preview_modes] == ["", "kiosk", "safe-spaces-widget"]
    assert [m for m, _ in line.preview_modes] == ["", "kiosk", "helplines-widget"]
    for obj in (toolbox, module, space, line):
        assert obj.default_preview_mode == ""


def test_the_default_preview_still_renders(toolbox):
    response = toolbox.make_preview_request(preview_mode="")

    assert response.status_code == 200
    assert "<h1>Violence against migrant women</h1>" in response.content.decode()


@pytest.mark.parametrize(("mode", "section"), [("kiosk", "toolbox"), ("toolbox-widget", "toolbox")])
def test_a_toolbox_draft_renders_in_the_kiosk_and_its_widget(
    keys, toolbox, module, brussels, mode, section
):
    toolbox.summary = "Draft summary"
    revision = toolbox.save_revision()

    response = toolbox.make_preview_request(preview_mode=mode)

    assert response.status_code == 200
    html = response.content.decode()
    config = config_of(html)
    token = config["preview"]["token"] if mode == "kiosk" else config["preview"]
    draft = load_preview(token)
    assert (draft.pk, draft.preview_revision_id, draft.summary) == (
        toolbox.pk,
        revision.pk,
        "Draft summary",
    )
    assert config["toolbox"] == "women"
    if mode == "kiosk":
        assert config["preview"]["section"] == section
        assert config["preview"]["locale"] == "en"
        assert config["bundleKey"] is None
    else:
        assert config["widget"] == section
    assert f"revision {revision.pk}" in html
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert set(re.findall(r"(?:src|href)=\"([^\"]+)\"", html)) <= {
        "/kiosk/kiosk.css",
        "/kiosk/kiosk.js",
        "/widgets/v1/frame.css",
        "/widgets/v1/frame.js",
    }
    assert "no-store" in response["Cache-Control"]


def test_a_module_draft_shows_in_its_toolboxs_widget(keys, toolbox, module, brussels):
    module.save_revision()

    config = config_of(module.make_preview_request(preview_mode="toolbox-widget").content.decode())

    assert (config["widget"], config["toolbox"], config["city"]) == ("toolbox", "women", "brussels")
    assert load_preview(config["preview"]).pk == module.pk


@pytest.mark.parametrize(
    ("factory", "mode", "section"),
    [
        ("space", "kiosk", "safe-spaces"),
        ("space", "safe-spaces-widget", "safe-spaces"),
        ("line", "kiosk", "helplines"),
        ("line", "helplines-widget", "helplines"),
    ],
)
def test_listing_and_helpline_drafts_render_in_the_kiosk_and_their_widget(
    keys, brussels, factory, mode, section
):
    obj = (
        SafeSpaceFactory(city=brussels)
        if factory == "space"
        else HelplineFactory(city_line=True, city=brussels)
    )
    revision = obj.save_revision()

    config = config_of(obj.make_preview_request(preview_mode=mode).content.decode())

    assert config["city"] == "brussels"
    if mode == "kiosk":
        assert config["preview"]["section"] == section
        token = config["preview"]["token"]
    else:
        assert config["widget"] == section
        token = config["preview"]
    assert load_preview(token).preview_revision_id == revision.pk


def test_an_object_without_a_saved_revision_asks_for_a_draft_first(keys, brussels):
    space = SafeSpaceFactory(city=brussels)

    response = space.make_preview_request(preview_mode="kiosk")

    assert response.status_code == 200
    assert "Save a draft first" in response.content.decode()
    assert "config" not in response.content.decode()


def test_the_admin_preview_shows_the_kiosk_to_an_editor_and_no_one_else(
    keys, admin_client, brussels
):
    space = SafeSpaceFactory(city=brussels)
    space.save_revision()
    urls = "wagtailsnippets_safe_spaces_safespace"
    preview_url = reverse(f"{urls}:preview_on_edit", args=[space.pk])
    data = editor_form_data(admin_client.get(reverse(f"{urls}:edit", args=[space.pk])).content)

    assert admin_client.post(preview_url, data).json() == {"is_valid": True, "is_available": True}
    shown = admin_client.get(preview_url, {"mode": "kiosk"})
    refused = Client().get(preview_url, {"mode": "kiosk"})

    assert shown.status_code == 200
    assert config_of(shown.content.decode())["preview"]["section"] == "safe-spaces"
    assert refused.status_code == 302
    assert b"preview" not in refused.content
