from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem, MenuItem

from .admin_scope import check_bulk_objects
from .invitation_views import invite_view
from .invitations import INVITE_EDITORS
from .people import REMOVED
from .people_views import people_view, remove_view
from .views import confidential_access_viewset


@hooks.register("register_admin_viewset")
def register_confidential_access_log() -> Any:
    return confidential_access_viewset


@hooks.register("register_admin_urls")
def invitation_urls() -> list[Any]:
    return [
        path("invitations/new/", invite_view, name="access_invite_coordinator"),
        path("city-people/", people_view, name="access_city_people"),
        path(
            "city-people/<str:binding_pk>/remove/",
            remove_view,
            name="access_remove_from_role",
        ),
    ]


class InviteMenuItem(MenuItem):
    """Shown to programme administrators and to city coordinators (who invite and remove
    editors)."""

    def is_shown(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser or request.user.has_perm(INVITE_EDITORS))


@hooks.register("register_settings_menu_item")
def invite_menu_item() -> MenuItem:
    return InviteMenuItem(
        "Invite a city's people", reverse("access_invite_coordinator"), icon_name="user", order=650
    )


@hooks.register("register_settings_menu_item")
def people_menu_item() -> MenuItem:
    return InviteMenuItem(
        "Your cities' people", reverse("access_city_people"), icon_name="group", order=660
    )


@hooks.register("register_log_actions")
def register_city_role_actions(actions: Any) -> None:
    actions.register_action(REMOVED, "Remove from a city role", "Removed from a city role")


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
