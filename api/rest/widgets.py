"""What embeddable widgets and kiosks read: ``/api/v1/widgets/``.

The safety settings (quick-exit target, notices: a city's over the site's); a city's safe
spaces with category, audience and language filters; a "near me" search whose position
travels in a POST body; a toolbox with its modules and bodies; a city's helplines with its
emergency numbers. Shapes come from ``api.representations`` where one exists (safe space
references, opening hours, blocks, images, helplines); every read starts from the
``api.public`` helpers. Toolboxes for trained staff only (``sensitivity = professionals``)
are never served here.
"""

from __future__ import annotations

import functools
import math
from typing import Any, TypeGuard

from django.conf import settings
from django.http import HttpResponseBase
from django.utils import timezone
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from api.locales import LocaleContext
from api.public.cities import helplines_for, load_cities, public_cities
from api.public.safe_space_parts import load_safe_space_parts, preview_parts
from api.public.safe_spaces import SafeSpacePage
from api.public.safety import safety_for
from api.public.shapes import city_reference, public_safe_space_representation
from api.public.toolbox_shapes import widget_toolbox
from api.public.toolboxes import get_toolbox, get_toolboxes
from api.representations import (
    helpline_representation,
    translation_representation,
)
from api.rest.answers import (
    WidgetHelplinesSerializer,
    WidgetSafeSpacePageSerializer,
    WidgetSafetySerializer,
    WidgetStringsSerializer,
    WidgetToolboxListSerializer,
    WidgetToolboxSerializer,
)
from api.rest.base import ApiView, cacheable, no_store, page_of
from api.rest.hsds import ERRORS, NOT_JSON
from api.rest.previews import PREVIEW_PARAMETER, draft_or_404, preview_token, private, varies
from api.rest.serializers import (
    LocaleQuerySerializer,
    WidgetHelplinesQuerySerializer,
    WidgetNearSearchSerializer,
    WidgetSafeSpacesQuerySerializer,
    WidgetSafetyQuerySerializer,
)
from safe_spaces.models import Helpline, SafeSpace
from toolbox_pages.models import ModulePage, ToolboxPage

TAGS = ["Widgets and kiosks"]
NO_TOOLBOX = "No published toolbox for the public has this slug."
NO_PREVIEW = "Nothing to preview: the preview token is not valid (any more)."


# --- Safe spaces -----------------------------------------------------------------------------


def safe_space_page(page: SafeSpacePage, params: dict[str, Any]) -> dict[str, Any]:
    parts = load_safe_space_parts(page.items)
    now = timezone.now()
    return {
        "total_items": page.total_count,
        "total_pages": math.ceil(page.total_count / params["per_page"]),
        "page_number": params["page"],
        "per_page": params["per_page"],
        "results": [public_safe_space_representation(space, parts, now) for space in page.items],
    }


def _filters(params: dict[str, Any]) -> dict[str, Any]:
    filters: dict[str, Any] = {
        name: tuple(params.get(name, ())) for name in ("categories", "audiences", "languages")
    }
    if params.get("open_now"):
        filters["open_at"] = timezone.now()
    return filters


class WidgetSafeSpacesView(ApiView):
    @extend_schema(
        operation_id="widget_safe_spaces",
        summary="A city's safe spaces",
        description=(
            "Published listings of one city, by name. Within a filter any code matches; all "
            "the filters given apply. `is_open_now` (and the `open_now` filter) is read in the "
            "city's time zone."
        ),
        tags=TAGS,
        parameters=[WidgetSafeSpacesQuerySerializer, PREVIEW_PARAMETER],
        responses={
            200: WidgetSafeSpacePageSerializer,
            404: OpenApiResponse(description="A preview token that is not valid (any more)."),
            **ERRORS,
        },
    )
    def get(self, request: Request) -> HttpResponseBase:
        params = self.query(WidgetSafeSpacesQuerySerializer)
        context = self.locale_context(params.get("locale"))
        if (token := preview_token(request)) is not None:
            return private(self.preview(token, params, context))
        queryset = self.safe_spaces(params, context, **_filters(params))
        return varies(
            cacheable(request, safe_space_page(page_of(queryset, context, params), params))
        )

    def preview(self, token: str, params: dict[str, Any], context: Any) -> dict[str, Any]:
        """One page holding the draft listing alone, whatever the filters."""
        city = self.city(params["city"], context) if "city" in params else None
        space = draft_or_404(token, SafeSpace, NO_PREVIEW)
        if city is not None and space.city.translation_key not in city.translation_keys:
            raise NotFound(NO_PREVIEW, code="not_found")
        listing = public_safe_space_representation(space, preview_parts(space), timezone.now())
        return {
            "total_items": 1,
            "total_pages": 1,
            "page_number": 1,
            "per_page": 1,
            "results": [listing],
        }


class WidgetNearView(ApiView):
    @extend_schema(
        operation_id="widget_safe_spaces_near",
        summary="Safe spaces near me",
        description=(
            "Nearest first, within `radius_km`. The position travels in the body, never in a "
            "URL, and the answer is never cached. Confidential locations never take part. A "
            "key limited to some cities searches only them."
        ),
        tags=TAGS,
        request=WidgetNearSearchSerializer,
        responses={200: WidgetSafeSpacePageSerializer, **NOT_JSON, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        params = self.body(WidgetNearSearchSerializer)
        context = self.locale_context(params.get("locale"))
        queryset = self.safe_spaces(params, context, **_filters(params))
        return no_store(safe_space_page(page_of(queryset, context, params), params))


# --- Toolboxes -------------------------------------------------------------------------------


def _for_widgets(toolbox: ToolboxPage | None) -> TypeGuard[ToolboxPage]:
    return toolbox is not None and toolbox.sensitivity == ToolboxPage.Sensitivity.PUBLIC


class WidgetToolboxListView(ApiView):
    @extend_schema(
        operation_id="widget_toolboxes",
        summary="The toolboxes widgets may show",
        description="Published toolboxes for the public, in tree order (not those for staff).",
        tags=TAGS,
        parameters=[LocaleQuerySerializer],
        responses={200: WidgetToolboxListSerializer, **ERRORS},
    )
    def get(self, request: Request) -> HttpResponseBase:
        params = self.query(LocaleQuerySerializer)
        context = self.locale_context(params.get("locale"), pages=True)
        toolboxes = [toolbox for toolbox in get_toolboxes(context) if _for_widgets(toolbox)]
        results = [
            {
                "title": toolbox.title,
                "slug": toolbox.slug,
                "summary": toolbox.summary,
                **translation_representation(toolbox),
            }
            for toolbox in toolboxes
        ]
        return cacheable(request, {"results": results})


class WidgetToolboxView(ApiView):
    @extend_schema(
        operation_id="widget_toolbox",
        summary="A toolbox with its modules and their bodies",
        description=(
            "One published toolbox for the public by its slug (in the requested or the default "
            "language). A toolbox for trained staff is not served to widgets and kiosks (404)."
        ),
        tags=TAGS,
        parameters=[
            LocaleQuerySerializer,
            OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH),
            PREVIEW_PARAMETER,
        ],
        responses={
            200: WidgetToolboxSerializer,
            404: OpenApiResponse(description="No published toolbox for the public has this slug."),
            **ERRORS,
        },
    )
    def get(self, request: Request, slug: str) -> HttpResponseBase:
        params = self.query(LocaleQuerySerializer)
        if (token := preview_token(request)) is not None:
            return private(self.preview(token, slug[:255]))
        context = self.locale_context(params.get("locale"), pages=True)
        toolbox = get_toolbox(slug[:255], context)
        if not _for_widgets(toolbox):
            raise NotFound(NO_TOOLBOX, code="not_found")
        return varies(cacheable(request, widget_toolbox(toolbox)))

    @staticmethod
    def preview(token: str, slug: str) -> dict[str, Any]:
        """The draft toolbox with this slug, or the live toolbox with this slug with a draft
        module of its in place of the live one; in the draft's language."""
        draft = draft_or_404(token, (ToolboxPage, ModulePage), NO_TOOLBOX)
        if isinstance(draft, ToolboxPage):
            if draft.slug != slug or not _for_widgets(draft):
                raise NotFound(NO_TOOLBOX, code="not_found")
            return widget_toolbox(draft)
        toolbox = get_toolbox(slug, draft.locale_context)
        if not _for_widgets(toolbox) or not draft.path.startswith(toolbox.path):
            raise NotFound(NO_TOOLBOX, code="not_found")
        return widget_toolbox(toolbox, draft_module=draft)


# --- Helplines -------------------------------------------------------------------------------


def emergency_numbers(city: Any) -> list[dict[str, str]]:
    return [
        {"label": str(item["value"].get("label", "")), "number": str(item["value"]["number"])}
        for item in city.emergency_numbers.raw_data or []
        if isinstance(item, dict)
        and isinstance(item.get("value"), dict)
        and item["value"].get("number")
    ]


class WidgetHelplinesView(ApiView):
    @extend_schema(
        operation_id="widget_helplines",
        summary="A city's helplines and emergency numbers",
        description=(
            "The city (name, time zone, emergency numbers, 112 first) and its live helplines: "
            "its own lines, then its country's national ones."
        ),
        tags=TAGS,
        parameters=[WidgetHelplinesQuerySerializer, PREVIEW_PARAMETER],
        responses={
            200: WidgetHelplinesSerializer,
            404: OpenApiResponse(description="A preview token that is not valid (any more)."),
            **ERRORS,
        },
    )
    def get(self, request: Request) -> HttpResponseBase:
        params = self.query(WidgetHelplinesQuerySerializer)
        context: LocaleContext = self.locale_context(params.get("locale"))
        match = self.city(params["city"], context)
        cities = load_cities(
            public_cities(context).filter(translation_key__in=match.translation_keys)[:1], context
        )
        city = cities[0]
        helplines = helplines_for(match, context)
        token = preview_token(request)
        if token is not None:
            # The draft line in place of its live version, or last when it has none.
            draft = draft_or_404(token, Helpline, NO_PREVIEW)
            at = next((i for i, h in enumerate(helplines) if h.pk == draft.pk), len(helplines))
            helplines = [*helplines[:at], draft, *helplines[at + 1 :]]
        answer = {
            "city": {**city_reference(city), "emergency_numbers": emergency_numbers(city)},
            "helplines": [helpline_representation(line) for line in helplines],
        }
        return private(answer) if token is not None else varies(cacheable(request, answer))


# --- Interface strings -----------------------------------------------------------------------


@functools.cache
def interface_strings(code: str) -> dict[str, str]:
    """The widgets' and kiosk's own words in ``code``, from its djangojs catalog (English
    text: translation); a string it lacks is absent, and the client shows it in English."""
    catalog = JavaScriptCatalog()
    # Our catalogs only, not those of every installed app (the admin's own scripts).
    catalog.translation = DjangoTranslation(
        code, domain="djangojs", localedirs=[str(path) for path in settings.LOCALE_PATHS]
    )
    return {
        text: translated
        for text, translated in catalog.get_catalog().items()
        if isinstance(translated, str) and translated
    }


class WidgetStringsView(ApiView):
    @extend_schema(
        operation_id="widget_strings",
        summary="The widgets' and kiosk's own words, in a language",
        description=(
            "Buttons, headings and messages, by their English text. A string not translated "
            'into the language yet is absent: show it in English, marked `lang="en"`.'
        ),
        tags=TAGS,
        parameters=[LocaleQuerySerializer],
        responses={200: WidgetStringsSerializer, **ERRORS},
    )
    def get(self, request: Request) -> HttpResponseBase:
        params = self.query(LocaleQuerySerializer)
        context = self.locale_context(params.get("locale"))
        code = context.requested.language_code
        return cacheable(request, {"locale": code, "strings": interface_strings(code)})


# --- Safety ----------------------------------------------------------------------------------


class WidgetSafetyView(ApiView):
    @extend_schema(
        operation_id="widget_safety",
        summary="Where the quick exit goes, and the safety and privacy notices",
        description=(
            "The quick-exit target (every widget and kiosk replaces its page with it when the "
            "reader leaves in a hurry) and the notices to show first. With `city`, the city's "
            "own settings, kept by its coordinators, over the site's; a notice not written in "
            "the requested language is the default language's (`is_fallback`)."
        ),
        tags=TAGS,
        parameters=[WidgetSafetyQuerySerializer],
        responses={200: WidgetSafetySerializer, **ERRORS},
    )
    def get(self, request: Request) -> HttpResponseBase:
        params = self.query(WidgetSafetyQuerySerializer)
        context = self.locale_context(params.get("locale"))
        city = self.city(params["city"], context) if params.get("city") else None
        return cacheable(request, safety_for(city, context).representation())
