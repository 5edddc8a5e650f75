"""Factories for toolbox pages and their modules (body blocks: ``block_factories.py``).

Pages are created under a real parent: pass ``parent=`` (the default builds the missing
ancestors, down from a new home page). ``BLOCK_FACTORIES`` maps each name of the block registry
to a factory whose value passes the block's ``clean()``.
"""

from typing import TYPE_CHECKING, Any

import factory
import wagtail_factories

from cms.core.factories import HomePageFactory, ImageFactory

from .block_factories import (
    BLOCK_FACTORIES,
    LearningObjectivesStreamBlockFactory,
    ModuleBodyStreamBlockFactory,
    ToolboxBodyStreamBlockFactory,
)
from .models import ModulePage, ToolboxIndexPage, ToolboxPage

__all__ = [
    "BLOCK_FACTORIES",
    "ModulePageFactory",
    "ToolboxIndexPageFactory",
    "ToolboxPageFactory",
]

# --- Pages -----------------------------------------------------------------------------------


class ToolboxIndexPageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(HomePageFactory)
    title = factory.Sequence(lambda n: f"Toolboxes {n}")
    introduction = "Four toolboxes, built by partner cities with the people they serve."

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> ToolboxIndexPage: ...

    class Meta:
        model = ToolboxIndexPage


def _set_many(instance, name: str, create: bool, values) -> None:
    """Assign a ParentalManyToManyField and save the page once the values are set."""
    if not create or values is None:
        return
    getattr(instance, name).set(values)
    instance.save()


class ToolboxPageFactory(wagtail_factories.PageFactory):
    """A toolbox with a heading and a paragraph; m2m fields take lists: ``audiences=[...]``."""

    parent = factory.SubFactory(ToolboxIndexPageFactory)
    title = factory.Sequence(lambda n: f"Safe spaces for LGBTQI+ people {n}")
    summary = "How a public service becomes a place where LGBTQI+ victims are received safely."
    focus = "Safe spaces for LGBTQI+ people"
    lead_city = None
    sensitivity = ToolboxPage.Sensitivity.PUBLIC
    cover_image = None
    cover_image_alt = ""
    body = wagtail_factories.StreamFieldFactory(ToolboxBodyStreamBlockFactory)
    body__0 = "heading"
    body__1 = "paragraph"

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> ToolboxPage: ...

    class Meta:
        model = ToolboxPage
        skip_postgeneration_save = True

    class Params:
        with_cover_image = factory.Trait(
            cover_image=factory.SubFactory(ImageFactory),
            cover_image_alt="A reception desk with a rainbow sticker on the door.",
        )

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        _set_many(self, "audiences", create, extracted)

    @factory.post_generation
    def partner_organisations(self, create, extracted, **kwargs):
        _set_many(self, "partner_organisations", create, extracted)

    @factory.post_generation
    def content_warnings(self, create, extracted, **kwargs):
        _set_many(self, "content_warnings", create, extracted)


class ModulePageFactory(wagtail_factories.PageFactory):
    """A module with one learning objective, a heading and a paragraph."""

    parent = factory.SubFactory(ToolboxPageFactory)
    title = factory.Sequence(lambda n: f"Receiving a disclosure {n}")
    summary = "What to say, and what not to say, when someone tells you about violence."
    duration_minutes = 90
    learning_objectives = wagtail_factories.StreamFieldFactory(LearningObjectivesStreamBlockFactory)
    learning_objectives__0 = "objective"
    body = wagtail_factories.StreamFieldFactory(ModuleBodyStreamBlockFactory)
    body__0 = "heading"
    body__1 = "paragraph"

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> ModulePage: ...

    class Meta:
        model = ModulePage
        skip_postgeneration_save = True

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        _set_many(self, "audiences", create, extracted)

    @factory.post_generation
    def content_warnings(self, create, extracted, **kwargs):
        _set_many(self, "content_warnings", create, extracted)
