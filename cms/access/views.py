"""The log of confidential locations shown, for programme administrators: read and export."""

from __future__ import annotations

from typing import Any

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .filters import city_filter
from .models import ConfidentialAccess


class AdministratorsReadOnly(ModelPermissionPolicy):
    """Only superusers (programme administrators), and only to read: nobody edits the log."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return bool(user.is_active and user.is_superuser and action == "view")

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class ConfidentialAccessFilterSet(WagtailFilterSet):
    city = city_filter(ConfidentialAccess)

    class Meta:
        model = ConfidentialAccess
        fields = ["city", "screen"]


class ConfidentialAccessViewSet(ModelViewSet):
    model = ConfidentialAccess
    icon = "view"
    menu_label = "Confidential locations shown"
    add_to_admin_menu = False
    list_display = ["shown_at", "user", "safe_space", "city", "screen"]
    list_export = ["shown_at", "user", "safe_space", "city", "screen"]
    filterset_class = ConfidentialAccessFilterSet
    export_filename = "confidential-locations-shown"
    ordering = ["-shown_at", "-pk"]
    inspect_view_enabled = False
    copy_view_enabled = False
    # Nobody may add or edit an entry (the policy); a form is still declared, as viewsets must.
    form_fields = ["screen"]

    def get_queryset(self, request: Any) -> Any:
        return ConfidentialAccess.objects.select_related("user", "safe_space", "city")


register_permission_policy(ConfidentialAccess, AdministratorsReadOnly(ConfidentialAccess))
confidential_access_viewset = ConfidentialAccessViewSet("confidential_access")
