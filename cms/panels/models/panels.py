"""Expert panels and their members: who sits on a panel, for which constituency, under which
pseudonym."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel
from wagtail.models import Orderable

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
