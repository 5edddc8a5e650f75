from django.urls import path

from . import views

app_name = "translation"

urlpatterns = [
    path("report/", views.TranslationStatusReportView.as_view(), name="report"),
    path(
        "report/results/",
        views.TranslationStatusReportView.as_view(results_only=True),
        name="report_results",
    ),
]
