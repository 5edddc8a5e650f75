"""Signed offline bundles: what they hold, their signature, ETag, scopes, and their rebuild
after a publication."""

import base64
import gzip
import hashlib
import json
import shutil
import subprocess

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings

from cms.delivery.models import Bundle
from safe_spaces.factories import HelplineFactory

from .conftest import Api, count_queries, listing, make_key

pytestmark = pytest.mark.django_db

KEY = "/api/v1/bundles/key"


def bundle_of(response) -> dict:
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def verified(bundle: dict, public_key: str) -> dict:
    """The manifest, once the signature and every part's hash are checked."""
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key))
    key.verify(base64.b64decode(bundle["signature"]), bundle["manifest"].encode())
    manifest = json.loads(bundle["manifest"])
    assert set(manifest["parts"]) == set(bundle["parts"])
    for name, text in bundle["parts"].items():
        assert hashlib.sha256(text.encode()).hexdigest() == manifest["parts"][name], name
    return manifest


@pytest.fixture
def public_key(client) -> str:
    response = client.get(KEY)
    assert response.status_code == 200
    return response.json()["public_key"]


def test_the_public_key_needs_no_consumer_key(client):
    response = client.get(KEY)

    assert response.status_code == 200
    answer = response.json()
    assert answer["algorithm"] == "Ed25519"
    assert answer["format"] == 1
    assert len(base64.b64decode(answer["public_key"])) == 32


def test_a_bundle_holds_what_the_kiosk_asks_for_signed(api, brussels, rome, public_key):
    listing(brussels, name="Health centre Midi")
    listing(rome, name="In Rome")
    HelplineFactory(name="Violence listening line", number="1712", country="BE")

    bundle = bundle_of(api.get("/api/v1/bundles/brussels/fr"))

    manifest = verified(bundle, public_key)
    assert (manifest["format"], manifest["city"], manifest["locale"]) == (1, "brussels", "fr")
    assert sorted(bundle["parts"]) == [
        "widgets/helplines?city=brussels&locale=fr",
        "widgets/safe-spaces?city=brussels&locale=fr&per_page=100",
        "widgets/safety?city=brussels",
        "widgets/safety?city=brussels&locale=fr",
        "widgets/strings?locale=fr",
        "widgets/toolboxes?locale=fr",
    ]
    spaces = json.loads(bundle["parts"]["widgets/safe-spaces?city=brussels&locale=fr&per_page=100"])
    assert (
        spaces
        == api.get(
            "/api/v1/widgets/safe-spaces", {"city": "brussels", "locale": "fr", "per_page": 100}
        ).json()
    )
    assert [space["name"] for space in spaces["results"]] == ["Health centre Midi"]
    strings = json.loads(bundle["parts"]["widgets/strings?locale=fr"])
    assert strings["strings"]["Quick exit"] == "Sortie rapide"


def test_a_city_toolbox_for_the_public_is_in_its_bundle(api, brussels, toolbox, public_key):
    brussels.toolbox = toolbox
    brussels.save()

    bundle = bundle_of(api.get("/api/v1/bundles/brussels/en"))

    verified(bundle, public_key)
    part = json.loads(bundle["parts"][f"widgets/toolboxes/{toolbox.slug}?locale=en"])
    assert part["title"] == toolbox.title


def test_a_changed_byte_fails_the_signature(api, brussels, public_key):
    bundle = bundle_of(api.get("/api/v1/bundles/brussels/en"))
    manifest = json.loads(bundle["manifest"])
    manifest["parts"]["widgets/strings?locale=en"] = "0" * 64
    bundle["manifest"] = json.dumps(manifest, sort_keys=True, separators=(",", ":"))

    with pytest.raises(InvalidSignature):
        verified(bundle, public_key)


def test_the_etag_is_the_content_version(api, brussels):
    first = api.get("/api/v1/bundles/brussels/en")
    version = json.loads(bundle_of(first)["manifest"])["version"]

    assert first["ETag"] == f'"{version}"'
    assert first["Cache-Control"] == "private, no-cache"
    assert (
        api.get("/api/v1/bundles/brussels/en", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    )


def test_a_bundle_is_sent_gzipped_as_kept_when_the_client_accepts_it(api, brussels):
    plain = api.get("/api/v1/bundles/brussels/en")
    zipped = api.get("/api/v1/bundles/brussels/en", HTTP_ACCEPT_ENCODING="gzip, br")

    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content)


def test_a_kept_bundle_costs_the_same_queries_whatever_it_holds(api, brussels):
    api.get("/api/v1/bundles/brussels/en")  # built and kept
    few = count_queries(lambda: api.get("/api/v1/bundles/brussels/en"))
    for n in range(12):
        listing(brussels, n)
    Bundle.objects.all().delete()
    api.get("/api/v1/bundles/brussels/en")

    assert count_queries(lambda: api.get("/api/v1/bundles/brussels/en")) == few


@pytest.mark.parametrize(
    ("path", "status", "field"),
    [
        ("/api/v1/bundles/atlantis/en", 400, "city"),
        ("/api/v1/bundles/brussels/xx", 400, "locale"),
    ],
)
def test_an_unknown_city_or_language_is_a_400(api, brussels, path, status, field):
    response = api.get(path)

    assert response.status_code == status
    assert field in json.dumps(response.json())


def test_a_key_reads_only_the_bundles_of_its_cities_and_languages(brussels, rome):
    _, raw = make_key("Rome app", cities=[rome], locales=["it"])
    limited = Api(raw)

    assert limited.get("/api/v1/bundles/rome/it").status_code == 200
    assert limited.get("/api/v1/bundles/brussels/it").status_code == 403
    assert limited.get("/api/v1/bundles/rome/fr").status_code == 403
    assert Api().get("/api/v1/bundles/rome/it").status_code == 401


def test_without_a_signing_key_nothing_is_served_unsigned(api, brussels, client, settings):
    settings.BUNDLE_SIGNING_KEY = ""
    settings.DEBUG = False

    response = api.get("/api/v1/bundles/brussels/en")

    assert response.status_code == 503
    assert "signing key" in response.json()["detail"]
    assert client.get(KEY).status_code == 503
    assert not Bundle.objects.exists()


def test_a_publication_rebuilds_the_bundles_it_touches_only(
    api, brussels, rome, django_capture_on_commit_callbacks
):
    api.get("/api/v1/bundles/brussels/en")
    api.get("/api/v1/bundles/rome/en")
    before = dict(Bundle.objects.values_list("city__slug", "version"))

    with django_capture_on_commit_callbacks(execute=True):
        listing(brussels, name="New in Brussels")

    after = dict(Bundle.objects.values_list("city__slug", "version"))
    assert after["rome"] == before["rome"]
    assert after["brussels"] != before["brussels"]
    bundle = bundle_of(api.get("/api/v1/bundles/brussels/en"))
    part = json.loads(bundle["parts"]["widgets/safe-spaces?city=brussels&locale=en&per_page=100"])
    assert [space["name"] for space in part["results"]] == ["New in Brussels"]


def test_an_unpublished_listing_leaves_the_bundle(
    api, brussels, django_capture_on_commit_callbacks
):
    space = listing(brussels, name="Soon gone")
    first = bundle_of(api.get("/api/v1/bundles/brussels/en"))
    assert "Soon gone" in first["parts"]["widgets/safe-spaces?city=brussels&locale=en&per_page=100"]

    with django_capture_on_commit_callbacks(execute=True):
        space.unpublish()

    kept = Bundle.objects.get(city=brussels, locale="en")
    assert "Soon gone" not in kept.body.decode()
    assert f'"{kept.version}"' == api.get("/api/v1/bundles/brussels/en")["ETag"]


NODE_CHECK = """
import { readFileSync } from "node:fs";
import { verifyBundle } from "%(module)s";
const bundle = JSON.parse(readFileSync(process.argv[1], "utf8"));
try {
  const { manifest } = await verifyBundle(bundle, process.argv[2]);
  console.log(manifest.version);
} catch (error) {
  console.log(error.constructor.name);
}
"""


def kiosk_check(bundle_file, public_key: str) -> str:
    """What the kiosk's own check (frontend_stub/widgets/bundle.js, in Node) says."""
    module = settings.BASE_DIR / "frontend_stub" / "widgets" / "bundle.js"
    done = subprocess.run(  # noqa: S603 - our own script and files
        [
            shutil.which("node") or "node",
            "--input-type=module",
            "-e",
            NODE_CHECK % {"module": module},
            "--",
            str(bundle_file),
            public_key,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_the_kiosks_own_check_accepts_a_real_bundle_and_refuses_a_changed_one(
    api, brussels, public_key, tmp_path
):
    listing(brussels, name="Health centre Midi")
    response = api.get("/api/v1/bundles/brussels/ar")
    bundle_file = tmp_path / "bundle.json"
    bundle_file.write_bytes(response.content)

    assert kiosk_check(bundle_file, public_key) == response["ETag"].strip('"')

    bundle_file.write_text(
        bundle_file.read_text().replace("Health centre Midi", "Health centre Mid")
    )
    assert kiosk_check(bundle_file, public_key) == "BundleInvalid"
