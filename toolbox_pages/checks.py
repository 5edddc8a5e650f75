"""System checks of the block registry: a registered block without its API shape would be
dropped from every API answer without a word, and one without its declared fields would have
no GraphQL type, so either stops ``manage.py check`` (and the test run) instead."""

from typing import Any

from django.core import checks


@checks.register(checks.Tags.models)
def check_block_shapes(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from .blocks import BLOCK_REGISTRY

    errors: list[checks.CheckMessage] = [
        checks.Error(
            f"The {name!r} block ({block.__name__}) has no api_shape().",
            hint="Declare a static api_shape(value, refs) beside its fields "
            "(toolbox_pages/blocks/api_shape.py says what it returns).",
            obj=block,
            id="toolbox_pages.E001",
        )
        for name, block in sorted(BLOCK_REGISTRY.items())
        if not callable(getattr(block, "api_shape", None))
    ]
    errors += [
        checks.Error(
            f"The {name!r} block ({block.__name__}) declares no api_fields.",
            hint="Declare api_fields beside api_shape: the type of each key the shape returns "
            "(toolbox_pages/blocks/api_shape.py has the helpers).",
            obj=block,
            id="toolbox_pages.E002",
        )
        for name, block in sorted(BLOCK_REGISTRY.items())
        if not isinstance(getattr(block, "api_fields", None), dict)
    ]
    return errors
