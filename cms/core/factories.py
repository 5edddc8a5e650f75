"""Factories for the site-wide content: the home page, cities, partners and vocabularies.

Every factory builds an object that passes ``full_clean()``. Snippets get the default
(English) locale explicitly, so they validate before their first save too.
"""

from typing import TYPE_CHECKING, Any, TypeVar

import factory
import wagtail_factories
from django.db.models import Model
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Locale, Page

from .blocks import EmergencyNumberBlock
from .models import Audience, City, ContentWarning, HomePage, PartnerOrganisation

M = TypeVar("M", bound=Model)


class ModelFactory(DjangoModelFactory[M]):
    """Base for the project's model factories: calling one is typed as its model.

    factory_boy's metaclass makes ``SafeSpaceFactory()`` return a ``SafeSpace``; the stubs
    type the call as the factory itself. This declaration (for the type checker only) says
    what the metaclass does at run time.
    """

    class Meta:
        abstract = True

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> M: ...  # type: ignore[misc]


def default_locale() -> Locale:
    return Locale.get_default()


class TranslatableFactory(ModelFactory[M]):
    """Base for snippet factories: objects start in the default locale."""

    locale = factory.LazyFunction(default_locale)

    class Meta:
        abstract = True


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (the upstream factory makes a new root per image)."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Photo {n}")


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A document in the root collection."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Handout {n}")
    file = factory.django.FileField(filename="handout.pdf", data=b"%PDF-1.4 handout")


class HomePageFactory(wagtail_factories.PageFactory):
    """A locale's home page, directly under the tree root unless ``parent`` says otherwise."""

    parent = factory.LazyFunction(Page.get_first_root_node)
    title = factory.Sequence(lambda n: f"Equalcity {n}")
    introduction = "Help and training against gender-based violence, in your city."

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> HomePage: ...

    class Meta:
        model = HomePage


class EmergencyNumberBlockFactory(wagtail_factories.StructBlockFactory):
    label = "Emergency"
    number = "112"

    class Meta:
        model = EmergencyNumberBlock


class CityFactory(TranslatableFactory[City]):
    name = factory.Sequence(lambda n: f"Brussels {n}")
    slug = factory.Sequence(lambda n: f"brussels-{n}")
    country = "BE"
    timezone = "Europe/Brussels"
    role = City.Role.PARTNER
    languages = factory.LazyFunction(lambda: ["fr", "nl", "en"])
    emergency_numbers = wagtail_factories.StreamFieldFactory(
        {"number": factory.SubFactory(EmergencyNumberBlockFactory)}
    )
    toolbox = None

    class Meta:
        model = City

    class Params:
        # CityFactory(with_emergency_number=True) lists 112.
        with_emergency_number = factory.Trait(emergency_numbers__0="number")


class PartnerOrganisationFactory(TranslatableFactory[PartnerOrganisation]):
    name = factory.Sequence(lambda n: f"Women's Aid Network {n}")
    kind = PartnerOrganisation.Kind.NGO
    website = factory.Sequence(lambda n: f"https://partner-{n}.example.org/")
    description = "Runs counselling and shelter services for women and their children."
    logo = None

    class Meta:
        model = PartnerOrganisation


class AudienceFactory(TranslatableFactory[Audience]):
    code = factory.Sequence(lambda n: f"audience-{n}")
    name = factory.Sequence(lambda n: f"Audience {n}")
    description = "People this material is written for."

    class Meta:
        model = Audience


class ContentWarningFactory(TranslatableFactory[ContentWarning]):
    code = factory.Sequence(lambda n: f"warning-{n}")
    name = factory.Sequence(lambda n: f"Descriptions of violence {n}")
    description = "The material describes situations some readers may find distressing."

    class Meta:
        model = ContentWarning
