"""Wagtail's reports, limited to the user's cities.

Wagtail filters the site history and the workflow reports by kind of object: whoever may edit
one city's listings would read the names and actions of every city's. These views leave out
the entries about an object of a city-scoped model (``admin_scope.SCOPED_VIEWSETS``) that is
outside the user's cities, deleted objects of those models included. They answer at Wagtail's
own report URLs (``report_urls``, included before the admin's).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.base import ReportView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView

from .admin_scope import READ, SCOPED_VIEWSETS
from .scope import EVERY_CITY, any_scope


def out_of_scope(user: Any, prefix: str = "") -> Q:
    """Entries (``content_type``, ``object_id``; ``prefix`` for a relation) that name an object
    of a city-scoped model outside ``user``'s cities. An empty ``Q`` names nothing."""
    hidden = Q()
    for model, viewset in SCOPED_VIEWSETS.items():
        cities = any_scope(user, model, READ)
        if cities is EVERY_CITY:
            continue
        # The policy knows how the model's objects belong to cities.
        visible = viewset.city_policy.restrict(model._default_manager.all(), cities).values_list(
            Cast("pk", output_field=CharField()), flat=True
        )
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        hidden |= Q(**{f"{prefix}content_type": content_type}) & ~Q(
            **{f"{prefix}object_id__in": visible}
        )
    return hidden


def visible_only(queryset: QuerySet, user: Any, prefix: str = "") -> QuerySet:
    hidden = out_of_scope(user, prefix)
    return queryset.exclude(hidden) if hidden else queryset


class CityScopedLogEntriesView(LogEntriesView):
    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        # Page log entries have no object_id column: pages are not limited by city.
        if any(field.name == "object_id" for field in queryset.model._meta.concrete_fields):
            queryset = visible_only(queryset, self.request.user)
        return queryset


class CityScopedWorkflowView(WorkflowView):
    def get_queryset(self) -> QuerySet:
        return visible_only(super().get_queryset(), self.request.user)


class CityScopedWorkflowTasksView(WorkflowTasksView):
    def get_queryset(self) -> QuerySet:
        return visible_only(super().get_queryset(), self.request.user, "workflow_state__")


def _report(route: str, name: str, view: type[ReportView]) -> list[Any]:
    return [
        path(
            f"admin/reports/{route}/",
            never_cache(require_admin_access(view.as_view())),
            name=f"city_scoped_{name}",
        ),
        path(
            f"admin/reports/{route}/results/",
            never_cache(require_admin_access(view.as_view(results_only=True))),
            name=f"city_scoped_{name}_results",
        ),
    ]


# Wagtail reverses its own names to these paths; these views answer them, behind the admin's
# own login check (these URLs are outside the admin's include, which adds it to its own).
report_urls = [
    *_report("site-history", "site_history", CityScopedLogEntriesView),
    *_report("workflow", "workflow", CityScopedWorkflowView),
    *_report("workflow_tasks", "workflow_tasks", CityScopedWorkflowTasksView),
]
