from typing import Any

from django.http import HttpRequest
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from .admin_scope import check_bulk_objects
from .views import confidential_access_viewset


@hooks.register("register_admin_viewset")
def register_confidential_access_log() -> Any:
    return confidential_access_viewset


@hooks.register("register_reports_menu_item")
def confidential_access_log_menu_item() -> AdminOnlyMenuItem:
    return AdminOnlyMenuItem(
        "Confidential locations shown",
        confidential_access_viewset.menu_url,
        icon_name="view",
        order=900,
    )


@hooks.register("before_bulk_action")
def objects_of_other_cities_are_not_found(
    request: HttpRequest, action_type: str, objects: list[Any], action: Any
) -> None:
    check_bulk_objects(request, getattr(action, "model", None), objects)
