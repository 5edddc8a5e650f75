"""The widgets and the kiosk, served from ``frontend_stub/``.

- ``/widgets/v1/<file>.js`` and ``/kiosk/<file>.(js|css)``: the ES modules and stylesheets, as
  files, with their content type, a short public cache and ``Access-Control-Allow-Origin: *``
  (a trainee city's page loads the modules from another origin, which needs CORS).
- ``/widgets/v1/frame/<widget>/``: a page holding one widget, for websites that can't run
  scripts. Its key comes from the server (``WIDGET_FRAME_CONSUMER_KEY``), never from its URL
  (URLs end up in logs); only the origins that key allows may frame it.
- ``/kiosk/?city=<slug>``: the kiosk app, with its key (``KIOSK_CONSUMER_KEY``) written into
  the page by the server.
- ``/widgets/demo/``: a pretend trainee-city page embedding each widget (development only).

Every page carries a Content Security Policy allowing scripts, styles and requests to this
origin only: nothing that an end user loads reaches a third party.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.template import Context, Engine
from django.utils.cache import get_conditional_response
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from api.consumers import ConsumerRejected, authenticate
from api.models import ConsumerKey, split_key
from cms.core.languages import direction, native_name
from cms.core.secret_files import read_secret
from cms.delivery.bundles import city_for, public_toolbox_slug
from cms.delivery.signing import SigningKeyMissing, public_key_base64

FRONTEND_DIR = Path(settings.BASE_DIR) / "frontend_stub"
# Where `make demo` keeps the demo key (api/management/commands/ensure_demo_consumer_key.py).
DEMO_KEY_FILE = Path(settings.BASE_DIR) / "var" / "demo-consumer-key.txt"
ASSET_NAME = re.compile(r"^[a-z][a-z0-9-]*\.(js|css)$")
ASSET_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
ASSET_MAX_AGE = 300  # seconds: file names carry no version, so keep it short
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
WIDGETS = ("safe-spaces", "toolbox", "helplines")

# The page templates live beside the modules they load; no template setting is involved.
TEMPLATES = Engine(dirs=[str(FRONTEND_DIR)], autoescape=True)


# --- Files -----------------------------------------------------------------------------------


def _asset(request: HttpRequest, folder: str, name: str) -> HttpResponseBase:
    if not ASSET_NAME.match(name):
        raise Http404("No such file.")
    path = FRONTEND_DIR / folder / name
    if not path.is_file():
        raise Http404("No such file.")
    stat = path.stat()
    etag = (
        '"'
        + hashlib.blake2b(f"{stat.st_mtime_ns}:{stat.st_size}".encode(), digest_size=8).hexdigest()
        + '"'
    )
    response: HttpResponseBase | None = get_conditional_response(request, etag=etag)
    if response is None:
        response = FileResponse(path.open("rb"), content_type=ASSET_TYPES[path.suffix])
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={ASSET_MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def widget_asset(request: HttpRequest, name: str) -> HttpResponseBase:
    return _asset(request, "widgets", name)


@require_safe
def kiosk_asset(request: HttpRequest, name: str) -> HttpResponseBase:
    return _asset(request, "kiosk", name)


# --- Pages -----------------------------------------------------------------------------------


def content_security_policy(*, frame_ancestors: str, frame_src: str = "'none'") -> str:
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "connect-src 'self'",
            "img-src 'self' data:",
            "media-src 'self'",
            f"frame-src {frame_src}",
            "base-uri 'none'",
            "form-action 'none'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


def _page(
    template: str, context: dict[str, Any], *, csp: str, geolocation: str = "()"
) -> HttpResponse:
    response = HttpResponse(TEMPLATES.get_template(template).render(Context(context)))
    response["Content-Security-Policy"] = csp
    response["Referrer-Policy"] = "no-referrer"
    response["Permissions-Policy"] = f"geolocation={geolocation}, camera=(), microphone=()"
    # The page holds a consumer key: no shared or browser cache keeps it.
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _unavailable(what: str, setting: str) -> HttpResponse:
    return HttpResponse(
        f"{what} has no consumer key: set {setting}.",
        status=503,
        content_type="text/plain; charset=utf-8",
    )


def configured_key(value: str) -> str | None:
    """The key a setting names; in development, the demo key when the setting is empty."""
    if value:
        return value
    if settings.DEBUG:
        return read_secret(DEMO_KEY_FILE)
    return None


def _locales() -> list[dict[str, Any]]:
    return [
        {"code": code, "name": name, "local": native_name(code), "dir": direction(code)}
        for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
    ]


def _locale(request: HttpRequest) -> str | None:
    code = request.GET.get("locale") or settings.LANGUAGE_CODE
    known = {code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES}
    return code if code in known else None


def _bad_request(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def bundle_public_key() -> str | None:
    """The key the kiosk's service worker verifies bundles with; None (no offline copy) when
    the server has no signing key."""
    try:
        return public_key_base64()
    except SigningKeyMissing:
        return None


def kiosk_position(raw_key: str) -> dict[str, float] | None:
    """Where the kiosk with this key stands (its key's setting), or None when not set: the
    kiosk then offers no "nearest first" rather than ask the browser."""
    place = (
        ConsumerKey.objects.filter(key_prefix=split_key(raw_key) or "", kind=ConsumerKey.Kind.KIOSK)
        .values_list("kiosk_latitude", "kiosk_longitude")
        .first()
    )
    if place is None or place[0] is None or place[1] is None:
        return None
    return {"latitude": place[0], "longitude": place[1]}


@require_safe
def kiosk(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("city", "")
    if not SLUG.match(slug):
        return _bad_request("Name the kiosk's city: /kiosk/?city=<slug>.")
    city = city_for(slug)
    if city is None:
        raise Http404("No such city.")
    key = configured_key(settings.KIOSK_CONSUMER_KEY)
    if key is None:
        return _unavailable("The kiosk", "KIOSK_CONSUMER_KEY")
    config = {
        "key": key,
        "city": city.slug,
        "cityName": city.name,
        "cityLocale": settings.LANGUAGE_CODE,
        "toolbox": public_toolbox_slug(city),
        "locales": _locales(),
        "defaultLocale": settings.LANGUAGE_CODE,
        "idleSeconds": settings.KIOSK_IDLE_SECONDS,
        "position": kiosk_position(key),
        "bundleKey": bundle_public_key(),
        "bundleRefreshSeconds": settings.KIOSK_BUNDLE_REFRESH_SECONDS,
    }
    return _page(
        "kiosk/index.html",
        {"config": config, "city_name": city.name},
        csp=content_security_policy(frame_ancestors="'none'"),
    )


@require_safe
@xframe_options_exempt
def widget_frame(request: HttpRequest, widget: str) -> HttpResponse:
    if widget not in WIDGETS:
        raise Http404("No such widget.")
    city = request.GET.get("city", "")
    toolbox = request.GET.get("toolbox", "")
    locale = _locale(request)
    if widget != "toolbox" and not SLUG.match(city):
        return _bad_request("Name the widget's city: ?city=<slug>.")
    if toolbox and not SLUG.match(toolbox):
        return _bad_request("A toolbox is named by its slug: ?toolbox=<slug>.")
    if locale is None:
        return _bad_request("Unknown language: ?locale=<code>.")
    raw_key = configured_key(settings.WIDGET_FRAME_CONSUMER_KEY)
    if raw_key is None:
        return _unavailable("The widget frame", "WIDGET_FRAME_CONSUMER_KEY")
    try:
        consumer = authenticate(raw_key)
    except ConsumerRejected:
        return _unavailable("The widget frame", "a valid WIDGET_FRAME_CONSUMER_KEY")
    # Only this site and the websites the frame's key allows may show the frame.
    ancestors = " ".join(["'self'", *consumer.allowed_origins])
    config = {"key": raw_key, "widget": widget, "city": city, "locale": locale, "toolbox": toolbox}
    return _page(
        "widgets/frame.html",
        {"config": config, "locale": locale, "dir": direction(locale)},
        csp=content_security_policy(frame_ancestors=ancestors),
        geolocation="(self)",
    )


@require_safe
def widget_demo(request: HttpRequest) -> HttpResponse:
    """A pretend trainee-city page that embeds each widget as a trainee city would."""
    if not settings.DEBUG:
        raise Http404("The demo page is for development only.")
    key = read_secret(DEMO_KEY_FILE)
    if key is None:
        return _unavailable("The demo page", "make seed (var/demo-consumer-key.txt)")
    city = request.GET.get("city", "brussels")
    locale = _locale(request)
    if not SLUG.match(city) or locale is None:
        return _bad_request("Use ?city=<slug>&locale=<code>.")
    return _page(
        "widgets/demo.html",
        {"key": key, "city": city, "locale": locale},
        csp=content_security_policy(frame_ancestors="'none'", frame_src="'self'"),
        geolocation="(self)",
    )
