"""Preview modes that show a draft in the kiosk and in each widget, from the admin.

``ClientPreviewMixin`` adds the modes a model lists in ``client_preview_modes`` to its own
(Wagtail's default preview stays first, so the review screens and the default preview are
unchanged). Such a mode renders the kiosk page or the widget frame page with a preview token
(``api.public.previews``) in its configuration: the kiosk's or widget's script asks the API for
that draft (``createApi({preview})``), exactly as it will ask for the published object.

The token names a saved revision: the one a review preview names (``request.revision_id``), else
the object's latest; Wagtail's revision-history preview passes no revision to ``serve_preview``,
so from there these modes show the latest saved revision too. Edits not saved yet are in
Wagtail's default preview only; these modes say which revision they show. Only the admin's
preview views call ``serve_preview``, and each checks that the user may edit the object or
review it in its workflow task: nobody else gets a token. The pages load nothing but this site's
own files (their Content Security Policy says so) and may be framed by the admin only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import Context
from wagtail.models import Revision

# The models import this module: what imports them back is imported where it is used.

KIOSK = ("kiosk", "Kiosk")
TOOLBOX_WIDGET = ("toolbox-widget", "Toolbox widget")
SAFE_SPACES_WIDGET = ("safe-spaces-widget", "Safe spaces widget")
HELPLINES_WIDGET = ("helplines-widget", "Helplines widget")
# Each mode's widget, and the kiosk section that shows the draft.
SECTIONS = {
    KIOSK[0]: None,
    TOOLBOX_WIDGET[0]: "toolbox",
    SAFE_SPACES_WIDGET[0]: "safe-spaces",
    HELPLINES_WIDGET[0]: "helplines",
}


class ClientPreviewMixin:
    """Preview modes in the kiosk and the widgets; ``client_preview_modes`` lists them and
    ``client_section`` names the kiosk section (and widget) that shows the object."""

    client_preview_modes: tuple[tuple[str, str], ...] = ()
    client_section = ""

    def client_toolbox(self) -> Any:
        """The toolbox the kiosk and the toolbox widget show this object in; None for an
        object that is not in a toolbox."""
        return None

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        return [*super().preview_modes, *self.client_preview_modes]  # type: ignore[misc]

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        if mode_name in dict(self.client_preview_modes):
            return client_preview(self, request, mode_name)
        return super().serve_preview(request, mode_name)  # type: ignore[misc]


def previewed_revision(obj: Any, request: HttpRequest) -> Revision | None:
    """The revision a preview shows: the one the preview view names, else the latest."""
    if obj.pk is None:
        return None
    revision_id = getattr(request, "revision_id", None) or obj.latest_revision_id
    return Revision.objects.filter(pk=revision_id, object_id=str(obj.pk)).first()


def preview_city(obj: Any) -> Any:
    """A published city (default language) to show the draft in: the listing's or the line's
    city, the toolbox's lead city, a city of the line's country, else the first city."""
    from api.public import published
    from cms.core.models import City

    cities = published(City).filter(locale__language_code=settings.LANGUAGE_CODE)
    cities = cities.select_related("toolbox")
    own = getattr(obj, "city", None) or getattr(obj.client_toolbox(), "lead_city", None)
    if own is not None:
        found = cities.filter(translation_key=own.translation_key).first()
        if found is not None:
            return found
    country = getattr(obj, "country", "")
    if country:
        found = cities.filter(country=country).order_by("name").first()
        if found is not None:
            return found
    return cities.order_by("name").first()


def _notice(revision: Revision) -> str:
    return (
        f"Preview of the saved draft (revision {revision.pk}, "
        f"{revision.created_at:%Y-%m-%d %H:%M} UTC). Save the draft to see newer edits here."
    )


def client_preview(obj: Any, request: HttpRequest, mode_name: str) -> HttpResponse:
    """The kiosk page or a widget's frame page showing the draft of ``obj``."""
    from api.public.previews import make_token
    from cms.core.languages import direction
    from cms.delivery.bundles import public_toolbox_slug
    from cms.frontend.views import (
        _locales,
        _page,
        _unavailable,
        configured_key,
        content_security_policy,
    )

    revision = previewed_revision(obj, request)
    if revision is None:
        return _message("Save a draft first: the kiosk and the widgets show saved drafts.")
    draft = revision.as_object()
    language = draft.locale.language_code
    token = make_token(draft, revision)
    city = preview_city(draft)
    toolbox = draft.client_toolbox()
    section = SECTIONS[mode_name] or obj.client_section
    if city is None and section != "toolbox":
        return _message("There is no published city to show this draft in.")
    if toolbox is not None:
        toolbox_slug = toolbox.slug
    else:
        toolbox_slug = public_toolbox_slug(city) if city is not None else ""
    csp = content_security_policy(frame_ancestors="'self'")
    if mode_name == KIOSK[0]:
        key = configured_key(settings.KIOSK_CONSUMER_KEY)
        if key is None:
            return _unavailable("The kiosk preview", "KIOSK_CONSUMER_KEY")
        config = {
            "key": key,
            "city": city.slug if city else "",
            "cityName": city.name if city else "",
            "cityLocale": settings.LANGUAGE_CODE,
            "toolbox": toolbox_slug,
            "locales": _locales(),
            "defaultLocale": settings.LANGUAGE_CODE,
            "idleSeconds": settings.KIOSK_IDLE_SECONDS,
            "position": None,
            # A preview keeps nothing offline.
            "bundleKey": None,
            "bundleRefreshSeconds": settings.KIOSK_BUNDLE_REFRESH_SECONDS,
            "preview": {"token": token, "section": section, "locale": language},
        }
        context = {"config": config, "city_name": config["cityName"], "notice": _notice(revision)}
        return _page("kiosk/index.html", context, csp=csp)
    key = configured_key(settings.WIDGET_FRAME_CONSUMER_KEY)
    if key is None:
        return _unavailable("The widget preview", "WIDGET_FRAME_CONSUMER_KEY")
    config = {
        "key": key,
        "widget": section,
        "city": city.slug if city else "",
        "locale": language,
        "toolbox": toolbox_slug,
        "preview": token,
    }
    context = {
        "config": config,
        "locale": language,
        "dir": direction(language),
        "notice": _notice(revision),
    }
    return _page("widgets/frame.html", context, csp=csp)


MESSAGE = (
    '<!doctype html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
    "<title>Preview</title></head><body><p>{{ text }}</p></body></html>"
)


def _message(text: str) -> HttpResponse:
    from cms.frontend.views import TEMPLATES, content_security_policy

    response = HttpResponse(TEMPLATES.from_string(MESSAGE).render(Context({"text": text})))
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = content_security_policy(frame_ancestors="'self'")
    return response
