"""The block registry: every body block, and the sorted allow-list of each page type.

Each block registers itself with ``@body_block`` (``registry.py``) above its class, in
``basic.py`` or ``training.py``; a page type's StreamBlock is built from its allow-list, so a
new block shows up in the admin, the preview and the API together.
"""

from wagtail import blocks

from . import basic, training  # noqa: F401  (each block registers itself on import)
from .registry import MODULES_ONLY, REGISTERED

BLOCK_REGISTRY: dict[str, type[blocks.Block]] = dict(sorted(REGISTERED.items()))

TOOLBOX_BODY_BLOCKS = sorted(name for name in BLOCK_REGISTRY if name not in MODULES_ONLY)
MODULE_BODY_BLOCKS = sorted(BLOCK_REGISTRY)


def _stream(names: list[str]) -> list[tuple[str, blocks.Block]]:
    return [(name, BLOCK_REGISTRY[name]()) for name in names]


class ToolboxBodyStreamBlock(blocks.StreamBlock):
    def __init__(self, **kwargs):
        super().__init__(_stream(TOOLBOX_BODY_BLOCKS), **kwargs)


class ModuleBodyStreamBlock(blocks.StreamBlock):
    def __init__(self, **kwargs):
        super().__init__(_stream(MODULE_BODY_BLOCKS), **kwargs)


class LearningObjectivesStreamBlock(blocks.StreamBlock):
    objective = blocks.CharBlock(max_length=250, icon="tick", label="Learning objective")


__all__ = [
    "BLOCK_REGISTRY",
    "MODULE_BODY_BLOCKS",
    "TOOLBOX_BODY_BLOCKS",
    "LearningObjectivesStreamBlock",
    "ModuleBodyStreamBlock",
    "ToolboxBodyStreamBlock",
]
