"""Toolboxes and their modules: the training material each partner city built."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.public_html import PublicHtmlPageMixin, listed
from cms.frontend.previews import (
    KIOSK,
    TOOLBOX_WIDGET,
    ClientPreviewMixin,
)

from .blocks import LearningObjectivesStreamBlock, ModuleBodyStreamBlock, ToolboxBodyStreamBlock


class ToolboxIndexPage(PublicHtmlPageMixin, Page):
    """The list of toolboxes in one language; apps open on it.

    There is one per locale tree, directly under the home page.
    """

    introduction = models.TextField(blank=True, help_text="One or two sentences above the list.")

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["toolbox_pages.ToolboxPage"]
    max_count_per_parent = 1
    template = "toolbox_pages/toolbox_index_page.html"

    class Meta:
        verbose_name = "toolbox index"


class ToolboxPage(ClientPreviewMixin, PublicHtmlPageMixin, Page):
    """One of the four Equalcity toolboxes: its purpose, audiences, partners and modules.

    Editors write the overview here; the training material itself lives in its modules,
    which are the toolbox's children, in the order shown in the page tree.
    """

    class Sensitivity(models.TextChoices):
        PUBLIC = "public", _("Public: anyone may read it")
        PROFESSIONALS = "professionals", _("Professionals: for trained staff")

    summary = models.TextField(
        max_length=600, help_text="What the toolbox is for, in two or three sentences."
    )
    focus = models.CharField(
        max_length=200,
        help_text="The toolbox's focus in a phrase, e.g. 'Safe spaces for LGBTQI+ people'.",
    )
    lead_city = models.ForeignKey(
        "core.City",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_toolboxes",
        help_text="The partner city that piloted this toolbox.",
    )
    partner_organisations = ParentalManyToManyField(
        "core.PartnerOrganisation", blank=True, related_name="toolboxes"
    )
    audiences = ParentalManyToManyField("core.Audience", blank=True, related_name="toolboxes")
    content_warnings = ParentalManyToManyField(
        "core.ContentWarning",
        blank=True,
        related_name="toolboxes",
        help_text="Shown to readers before they open the toolbox.",
    )
    sensitivity = models.CharField(
        max_length=20,
        choices=Sensitivity.choices,
        default=Sensitivity.PUBLIC,
        help_text="Material for professionals is kept out of kiosks and public widgets.",
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(
        "cover image text alternative",
        max_length=250,
        blank=True,
        help_text="What the cover image shows, for readers who can't see it.",
    )
    body = StreamField(ToolboxBodyStreamBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("focus"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading="Cover image"
        ),
        FieldPanel("body"),
    ]
    audience_panels = [
        FieldPanel("audiences"),
        FieldPanel("sensitivity"),
        FieldPanel("content_warnings"),
    ]
    partners_panels = [FieldPanel("lead_city"), FieldPanel("partner_organisations")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(audience_panels, heading="Audience and warnings"),
            ObjectList(partners_panels, heading="Partners"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("focus"),
        index.SearchField("body"),
        index.FilterField("sensitivity"),
    ]

    parent_page_types = ["toolbox_pages.ToolboxIndexPage"]
    subpage_types = ["toolbox_pages.ModulePage"]
    template = "toolbox_pages/toolbox_page.html"
    client_preview_modes = (KIOSK, TOOLBOX_WIDGET)
    client_section = "toolbox"

    def client_toolbox(self):
        return self

    class Meta:
        verbose_name = "toolbox"

    def clean(self) -> None:
        super().clean()
        if self.cover_image_id and not self.cover_image_alt.strip():
            raise ValidationError(
                {"cover_image_alt": "Describe the cover image for readers who can't see it."}
            )

    def live_modules(self):
        """The modules the HTML page lists: public and not expired, as the APIs serve them."""
        return listed(ModulePage.objects.child_of(self)).order_by("path")


class ModulePage(ClientPreviewMixin, PublicHtmlPageMixin, Page):
    """A module of a toolbox: one manual, training session or dialogue guide.

    Editors order modules in the page tree; apps show them in that order.
    """

    summary = models.TextField(max_length=600, help_text="What the reader will get from it.")
    audiences = ParentalManyToManyField("core.Audience", blank=True, related_name="modules")
    duration_minutes = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How long the module takes to work through, in minutes.",
    )
    learning_objectives = StreamField(LearningObjectivesStreamBlock(), blank=True)
    content_warnings = ParentalManyToManyField(
        "core.ContentWarning",
        blank=True,
        related_name="modules",
        help_text="Shown to readers before the module opens.",
    )
    body = StreamField(ModuleBodyStreamBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("duration_minutes"),
        FieldPanel("learning_objectives"),
        FieldPanel("body"),
    ]
    audience_panels = [FieldPanel("audiences"), FieldPanel("content_warnings")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(audience_panels, heading="Audience and warnings"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["toolbox_pages.ToolboxPage"]
    subpage_types: list[str] = []
    template = "toolbox_pages/module_page.html"
    client_preview_modes = (KIOSK, TOOLBOX_WIDGET)
    client_section = "toolbox"

    def client_toolbox(self):
        return self.get_parent().specific

    class Meta:
        verbose_name = "module"

    def clean(self) -> None:
        super().clean()
        if self.duration_minutes is not None and not 1 <= self.duration_minutes <= 6000:
            raise ValidationError(
                {"duration_minutes": "Give a duration between 1 and 6000 minutes."}
            )
