"""The review a member gives, as a form: on the review screen (with the decision) and in
Wagtail's workflow action dialog (one form per action, the decision being the action)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .models import RATING_FIELDS, PanelReview

RATING_CHOICES = [("", "Choose a rating"), *[(str(n), str(n)) for n in range(1, 6)]]


def rating_form_field(name: str) -> forms.TypedChoiceField:
    model_field = PanelReview.rating_field(name)
    return forms.TypedChoiceField(
        label=str(model_field.verbose_name).capitalize(),
        help_text=model_field.help_text,
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )


class BaseReviewForm(forms.Form):
    """Ratings from 1 to 5 and a comment. Approving and requesting changes need all four
    ratings; requesting changes needs a comment saying what to change; abstaining needs
    neither (its ratings are dropped)."""

    decision: str | None = None

    accuracy = rating_form_field("accuracy")
    cultural_sensitivity = rating_form_field("cultural_sensitivity")
    trauma_informed_language = rating_form_field("trauma_informed_language")
    clarity = rating_form_field("clarity")
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
        help_text="Editors read it under your pseudonym. Don't sign it.",
    )

    def get_decision(self) -> str | None:
        return self.cleaned_data.get("decision", self.decision)

    def clean(self):
        # Django's Form.clean() returns cleaned_data, never None.
        cleaned = cast(dict[str, Any], super().clean())
        decision = self.get_decision()
        if decision == PanelReview.Decision.ABSTAIN:
            for name in RATING_FIELDS:
                cleaned[name] = None
        elif decision in (PanelReview.Decision.APPROVE, PanelReview.Decision.REQUEST_CHANGES):
            for name in RATING_FIELDS:
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, "Rate it from 1 to 5.")
            if (
                decision == PanelReview.Decision.REQUEST_CHANGES
                and not (cleaned.get("comment") or "").strip()
            ):
                self.add_error("comment", "Say what needs to change.")
        return cleaned


class ReviewForm(BaseReviewForm):
    """The review screen's form: the decision is a field."""

    decision = forms.ChoiceField(  # type: ignore[assignment]  # a field, moved to base_fields
        choices=PanelReview.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a decision: approve, request changes or abstain."},
    )
    revision_created_at = forms.CharField(widget=forms.HiddenInput)

    field_order = ["decision", *RATING_FIELDS, "comment"]


class ApproveForm(BaseReviewForm):
    decision = PanelReview.Decision.APPROVE


class RequestChangesForm(BaseReviewForm):
    decision = PanelReview.Decision.REQUEST_CHANGES


class AbstainForm(BaseReviewForm):
    decision = PanelReview.Decision.ABSTAIN

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in RATING_FIELDS:
            del self.fields[name]
        self.fields["comment"].help_text = "Optional: why you abstain. Editors read it."


ACTION_FORMS: dict[str, type[BaseReviewForm]] = {
    PanelReview.Decision.APPROVE: ApproveForm,
    PanelReview.Decision.REQUEST_CHANGES: RequestChangesForm,
    PanelReview.Decision.ABSTAIN: AbstainForm,
}


def review_form_for_action(action: str) -> type[BaseReviewForm] | None:
    return ACTION_FORMS.get(action)


class ExpertPanelForm(WagtailAdminModelForm):
    """The panel editor: no pseudonym twice on a panel, none that gives the person away.
    (A second seat for the same user is refused by the formset's own unique check.)"""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("memberships")
        if formset is None or not hasattr(formset, "cleaned_data"):
            return cleaned
        pseudonyms: set[str] = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            user = data.get("user")
            pseudonym = (data.get("pseudonym") or "").strip()
            if pseudonym:
                if pseudonym.casefold() in pseudonyms:
                    form.add_error("pseudonym", "Another member already has this pseudonym.")
                pseudonyms.add(pseudonym.casefold())
                if user is not None and _reveals_identity(pseudonym, user):
                    form.add_error(
                        "pseudonym", "A pseudonym must not contain the member's name or email."
                    )
        return cleaned


def _reveals_identity(pseudonym: str, user) -> bool:
    text = pseudonym.casefold()
    parts = [user.get_username(), user.first_name, user.last_name, user.email.split("@")[0]]
    return any(len(part) >= 3 and part.casefold() in text for part in parts if part)
