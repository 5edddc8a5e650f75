"""create_consumer_key and ensure_demo_consumer_key."""

import io
import os
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from api.models import ConsumerKey, hash_key

from .conftest import Api

pytestmark = pytest.mark.django_db


def create(*args: str) -> tuple[str, str]:
    output = io.StringIO()
    call_command("create_consumer_key", *args, stdout=output)
    text = output.getvalue()
    return text, text.rstrip("\n").splitlines()[-1]


def test_without_scope_options_a_key_reads_every_city_and_language():
    text, raw = create("Gothenburg city app", "--kind", "city_app")

    key = ConsumerKey.objects.get()
    assert key.key_hash == hash_key(raw)
    assert (key.name, key.kind, key.all_cities, key.all_locales) == (
        "Gothenburg city app",
        "city_app",
        True,
        True,
    )
    assert key.allowed_origins == []
    assert "Cities:    every city" in text
    assert Api(raw).get("/api/v1/hsds/services", {"locale": "sv"}).status_code == 200


def test_scope_options_limit_the_key(brussels, rome):
    text, raw = create(
        "Esch widget",
        "--cities",
        "brussels",
        "rome",
        "--locales",
        "fr",
        "de",
        "--origins",
        "https://www.esch.lu/",
        "--requests-per-minute",
        "90",
    )

    key = ConsumerKey.objects.get()
    assert set(key.cities.all()) == {brussels, rome}
    assert (key.all_cities, key.all_locales, key.locales) == (False, False, ["fr", "de"])
    assert key.allowed_origins == ["https://www.esch.lu"]
    assert key.requests_per_minute == 90
    assert raw.startswith(f"eqc_{key.key_prefix}_")
    assert Api(raw).get("/api/v1/hsds/services", {"locale": "it"}).status_code == 403


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cities", "atlantis"], "Unknown city slug 'atlantis'."),
        (["--locales", "xx"], "Not a content language: xx."),
        (["--origins", "http://www.esch.lu"], "must use https://"),
        (["--requests-per-minute", "0"], "greater than or equal to 1"),
    ],
)
def test_bad_options_are_refused_and_nothing_is_created(args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        create("Bad", *args)

    assert not ConsumerKey.objects.exists()


@override_settings(DEBUG=True)
def test_the_demo_key_is_created_once_then_reused(tmp_path):
    path = tmp_path / "demo-consumer-key.txt"

    first, second = io.StringIO(), io.StringIO()
    call_command(
        "ensure_demo_consumer_key",
        "--credentials-file",
        str(path),
        "--origins",
        "http://127.0.0.1:8000",
        stdout=first,
    )
    call_command(
        "ensure_demo_consumer_key",
        "--credentials-file",
        str(path),
        "--origins",
        "http://localhost:8000",
        stdout=second,
    )

    key = ConsumerKey.objects.get()
    raw = path.read_text().strip()
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    assert key.key_hash == hash_key(raw)
    assert key.allowed_origins == ["http://127.0.0.1:8000", "http://localhost:8000"]
    assert f"Key:      {raw}" in first.getvalue()
    assert "Created" in first.getvalue() and "Reusing" in second.getvalue()


@override_settings(DEBUG=True)
def test_a_revoked_demo_key_is_replaced(tmp_path):
    path = tmp_path / "demo-consumer-key.txt"
    options = ["--credentials-file", str(path), "--origins", "http://127.0.0.1:8000"]
    call_command("ensure_demo_consumer_key", *options, stdout=io.StringIO())
    ConsumerKey.objects.get().revoke()

    call_command("ensure_demo_consumer_key", *options, stdout=io.StringIO())

    assert ConsumerKey.objects.active().count() == 1
    assert ConsumerKey.objects.active().get().key_hash == hash_key(path.read_text().strip())


def test_the_demo_key_is_for_development_only(tmp_path):
    with pytest.raises(CommandError, match="local development only"):
        call_command(
            "ensure_demo_consumer_key",
            "--credentials-file",
            str(tmp_path / "key.txt"),
            stdout=io.StringIO(),
        )
