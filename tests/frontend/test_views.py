"""How the widgets and the kiosk are served: files, keys kept out of URLs, security headers."""

import json
import re

import pytest
from django.core.exceptions import ValidationError

from api.models import ConsumerKey
from cms.core.factories import CityFactory
from cms.frontend import views
from tests.api.keys import make_key

pytestmark = pytest.mark.django_db


def test_the_embed_script_is_served_as_javascript_to_any_website(client):
    response = client.get("/widgets/v1/embed.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=300"
    assert b"document.currentScript" in b"".join(response.streaming_content)


def test_a_file_is_revalidated_by_its_etag(client):
    etag = client.get("/kiosk/kiosk.css")["ETag"]

    assert client.get("/kiosk/kiosk.css", HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/widgets/v1/frame.html",
        "/widgets/v1/demo.html",
        "/widgets/v1/..%2Fkiosk%2Fkiosk.js",
        "/widgets/v1/missing.js",
        "/kiosk/index.html",
        "/kiosk/..%2F..%2Fmanage.py",
    ],
)
def test_only_scripts_and_stylesheets_are_served_as_files(client, path):
    assert client.get(path).status_code == 404


def test_no_script_page_or_stylesheet_names_another_host_or_stores_anything():
    # What is served to readers: the widgets and the kiosk (frontend_stub/tests/ never is).
    served = [
        *(views.FRONTEND_DIR / "widgets").rglob("*"),
        *(views.FRONTEND_DIR / "kiosk").rglob("*"),
    ]
    assert served
    for path in served:
        if path.suffix in (".js", ".css", ".html"):
            text = path.read_text(encoding="utf-8")
            # The one address is the placeholder of the embed snippet in a comment.
            assert set(re.findall(r"https?://[\w.-]+", text)) <= {"https://HOST"}, path
            for storage in ("localStorage", "sessionStorage", "indexedDB", "document.cookie"):
                assert storage not in text, (path, storage)


def test_the_kiosk_page_carries_its_key_in_the_page_never_in_the_url(client, settings):
    CityFactory(name="Brussels", slug="brussels")
    _, raw_key = make_key("Kiosk", kind=ConsumerKey.Kind.KIOSK)
    settings.KIOSK_CONSUMER_KEY = raw_key

    response = client.get("/kiosk/", {"city": "brussels"})

    assert response.status_code == 200
    assert raw_key in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "connect-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp


def kiosk_config(client) -> dict:
    html = client.get("/kiosk/", {"city": "brussels"}).content.decode()
    found = re.search(r'<script id="kiosk-config" type="application/json">(.*?)</script>', html)
    assert found is not None
    return json.loads(found.group(1))


def test_the_kiosk_counts_nearest_from_the_place_its_key_gives(client, settings):
    CityFactory(name="Brussels", slug="brussels")
    key, raw_key = make_key("Town hall kiosk", kind=ConsumerKey.Kind.KIOSK)
    key.kiosk_latitude, key.kiosk_longitude = 50.8467, 4.3525
    key.save()
    settings.KIOSK_CONSUMER_KEY = raw_key

    assert kiosk_config(client)["position"] == {"latitude": 50.8467, "longitude": 4.3525}


def test_a_kiosk_without_a_place_offers_no_nearest(client, settings):
    CityFactory(name="Brussels", slug="brussels")
    _, raw_key = make_key("Town hall kiosk", kind=ConsumerKey.Kind.KIOSK)
    settings.KIOSK_CONSUMER_KEY = raw_key

    assert kiosk_config(client)["position"] is None


@pytest.mark.parametrize(
    ("kind", "latitude", "longitude"),
    [
        (ConsumerKey.Kind.WIDGET, 50.8, 4.3),  # only a kiosk stands somewhere
        (ConsumerKey.Kind.KIOSK, 50.8, None),  # half a place
        (ConsumerKey.Kind.KIOSK, None, 4.3),
    ],
)
def test_a_key_place_is_a_kiosks_and_whole(kind, latitude, longitude):
    key, _ = make_key("Somewhere", kind=kind)
    key.kiosk_latitude, key.kiosk_longitude = latitude, longitude

    with pytest.raises(ValidationError) as raised:
        key.full_clean()

    assert raised.value.message_dict["kiosk_latitude"] == [
        "Only a kiosk has a place: give its latitude and longitude."
    ]


def test_a_kiosk_place_is_on_the_earth():
    key, _ = make_key("Somewhere", kind=ConsumerKey.Kind.KIOSK)
    key.kiosk_latitude, key.kiosk_longitude = 91, 181

    with pytest.raises(ValidationError) as raised:
        key.full_clean()

    assert set(raised.value.message_dict) == {"kiosk_latitude", "kiosk_longitude"}


def test_the_kiosk_needs_a_known_city_and_a_key(client, settings):
    CityFactory(name="Brussels", slug="brussels")
    settings.KIOSK_CONSUMER_KEY = ""
    settings.DEBUG = False

    assert client.get("/kiosk/").status_code == 400
    assert client.get("/kiosk/", {"city": "atlantis"}).status_code == 404
    response = client.get("/kiosk/", {"city": "brussels"})
    assert response.status_code == 503
    assert b"KIOSK_CONSUMER_KEY" in response.content


def test_a_frame_may_be_shown_only_by_the_origins_its_key_allows(client, settings):
    _, raw_key = make_key("Frame", origins=["https://www.esch.lu"])
    settings.WIDGET_FRAME_CONSUMER_KEY = raw_key

    response = client.get("/widgets/v1/frame/helplines/", {"city": "brussels", "locale": "ar"})

    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors 'self' https://www.esch.lu" in response["Content-Security-Policy"]
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/widgets/v1/frame/calendar/", {"city": "brussels"}, 404),
        ("/widgets/v1/frame/helplines/", {}, 400),
        ("/widgets/v1/frame/helplines/", {"city": "brussels", "locale": "xx"}, 400),
        ("/widgets/v1/frame/toolbox/", {"toolbox": "<script>"}, 400),
    ],
)
def test_a_bad_frame_address_gets_a_clear_4xx(client, settings, path, params, status):
    settings.WIDGET_FRAME_CONSUMER_KEY = make_key("Frame")[1]

    assert client.get(path, params).status_code == status


def test_a_frame_without_a_valid_key_is_unavailable(client, settings):
    settings.WIDGET_FRAME_CONSUMER_KEY = "eqc_000000000000_not-a-key"

    response = client.get("/widgets/v1/frame/helplines/", {"city": "brussels"})

    assert response.status_code == 503


def test_the_demo_page_is_for_development_only(client, settings, tmp_path, monkeypatch):
    _, raw_key = make_key("Demo pages")
    key_file = tmp_path / "key.txt"
    key_file.write_text(raw_key)
    monkeypatch.setattr(views, "DEMO_KEY_FILE", key_file)

    settings.DEBUG = False
    assert client.get("/widgets/demo/").status_code == 404

    settings.DEBUG = True
    response = client.get("/widgets/demo/")
    assert response.status_code == 200
    assert f'data-key="{raw_key}"' in response.content.decode()
    assert "frame-src 'self'" in response["Content-Security-Policy"]


def test_the_widgets_right_to_left_languages_are_the_servers(client, settings):
    """The widgets and the kiosk decide a text's direction from one list in lang.js: the
    same languages as ``LANGUAGES_BIDI`` (Arabic, Persian, Dari...), served to browsers."""
    response = client.get("/widgets/v1/lang.js")
    source = b"".join(response.streaming_content).decode()

    (listed,) = re.findall(r"const RTL = new Set\(\[([^\]]*)\]\)", source)
    assert response.status_code == 200
    assert set(re.findall(r'"([a-z-]+)"', listed)) == set(settings.LANGUAGES_BIDI)
    assert {"ar", "fa", "prs"} <= set(settings.LANGUAGES_BIDI)


def test_the_kiosk_tells_its_script_the_language_of_the_city_name(client, settings):
    CityFactory(slug="brussels", name="Brussels")
    _, raw_key = make_key("Kiosk", kind=ConsumerKey.Kind.KIOSK)
    settings.KIOSK_CONSUMER_KEY = raw_key

    html = client.get("/kiosk/", {"city": "brussels"}).content.decode()

    assert '"cityName": "Brussels", "cityLocale": "en"' in html


def test_the_kiosk_service_worker_keeps_every_module_the_kiosk_loads():
    """Offline, a module missing from sw.js's shell would break the kiosk: every file that
    kiosk.js (and sw.js) imports, directly or not, is in SHELL_FILES."""
    root = views.FRONTEND_DIR
    worker = (root / "kiosk" / "sw.js").read_text()
    shell = set(re.findall(r'^\s+"(/(?:kiosk|widgets/v1)/[\w.-]+)",$', worker, re.MULTILINE))
    wanted, todo = {"/kiosk/kiosk.css"}, ["/kiosk/kiosk.js", "/kiosk/sw.js"]
    while todo:
        url = todo.pop()
        file = root / ("kiosk" if url.startswith("/kiosk/") else "widgets") / url.rsplit("/", 1)[1]
        for imported in re.findall(r'from "([^"]+)"', file.read_text()):
            target = imported if imported.startswith("/") else url.rsplit("/", 1)[0] + imported[1:]
            if target not in wanted:
                wanted.add(target)
                todo.append(target)
        if url != "/kiosk/sw.js":
            wanted.add(url)

    assert shell == wanted


def test_the_kiosk_page_pins_the_bundle_key(client, settings):
    CityFactory(name="Brussels", slug="brussels")
    _, raw_key = make_key("Kiosk", kind=ConsumerKey.Kind.KIOSK)
    settings.KIOSK_CONSUMER_KEY = raw_key

    config = kiosk_config(client)

    assert config["bundleKey"] == client.get("/api/v1/bundles/key").json()["public_key"]
    assert config["bundleRefreshSeconds"] == 300
    settings.BUNDLE_SIGNING_KEY = ""
    assert kiosk_config(client)["bundleKey"] is None  # no signing key: no offline copy
