"""Every page type, snippet and translatable model has a factory; factories build valid objects."""

import inspect

import pytest
from django.apps import apps
from django.db.models import Model
from factory.django import DjangoModelFactory
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from api import factories as api_factories
from cms.core import factories as core_factories
from cms.delivery import factories as delivery_factories
from cms.panels import factories as panel_factories
from cms.translation import factories as translation_factories
from safe_spaces import factories as safe_space_factories
from toolbox_pages import factories as toolbox_factories
from toolbox_pages.block_factories import derived_block_factory
from toolbox_pages.blocks import BLOCK_REGISTRY

# Every app of the project that has models (the demo app has none).
OUR_APPS = {
    "access",
    "api",
    "core",
    "delivery",
    "panels",
    "safe_spaces",
    "toolbox_pages",
    "translation",
}
FACTORY_MODULES = (
    api_factories,
    core_factories,
    delivery_factories,
    panel_factories,
    safe_space_factories,
    toolbox_factories,
    translation_factories,
)


def factory_registry() -> dict[type[Model], type[DjangoModelFactory]]:
    """Model -> factory, for every model factory our factory modules define."""
    registry: dict[type[Model], type[DjangoModelFactory]] = {}
    for module in FACTORY_MODULES:
        for _, candidate in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(candidate, DjangoModelFactory)
                and not candidate._meta.abstract
                and candidate.__module__ == module.__name__
            ):
                registry[candidate._meta.model] = candidate
    return registry


def models_that_need_a_factory() -> list[type[Model]]:
    snippets = set(get_snippet_models())
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        and (issubclass(model, Page) or model in snippets or issubclass(model, TranslatableMixin))
    ]


OUR_FACTORIES = sorted(
    (
        factory_class
        for model, factory_class in factory_registry().items()
        if model._meta.app_label in OUR_APPS
    ),
    key=lambda factory_class: factory_class.__name__,
)


def test_the_models_that_need_a_factory_are_found():
    labels = {model._meta.label for model in models_that_need_a_factory()}

    assert {
        "core.HomePage",
        "core.City",
        "toolbox_pages.ModulePage",
        "safe_spaces.SafeSpace",
        "safe_spaces.ServiceCategory",
        "translation.GlossaryTerm",
        "api.ConsumerKey",
    } <= labels


def test_every_app_with_models_is_covered():
    apps_with_models = {
        config.label
        for config in apps.get_app_configs()
        if config.name.split(".")[0] in {"api", "cms", "safe_spaces", "toolbox_pages"}
        and list(config.get_models())
    }

    assert apps_with_models == OUR_APPS


def test_every_page_type_snippet_and_translatable_model_has_a_factory():
    registry = factory_registry()

    missing = sorted(
        model._meta.label for model in models_that_need_a_factory() if model not in registry
    )

    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("factory_class", OUR_FACTORIES, ids=lambda f: f.__name__)
def test_factory_creates_an_object_that_passes_full_clean(factory_class):
    instance = factory_class()
    model = factory_class._meta.model
    char_values = {
        field.attname: getattr(instance, field.attname)
        for field in model._meta.concrete_fields
        if field.get_internal_type() == "CharField"
    }

    instance.full_clean()

    assert model.objects.filter(pk=instance.pk).count() == 1
    # clean() normalises phone numbers and country codes: factories store them normalised.
    assert {name: getattr(instance, name) for name in char_values} == char_values
    for field in model._meta.concrete_fields:
        if isinstance(field, StreamField):
            value = getattr(instance, field.attname)
            assert len(field.stream_block.clean(value)) == len(value)


@pytest.mark.django_db
def test_default_objects_are_in_the_default_locale():
    for factory_class in OUR_FACTORIES:
        instance = factory_class()
        if isinstance(instance, TranslatableMixin):
            assert instance.locale.language_code == "en", factory_class.__name__


def test_every_body_block_has_a_factory():
    assert sorted(toolbox_factories.BLOCK_FACTORIES) == sorted(BLOCK_REGISTRY)
    for name, factory_class in toolbox_factories.BLOCK_FACTORIES.items():
        assert factory_class._meta.model is BLOCK_REGISTRY[name], name


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BLOCK_REGISTRY))
def test_block_factory_value_passes_the_block_clean(name):
    block = BLOCK_REGISTRY[name]()
    value = toolbox_factories.BLOCK_FACTORIES[name]()

    cleaned = block.clean(value)

    assert block.get_prep_value(cleaned) == block.get_prep_value(value)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BLOCK_REGISTRY))
def test_a_factory_derived_from_each_block_passes_its_clean(name):
    """A new block needs no hand-written factory: the derived one is valid for every kind of
    child block the registry uses (text, rich text, choices, numbers, choosers, lists)."""
    block = BLOCK_REGISTRY[name]()
    value = derived_block_factory(BLOCK_REGISTRY[name])()

    cleaned = block.clean(value)

    assert block.get_prep_value(cleaned) == block.get_prep_value(value)


def test_a_block_with_a_child_nothing_can_be_derived_for_asks_for_a_factory():
    from wagtail import blocks

    class MapBlock(blocks.StructBlock):
        zoom = blocks.FloatBlock()

    with pytest.raises(TypeError, match="No value can be derived for a FloatBlock"):
        derived_block_factory(MapBlock)
