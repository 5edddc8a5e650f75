"""How fresh what the public APIs serve is: the languages an object is live in and, for a
translation, its source language, when it was written and whether it is behind its source.

``cms.translation.public`` decides the facts; this module loads them for every object of a
response at once.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from api.public import batch_of
from cms.translation.public import PublicTranslation, public_translations


def translation_of(obj: Model) -> PublicTranslation:
    """The translation facts of ``obj``: a few queries for every object of its batch (one per
    model, whatever the number of objects); objects that join the batch later load together."""
    found = batch_of(obj).load_members("translations", _load).get(id(obj))
    return found if found is not None else public_translations([obj])[0]


def _load(objects: list[Any]) -> dict[int, PublicTranslation]:
    return {
        id(obj): facts for obj, facts in zip(objects, public_translations(objects), strict=True)
    }
