from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from . import urls
from .models import PanelReview, constituency_label
from .views import PanelReviewsPanel, can_see_identities


@hooks.register("register_admin_urls")
def register_panel_urls():
    return [path("panels/", include(urls, namespace="panels"))]


class AuditExportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_identities(request.user)


@hooks.register("register_reports_menu_item")
def register_audit_export_menu_item():
    return AuditExportMenuItem(
        "Panel audit trail (CSV)",
        reverse("panels:audit_export"),
        icon_name="download",
        order=900,
    )


@hooks.register("construct_homepage_panels")
def add_panel_reviews_panel(request, panels):
    panels.append(PanelReviewsPanel(request))


@hooks.register("register_log_actions")
def register_panel_log_actions(actions):
    @actions.register_action("panels.review")
    class ReviewFormatter(LogFormatter):
        label = "Panel review"

        def format_message(self, log_entry):
            data = log_entry.data
            decision = dict(PanelReview.Decision.choices).get(data.get("decision"), "")
            return (
                f"{data.get('pseudonym')} ({constituency_label(data.get('constituency', ''))}, "
                f"{data.get('panel')}): {str(decision).lower()}"
            )

    @actions.register_action("panels.review_restarted")
    class RestartFormatter(LogFormatter):
        label = "Panel review restarted"
        message = "The content changed after reviews: the panel reviews the new revision"

    @actions.register_action("panels.verified")
    class VerifiedFormatter(LogFormatter):
        label = "Verified by the panel"

        def format_message(self, log_entry):
            return f"Verified on {log_entry.data.get('verified_on')} by the panel"
