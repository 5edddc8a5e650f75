from typing import Any

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem as PageActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.snippets.action_menu import ActionMenuItem as SnippetActionMenuItem

from cms.core.hooks import EQUALCITY_MENU_HOOK

from . import urls
from .takedown_views import SNIPPETS
from .takedowns import can_take_down
from .webhook_views import WebhookSubscriptionViewSet


@hooks.register("register_admin_urls")
def register_delivery_urls():
    return [path("delivery/", include(urls, namespace="delivery"))]


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_reports_menu_item")
def register_background_tasks_menu_item():
    return AdministratorsMenuItem(
        "Background tasks", reverse("delivery:tasks"), icon_name="cogs", order=950
    )


@hooks.register("register_reports_menu_item")
def register_takedowns_menu_item():
    return AdministratorsMenuItem(
        "Takedowns", reverse("delivery:takedowns"), icon_name="warning", order=960
    )


@hooks.register(EQUALCITY_MENU_HOOK)
def equalcity_menu_items():
    return [WebhookSubscriptionViewSet]


@hooks.register("register_log_actions")
def register_webhook_actions(actions):
    actions.register_action(
        "equalcity.webhook.rotate_secret", "Rotate webhook secret", "Webhook secret rotated"
    )
    actions.register_action(
        "equalcity.webhook.replay", "Replay webhook delivery", "Webhook delivery replayed"
    )


@hooks.register("register_permissions")
def register_takedown_permission():
    return Permission.objects.filter(content_type__app_label="delivery", codename="take_down")


class TakedownMenuItemMixin:
    """ "Take down now" beside Unpublish, on the edit screen of what the user may take down;
    ``target`` is the object the menu's context holds."""

    label = "Take down now"
    name = "action-take-down"
    icon_name = "warning"

    def target(self, context: dict) -> Any:
        raise NotImplementedError

    def is_shown(self, context: dict) -> bool:
        obj = self.target(context)
        return (
            context["view"] == "edit"
            and obj is not None
            and can_take_down(context["request"].user, obj)
        )

    def get_url(self, context: dict) -> str:
        obj = self.target(context)
        kind = "page" if isinstance(obj, Page) else obj._meta.label_lower
        return reverse("delivery:take_down", args=[kind, obj.pk])


class PageTakedownMenuItem(TakedownMenuItemMixin, PageActionMenuItem):
    def target(self, context: dict) -> Any:
        page = context.get("page")
        return page.specific_deferred if page is not None else None


class SnippetTakedownMenuItem(TakedownMenuItemMixin, SnippetActionMenuItem):
    def target(self, context: dict) -> Any:
        return context.get("instance")


@hooks.register("register_page_action_menu_item")
def register_page_takedown():
    return PageTakedownMenuItem(order=25)


@hooks.register("register_snippet_action_menu_item")
def register_snippet_takedown(model):
    if model._meta.label_lower in SNIPPETS:
        return SnippetTakedownMenuItem(order=25)
    return None
