from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from cms.core.hooks import EQUALCITY_MENU_HOOK

from . import gate, urls
from .models import PanelReview, constituency_label
from .views import (
    ExpertPanelViewSet,
    OtherTasksToModeratePanel,
    PanelReviewsPanel,
    WorkflowObjectsToModeratePanel,
    can_see_identities,
)


@hooks.register(EQUALCITY_MENU_HOOK)
def equalcity_menu_items():
    return [ExpertPanelViewSet]


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
    # A panel member's waiting reviews are listed once, in the panel's own list (its review
    # screen): Wagtail's "Awaiting your review" keeps every other task.
    panels[:] = [
        OtherTasksToModeratePanel() if panel.name == WorkflowObjectsToModeratePanel.name else panel
        for panel in panels
    ]


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

    @actions.register_action("panels.schedule_withheld")
    class ScheduleWithheldFormatter(LogFormatter):
        label = "Scheduled publishing withheld"
        message = (
            "Not published at its scheduled time: the panel had not approved this version. "
            "It stays a draft."
        )

    @actions.register_action("panels.verified")
    class VerifiedFormatter(LogFormatter):
        label = "Verified by the panel"

        def format_message(self, log_entry):
            return f"Verified on {log_entry.data.get('verified_on')} by the panel"


# --- The panel gate in the admin -------------------------------------------------------------
# ``gate`` refuses an unapproved publication whatever the path; these hooks say so to the
# person before it comes to that, with the draft they just saved kept.


def _refuse(request, obj, reason: str):
    messages.error(request, reason)
    return redirect(AdminURLFinder(request.user).get_edit_url(obj) or reverse("wagtailadmin_home"))


@hooks.register("before_publish_page")
def refuse_unapproved_page(request, page):
    reason = gate.refusal(page, page.get_latest_revision())
    if reason is not None:
        return _refuse(request, page, reason)
    return None


@hooks.register("before_publish")
def refuse_unapproved_snippet(request, obj):
    reason = gate.refusal(obj, obj.get_latest_revision())
    if reason is not None:
        return _refuse(request, obj, reason)
    return None


def _drop_publish(menu_items) -> None:
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def _without_publish(menu_items, obj) -> None:
    """No Publish for governed content whose latest revision (none yet for a new object, or
    for a snippet without revisions) lacks its panel's quorum."""
    latest = getattr(obj, "get_latest_revision", None)
    revision = latest() if latest is not None and obj.pk else None
    if gate.refusal(obj, revision) is not None:
        _drop_publish(menu_items)


@hooks.register("construct_page_action_menu")
def hide_publish_for_unapproved_page(menu_items, request, context):
    page = context.get("page")
    if page is None or page.pk is None:
        # A new page: it is governed when its parent's workflow is.
        parent = context.get("parent_page")
        if parent is not None and gate.is_governed(parent.specific):
            _drop_publish(menu_items)
        return
    _without_publish(menu_items, page.specific)


@hooks.register("construct_snippet_action_menu")
def hide_publish_for_unapproved_snippet(menu_items, request, context):
    obj = context.get("instance")
    if obj is not None:
        _without_publish(menu_items, obj)


@hooks.register("before_bulk_action")
def refuse_unapproved_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    candidates = []
    for obj in objects:
        obj = obj.specific if isinstance(obj, Page) else obj
        candidates.append(obj)
        if isinstance(obj, Page) and request.POST.get("include_descendants"):
            candidates += [page.specific for page in obj.get_descendants().not_live()]
    for obj in candidates:
        reason = gate.refusal(obj, obj.get_latest_revision())
        if reason is not None:
            messages.error(request, reason)
            return redirect(action_class_instance.next_url)
    return None


@hooks.register("before_copy_page")
def refuse_unapproved_live_copy(request, page):
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    destination = Page.objects.filter(pk=request.POST.get("new_parent_page") or 0).first()
    if destination is None:
        return None
    reason = gate.copy_refusal(page, destination, recursive=bool(request.POST.get("copy_subpages")))
    if reason is not None:
        messages.error(request, reason)
        return redirect(reverse("wagtailadmin_pages:copy", args=[page.pk]))
    return None
