"""Compressed answers: what a prepaid phone downloads, and what a cached hit costs."""

import gzip
import json

import brotli
import pytest
from django.core.cache import cache
from django.test.utils import override_settings

from api import compression
from tests.support import graphql
from toolbox_pages.factories import ModulePageFactory, ToolboxPageFactory

pytestmark = pytest.mark.django_db

TOOLBOX = "query T($slug: String!) { toolbox(slug: $slug) { title modules { title summary } } }"


@pytest.fixture
def big_toolbox(toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index, title="Working with guardians", slug="g")
    for number in range(12):
        ModulePageFactory(
            parent=toolbox,
            title=f"Module {number}",
            slug=f"module-{number}",
            summary="How to listen, believe and refer, without asking for proof. " * 3,
        )
    return toolbox


def test_answers_are_sent_in_brotli_when_the_client_accepts_it(client, big_toolbox):
    response = graphql.post(TOOLBOX, {"slug": "g"}, client=client, HTTP_ACCEPT_ENCODING="gzip, br")
    plain = graphql.post(TOOLBOX, {"slug": "g"}, client=client)
    assert response.status_code == plain.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response["Vary"]
    assert brotli.decompress(response.content) == plain.content
    assert len(response.content) < len(plain.content) / 3
    assert "Content-Encoding" not in plain


def test_gzip_when_brotli_is_not_accepted(client, big_toolbox):
    response = graphql.post(TOOLBOX, {"slug": "g"}, client=client, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    data = json.loads(gzip.decompress(response.content))
    assert data["data"]["toolbox"]["title"] == "Working with guardians"


def test_refused_encodings_are_not_used(client, big_toolbox):
    response = graphql.post(
        TOOLBOX, {"slug": "g"}, client=client, HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0"
    )
    assert "Content-Encoding" not in response
    assert json.loads(response.content)["data"]["toolbox"]["title"] == "Working with guardians"


def test_small_answers_are_sent_as_they_are(client, home_page):
    response = graphql.post("{ __typename }", client=client, HTTP_ACCEPT_ENCODING="br")
    assert "Content-Encoding" not in response
    assert json.loads(response.content) == {"data": {"__typename": "Query"}}


def test_admin_pages_are_never_compressed(admin_client):
    response = admin_client.get("/admin/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert "Content-Encoding" not in response


@override_settings(API_RESULT_CACHE_SECONDS=60)
def test_a_cached_hit_sends_kept_compressed_bytes(client, big_toolbox, monkeypatch):
    cache.clear()
    calls = []
    original = compression.compress

    def counting(body, encoding):
        calls.append(encoding)
        return original(body, encoding)

    monkeypatch.setattr("api.result_cache.compress", counting)
    first = graphql.get(TOOLBOX, {"slug": "g"}, client=client, HTTP_ACCEPT_ENCODING="br")
    second = graphql.get(TOOLBOX, {"slug": "g"}, client=client, HTTP_ACCEPT_ENCODING="br")
    third = graphql.get(TOOLBOX, {"slug": "g"}, client=client, HTTP_ACCEPT_ENCODING="br")
    assert first["Content-Encoding"] == second["Content-Encoding"] == "br"
    assert brotli.decompress(second.content) == brotli.decompress(first.content)
    assert second.content == third.content
    # Made once, on the first hit in that encoding; kept for the next ones.
    assert calls == ["br"]
    cache.clear()
