"""Where a body block registers itself: ``@body_block("name")`` above its class.

The block registry (``toolbox_pages.blocks.BLOCK_REGISTRY``), the page types' allow-lists, the
GraphQL block types and the test factories are all built from what registers here, so a new
block is declared once, in its own module.
"""

from collections.abc import Callable
from typing import TypeVar

from wagtail.blocks import Block

B = TypeVar("B", bound=type[Block])

REGISTERED: dict[str, type[Block]] = {}
MODULES_ONLY: set[str] = set()


def body_block(name: str, *, modules_only: bool = False) -> Callable[[B], B]:
    """Register a block class under ``name`` (its ``block_type`` in bodies and the API).

    Every block goes in module bodies; ``modules_only`` keeps it out of toolbox bodies
    (training material: exercises, referral pathways, discussion prompts).
    """

    def register(block: B) -> B:
        if name in REGISTERED:
            raise ValueError(f"A body block named {name!r} is registered already.")
        REGISTERED[name] = block
        if modules_only:
            MODULES_ONLY.add(name)
        return block

    return register
