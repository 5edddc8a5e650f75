"""How fresh what the public APIs serve is: the languages an object is live in and, for a
translation, its source language, when it was written and whether it is behind its source.

``cms.translation.public`` decides the facts; this module loads them for every object of a
response at once.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from api.public.loaders import context_of, loader
from cms.translation.public import PublicTranslation, public_translations


def translation_of(obj: Model) -> PublicTranslation:
    """The translation facts of ``obj``: a few queries for every object of its kind the request
    has served (one per model, whatever the number of objects); objects served later load
    together."""
    return loader(context_of(obj), "translations", _load, default=_missing).get(obj)


def _load(objects: list[Any]) -> dict[Any, PublicTranslation]:
    return {obj.pk: facts for obj, facts in zip(objects, public_translations(objects), strict=True)}


def _missing() -> PublicTranslation:
    raise LookupError("public_translations answers for every object it is given.")
