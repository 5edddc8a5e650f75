"""System checks of the block registry: a registered block without its API shape would be
dropped from every API answer without a word, and one without its declared fields would have
no GraphQL type, so either stops ``manage.py check`` (and the test run) instead."""

from collections.abc import Callable
from typing import Any

from django.core import checks

# (check id, what the block must have, the message's end, the hint)
REQUIREMENTS: list[tuple[str, Callable[[type], bool], str, str]] = [
    (
        "toolbox_pages.E001",
        lambda block: callable(getattr(block, "api_shape", None)),
        "has no api_shape().",
        "Declare a static api_shape(value, refs) beside its fields "
        "(toolbox_pages/blocks/api_shape.py says what it returns).",
    ),
    (
        "toolbox_pages.E002",
        lambda block: isinstance(getattr(block, "api_fields", None), dict),
        "declares no api_fields.",
        "Declare api_fields beside api_shape: the type of each key the shape returns "
        "(toolbox_pages/blocks/api_shape.py has the helpers).",
    ),
]


@checks.register(checks.Tags.models)
def check_block_shapes(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from .blocks import BLOCK_REGISTRY

    return [
        checks.Error(
            f"The {name!r} block ({block.__name__}) {message}", hint=hint, obj=block, id=check_id
        )
        for check_id, has, message, hint in REQUIREMENTS
        for name, block in sorted(BLOCK_REGISTRY.items())
        if not has(block)
    ]
