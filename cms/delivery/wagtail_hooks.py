from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem as PageActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.snippets.action_menu import ActionMenuItem as SnippetActionMenuItem

from . import urls
from .takedown_views import SNIPPETS
from .takedowns import can_take_down


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


@hooks.register("register_permissions")
def register_takedown_permission():
    return Permission.objects.filter(content_type__app_label="delivery", codename="take_down")


class PageTakedownMenuItem(PageActionMenuItem):
    label = "Take down now"
    name = "action-take-down"
    icon_name = "warning"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and page is not None
            and can_take_down(context["request"].user, page.specific_deferred)
        )

    def get_url(self, context):
        return reverse("delivery:take_down", args=["page", context["page"].pk])


class SnippetTakedownMenuItem(SnippetActionMenuItem):
    label = "Take down now"
    name = "action-take-down"
    icon_name = "warning"

    def is_shown(self, context):
        instance = context.get("instance")
        return (
            context["view"] == "edit"
            and instance is not None
            and can_take_down(context["request"].user, instance)
        )

    def get_url(self, context):
        instance = context["instance"]
        return reverse("delivery:take_down", args=[instance._meta.label_lower, instance.pk])


@hooks.register("register_page_action_menu_item")
def register_page_takedown():
    return PageTakedownMenuItem(order=25)


@hooks.register("register_snippet_action_menu_item")
def register_snippet_takedown(model):
    if model._meta.label_lower in SNIPPETS:
        return SnippetTakedownMenuItem(order=25)
    return None
