"""The same shape as Equalcity's toolboxes and safe spaces, as a plain Wagtail site builds it.

Field names follow ``toolbox_pages`` and ``safe_spaces``; each model lists its fields for
grapple in ``graphql_fields``, and the query fields come from grapple's decorators. Nothing is
tuned: no ``select_related``, no prefetching, no index beyond Django's and Wagtail's own.
"""

import graphene
from django.db import models
from grapple.helpers import register_query_field
from grapple.models import (
    GraphQLBoolean,
    GraphQLCollection,
    GraphQLFloat,
    GraphQLForeignKey,
    GraphQLInt,
    GraphQLSnippet,
    GraphQLStreamfield,
    GraphQLString,
)
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.snippets.models import register_snippet

from .blocks import ModuleBodyStreamBlock


class Term(models.Model):
    code = models.SlugField(max_length=80)
    name = models.CharField(max_length=120)

    graphql_fields = [GraphQLString("code"), GraphQLString("name")]

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


@register_snippet
class ServiceCategory(Term):
    pass


@register_snippet
class Audience(Term):
    pass


@register_snippet
class PartnerOrganisation(models.Model):
    name = models.CharField(max_length=200)

    graphql_fields = [GraphQLString("name")]

    def __str__(self) -> str:
        return self.name


@register_snippet
@register_query_field("city", "cities", query_params={"slug": graphene.String()})
class City(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    country = models.CharField(max_length=2)
    timezone = models.CharField(max_length=64)

    graphql_fields = [
        GraphQLString("name"),
        GraphQLString("slug"),
        GraphQLString("timezone"),
        GraphQLCollection(GraphQLForeignKey, "safe_spaces", "content.SafeSpace", is_queryset=True),
    ]

    def __str__(self) -> str:
        return self.name


class ToolboxPage(Page):
    summary = models.TextField(max_length=600)
    focus = models.CharField(max_length=200)
    partner_organisations = ParentalManyToManyField(PartnerOrganisation, blank=True)

    graphql_fields = [
        GraphQLString("summary"),
        GraphQLString("focus"),
        GraphQLCollection(
            GraphQLForeignKey, "partner_organisations", "content.PartnerOrganisation"
        ),
    ]
    subpage_types = ["content.ModulePage"]


class ModulePage(Page):
    summary = models.TextField(max_length=600)
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    body = StreamField(ModuleBodyStreamBlock(), blank=True)

    graphql_fields = [
        GraphQLString("summary"),
        GraphQLInt("duration_minutes"),
        GraphQLStreamfield("body"),
    ]
    parent_page_types = ["content.ToolboxPage"]
    subpage_types: list[str] = []


@register_snippet
class SafeSpace(TranslatableMixin, ClusterableModel):
    name = models.CharField(max_length=200)
    operated_by = models.CharField(max_length=200)
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="safe_spaces")
    categories = ParentalManyToManyField(ServiceCategory, related_name="safe_spaces")
    audiences = ParentalManyToManyField(Audience, blank=True, related_name="safe_spaces")
    description = models.TextField()
    eligibility_description = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    free_of_charge = models.BooleanField(default=True)
    languages = models.JSONField(default=list)
    accessibility = models.TextField(blank=True)
    address_1 = models.CharField(max_length=200, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    locality = models.CharField(max_length=120, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    confidential_location = models.BooleanField(default=False)
    public_contact_name = models.CharField(max_length=200, blank=True)
    public_contact_phone = models.CharField(max_length=24, blank=True)
    public_contact_email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, default="active")
    alert = models.CharField(max_length=250, blank=True)
    verified_on = models.DateField(null=True, blank=True)

    graphql_fields = [
        GraphQLString("translation_key"),
        GraphQLString("name"),
        GraphQLString("operated_by"),
        GraphQLString("description"),
        GraphQLString("status"),
        GraphQLString("alert"),
        GraphQLBoolean("confidential_location"),
        GraphQLBoolean("free_of_charge"),
        GraphQLCollection(GraphQLString, "languages"),
        GraphQLString("eligibility_description"),
        GraphQLInt("minimum_age"),
        GraphQLInt("maximum_age"),
        GraphQLString("accessibility"),
        GraphQLCollection(GraphQLForeignKey, "categories", "content.ServiceCategory"),
        GraphQLCollection(GraphQLForeignKey, "audiences", "content.Audience"),
        GraphQLString("address_1"),
        GraphQLString("postal_code"),
        GraphQLString("locality"),
        GraphQLFloat("latitude"),
        GraphQLFloat("longitude"),
        GraphQLString("public_contact_name"),
        GraphQLString("public_contact_phone"),
        GraphQLString("public_contact_email"),
        GraphQLCollection(GraphQLForeignKey, "phones", "content.SafeSpacePhone"),
        GraphQLCollection(GraphQLForeignKey, "regular_schedule", "content.OpeningHours"),
        GraphQLSnippet("city", "content.City"),
        GraphQLString("verified_on"),
        GraphQLString("language_code"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def language_code(self) -> str:
        return self.locale.language_code


class SafeSpacePhone(Orderable):
    safe_space = ParentalKey(SafeSpace, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=24)
    type = models.CharField(max_length=10, default="voice")
    description = models.CharField(max_length=200, blank=True)

    graphql_fields = [GraphQLString("number"), GraphQLString("type"), GraphQLString("description")]


class OpeningHours(Orderable):
    safe_space = ParentalKey(SafeSpace, on_delete=models.CASCADE, related_name="regular_schedule")
    weekday = models.PositiveSmallIntegerField()
    opens_at = models.TimeField()
    closes_at = models.TimeField()

    graphql_fields = [GraphQLInt("weekday"), GraphQLString("opens_at"), GraphQLString("closes_at")]


class DatasetLoad(models.Model):
    """Which dataset file the database holds (its SHA-256), so that a second load is skipped."""

    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)

    graphql_fields = [GraphQLString("digest")]

    def __str__(self) -> str:
        return self.digest
