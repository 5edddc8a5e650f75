"""Admin listing and editing of safe spaces, helplines and the service categories."""

import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.snippets.views.snippets import RevisionsCompareView, SnippetViewSet

from cms.access.admin_scope import READ, CityScopedViewSetMixin
from cms.access.filters import city_filter
from cms.access.scope import any_scope, restrict

from .admin_access import is_confidential, record_shown, withheld_for
from .models import (
    VERIFICATION_DUE_WITHIN,
    Helpline,
    SafeSpace,
    SafeSpaceQuerySet,
    ServiceCategory,
)


class SafeSpaceFilterSet(WagtailFilterSet):
    VERIFICATION_CHOICES = [
        ("overdue", "Overdue"),
        ("due_soon", "Due within 30 days"),
        ("never", "Never verified"),
    ]

    city = city_filter(SafeSpace)
    categories = django_filters.ModelChoiceFilter(
        label="Category", queryset=ServiceCategory.objects.all()
    )
    status = django_filters.ChoiceFilter(choices=SafeSpace.Status.choices)
    confidential_location = django_filters.BooleanFilter(
        label="Confidential location", widget=forms.NullBooleanSelect
    )
    verification = django_filters.ChoiceFilter(
        label="Verification", choices=VERIFICATION_CHOICES, method="filter_verification"
    )

    class Meta:
        model = SafeSpace
        fields = ["city", "categories", "status", "confidential_location", "verification"]

    def filter_verification(
        self, queryset: SafeSpaceQuerySet, name: str, value: str
    ) -> QuerySet[SafeSpace]:
        today = datetime.date.today()
        if value == "overdue":
            return queryset.verification_overdue(today)
        if value == "due_soon":
            return queryset.verification_due_soon(today)
        if value == "never":
            return queryset.filter(verified_on__isnull=True)
        return queryset


class SafeSpaceCompareView(RevisionsCompareView):
    """Comparing revisions of a confidential listing shows its location to who may see it
    (the panels withhold it from everyone else): that is recorded."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if is_confidential(self.object) and not withheld_for(self.request.user, self.object):
            record_shown(self.request.user, self.object, "compare")
        return context


class SafeSpaceViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = SafeSpace
    icon = "home"
    menu_label = "Safe spaces"
    menu_order = 100
    list_display = ["name", "city", "status", "verify_by", "live"]
    list_export = ["name", "operated_by", "city", "status", "verified_on", "verify_by"]
    filterset_class = SafeSpaceFilterSet
    # No search_fields: the search box uses the model's own autocomplete fields. Naming
    # fields here makes the SQLite search backend look for FTS columns that don't exist.
    ordering = ["name"]
    copy_view_enabled = False
    revisions_compare_view_class = SafeSpaceCompareView

    def get_queryset(self, request):
        # The user's cities (CityScopedViewSetMixin), with what the listing shows.
        return super().get_queryset(request).select_related("city", "locale", "latest_revision")


class HelplineFilterSet(WagtailFilterSet):
    city = city_filter(Helpline)

    class Meta:
        model = Helpline
        fields = ["scope", "country", "city", "available_24_7"]


class HelplineViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = Helpline
    icon = "mobile-alt"
    menu_label = "Helplines"
    menu_order = 110
    list_display = ["name", "number", "scope", "city", "live"]
    filterset_class = HelplineFilterSet


class ServiceCategoryViewSet(SnippetViewSet):
    model = ServiceCategory
    icon = "tag"
    menu_label = "Service categories"
    menu_order = 300
    list_display = ["name", "code"]


class VerificationDuePanel(Component):
    """Dashboard panel: safe spaces whose verification is overdue or due within 30 days."""

    name = "safe_space_verification"
    template_name = "safe_spaces/verification_due_panel.html"
    order = 90
    limit = 20

    def __init__(self, user: Any) -> None:
        self.user = user

    def get_context_data(self, parent_context=None):
        today = datetime.date.today()
        attention = restrict(
            SafeSpace.objects.verification_attention(today), any_scope(self.user, SafeSpace, READ)
        )
        attention = (
            attention.exclude(status=SafeSpace.Status.INACTIVE)
            .select_related("city")
            .order_by("verify_by", "name")
        )
        spaces = list(attention[: self.limit])
        return {
            "today": today,
            "due_within_days": VERIFICATION_DUE_WITHIN.days,
            "safe_spaces": spaces,
            "total": attention.count() if len(spaces) == self.limit else len(spaces),
        }
