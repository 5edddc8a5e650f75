"""The widgets render every block of the registry: a block added to ``BLOCK_REGISTRY`` without a
renderer in ``frontend_stub/widgets/blocks.js`` would be dropped from every embedded toolbox
without a word. The module is imported by node, as a browser would load it."""

import json
import shutil
import subprocess
from pathlib import Path

from toolbox_pages.blocks import BLOCK_REGISTRY

BLOCKS = Path(__file__).resolve().parents[2] / "frontend_stub" / "widgets" / "blocks.js"


def rendered_block_types() -> list[str]:
    node = shutil.which("node")
    assert node is not None, "The widget tests need node (the machine's Node.js)."
    script = (
        f"const m = await import({json.dumps(BLOCKS.as_uri())});"
        "console.log(JSON.stringify(Object.keys(m.BLOCK_RENDERERS)));"
    )
    output = subprocess.run(  # noqa: S603 - node, with a script of our own
        [node, "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    return json.loads(output)


def test_the_widgets_render_every_registered_block():
    assert sorted(rendered_block_types()) == sorted(BLOCK_REGISTRY)
