from django.urls import path

from . import views

app_name = "delivery"

urlpatterns = [
    path("tasks/", views.BackgroundTasksView.as_view(), name="tasks"),
    path(
        "tasks/results/", views.BackgroundTasksView.as_view(results_only=True), name="tasks_results"
    ),
]
