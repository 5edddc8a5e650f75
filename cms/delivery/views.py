"""Reports → Background tasks: the task queue as administrators see it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView


def uses_database_queue() -> bool:
    return settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db.")


class TaskColumn(Column):
    """The task's name, without its module path."""

    def get_value(self, instance: DBTaskResult) -> str:
        return instance.task_path.rsplit(".", 1)[-1]


class AttemptColumn(Column):
    def get_value(self, instance: DBTaskResult) -> int:
        return int((instance.args_kwargs or {}).get("kwargs", {}).get("attempt", 1))


class ErrorColumn(Column):
    """The exception's class and the traceback's last line: what an administrator needs to
    tell a timeout from a bug. Task arguments hold ids and codes only, never personal data."""

    def get_value(self, instance: DBTaskResult) -> str:
        if not instance.exception_class_path:
            return ""
        lines = [line for line in (instance.traceback or "").splitlines() if line.strip()]
        return lines[-1] if lines else instance.exception_class_path


class AdministratorsOnlyMixin:
    """A report only programme administrators (superusers) open."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class BackgroundTasksView(AdministratorsOnlyMixin, ReportView):
    """Every queued, running, finished and failed task, newest first; failed ones can be
    listed alone (``?status=FAILED``). Administrators only."""

    page_title = "Background tasks"
    title = "Background tasks"
    header_icon = "cogs"
    index_url_name = "delivery:tasks"
    index_results_url_name = "delivery:tasks_results"
    paginate_by = 50
    template_name = "delivery/background_tasks.html"

    @property
    def columns(self) -> list[Column]:
        return [
            TaskColumn("task", label="Task"),
            Column("status", label="Status"),
            AttemptColumn("attempt", label="Attempt"),
            DateColumn("enqueued_at", label="Queued"),
            DateColumn("run_after", label="Runs after"),
            DateColumn("finished_at", label="Finished"),
            ErrorColumn("error", label="Error"),
        ]

    def get_queryset(self) -> Any:
        tasks = DBTaskResult.objects.order_by("-enqueued_at")
        status = self.request.GET.get("status", "")
        if status in TaskResultStatus.values:
            tasks = tasks.filter(status=status)
        return tasks

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["uses_database_queue"] = uses_database_queue()
        context["failed"] = DBTaskResult.objects.failed().count()
        return context
