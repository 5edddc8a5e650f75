"""The reviews members give: a decision, ratings and a comment, on one revision."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.models import TaskState

from .panels import Constituency, ExpertPanel, PanelMembership

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
