"""Demo toolboxes and their modules, following what each partner city's toolbox held.

A body is a list of ``(block name, value)`` pairs in the blocks' raw form; chooser values are
:class:`Ref` objects the seed command resolves. Text is written for the demo in plain,
trauma-informed language: it names what happens, avoids graphic detail and always says where
help is. Testimonies are composites attributed to a role and a place, never to a person.
"""

from typing import Any

from .brussels import BRUSSELS
from .gothenburg import GOTHENBURG
from .luxembourg import LUXEMBOURG
from .pages import DOCUMENTS, HOME_PAGE, IMAGES, TOOLBOX_INDEX_PAGE
from .rome import ROME

# Typed loosely on purpose: each entry is plain data in the shape the seeder reads.
TOOLBOXES: list[dict[str, Any]] = [BRUSSELS, LUXEMBOURG, ROME, GOTHENBURG]

__all__ = [
    "DOCUMENTS",
    "HOME_PAGE",
    "IMAGES",
    "TOOLBOX_INDEX_PAGE",
    "TOOLBOXES",
]
