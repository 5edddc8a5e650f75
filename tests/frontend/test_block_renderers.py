"""The widgets render every block of the registry: a block added to ``BLOCK_REGISTRY`` without a
case in the widgets' ``block()`` would be dropped from every embedded toolbox without a word."""

import re
from pathlib import Path

from toolbox_pages.blocks import BLOCK_REGISTRY

WIDGETS = Path(__file__).resolve().parents[2] / "frontend_stub" / "widgets" / "widgets.js"


def rendered_block_types() -> set[str]:
    source = WIDGETS.read_text()
    start = source.index("function block(")
    end = source.index("\n}\n", start)
    return set(re.findall(r'case "([a-z_]+)":', source[start:end]))


def test_the_widgets_render_every_registered_block():
    assert rendered_block_types() == set(BLOCK_REGISTRY)
