from django.urls import path

from . import takedown_views, views

app_name = "delivery"

urlpatterns = [
    path("take-down/<str:kind>/<str:pk>/", takedown_views.TakedownView.as_view(), name="take_down"),
    path("takedowns/", takedown_views.TakedownReportView.as_view(), name="takedowns"),
    path(
        "takedowns/results/",
        takedown_views.TakedownReportView.as_view(results_only=True),
        name="takedowns_results",
    ),
    path("tasks/", views.BackgroundTasksView.as_view(), name="tasks"),
    path(
        "tasks/results/", views.BackgroundTasksView.as_view(results_only=True), name="tasks_results"
    ),
]
