"""Site-wide content: the home page, cities, partner organisations, vocabularies, safety."""

import pycountry
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    Page,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.translation.models import LanguageReviewWorkflowMixin

from .blocks import EmergencyNumberBlock
from .fields import LanguageCodesField
from .public_html import PublicHtmlPageMixin, listed
from .validators import validate_country_code, validate_time_zone

COUNTRY_CHOICES = sorted(
    ((country.alpha_2, country.name) for country in pycountry.countries), key=lambda c: c[1]
)


def country_panel(name: str = "country") -> FieldPanel:
    """A country picker. The choices live in the widget, not the model field, so a new
    release of the ISO 3166 list never needs a migration; the field's validator checks it."""
    return FieldPanel(name, widget=forms.Select(choices=[("", "---------"), *COUNTRY_CHOICES]))


# Rich text in reader-facing descriptions: structure and links only.
DESCRIPTION_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class HomePage(PublicHtmlPageMixin, Page):
    """The root of one locale's content tree: it holds the toolbox index for that language.

    Editors rarely touch it; the API reads its introduction as the welcome text of a city app.
    """

    introduction = models.TextField(
        blank=True, help_text="A short welcome shown by apps and kiosks on their start screen."
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["toolbox_pages.ToolboxIndexPage"]
    template = "core/home_page.html"

    class Meta:
        verbose_name = "home page"

    def listed_children(self):
        """The sections the HTML home page lists: public and not expired."""
        return listed(self.get_children())


class ReviewedSnippet(
    LanguageReviewWorkflowMixin,
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """A translatable snippet with drafts: its source is published by its editors, and each
    translation is a draft until a reviewer of its language approves it
    (``LanguageReviewWorkflowMixin``). Readers get live rows only."""

    class Meta(TranslatableMixin.Meta):
        abstract = True


class VocabularyTerm(ReviewedSnippet):
    """A term of a managed vocabulary: a stable code for apps and a name for readers."""

    code = models.SlugField(
        max_length=64,
        help_text="Stable identifier used by apps and filters; never change it once published.",
    )
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # Identifiers are the same in every language (wagtail-localize would translate a slug).
    override_translatable_fields = [SynchronizedField("code")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Audience(VocabularyTerm):
    """Who a toolbox, module or safe space is for (LGBTQI+ persons, parents, legal guardians...).

    Editors pick audiences from this list; apps filter on the codes.
    """

    class Meta(VocabularyTerm.Meta):
        unique_together = [("translation_key", "locale"), ("code", "locale")]


class ContentWarning(VocabularyTerm):
    """A content warning readers see before material that may distress them.

    Modules and toolboxes carry them; apps and widgets show the name before the content.
    """

    class Meta(VocabularyTerm.Meta):
        unique_together = [("translation_key", "locale"), ("code", "locale")]


# django-stubs can't build the reverse managers of relations from models with Wagtail's
# (untyped) bases.
class PartnerOrganisation(ReviewedSnippet):  # type: ignore[django-manager-missing]
    """An organisation that builds a toolbox or runs a safe space with a city.

    Editors keep one entry per organisation; toolboxes and safe spaces refer to it.
    """

    class Kind(models.TextChoices):
        CITY = "city", "City administration"
        NGO = "ngo", "Non-governmental organisation"
        UNIVERSITY = "university", "University or research institute"
        INTERNATIONAL = "international", "International organisation"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    website = models.URLField(blank=True)
    description = models.TextField(
        blank=True, help_text="What the organisation does, in one or two plain sentences."
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "partner organisation"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# django-stubs can't build the reverse managers of relations from models with Wagtail's
# (untyped) bases.
class City(ReviewedSnippet):  # type: ignore[django-manager-missing]
    """A partner city (which pilots a toolbox) or a trainee city (which adopts one).

    Its time zone is the one safe-space opening hours are read in; its emergency numbers are
    shown next to every list of helplines.
    """

    class Role(models.TextChoices):
        PARTNER = "partner", "Partner city"
        TRAINEE = "trainee", "Trainee city"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, help_text="Used in API and widget URLs: ?city=brussels.")
    country = models.CharField(
        max_length=2,
        validators=[validate_country_code],
        help_text="ISO 3166-1 alpha-2 code, e.g. BE.",
    )
    timezone = models.CharField(
        max_length=64,
        default="Europe/Brussels",
        validators=[validate_time_zone],
        help_text="IANA time zone the city's opening hours are written in, e.g. Europe/Rome.",
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.TRAINEE)
    languages = LanguageCodesField(
        help_text="Languages of the city's services, ISO 639 codes separated by commas."
    )
    emergency_numbers = StreamField(
        [("number", EmergencyNumberBlock())],
        blank=True,
        help_text="Numbers to call in an emergency, shown with every helpline list (112 first).",
    )
    toolbox = models.ForeignKey(
        "toolbox_pages.ToolboxPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cities",
        help_text="The toolbox this city leads (partner) or has adopted (trainee).",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [country_panel(), FieldPanel("timezone"), FieldPanel("languages")],
            heading="Place and languages",
        ),
        FieldPanel("role"),
        FieldPanel("toolbox"),
        FieldPanel("emergency_numbers"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("role"),
        index.FilterField("country"),
    ]

    # Identifiers, codes and phone numbers are the same in every language.
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("country"),
        SynchronizedField("timezone"),
        SynchronizedField("emergency_numbers"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "city"
        verbose_name_plural = "cities"
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.country:
            self.country = self.country.upper()


@register_setting(icon="warning")
class SafetySettings(BaseGenericSetting):
    """Safety text every client shows: the quick-exit target, the safety and privacy notices.

    Apps, kiosks and widgets read these through the API; editors change them here, once.
    """

    quick_exit_url = models.URLField(
        default="https://www.wikipedia.org/",
        help_text=(
            "Where the quick-exit button sends a reader: a neutral, everyday page. "
            "Choose one that loads fast and gives nothing away."
        ),
    )
    safety_notice = RichTextField(
        features=DESCRIPTION_FEATURES,
        blank=True,
        help_text="Shown on the start screen: how to leave quickly, how to clear the history.",
    )
    privacy_notice = RichTextField(
        features=DESCRIPTION_FEATURES,
        blank=True,
        help_text="What the apps do not collect: no accounts, no tracking, no location kept.",
    )

    panels = [
        HelpPanel(content="These texts reach every city app, kiosk and widget."),
        FieldPanel("quick_exit_url"),
        FieldPanel("safety_notice"),
        FieldPanel("privacy_notice"),
    ]

    class Meta:
        verbose_name = "safety settings"

    def clean(self) -> None:
        super().clean()
        if self.quick_exit_url and not self.quick_exit_url.startswith("https://"):
            raise ValidationError({"quick_exit_url": "The quick-exit target must use https://."})
