"""The panel review workflow task: a revision goes on when a quorum of the panel approves it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from .panels import ConstituenciesField, ExpertPanel, PanelMembership, constituency_label
from .reviews import RATING_FIELDS, PanelReview


class PanelReviewTask(Task):
    """A workflow step in which an expert panel reviews a revision, member by member.

    Each member approves, requests changes or abstains (a conflict of interest: it counts
    neither way). The step is approved when the quorum rule is met; one request for changes
    sends the object back to its editor with every member's feedback, under pseudonyms.
    """

    ACTIONS = {
        "approve": "Approve",
        "request_changes": "Request changes",
        "abstain": "Abstain (conflict of interest)",
    }

    panel = models.ForeignKey(
        ExpertPanel,
        on_delete=models.PROTECT,
        related_name="review_tasks",
        help_text="The panel whose members review content at this step.",
    )
    min_approvals = models.PositiveSmallIntegerField(
        "minimum approvals",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="How many members must approve the same revision.",
    )
    required_constituencies = ConstituenciesField(
        help_text=(
            "At least one of the approvals must come from each constituency ticked here, "
            "e.g. a survivor and an academic."
        )
    )
    sets_verified_on = models.BooleanField(
        "sets the verified-on date",
        default=False,
        help_text=(
            "For safe-space verification: on approval, the listing's verified-on date becomes "
            "today (in its city's time zone) and an overdue verify-by date moves on."
        ),
    )

    admin_form_fields = [
        *Task.admin_form_fields,
        "panel",
        "min_approvals",
        "required_constituencies",
        "sets_verified_on",
    ]

    class Meta:
        verbose_name = "panel review task"

    def clean(self) -> None:
        super().clean()
        required = self.required_constituencies or []
        if isinstance(required, list) and self.min_approvals and len(required) > self.min_approvals:
            raise ValidationError(
                {
                    "min_approvals": (
                        "The minimum number of approvals can't be below the number of "
                        "constituencies that must approve."
                    )
                }
            )
        if not self.panel_id:
            return
        memberships = PanelMembership.objects.filter(panel_id=self.panel_id)
        if self.min_approvals and memberships.count() < self.min_approvals:
            raise ValidationError(
                {
                    "min_approvals": (
                        f"The panel has {memberships.count()} member(s): it could never reach "
                        f"{self.min_approvals} approvals."
                    )
                }
            )
        present = set(memberships.values_list("constituency", flat=True))
        missing = [code for code in required if code not in present]
        if missing:
            raise ValidationError(
                {
                    "required_constituencies": (
                        "The panel has no member from: "
                        + ", ".join(constituency_label(code) for code in missing)
                        + "."
                    )
                }
            )

    @classmethod
    def get_description(cls):
        return _(
            "Members of an expert panel review individually; the step is approved when the "
            "panel's quorum is met."
        )

    def quorum_description(self) -> str:
        text = f"{self.min_approvals} approval{'s' if self.min_approvals != 1 else ''}"
        if self.required_constituencies:
            labels = [constituency_label(code).lower() for code in self.required_constituencies]
            text += ", including " + " and ".join(f"one {label}" for label in labels)
        return text

    # --- who may do what ------------------------------------------------------------------

    def membership_for(self, user) -> PanelMembership | None:
        """The user's seat on this task's panel, or None (cached on the user per request)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        cache = getattr(user, "_panel_memberships", None)
        if cache is None:
            cache = {}
            user._panel_memberships = cache
        if self.panel_id not in cache:
            cache[self.panel_id] = PanelMembership.objects.filter(
                panel_id=self.panel_id, user=user
            ).first()
        return cache[self.panel_id]

    def get_actions(self, obj, user):
        if self.membership_for(user) is None:
            return []
        task_state = obj.current_workflow_task_state
        if (
            task_state is None
            or task_state.task_id != self.pk
            or PanelReview.objects.filter(task_state=task_state, user=user).exists()
        ):
            return []
        return [(name, label, True) for name, label in self.ACTIONS.items()]

    def get_form_for_action(self, action):
        from ..forms import review_form_for_action

        return review_form_for_action(action) or super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action in self.ACTIONS:
            return "panels/review_action_modal.html"
        return super().get_template_for_action(action)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self.membership_for(user) is None:
            return TaskState.objects.none()
        return TaskState.objects.filter(task=self, status=TaskState.STATUS_IN_PROGRESS).exclude(
            panel_reviews__user=user
        )

    def user_can_access_editor(self, obj, user):
        # Members review on the review screen; the editor would show them editors' and
        # commenters' names, and let them change what they are reviewing.
        return False

    def locked_for_user(self, obj, user):
        # Editors may keep editing: an edit restarts the review of the new revision.
        return False

    def on_action(self, task_state, user, action_name, **kwargs):
        """Record one member's review; the step completes only when the quorum rule says so."""
        from ..reviewing import record_review

        if action_name not in self.ACTIONS:
            raise PermissionDenied
        record_review(
            self,
            task_state,
            user,
            decision=action_name,
            ratings={name: kwargs.get(name) for name in RATING_FIELDS},
            comment=kwargs.get("comment", "") or "",
        )
        return reverse("panels:review", args=[task_state.pk])
