"""The inline parts of a listing: its own phone lines, weekly opening hours and dated
exceptions (HSDS ``phone`` and ``schedule``)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.models import (
    Orderable,
)

from cms.core.validators import normalise_phone_number


class SafeSpacePhone(Orderable):
    """A phone number of a safe space (HSDS ``phone``), stored in E.164 form."""

    class Type(models.TextChoices):
        VOICE = "voice", "Voice"
        TEXT = "text", "Text message"
        WHATSAPP = "whatsapp", "Messaging app"

    safe_space = ParentalKey(
        "safe_spaces.SafeSpace", on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(
        max_length=24, help_text="With the country code, e.g. +32 2 123 45 67."
    )
    type = models.CharField(max_length=10, choices=Type.choices, default=Type.VOICE)
    description = models.CharField(
        max_length=200, blank=True, help_text="e.g. 'Reception, weekdays' or 'Night line'."
    )

    panels = [FieldPanel("number"), FieldPanel("type"), FieldPanel("description")]

    def clean(self) -> None:
        super().clean()
        region = None
        space = getattr(self, "safe_space", None)
        if space is not None and space.city_id:
            region = space.city.country
        try:
            self.number = normalise_phone_number(self.number, region, allow_short=True)
        except ValidationError as error:
            raise ValidationError({"number": error.messages}) from error


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


def _check_opening(opens_at, closes_at) -> None:
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        raise ValidationError({"closes_at": "It must close after it opens."})


class OpeningHours(Orderable):
    """One weekly opening period (HSDS ``schedule`` with ``freq=WEEKLY``), in the city's time."""

    safe_space = ParentalKey(
        "safe_spaces.SafeSpace", on_delete=models.CASCADE, related_name="regular_schedule"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens_at = models.TimeField()
    closes_at = models.TimeField(help_text="Use 23:59 for 'until midnight'.")

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens_at"), FieldPanel("closes_at")])
    ]

    class Meta(Orderable.Meta):
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"
        # "Open at" searches look up one listing's rows for one weekday.
        indexes = [
            models.Index(fields=["safe_space", "weekday"], name="opening_hours_weekday_idx"),
            # "Open at": the listings open on a weekday at a time, read from the index alone.
            models.Index(
                fields=["weekday", "opens_at", "closes_at", "safe_space"],
                name="opening_hours_open_at_idx",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        _check_opening(self.opens_at, self.closes_at)


class ScheduleException(Orderable):
    """An exceptional closure or opening between two dates (HSDS ``valid_from``/``valid_to``)."""

    safe_space = ParentalKey(
        "safe_spaces.SafeSpace", on_delete=models.CASCADE, related_name="schedule_exceptions"
    )
    valid_from = models.DateField()
    valid_to = models.DateField()
    closed = models.BooleanField(
        default=True, help_text="Closed on these dates; untick for special opening hours."
    )
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.CharField(max_length=200, blank=True, help_text="e.g. 'Summer closure'.")

    panels = [
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        FieldRowPanel([FieldPanel("closed"), FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("description"),
    ]

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "The period can't end before it starts."})
        if not self.closed and (self.opens_at is None or self.closes_at is None):
            raise ValidationError(
                {"opens_at": "Give the opening and closing times of a special opening."}
            )
        _check_opening(self.opens_at, self.closes_at)
