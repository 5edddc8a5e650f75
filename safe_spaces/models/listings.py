"""Safe-space listings (an HSDS *service* at a *location*) and their service categories."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
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
from cms.core.models import VocabularyTerm
from cms.core.validators import normalise_phone_number
from cms.frontend.previews import KIOSK, SAFE_SPACES_WIDGET, ClientPreviewMixin
from cms.translation.models import LanguageReviewWorkflowMixin
from safe_spaces.admin_access import (
    NeedToKnowFieldPanel,
    NeedToKnowInlinePanel,
    SafeSpaceAdminForm,
    WithheldNoticePanel,
)

from .parts import Weekday

VERIFICATION_DUE_WITHIN = datetime.timedelta(days=30)


class ServiceCategory(VocabularyTerm):
    """A category of the safe-space taxonomy (health, police, legal aid...).

    HSDS calls it a taxonomy term; apps filter safe spaces on its code.
    """

    class Meta(VocabularyTerm.Meta):
        verbose_name = "service category"
        verbose_name_plural = "service categories"
        unique_together = [("translation_key", "locale"), ("code", "locale")]


class SafeSpaceQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def verification_overdue(self, today: datetime.date):
        return self.filter(verify_by__lt=today)

    def verification_due_soon(self, today: datetime.date):
        return self.filter(verify_by__gte=today, verify_by__lte=today + VERIFICATION_DUE_WITHIN)

    def verification_attention(self, today: datetime.date):
        """Overdue, or due within 30 days: what the dashboard lists."""
        return self.filter(verify_by__lte=today + VERIFICATION_DUE_WITHIN)


class SafeSpace(
    ClientPreviewMixin,
    LanguageReviewWorkflowMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A place inside a public or partner service where a victim is received safely.

    Editors describe who runs it, what it offers and for whom, how to reach it and when it is
    open. A shelter's address is marked confidential: it stays in the admin, and readers get
    only its public contact point.

    The public, stable id of a listing is its ``translation_key``, the same for every language
    version (HSDS and the API call it the service ``id``); the integer primary key is internal.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
        INACTIVE = "inactive", _("Inactive")

    name = models.CharField(max_length=200)
    organization = models.ForeignKey(
        "core.PartnerOrganisation",
        verbose_name="organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safe_spaces",
        help_text="The partner organisation that runs it, if it is one.",
    )
    operated_by = models.CharField(
        max_length=200,
        help_text="Who runs the service, as readers know it (e.g. 'CPAS of Saint-Gilles').",
    )
    city = models.ForeignKey("core.City", on_delete=models.PROTECT, related_name="safe_spaces")
    categories = ParentalManyToManyField(ServiceCategory, related_name="safe_spaces")
    audiences = ParentalManyToManyField("core.Audience", blank=True, related_name="safe_spaces")
    description = models.TextField(help_text="What the service offers, in plain words.")
    eligibility_description = models.TextField(
        blank=True, help_text="Who can come: status, gender, situation. Leave empty if anyone."
    )
    minimum_age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    fees_description = models.TextField(blank=True)
    free_of_charge = models.BooleanField(default=True)
    languages = LanguageCodesField(help_text="Languages spoken by staff, ISO 639 codes.")
    interpretation_services = models.TextField(
        blank=True, help_text="Interpreters or cultural mediators on request, by phone, etc."
    )
    accessibility = models.TextField(
        blank=True, help_text="Step-free access, accessible toilets, sign language, quiet room."
    )
    application_process = models.TextField(
        blank=True, help_text="How to get help: walk in, call first, be referred."
    )
    transportation = models.TextField(
        "how to get there", blank=True, help_text="Public transport stops and lines."
    )

    address_1 = models.CharField("street address", max_length=200, blank=True)
    address_2 = models.CharField("address line 2", max_length=200, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    locality = models.CharField(
        max_length=120, blank=True, help_text="Municipality or district, if not the city itself."
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(-90, "Latitude must be between -90 and 90."),
            MaxValueValidator(90, "Latitude must be between -90 and 90."),
        ],
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(-180, "Longitude must be between -180 and 180."),
            MaxValueValidator(180, "Longitude must be between -180 and 180."),
        ],
    )
    confidential_location = models.BooleanField(
        default=False,
        help_text=(
            "A shelter or any place whose address must stay secret. Its address and coordinates "
            "never leave the admin; readers see only the public contact point."
        ),
    )
    public_contact_name = models.CharField(
        max_length=200, blank=True, help_text="Who answers, e.g. 'Shelter intake line'."
    )
    public_contact_phone = models.CharField(max_length=24, blank=True)
    public_contact_email = models.EmailField(blank=True)

    email = models.EmailField(blank=True)
    url = models.URLField("website", blank=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    alert = models.CharField(
        max_length=250, blank=True, help_text="A short notice shown first, e.g. 'Closed in August'."
    )
    verified_on = models.DateField(
        null=True, blank=True, help_text="When someone last checked this listing with the service."
    )
    verify_by = models.DateField(null=True, blank=True, help_text="When it must be checked again.")

    objects = SafeSpaceQuerySet.as_manager()

    content_panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("organization")]),
        FieldPanel("operated_by"),
        FieldPanel("categories"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("alert")], heading="Status"),
    ]
    eligibility_panels = [
        FieldPanel("audiences"),
        FieldPanel("eligibility_description"),
        FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
        FieldRowPanel([FieldPanel("free_of_charge"), FieldPanel("fees_description")]),
        FieldPanel("languages"),
        FieldPanel("interpretation_services"),
        NeedToKnowFieldPanel("accessibility"),
        FieldPanel("application_process"),
    ]
    location_panels = [
        WithheldNoticePanel(),
        NeedToKnowFieldPanel("confidential_location"),
        MultiFieldPanel(
            [
                NeedToKnowFieldPanel("address_1"),
                NeedToKnowFieldPanel("address_2"),
                FieldRowPanel(
                    [NeedToKnowFieldPanel("postal_code"), NeedToKnowFieldPanel("locality")]
                ),
                FieldRowPanel(
                    [NeedToKnowFieldPanel("latitude"), NeedToKnowFieldPanel("longitude")]
                ),
                NeedToKnowFieldPanel("transportation"),
            ],
            heading="Address",
        ),
        MultiFieldPanel(
            [
                FieldPanel("public_contact_name"),
                FieldPanel("public_contact_phone"),
                FieldPanel("public_contact_email"),
            ],
            heading="Public contact point",
            help_text="Required when the location is confidential.",
        ),
    ]
    contact_panels = [
        NeedToKnowInlinePanel("phones", label="Phone numbers"),
        NeedToKnowFieldPanel("email"),
        FieldPanel("url"),
    ]
    hours_panels = [
        InlinePanel("regular_schedule", label="Opening hours"),
        InlinePanel("schedule_exceptions", label="Exceptional closures and openings"),
    ]
    verification_panels = [FieldRowPanel([FieldPanel("verified_on"), FieldPanel("verify_by")])]
    base_form_class = SafeSpaceAdminForm
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Service"),
            ObjectList(eligibility_panels, heading="For whom"),
            ObjectList(location_panels, heading="Location"),
            ObjectList(contact_panels, heading="Contact"),
            ObjectList(hours_panels, heading="Opening hours"),
            ObjectList(verification_panels, heading="Verification"),
        ]
    )
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("operated_by"),
        index.AutocompleteField("operated_by"),
        index.FilterField("city"),
        index.FilterField("status"),
        index.FilterField("locale"),
        index.FilterField("live"),
    ]

    # Readers' texts are translated; addresses, phone numbers, coordinates, opening hours and
    # dates are the same in every language (wagtail-localize would translate a CharField).
    override_translatable_fields = [
        SynchronizedField("address_1"),
        SynchronizedField("address_2"),
        SynchronizedField("postal_code"),
        SynchronizedField("locality"),
        SynchronizedField("public_contact_phone"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "safe space"
        ordering = ["name"]
        # Held through a city's "Confidential locations" group, for that city's listings only
        # (cms.access): the address, coordinates and own phone lines of a confidential one.
        permissions = [("view_confidential_location", "Can see confidential locations")]
        indexes = [
            models.Index(fields=["verify_by"], name="safe_space_verify_by_idx"),
            # The bounding box of a distance search in the public API.
            models.Index(fields=["latitude", "longitude"], name="safe_space_location_idx"),
            # A city's listings by name, a page at a time, and their count, in the public API
            # (live and status make the count an index-only scan).
            models.Index(
                fields=["city", "locale", "name", "id", "live", "status"],
                name="safe_space_city_name_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            errors.setdefault("maximum_age", []).append(
                "The maximum age can't be below the minimum age."
            )
        if self.verified_on and self.verify_by and self.verify_by < self.verified_on:
            errors.setdefault("verify_by", []).append(
                "The next check can't be due before the last one was made."
            )
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            errors.setdefault(field, []).append("Give both latitude and longitude, or neither.")
        if self.confidential_location and not (
            self.public_contact_phone.strip() or self.public_contact_email.strip()
        ):
            errors.setdefault("public_contact_phone", []).append(
                "A confidential location needs a public contact point: a phone number or an email."
            )
        if self.public_contact_phone.strip():
            try:
                self.public_contact_phone = normalise_phone_number(
                    self.public_contact_phone, self._phone_region(), allow_short=True
                )
            except ValidationError as error:
                errors.setdefault("public_contact_phone", []).extend(error.messages)
        if errors:
            raise ValidationError(errors)

    def _phone_region(self) -> str | None:
        city = self.city if self.city_id else None
        return city.country if city else None

    @property
    def is_verification_overdue(self) -> bool:
        return bool(self.verify_by and self.verify_by < datetime.date.today())

    client_preview_modes = (KIOSK, SAFE_SPACES_WIDGET)
    client_section = "safe-spaces"

    def get_preview_template(self, request, mode_name):
        return "safe_spaces/safe_space_preview.html"

    def get_preview_context(self, request, mode_name):
        """The preview shows the listing as apps get it, from the same public shape, so that
        it never shows what readers can't see (a confidential location's own lines)."""
        from api.public.safe_space_parts import preview_listing
        from api.public.shapes import public_safe_space_representation

        served, parts = preview_listing(self)
        listing = public_safe_space_representation(served, parts, timezone.now())
        return {
            **super().get_preview_context(request, mode_name),
            "listing": listing,
            "status_label": self.Status(self.status).label,
            "opening_rows": [
                (Weekday(row["weekday"]).label, row) for row in listing["opening_hours"]
            ],
        }
