"""Webhooks in the admin: subscriptions created with their secret shown once, edited,
their secret rotated; the delivery log, and a replay of any delivery.

Programme administrators manage every subscription; a city's coordinators those limited to
their cities (``ManyCitiesPermissionPolicy``, as for consumer keys): any other is a 404, and
so is its delivery log and a replay of it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BaseColumn, Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import Button
from wagtail.admin.widgets.button import HeaderButton, MenuItem
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

from cms.access.admin_scope import CityScopedViewSetMixin, CityScopeForm
from cms.access.policy import ManyCitiesPermissionPolicy
from cms.delivery.models import WebhookDelivery, WebhookSubscription
from cms.delivery.webhooks import replay

SHOWN_ONCE_TEMPLATE = "delivery/webhook_secret.html"


class WebhookSubscriptionForm(CityScopeForm):
    """A subscription's cities (``CityScopeForm``): a subscription needs a scope."""

    scoped_model = WebhookSubscription
    no_scope_message = "Tick 'every city' or choose the cities it hears about."


def secret_response(
    request: HttpRequest, viewset_view: Any, subscription: WebhookSubscription, secret: str
) -> HttpResponse:
    """The one page that shows a secret: never in a message (messages travel in a cookie or
    the session), never cached, never again afterwards."""
    response = TemplateResponse(
        request,
        SHOWN_ONCE_TEMPLATE,
        {
            "subscription": subscription,
            "secret": secret,
            "index_url": reverse(viewset_view.index_url_name),
            "edit_url": reverse(viewset_view.edit_url_name, args=[subscription.pk]),
            "page_title": "Webhook secret",
            "header_title": f"The secret of {subscription}",
            "header_icon": "key",
        },
    )
    response["Cache-Control"] = "no-store"
    return response


class WebhookCreateView(CreateView):
    """Creates the subscription and shows its secret once, in the response to the form."""

    # Always answer with the page that shows the secret, never with the JSON form of the view.
    expects_json_response = False

    def save_instance(self) -> WebhookSubscription:
        self.secret = self.form.instance.set_new_secret()
        return super().save_instance()

    def save_action(self) -> HttpResponse:
        return secret_response(self.request, self, self.object, self.secret)


def _url_name(view: Any, name: str) -> str:
    return view.index_url_name.rsplit(":", 1)[0] + ":" + name


class WebhookIndexView(IndexView):
    def get_list_more_buttons(self, instance: WebhookSubscription) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                "Deliveries",
                url=reverse(_url_name(self, "deliveries")) + f"?subscription={instance.pk}",
                icon_name="list-ul",
                priority=25,
            )
        )
        if self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    "Rotate secret",
                    url=reverse(_url_name(self, "rotate_secret"), args=[instance.pk]),
                    icon_name="key",
                    priority=30,
                )
            )
        return buttons

    @property
    def header_buttons(self) -> list[Any]:
        return [
            *super().header_buttons,
            HeaderButton(
                "Delivery log", url=reverse(_url_name(self, "deliveries")), icon_name="list-ul"
            ),
        ]


class WebhookEditView(EditView):
    @property
    def header_more_buttons(self) -> list[Any]:
        return [
            *super().header_more_buttons,
            Button(
                "Deliveries",
                url=reverse(_url_name(self, "deliveries")) + f"?subscription={self.object.pk}",
                icon_name="list-ul",
                priority=14,
            ),
            Button(
                "Rotate secret",
                url=reverse(_url_name(self, "rotate_secret"), args=[self.object.pk]),
                icon_name="key",
                priority=15,
            ),
        ]


class RotateSecretView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Asks for confirmation, then gives the endpoint a new secret and shows it once: the old
    one signs nothing from then on."""

    model = WebhookSubscription
    permission_required = "change"
    template_name = "delivery/webhook_rotate_secret.html"
    page_title = "Rotate the webhook's secret"
    header_icon = "key"
    index_url_name: str | None = None
    edit_url_name: str | None = None

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(WebhookSubscription, pk=kwargs["pk"])

    def get_page_subtitle(self) -> str:
        return str(self.object)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["subscription"] = self.object
        context["edit_url"] = reverse(self.edit_url_name, args=[self.object.pk])
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.user_has_permission_for_instance("change", self.object):
            raise PermissionDenied
        secret = self.object.set_new_secret()
        self.object.secret_rotated_at = timezone.now()
        self.object.save(update_fields=["secret_encrypted", "secret_rotated_at"])
        log(self.object, "equalcity.webhook.rotate_secret", user=request.user)
        return secret_response(request, self, self.object, secret)


class ReplayColumn(BaseColumn):
    """A POST form (with its CSRF token) that sends the delivery's message again."""

    cell_template_name = "delivery/webhook_replay_cell.html"

    def __init__(self, *args: Any, url_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.url_name = url_name

    def get_cell_context_data(self, instance: Any, parent_context: Any) -> dict[str, Any]:
        context = super().get_cell_context_data(instance, parent_context)
        context["replay_url"] = reverse(self.url_name, args=[instance.pk])
        # The table's own context holds no token: take the request's.
        context["csrf_token"] = get_token(parent_context["request"])
        return context


class LatencyColumn(Column):
    def get_value(self, instance: WebhookDelivery) -> str:
        return "" if instance.latency_ms is None else f"{instance.latency_ms} ms"


class DeliveryLogView(ReportView):
    """Every delivery of the subscriptions the user may see, newest first; one
    subscription's alone with ``?subscription=<id>``. No endpoint's answer is kept but its
    status code."""

    page_title = "Webhook deliveries"
    title = "Webhook deliveries"
    header_icon = "list-ul"
    paginate_by = 50
    permission_required = "view"
    viewset: Any = None
    replay_url_name = ""

    @property
    def permission_policy(self) -> Any:
        return self.viewset.city_policy

    @property
    def columns(self) -> list[BaseColumn]:
        columns: list[BaseColumn] = [
            DateColumn("created_at", label="Queued"),
            Column("event", label="Event"),
            Column("subscription", label="Webhook"),
            Column("get_status_display", label="Status"),
            Column("status_code", label="Answer"),
            Column("attempts", label="Attempts"),
            LatencyColumn("latency_ms", label="Latency"),
            Column("last_error", label="Last error"),
            Column("message_id", label="webhook-id"),
        ]
        if self.user_has_permission("change"):
            columns.append(ReplayColumn("replay", label="", url_name=self.replay_url_name))
        return columns

    def subscriptions(self) -> QuerySet:
        return self.viewset.get_queryset(self.request)

    def get_queryset(self) -> QuerySet:
        deliveries = WebhookDelivery.objects.filter(
            subscription__in=self.subscriptions().values("pk")
        ).select_related("subscription")
        chosen = self.request.GET.get("subscription", "")
        if chosen.isdigit():
            deliveries = deliveries.filter(subscription_id=int(chosen))
        return deliveries.order_by("-created_at", "-pk")


class ReplayView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """POST only: send a delivery's message again (same ``webhook-id`` and body, a new
    timestamp and signature), as a new line of the log."""

    model = WebhookSubscription
    permission_required = "change"
    http_method_names = ["post"]
    deliveries_url_name = ""
    viewset: Any = None

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        delivery = get_object_or_404(WebhookDelivery, pk=kwargs["delivery_id"])
        subscription = delivery.subscription
        if not self.viewset.get_queryset(request).filter(pk=subscription.pk).exists():
            raise Http404("No webhook delivery found.")
        if not self.user_has_permission_for_instance("change", subscription):
            raise PermissionDenied
        log_url = reverse(self.deliveries_url_name) + f"?subscription={subscription.pk}"
        if not subscription.is_active:
            messages.error(request, f"'{subscription}' is paused: make it active to replay.")
            return redirect(log_url)
        replay(delivery)
        log(subscription, "equalcity.webhook.replay", user=request.user)
        messages.success(request, f"Sent again to '{subscription}': see its newest line.")
        return redirect(log_url)


class WebhookSubscriptionViewSet(CityScopedViewSetMixin, SnippetViewSet):
    """Webhooks in the Equalcity menu (``ManyCitiesPermissionPolicy``: a coordinator's own
    city's only)."""

    city_policy_class = ManyCitiesPermissionPolicy

    model = WebhookSubscription
    icon = "link-external"
    menu_label = "Webhooks"
    menu_order = 910
    list_display = [
        "name",
        "url",
        Column("events", label="Events", accessor=lambda sub: ", ".join(sub.events)),
        "status",
        "created_at",
    ]
    list_filter = ["is_active"]
    ordering = ["name"]
    copy_view_enabled = False
    index_view_class = WebhookIndexView
    add_view_class = WebhookCreateView
    edit_view_class = WebhookEditView
    edit_handler = ObjectList(
        [
            HelpPanel(
                content=(
                    "The secret is shown once, right after you create the webhook: copy it then "
                    "for the app's developers, who check every request's signature with it. "
                    "Requests name what changed by kind and id, nothing more."
                )
            ),
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("events", widget=forms.CheckboxSelectMultiple),
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
            FieldPanel("is_active"),
        ],
        base_form_class=WebhookSubscriptionForm,
    )

    def get_urlpatterns(self) -> list[Any]:
        deliveries = self.get_url_name("deliveries")
        return [
            *super().get_urlpatterns(),
            self._guarded(
                path(
                    "rotate-secret/<int:pk>/",
                    self.construct_view(
                        RotateSecretView,
                        index_url_name=self.get_url_name("list"),
                        edit_url_name=self.get_url_name("edit"),
                    ),
                    name="rotate_secret",
                )
            ),
            path(
                "deliveries/",
                DeliveryLogView.as_view(
                    viewset=self,
                    index_url_name=deliveries,
                    index_results_url_name=self.get_url_name("deliveries_results"),
                    replay_url_name=self.get_url_name("replay"),
                ),
                name="deliveries",
            ),
            path(
                "deliveries/results/",
                DeliveryLogView.as_view(
                    viewset=self,
                    index_url_name=deliveries,
                    index_results_url_name=self.get_url_name("deliveries_results"),
                    replay_url_name=self.get_url_name("replay"),
                    results_only=True,
                ),
                name="deliveries_results",
            ),
            path(
                "deliveries/<int:delivery_id>/replay/",
                ReplayView.as_view(viewset=self, deliveries_url_name=deliveries),
                name="replay",
            ),
        ]
