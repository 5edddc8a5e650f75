"""Admin views: the review screen, the revision preview, the CSV exports, the panel snippets
and the dashboard panel.

Who sees what: panel members see the tasks of their own panels; editors see the reviews of the
content they can edit; both read members by pseudonym only. Identities (username, name) are
shown to, and exported for, users with ``panels.view_member_identities`` (administrators).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.panels import ObjectList, get_edit_handler
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page, RevisionMixin, TaskState, WorkflowState
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet
from wagtail.utils.decorators import xframe_options_sameorigin_override

from cms.core.workflows import content_object

from .forms import ExpertPanelForm, ReviewForm
from .models import (
    RATING_FIELDS,
    ExpertPanel,
    PanelMembership,
    PanelReview,
    PanelReviewTask,
    constituency_label,
)
from .reviewing import check_unchanged, quorum_progress

IDENTITY_PERMISSION = "panels.view_member_identities"


def can_see_identities(user) -> bool:
    return user.is_active and user.has_perm(IDENTITY_PERMISSION)


def user_can_edit(user, obj: models.Model) -> bool:
    return policy_registry.get(obj).user_has_permission_for_instance(user, "change", obj)


@dataclass
class ReviewAccess:
    """What a user may do with one panel review task state."""

    membership: PanelMembership | None
    is_editor: bool
    sees_identities: bool

    @property
    def can_view(self) -> bool:
        return self.membership is not None or self.is_editor or self.sees_identities


def review_access(user, task: PanelReviewTask, obj: models.Model) -> ReviewAccess:
    return ReviewAccess(
        membership=task.membership_for(user),
        is_editor=user_can_edit(user, obj),
        sees_identities=can_see_identities(user),
    )


class TaskStateMixin:
    """Loads the panel review task state named in the URL; refuses anyone without access."""

    request: HttpRequest
    kwargs: dict

    @cached_property
    def task_state(self) -> TaskState:
        return get_object_or_404(
            TaskState.objects.select_related("revision", "workflow_state"),
            pk=self.kwargs["task_state_id"],
        )

    @cached_property
    def task(self) -> PanelReviewTask:
        return get_object_or_404(
            PanelReviewTask.objects.select_related("panel"), pk=self.task_state.task_id
        )

    @cached_property
    def object(self) -> RevisionMixin:
        obj = content_object(self.task_state)
        if obj is None:
            raise Http404
        return obj

    @cached_property
    def access(self) -> ReviewAccess:
        return review_access(self.request.user, self.task, self.object)

    def check_access(self) -> None:
        if not self.access.can_view:
            raise PermissionDenied

    def object_reviews(self) -> models.QuerySet[PanelReview]:
        """Every review of the object, in every task state and revision."""
        return PanelReview.objects.filter(
            content_type=ContentType.objects.get_for_model(self.object),
            object_id=str(self.object.pk),
        )


def comparison(request: HttpRequest, live: RevisionMixin | None, reviewed: RevisionMixin) -> list:
    """The fields that differ between the live version and the revision under review, as
    Wagtail's revision comparison shows them (every filled-in field when nothing is live)."""
    model = type(reviewed)
    edit_handler = model.get_edit_handler() if issubclass(model, Page) else get_edit_handler(model)
    bound = edit_handler.get_bound_panel(instance=reviewed, request=request, form=None)
    base = live if live is not None else model()
    return [
        diff
        for diff in (comp(base, reviewed) for comp in bound.get_comparison())
        if diff.has_changed()
    ]


class ReviewView(TaskStateMixin, WagtailAdminTemplateMixin, TemplateView):
    """The revision under review, what changed since the live version, the panel's progress,
    the feedback given so far (under pseudonyms) and, for a member who hasn't reviewed yet,
    the review form."""

    template_name = "panels/review.html"
    header_icon = "clipboard-list"
    page_title = "Panel review"

    def dispatch(self, request, *args, **kwargs):
        self.check_access()
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.task_state.revision.object_str or str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    @cached_property
    def own_review(self) -> PanelReview | None:
        user = self.request.user
        if not user.is_authenticated:
            return None
        return PanelReview.objects.filter(task_state=self.task_state, user=user).first()

    @property
    def can_act(self) -> bool:
        return (
            self.access.membership is not None
            and self.task_state.status == TaskState.STATUS_IN_PROGRESS
            and self.own_review is None
        )

    def get_form(self, data=None) -> ReviewForm:
        return ReviewForm(
            data, initial={"revision_created_at": self.task_state.revision.created_at.isoformat()}
        )

    def post(self, request, *args, **kwargs):
        if not self.can_act:
            raise PermissionDenied
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                check_unchanged(self.task_state, form.cleaned_data["revision_created_at"])
            except ValidationError as error:
                messages.error(request, error.messages[0])
                return redirect(request.path)
            data = {name: form.cleaned_data.get(name) for name in (*RATING_FIELDS, "comment")}
            decision = form.cleaned_data["decision"]
            self.task.on_action(self.task_state, request.user, decision, **data)
            messages.success(request, "Your review is recorded under your pseudonym.")
            return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))

    def visible_reviews(self):
        reviews = self.object_reviews().select_related("revision", "task_state", "user")
        # A member reads the others' reviews once they have given theirs (or the step is
        # over), so that each review is their own.
        if self.can_act and not (self.access.is_editor or self.access.sees_identities):
            return reviews.none()
        return reviews.order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        reviewed = self.task_state.revision.as_object()
        live = obj.live_revision.as_object() if getattr(obj, "live_revision", None) else None
        progress = quorum_progress(self.task, self.task_state)
        context.update(
            {
                "task_state": self.task_state,
                "task": self.task,
                "panel": self.task.panel,
                "object": obj,
                "model_name": obj._meta.verbose_name,
                "revision": self.task_state.revision,
                "live": live,
                "comparison": comparison(self.request, live, reviewed),
                "progress": progress,
                "missing_labels": [constituency_label(c) for c in progress.missing_constituencies],
                "approving_labels": [
                    constituency_label(c) for c in progress.approving_constituencies
                ],
                "reviews": self.visible_reviews(),
                "own_review": self.own_review,
                "membership": self.access.membership,
                "sees_identities": self.access.sees_identities,
                "can_act": self.can_act,
                "form": kwargs.get("form") or (self.get_form() if self.can_act else None),
                "preview_url": reverse("panels:review_preview", args=[self.task_state.pk])
                if getattr(obj, "is_previewable", False)
                else "",
                "client_previews": getattr(obj, "client_preview_modes", ()),
                "feedback_export_url": reverse("panels:feedback_export", args=[self.task_state.pk]),
                "workflow_finished": self.task_state.workflow_state.status
                not in (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES),
            }
        )
        return context


@method_decorator(xframe_options_sameorigin_override, name="dispatch")
class ReviewPreviewView(TaskStateMixin, View):
    """The revision under review as readers would see it, for the review screen's frame."""

    def get(self, request, *args, **kwargs):
        self.check_access()
        obj = self.task_state.revision.as_object()
        if not getattr(obj, "is_previewable", False):
            raise Http404
        # ?mode= one of the object's preview modes (the kiosk, a widget); the default else.
        mode = request.GET.get("mode", "")
        if mode not in dict(obj.preview_modes):
            mode = obj.default_preview_mode
        return obj.make_preview_request(
            request, mode, extra_request_attrs={"revision_id": self.task_state.revision_id}
        )


# --- Panels in the snippet admin -------------------------------------------------------------


class ExpertPanelDeleteView(DeleteView):
    """A panel that a workflow task uses can't be deleted: its reviews would have no panel."""

    def dispatch(self, request, *args, **kwargs):
        panel = self.object
        if panel.review_tasks.exists():
            messages.error(
                request,
                f"'{panel}' is used by a workflow task. Give the task another panel first.",
            )
            return redirect(reverse(self.edit_url_name, args=[panel.pk]))
        return super().dispatch(request, *args, **kwargs)


class ExpertPanelViewSet(SnippetViewSet):
    model = ExpertPanel
    icon = "group"
    menu_label = "Expert panels"
    menu_order = 400
    list_display = ["name"]
    edit_handler = ObjectList(ExpertPanel.panels, base_form_class=ExpertPanelForm)
    delete_view_class = ExpertPanelDeleteView
    copy_view_enabled = False


# --- Dashboard -------------------------------------------------------------------------------


class OtherTasksToModeratePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review" without the panel reviews, which ``PanelReviewsPanel``
    lists (each waiting review once, on the dashboard)."""

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        context["states"] = [
            state
            for state in context["states"]
            if not isinstance(state["task_state"].task.specific, PanelReviewTask)
        ]
        return context


class PanelReviewsPanel(Component):
    """Dashboard: the reviews waiting for this member, and this editor's content under review."""

    name = "panel_reviews"
    template_name = "panels/dashboard_panel.html"
    order = 80
    limit = 20

    def __init__(self, request: HttpRequest):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        panel_tasks = PanelReviewTask.objects.filter(panel__memberships__user=user)
        waiting = (
            TaskState.objects.filter(
                task__in=panel_tasks.values("pk"), status=TaskState.STATUS_IN_PROGRESS
            )
            .exclude(panel_reviews__user=user)
            .select_related("revision", "task")
            .order_by("-started_at")[: self.limit]
        )
        submitted = (
            WorkflowState.objects.filter(
                requested_by=user,
                status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
                current_task_state__task__in=PanelReviewTask.objects.values("pk"),
            )
            .select_related("current_task_state__revision", "current_task_state__task")
            .order_by("-created_at")[: self.limit]
        )
        return {"waiting": list(waiting), "submitted": list(submitted)}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["waiting"] and not context["submitted"]:
            return ""
        return render_to_string(self.template_name, context, request=self.request)
