from django.urls import path

from . import exports, views

app_name = "panels"

urlpatterns = [
    path("reviews/<int:task_state_id>/", views.ReviewView.as_view(), name="review"),
    path(
        "reviews/<int:task_state_id>/preview/",
        views.ReviewPreviewView.as_view(),
        name="review_preview",
    ),
    path(
        "reviews/<int:task_state_id>/feedback.csv",
        exports.FeedbackExportView.as_view(),
        name="feedback_export",
    ),
    path("audit-trail.csv", exports.AuditExportView.as_view(), name="audit_export"),
]
