"""Consumer keys in the admin: created with their key shown once, edited, revoked."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import Button
from wagtail.admin.widgets.button import MenuItem
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

from cms.access.admin_scope import CityScopedViewSetMixin, CityScopeForm
from cms.access.policy import ManyCitiesPermissionPolicy

from .models import ConsumerKey


class ConsumerKeyForm(CityScopeForm):
    """A key's cities (``CityScopeForm``): a key needs a scope."""

    scoped_model = ConsumerKey
    no_scope_message = "Tick 'every city' or choose the cities the key may read."


class ConsumerKeyCreateView(CreateView):
    """Creates the key and shows it once, in the response to the form: never in a message
    (messages travel in a cookie or the session) and never again afterwards."""

    # Always answer with the page that shows the key, never with the JSON form of the view.
    expects_json_response = False
    created_template_name = "api/admin/consumer_key_created.html"

    def save_instance(self) -> ConsumerKey:
        self.raw_key = self.form.instance.set_new_key()
        return super().save_instance()

    def save_action(self) -> HttpResponse:
        response = TemplateResponse(
            self.request,
            self.created_template_name,
            {
                "key": self.object,
                "raw_key": self.raw_key,
                "index_url": reverse(self.index_url_name),
                "edit_url": reverse(self.edit_url_name, args=[self.object.pk]),
                "embed_snippets": embed_snippets(self.request, self.object, self.raw_key),
                "page_title": "Consumer key created",
                "header_title": "Consumer key created",
                "header_icon": self.header_icon,
            },
        )
        response["Cache-Control"] = "no-store"
        return response


WIDGETS = ("safe-spaces", "helplines", "toolbox")


def embed_snippets(request: HttpRequest, key: ConsumerKey, raw_key: str) -> list[dict[str, str]]:
    """What a website adds where each widget should appear, for each city a widget key
    reads (docs/api-clients.md, "Embedding a widget"); none for other kinds of key."""
    if key.kind != ConsumerKey.Kind.WIDGET:
        return []
    script = request.build_absolute_uri("/widgets/v1/embed.js")
    locale = (list(key.locales or []) or ["en"])[0] if not key.all_locales else "en"
    cities = [] if key.all_cities else sorted({city.slug for city in key.cities.all()})
    return [
        {
            "label": f"{widget} ({slug})",
            "code": (
                f'<script src="{script}" data-key="{raw_key}" data-widget="{widget}" '
                f'data-city="{slug}" data-locale="{locale}" async></script>'
            ),
        }
        for slug in cities
        for widget in WIDGETS
    ]


def _revoke_url_name(view: Any) -> str:
    return view.index_url_name.rsplit(":", 1)[0] + ":revoke"


class ConsumerKeyIndexView(IndexView):
    def get_list_more_buttons(self, instance: ConsumerKey) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_revoked and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    "Revoke",
                    url=reverse(_revoke_url_name(self), args=[instance.pk]),
                    icon_name="cross",
                    priority=30,
                )
            )
        return buttons


class ConsumerKeyEditView(EditView):
    @property
    def header_more_buttons(self) -> list[Any]:
        buttons = super().header_more_buttons
        if not self.object.is_revoked:
            buttons.append(
                Button(
                    "Revoke",
                    url=reverse(_revoke_url_name(self), args=[self.object.pk]),
                    icon_name="cross",
                    priority=15,
                )
            )
        return buttons


class ConsumerKeyRevokeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Asks for confirmation, then revokes: the key stops working at its next request."""

    model = ConsumerKey
    permission_required = "change"
    template_name = "api/admin/consumer_key_revoke.html"
    page_title = "Revoke consumer key"
    header_icon = "key"
    index_url_name: str | None = None

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(ConsumerKey, pk=kwargs["pk"])

    def get_page_subtitle(self) -> str:
        return str(self.object)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["key"] = self.object
        context["index_url"] = reverse(self.index_url_name)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.user_has_permission_for_instance("change", self.object):
            raise PermissionDenied
        if not self.object.is_revoked:
            self.object.revoke()
            log(self.object, "equalcity.consumer_key.revoke", user=request.user)
            messages.success(request, f"Consumer key '{self.object}' revoked.")
        return redirect(reverse(self.index_url_name))


class ConsumerKeyViewSet(CityScopedViewSetMixin, SnippetViewSet):
    """Programme administrators manage every key; a city coordinator the keys that read their
    cities only (``ManyCitiesPermissionPolicy``): any other key is a 404."""

    city_policy_class = ManyCitiesPermissionPolicy

    model = ConsumerKey
    icon = "key"
    menu_label = "Consumer keys"
    menu_order = 900
    list_display = ["name", "kind", "key_prefix", "status", "last_used_at", "created_at"]
    list_filter = ["kind"]
    ordering = ["name"]
    copy_view_enabled = False
    index_view_class = ConsumerKeyIndexView
    add_view_class = ConsumerKeyCreateView
    edit_view_class = ConsumerKeyEditView
    edit_handler = ObjectList(
        [
            HelpPanel(
                content=(
                    "The key is shown once, right after you create it: copy it then. It "
                    "identifies the consumer (an app, a kiosk, a website), never the people "
                    "who use it."
                )
            ),
            FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
            MultiFieldPanel(
                [
                    FieldPanel("all_cities"),
                    FieldPanel("cities", widget=forms.CheckboxSelectMultiple),
                ],
                heading="Cities",
            ),
            MultiFieldPanel(
                [FieldPanel("all_locales"), FieldPanel("locales")], heading="Languages"
            ),
            FieldPanel("allowed_origins"),
            FieldPanel("requests_per_minute"),
            FieldRowPanel(
                [FieldPanel("kiosk_latitude"), FieldPanel("kiosk_longitude")],
                heading="Where the kiosk stands",
            ),
        ],
        base_form_class=ConsumerKeyForm,
    )

    def get_urlpatterns(self) -> list[Any]:
        revoke = path(
            "revoke/<int:pk>/",
            self.construct_view(ConsumerKeyRevokeView, index_url_name=self.get_url_name("list")),
            name="revoke",
        )
        return [*super().get_urlpatterns(), self._guarded(revoke)]
