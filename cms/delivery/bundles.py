"""Offline bundles: what a city's kiosk and widgets show in one language, signed.

A bundle holds the answers of the widget endpoints a kiosk of that city asks for in that
language (its *parts*), each exactly as ``/api/v1/widgets/...`` answers it, under the request
it answers (``widgets/safe-spaces?city=rome&locale=it&per_page=100``). Its manifest names each
part's sha256 and the content version (the sha256 of those), and is signed with Ed25519::

    {"manifest": "<JSON text>", "signature": "<base64>", "parts": {"<request>": "<JSON text>"}}

A client verifies the signature over the manifest text's UTF-8 bytes with the pinned public
key, then each part's sha256, before it uses anything; a bundle that fails is thrown away.

Parts are built by calling the widget views themselves, with a builder consumer that may read
every city and language, so a bundle can't drift from what the API serves.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import WSGIRequest
from django.db import IntegrityError, transaction
from django.urls import resolve
from django.utils import timezone

from api.consumers import Consumer
from api.public import is_published, published
from cms.core.models import City
from cms.delivery import signing
from cms.delivery.models import Bundle
from toolbox_pages.models import ToolboxPage

FORMAT = 1
BUILDER = Consumer(
    pk=0,
    name="Bundle builder",
    prefix="bundle-builder",
    all_cities=True,
    city_keys=frozenset(),
    all_locales=True,
    locales=(),
    allowed_origins=(),
    requests_per_minute=10**9,
)


class BuildFailed(Exception):
    """A widget endpoint refused the builder: the bundle is not replaced."""


@dataclass(frozen=True)
class Built:
    version: str
    body: bytes
    build_ms: int


def part_name(path: str, params: dict[str, Any]) -> str:
    """How a part is named: the request path under /api/v1/ and its sorted parameters, as
    the kiosk's service worker names the request it answers offline."""
    query = urlencode(sorted((name, str(value)) for name, value in params.items()))
    return f"{path}?{query}" if query else path


def public_toolbox_slug(city: City) -> str:
    """The slug of the city's toolbox when readers may see it (published, for the public)."""
    toolbox = city.toolbox
    if (
        toolbox is not None
        and is_published(toolbox)
        and toolbox.sensitivity == ToolboxPage.Sensitivity.PUBLIC
    ):
        return str(toolbox.slug)
    return ""


def requests_for(city: City, locale: str) -> list[tuple[str, dict[str, Any]]]:
    """The widget requests a kiosk of ``city`` makes in ``locale``."""
    slug = city.slug
    wanted: list[tuple[str, dict[str, Any]]] = [
        ("widgets/strings", {"locale": locale}),
        ("widgets/safety", {"city": slug}),
        ("widgets/safety", {"city": slug, "locale": locale}),
        ("widgets/safe-spaces", {"city": slug, "locale": locale, "per_page": 100}),
        ("widgets/helplines", {"city": slug, "locale": locale}),
        ("widgets/toolboxes", {"locale": locale}),
    ]
    if toolbox := public_toolbox_slug(city):
        wanted.append((f"widgets/toolboxes/{toolbox}", {"locale": locale}))
    return wanted


def _internal_get(path: str, params: dict[str, Any]) -> bytes:
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    url = f"/api/v1/{path}"
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": url,
            "QUERY_STRING": urlencode(params),
            "SERVER_NAME": host,
            "SERVER_PORT": "443",
            "HTTP_ACCEPT": "application/json",
            "wsgi.url_scheme": "https",
            "wsgi.input": io.BytesIO(),
        }
    )
    # REST framework's forced authentication: the builder reads as a consumer would.
    request._force_auth_user = AnonymousUser()  # type: ignore[attr-defined]
    request._force_auth_token = BUILDER  # type: ignore[attr-defined]
    match = resolve(url)
    response = match.func(request, *match.args, **match.kwargs)
    response.render()
    if response.status_code != 200:
        raise BuildFailed(f"{part_name(path, params)} answered {response.status_code}.")
    return bytes(response.content)


def build(city: City, locale: str) -> Built:
    """The signed bundle of ``city`` (a row of the default language) in ``locale``."""
    started = time.perf_counter()
    parts = {
        part_name(path, params): _internal_get(path, params).decode()
        for path, params in requests_for(city, locale)
    }
    hashes = {name: hashlib.sha256(text.encode()).hexdigest() for name, text in parts.items()}
    version = hashlib.sha256(
        json.dumps(hashes, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    manifest = json.dumps(
        {
            "format": FORMAT,
            "city": city.slug,
            "locale": locale,
            "version": version,
            "built_at": timezone.now().isoformat(timespec="seconds"),
            "parts": hashes,
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    body = json.dumps(
        {"manifest": manifest, "signature": signing.sign(manifest.encode()), "parts": parts},
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()
    return Built(version, body, round((time.perf_counter() - started) * 1000))


def city_for(slug: str) -> City | None:
    return (
        published(City)
        .filter(slug=slug, locale__language_code=settings.LANGUAGE_CODE)
        .select_related("toolbox")
        .first()
    )


def refresh(city: City, locale: str) -> Bundle:
    """Build the bundle and keep it when its content changed; the kept bundle."""
    built = build(city, locale)
    kept = Bundle.objects.filter(city=city, locale=locale).first()
    if kept is not None and kept.version == built.version:
        return kept
    values = {
        "version": built.version,
        "body_gzip": gzip.compress(built.body, mtime=0),
        "size": len(built.body),
        "built_at": timezone.now(),
        "build_ms": built.build_ms,
    }
    try:
        with transaction.atomic():
            bundle, _ = Bundle.objects.update_or_create(city=city, locale=locale, defaults=values)
    except IntegrityError:
        # Another process kept the same bundle first: theirs is as new as this one.
        return Bundle.objects.get(city=city, locale=locale)
    return bundle
