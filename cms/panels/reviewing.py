"""What happens when a member reviews, when the quorum is met and when content changes under
review. The workflow task (``models.PanelReviewTask``) and the review screen both come here.

Wagtail records who finished a task state, who published, and who acted in its log entries,
and shows all of that to editors. A panel's decision is the panel's, not one member's: the
task state is approved or rejected, and the revision published, as the system (no user), and
each member's review is kept in :class:`PanelReview` and logged under the member's pseudonym.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Revision, RevisionMixin, TaskState, WorkflowState

from cms.core.workflows import as_the_system, content_object

from .models import (
    RATING_FIELDS,
    Constituency,
    PanelReview,
    PanelReviewTask,
    constituency_label,
)

# --- The quorum rule -------------------------------------------------------------------------


@dataclass(frozen=True)
class QuorumProgress:
    approvals: int
    required: int
    approving_constituencies: tuple[str, ...]
    missing_constituencies: tuple[str, ...]
    abstentions: int

    @property
    def met(self) -> bool:
        return self.approvals >= self.required and not self.missing_constituencies

    def describe(self) -> str:
        text = f"{self.approvals} of {self.required} approvals"
        if self.missing_constituencies:
            labels = ", ".join(constituency_label(c).lower() for c in self.missing_constituencies)
            text += f"; still needed: an approval from {labels}"
        return text


def quorum_progress(task: PanelReviewTask, task_state: TaskState) -> QuorumProgress:
    decisions = list(
        PanelReview.objects.filter(task_state=task_state).values_list("decision", "constituency")
    )
    approving = {c for d, c in decisions if d == PanelReview.Decision.APPROVE}
    required = list(task.required_constituencies or [])
    return QuorumProgress(
        approvals=sum(1 for d, _ in decisions if d == PanelReview.Decision.APPROVE),
        required=task.min_approvals,
        approving_constituencies=tuple(c for c in Constituency.values if c in approving),
        missing_constituencies=tuple(c for c in required if c not in approving),
        abstentions=sum(1 for d, _ in decisions if d == PanelReview.Decision.ABSTAIN),
    )


def feedback_text(task_state: TaskState) -> str:
    """Every review of the task state, one line each, under pseudonyms."""
    reviews = PanelReview.objects.filter(task_state=task_state).order_by("created_at", "pk")
    return "\n".join(review.summary() for review in reviews)


# --- Recording a review ----------------------------------------------------------------------


@transaction.atomic
def record_review(
    task: PanelReviewTask,
    task_state: TaskState,
    user,
    *,
    decision: str,
    ratings: dict[str, int | None],
    comment: str = "",
    verified_on: datetime.date | None = None,
) -> PanelReview:
    """Record ``user``'s review of the revision under review, then apply the panel's rule.

    ``verified_on``: the date a verification approval stamps (today in the listing's city
    when None); the demo gives the listing's own date, so that seeding stays deterministic.

    Refused (PermissionDenied, nothing recorded) when the user has no seat on the task's
    panel, has already reviewed this task state, the task state is finished, or the content
    changed since the task state started.
    """
    # One review at a time per task state: two members completing the quorum at once must
    # not both miss (or both apply) the decision.
    task_state = (
        TaskState.objects.select_for_update()
        .select_related("revision", "workflow_state")
        .get(pk=task_state.pk)
    )
    if task_state.task_id != task.pk or task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise PermissionDenied("This review is closed.")
    membership = task.membership_for(user)
    if membership is None:
        raise PermissionDenied("Only members of the panel can review this.")
    if PanelReview.objects.filter(task_state=task_state, user=user).exists():
        raise PermissionDenied("You have already reviewed this revision.")
    obj = content_object(task_state)
    if obj.latest_revision_id != task_state.revision_id:
        raise PermissionDenied("The content changed since this review started.")
    if decision == PanelReview.Decision.ABSTAIN:
        ratings = {}  # an abstention counts neither way and carries no ratings

    review = PanelReview(
        task_state=task_state,
        revision=task_state.revision,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_title=str(task_state.revision.object_str or obj)[:255],
        panel=task.panel,
        panel_name=task.panel.name,
        member=membership,
        user=user,
        pseudonym=membership.pseudonym,
        constituency=membership.constituency,
        decision=decision,
        comment=comment.strip(),
        **{name: ratings.get(name) for name in RATING_FIELDS},
    )
    review.full_clean(exclude=["task_state", "revision", "member", "user", "panel"])
    review.save()

    with as_the_system():
        log(
            instance=obj,
            action="panels.review",
            revision=task_state.revision,
            content_changed=False,
            data={
                "pseudonym": review.pseudonym,
                "constituency": review.constituency,
                "decision": review.decision,
                "panel": review.panel_name,
                "task_state_id": task_state.pk,
            },
        )
        if decision == PanelReview.Decision.REQUEST_CHANGES:
            task_state.reject(
                user=None,
                comment=f"Changes requested by the {task.panel.name}.\n{feedback_text(task_state)}",
            )
        elif decision == PanelReview.Decision.APPROVE:
            progress = quorum_progress(task, task_state)
            if progress.met:
                if task.sets_verified_on:
                    stamp_verification(task_state.revision, obj, today=verified_on)
                labels = ", ".join(constituency_label(c) for c in progress.approving_constituencies)
                task_state.approve(
                    user=None,
                    comment=(
                        f"Approved by the {task.panel.name}: {progress.approvals} approvals "
                        f"({labels}); {progress.abstentions} abstention(s).\n"
                        f"{feedback_text(task_state)}"
                    ),
                )
    return review


# --- Safe-space verification -----------------------------------------------------------------


def verification_interval() -> datetime.timedelta:
    return datetime.timedelta(days=settings.PANELS_VERIFICATION_INTERVAL_DAYS)


def local_today(obj: models.Model) -> datetime.date:
    """Today in the object's city's time zone (the site's when it has no city)."""
    city = getattr(obj, "city", None)
    zone_name = getattr(city, "timezone", "") if city is not None else ""
    try:
        zone = zoneinfo.ZoneInfo(zone_name) if zone_name else timezone.get_default_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_default_timezone()
    return timezone.localdate(timezone=zone)


def stamp_verification(
    revision: Revision, obj: models.Model, today: datetime.date | None = None
) -> None:
    """Write today's verified-on date into the approved revision, which is then published.

    The panel's approval is what verifies the listing, so the date belongs to the revision it
    approved; writing it there (rather than into a new revision) keeps "the revision the panel
    approved is the revision that goes live" true. An overdue or missing verify-by date moves
    to one check period from today. The previous dates are kept in the log entry.
    """
    content = dict(revision.content)
    if "verified_on" not in content:
        return
    today = today or local_today(obj)
    previous = {"verified_on": content.get("verified_on"), "verify_by": content.get("verify_by")}
    content["verified_on"] = today.isoformat()
    verify_by = content.get("verify_by")
    if not verify_by or datetime.date.fromisoformat(verify_by) <= today:
        content["verify_by"] = (today + verification_interval()).isoformat()
    # A queryset update: the revision's own save() would count as an edit of the content.
    Revision.objects.filter(pk=revision.pk).update(content=content)
    revision.content = content
    log(
        instance=obj,
        action="panels.verified",
        revision=revision,
        content_changed=False,
        data={
            "previous": previous,
            "verified_on": content["verified_on"],
            "verify_by": content["verify_by"],
        },
    )


# --- Content that changes under review -------------------------------------------------------


def current_panel_task_state(obj: models.Model) -> TaskState | None:
    """The in-progress panel review task state of ``obj``'s in-progress workflow, if any."""
    workflow_state = (
        WorkflowState.objects.for_instance(obj)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .select_related("current_task_state__revision")
        .first()
    )
    task_state = workflow_state and workflow_state.current_task_state
    if (
        task_state is None
        or task_state.status != TaskState.STATUS_IN_PROGRESS
        or not PanelReviewTask.objects.filter(pk=task_state.task_id).exists()
    ):
        return None
    return task_state


def follow_latest_revision(obj: RevisionMixin) -> TaskState | None:
    """Keep an in-progress panel review on ``obj``'s latest revision after an edit.

    Nobody reviewed yet: the task state moves to the new revision. Someone reviewed content
    that has changed since (a new revision, or the same revision overwritten by autosave):
    the review restarts on the latest revision, the earlier reviews stay with the task state
    they were given in, and members are asked again. Returns the task state now under review.
    """
    task_state = current_panel_task_state(obj)
    latest = obj.latest_revision
    if task_state is None or latest is None:
        return task_state
    reviewed_before = PanelReview.objects.filter(
        task_state=task_state, created_at__lt=latest.created_at
    )
    if reviewed_before.exists():
        return restart_review(task_state)
    if task_state.revision_id != latest.pk:
        TaskState.objects.filter(pk=task_state.pk).update(revision=latest)
        task_state.revision = latest
    return task_state


def restart_review(task_state: TaskState) -> TaskState:
    with as_the_system():
        task_state.cancel(
            user=None,
            resume=True,
            comment="The content changed after reviews: the panel reviews the new revision.",
        )
    workflow_state = WorkflowState.objects.select_related("current_task_state").get(
        pk=task_state.workflow_state_id
    )
    new_state = workflow_state.current_task_state
    obj = content_object(new_state)
    with as_the_system():
        log(
            instance=obj,
            action="panels.review_restarted",
            revision=new_state.revision,
            content_changed=False,
            data={"previous_task_state_id": task_state.pk, "task_state_id": new_state.pk},
        )
    return new_state


def check_unchanged(task_state: TaskState, seen_created_at: str) -> None:
    """Refuse a review given on a screen that showed an older state of the content."""
    current = task_state.revision.created_at.isoformat()
    if seen_created_at != current:
        raise ValidationError(
            "The content changed while you were reviewing it. The screen now shows the "
            "current version: review it again."
        )
