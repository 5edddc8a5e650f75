"""Expert panels, their members, the panel review workflow task and the reviews members give.

A panel approves revisions before they go live. Its members are Wagtail users, but outside the
administrators they are known only by the pseudonym of their membership: every screen, log
entry, email and export that an editor can see names a member by pseudonym, never by name.
"""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel
from wagtail.models import Orderable, Task, TaskState

from cms.core.fields import JSONListField


class Constituency(models.TextChoices):
    ACADEMIC = "academic", "Academic"
    COMMUNITY = "community", "Community representative"
    SURVIVOR = "survivor", "Survivor"
    PUBLIC_INSTITUTION = "public_institution", "Public institution"
    IOM = "iom", "IOM"


def constituency_label(code: str) -> str:
    try:
        return str(Constituency(code).label)
    except ValueError:
        return code


def validate_constituencies(value) -> None:
    if not isinstance(value, list):
        raise ValidationError("Give a list of constituencies.")
    unknown = sorted({str(code) for code in value} - set(Constituency.values))
    if unknown:
        raise ValidationError(f"Unknown constituency: {', '.join(unknown)}.")


class ConstituenciesFormField(forms.MultipleChoiceField):
    """Constituencies ticked in a list of checkboxes, stored as a list of codes."""

    def __init__(self, **kwargs):
        for name in ("encoder", "decoder", "max_length"):
            kwargs.pop(name, None)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs["choices"] = Constituency.choices
        super().__init__(**kwargs)

    def clean(self, value):
        codes = super().clean(value)
        # Keep the order of the choices, whatever the order they were ticked in.
        return [code for code in Constituency.values if code in codes]


class ConstituenciesField(JSONListField):
    """A list of constituency codes, in the order of :class:`Constituency`."""

    default_validators = [validate_constituencies]
    form_class = ConstituenciesFormField


class ExpertPanel(ClusterableModel):
    """An expert panel: the academics, community representatives, survivors, public institutions
    and IOM staff who approve a toolbox's revisions (or verify a city's safe spaces).

    Only administrators manage panels: this is the one screen that ties a pseudonym to a person.
    Workflows decide which content goes to which panel, through a panel review task.
    """

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(
        blank=True, help_text="What the panel reviews and how it works, for its members."
    )
    toolboxes = ParentalManyToManyField(
        "toolbox_pages.ToolboxPage",
        blank=True,
        related_name="expert_panels",
        help_text="The toolboxes whose pages this panel reviews.",
    )
    cities = ParentalManyToManyField(
        "core.City",
        blank=True,
        related_name="expert_panels",
        help_text="The cities whose safe spaces this panel verifies.",
    )

    panels = [
        HelpPanel(
            content=(
                "Members are known to editors and to each other only by their pseudonym. "
                "Never use a name, initials or anything else that identifies a person."
            )
        ),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("toolboxes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("cities", widget=forms.CheckboxSelectMultiple),
        InlinePanel("memberships", label="Members"),
    ]

    class Meta:
        verbose_name = "expert panel"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


PSEUDONYM_HELP = (
    "How editors and other members know this person, e.g. 'Survivor panel member 2'. Leave "
    "empty to number one automatically. Never a name, initials or anything that identifies them."
)


class PanelMembership(Orderable):
    """A user's seat on a panel: the constituency they speak for and their pseudonym."""

    panel = ParentalKey(ExpertPanel, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="panel_memberships",
        help_text="The member's Wagtail account. Only administrators see who it is.",
    )
    constituency = models.CharField(max_length=30, choices=Constituency.choices)
    pseudonym = models.CharField(max_length=80, blank=True, help_text=PSEUDONYM_HELP)

    panels = [FieldPanel("user"), FieldPanel("constituency"), FieldPanel("pseudonym")]

    class Meta(Orderable.Meta):
        verbose_name = "panel member"
        constraints = [
            models.UniqueConstraint(fields=["panel", "user"], name="panel_member_once"),
            models.UniqueConstraint(
                fields=["panel", "pseudonym"],
                condition=~models.Q(pseudonym=""),
                name="panel_pseudonym_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym or constituency_label(self.constituency)

    @staticmethod
    def pseudonym_stem(constituency: str) -> str:
        return f"{constituency_label(constituency)} panel member"

    def next_pseudonym(self) -> str:
        """'<Constituency> panel member N', with the first N not yet taken on this panel."""
        stem = self.pseudonym_stem(self.constituency)
        pattern = re.compile(rf"^{re.escape(stem)} (\d+)$")
        taken = {
            int(match.group(1))
            for name in PanelMembership.objects.filter(panel_id=self.panel_id)
            .exclude(pk=self.pk)
            .values_list("pseudonym", flat=True)
            if (match := pattern.match(name))
        }
        number = 1
        while number in taken:
            number += 1
        return f"{stem} {number}"

    def save(self, *args, **kwargs):
        self.pseudonym = self.pseudonym.strip()
        if not self.pseudonym:
            self.pseudonym = self.next_pseudonym()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "pseudonym"}
        super().save(*args, **kwargs)


# --- The workflow task -----------------------------------------------------------------------


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
        from .forms import review_form_for_action

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
        from .reviewing import record_review

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


# --- Reviews ---------------------------------------------------------------------------------

RATING_FIELDS = ("accuracy", "cultural_sensitivity", "trauma_informed_language", "clarity")
RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def rating_field(verbose_name: str, help_text: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=RATING_VALIDATORS, help_text=help_text
    )


class PanelReview(models.Model):
    """One member's review of one revision: the audit record of the panel's decisions.

    It keeps the pseudonym, constituency, panel and object it was given under, so it still
    reads the same after a member leaves the panel or the object is deleted.
    """

    class Decision(models.TextChoices):
        APPROVE = "approve", "Approve"
        REQUEST_CHANGES = "request_changes", "Request changes"
        ABSTAIN = "abstain", "Abstain (conflict of interest)"

    task_state = models.ForeignKey(
        TaskState, null=True, on_delete=models.SET_NULL, related_name="panel_reviews"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="panel_reviews"
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=255)
    object_title = models.CharField(max_length=255)
    panel = models.ForeignKey(
        ExpertPanel, null=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    panel_name = models.CharField(max_length=120)
    member = models.ForeignKey(
        PanelMembership, null=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pseudonym = models.CharField(max_length=80)
    constituency = models.CharField(max_length=30, choices=Constituency.choices)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    accuracy = rating_field("accuracy", "Is it correct and up to date? 1 (poor) to 5 (excellent).")
    cultural_sensitivity = rating_field(
        "cultural sensitivity", "Does it respect the communities it speaks to?"
    )
    trauma_informed_language = rating_field(
        "trauma-informed language", "Does it avoid blame, sensationalism and triggers?"
    )
    clarity = rating_field("clarity for the audience", "Will its readers understand it?")
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "panel review"
        ordering = ["created_at", "pk"]
        permissions = [
            (
                "view_member_identities",
                "Can see who panel members are and export the full audit trail",
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["task_state", "user"], name="panel_review_once"),
            models.CheckConstraint(
                condition=models.Q(decision="abstain")
                | models.Q(
                    accuracy__isnull=False,
                    cultural_sensitivity__isnull=False,
                    trauma_informed_language__isnull=False,
                    clarity__isnull=False,
                    accuracy__range=(1, 5),
                    cultural_sensitivity__range=(1, 5),
                    trauma_informed_language__range=(1, 5),
                    clarity__range=(1, 5),
                ),
                name="panel_review_rated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pseudonym}: {self.get_decision_display()} ({self.object_title})"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.decision != self.Decision.ABSTAIN:
            for name in RATING_FIELDS:
                if getattr(self, name) is None:
                    errors[name] = "Rate it from 1 to 5."
        if self.decision == self.Decision.REQUEST_CHANGES and not self.comment.strip():
            errors["comment"] = "Say what needs to change."
        if errors:
            raise ValidationError(errors)

    @property
    def ratings(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in RATING_FIELDS}

    @classmethod
    def rating_field(cls, name: str) -> models.Field:
        """One of the ``RATING_FIELDS``, for its label and help text."""
        field = cls._meta.get_field(name)
        if name not in RATING_FIELDS or not isinstance(field, models.Field):
            raise ValueError(f"{name} is not a rating of a panel review.")
        return field

    def summary(self) -> str:
        """One line an editor may read: pseudonym, decision, ratings, comment."""
        verbs: dict[str, str] = {
            self.Decision.APPROVE: "approved",
            self.Decision.REQUEST_CHANGES: "requested changes",
            self.Decision.ABSTAIN: "abstained",
        }
        text = f"{self.pseudonym} {verbs[self.decision]}"
        if self.decision != self.Decision.ABSTAIN:
            scores = ", ".join(
                f"{self.rating_field(name).verbose_name} {getattr(self, name)}/5"
                for name in RATING_FIELDS
            )
            text += f" ({scores})"
        if self.comment.strip():
            text += f": {self.comment.strip()}"
        return text
