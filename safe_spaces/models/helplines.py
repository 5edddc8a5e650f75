"""Helplines: national and city lines an app shows next to its listings."""

import copy

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin
from wagtail_localize.fields import SynchronizedField

from cms.core.fields import LanguageCodesField
from cms.core.models import country_panel
from cms.core.validators import normalise_phone_number, validate_country_code
from cms.frontend.previews import HELPLINES_WIDGET, KIOSK, ClientPreviewMixin
from cms.translation.models import LanguageReviewWorkflowMixin
from safe_spaces.admin_access import HelplineAdminForm


class HelplineQuerySet(SearchableQuerySetMixin, models.QuerySet):
    """Helplines, with ``.search()`` over the search index."""


class Helpline(
    ClientPreviewMixin,
    LanguageReviewWorkflowMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """A phone line for victims or for the people who help them, in one city or nationwide.

    Toolbox modules refer to helplines; apps show them next to the city's emergency numbers.
    """

    class Scope(models.TextChoices):
        CITY = "city", "City"
        NATIONAL = "national", "National"

    name = models.CharField(max_length=200)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.NATIONAL)
    city = models.ForeignKey(
        "core.City",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="helplines",
        help_text="Required for a city helpline.",
    )
    country = models.CharField(
        max_length=2,
        validators=[validate_country_code],
        help_text="ISO 3166-1 alpha-2 code, e.g. BE.",
    )
    number = models.CharField(
        max_length=24, help_text="As dialled in the country: 116 006, or +32 2 ... ."
    )
    description = models.TextField(help_text="Who answers and what they can help with.")
    hours_description = models.CharField(
        "hours", max_length=200, blank=True, help_text="e.g. 'Weekdays 9:00-17:00'."
    )
    available_24_7 = models.BooleanField("open 24/7", default=False)
    languages = LanguageCodesField(help_text="Languages the line answers in, ISO 639 codes.")
    free_of_charge = models.BooleanField(default=True)

    objects = HelplineQuerySet.as_manager()

    base_form_class = HelplineAdminForm
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("scope"), FieldPanel("city"), country_panel()]),
        FieldPanel("number"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("available_24_7"), FieldPanel("hours_description")]),
        FieldPanel("languages"),
        FieldPanel("free_of_charge"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("country"),
        index.FilterField("city"),
    ]

    # The number and hours are the same in every language.
    override_translatable_fields = [
        SynchronizedField("number"),
        SynchronizedField("country"),
        SynchronizedField("hours_description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "helpline"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.scope == self.Scope.CITY and not self.city_id:
            errors["city"] = "A city helpline needs its city."
        if self.city is not None and self.country and self.city.country != self.country.upper():
            errors["country"] = "The country must be the city's country."
        if self.number:
            try:
                self.number = normalise_phone_number(self.number, self.country, allow_short=True)
            except ValidationError as error:
                errors["number"] = error.messages[0]
        if errors:
            raise ValidationError(errors)

    client_preview_modes = (KIOSK, HELPLINES_WIDGET)
    client_section = "helplines"

    def get_preview_template(self, request, mode_name):
        return "safe_spaces/helpline_preview.html"

    def get_preview_context(self, request, mode_name):
        """The preview shows the line as apps get it, from the same public shape."""
        from api.locales import resolve_locale
        from api.public import attach_locale
        from api.representations import helpline_representation

        (served,) = attach_locale([copy.copy(self)], resolve_locale(self.locale.language_code))
        return {
            **super().get_preview_context(request, mode_name),
            "listing": helpline_representation(served),
        }
