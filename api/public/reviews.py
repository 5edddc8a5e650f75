"""The expert-panel approval of what the public APIs serve: counts and constituencies only.

The published revision of a toolbox, a module or a safe space carries the approval of the
panel that reviewed exactly that revision, or none. ``cms.panels.public`` decides what of a
review may be public; this module loads it for every object of a response at once.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from api.public.loaders import context_of, loader
from cms.panels.public import PublicReview, public_reviews


def review_of(obj: Model) -> PublicReview | None:
    """The panel approval of ``obj``'s published revision (None when it has none).

    One query for every object of its kind the request has served; the modules of a toolbox,
    served when first asked for, load together in one more.
    """
    return loader(context_of(obj), "reviews", _load, default=lambda: None).get(obj)


def _load(objects: list[Any]) -> dict[Any, PublicReview | None]:
    items = [(obj, getattr(obj, "live_revision_id", None)) for obj in objects]
    return {obj.pk: review for obj, review in zip(objects, public_reviews(items), strict=True)}
