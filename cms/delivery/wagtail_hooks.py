from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls


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
