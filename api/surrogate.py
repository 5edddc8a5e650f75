"""Surrogate keys: what a cached answer read, and which answers a change reaches.

While an answer is computed (``recording``), the public helpers note what they read
(``note``): every object served, by translation key (``o:<key>``, the same in every language,
so a new translation reaches the answers that served its fallback); every page referenced from
a body, by id (``pg:<id>``); and every list a query walked (``l:...``): the toolboxes, the
modules of one toolbox, the listings of one city (or of every city), the helplines, pages
looked up by path. A list key stands for membership and order: a row entering or leaving the
list changes it even where the row itself was never served (a later page, a count).

A change of a row the API serves (``keys_for_change``) reaches the keys of that row and of the
lists it may enter or leave: publishing a Rome listing reaches ``l:safe-spaces:<Rome>``, never a
Brussels toolbox; publishing a Brussels module reaches its own key and its toolbox's module
list. A change this module can't place precisely (a city, a vocabulary term, an image, a view
restriction, a move, a deletion, the home or an index page, whose slug is in every URL below
it...) returns None: the caller empties everything, as before.

The keys go out with cacheable answers as ``Surrogate-Key`` (Fastly, Varnish xkey) and
``Cache-Tag`` (Cloudflare, Akamai): an edge that purges by key needs nothing else.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from wagtail.models import Page

_recording: ContextVar[set[str] | None] = ContextVar("api_surrogate_keys", default=None)

TOOLBOXES = "l:toolboxes"
PAGES_BY_PATH = "l:pages"
HELPLINES = "l:helplines"
EVERY_CITY = "*"
# Fields a draft, a lock or a workflow step saves on a row without changing what is served.
_DRAFT_ONLY_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the keys noted while the block runs (nested blocks collect their own)."""
    keys: set[str] = set()
    token = _recording.set(keys)
    try:
        yield keys
    finally:
        _recording.reset(token)


def note(*keys: str) -> None:
    """Record keys for the answer being computed; nothing when no answer is recorded."""
    recorded = _recording.get()
    if recorded is not None:
        recorded.update(keys)


def recorded() -> frozenset[str]:
    """The keys noted so far for the answer being computed."""
    return frozenset(_recording.get() or ())


def object_key(translation_key: Any) -> str:
    return f"o:{translation_key}"


def page_key(pk: Any) -> str:
    return f"pg:{pk}"


def children_key(parent_translation_key: Any) -> str:
    return f"l:children:{parent_translation_key}"


def safe_spaces_key(city_translation_key: Any = EVERY_CITY) -> str:
    return f"l:safe-spaces:{city_translation_key}"


def note_objects(objects: Iterable[Any]) -> None:
    """The served objects that have a translation key."""
    if _recording.get() is None:
        return
    note(
        *(
            object_key(key)
            for key in (getattr(obj, "translation_key", None) for obj in objects)
            if key is not None
        )
    )


def note_safe_space_list(city_translation_keys: Iterable[uuid.UUID] | None) -> None:
    """A query over listings: of these cities, or of every city (None)."""
    if city_translation_keys is None:
        note(safe_spaces_key())
    else:
        note(*(safe_spaces_key(key) for key in city_translation_keys))


def header_value(keys: Iterable[str], separator: str = " ") -> str:
    """The keys as one header value, sorted: space-separated for ``Surrogate-Key``,
    comma-separated for ``Cache-Tag``."""
    return separator.join(sorted(keys))


# --- What a change reaches --------------------------------------------------------------------


def is_draft_only(update_fields: Iterable[str] | None) -> bool:
    """A save of draft bookkeeping only (a new revision, a lock): nothing served changes."""
    return update_fields is not None and set(update_fields) <= _DRAFT_ONLY_FIELDS


def keys_for_change(instance: Any, *, deleted: bool = False) -> set[str] | None:
    """The keys a saved row reaches, or None when the change can't be placed precisely."""
    from cms.delivery.changelog import listing_city_key
    from toolbox_pages.models import ModulePage, ToolboxPage

    parent = _served_parent(instance)
    if parent is not None:
        # A listing's phone, opening hours or exception, saved with the listing.
        return keys_for_change(parent)
    label = type(instance)._meta.label
    translation_key = getattr(instance, "translation_key", None)
    if deleted or translation_key is None:
        return None
    if isinstance(instance, Page):
        if not isinstance(instance, ToolboxPage | ModulePage):
            # The home and index pages: their slug is in every URL below them.
            return None
        stored_path = getattr(instance, "_surrogate_stored_url_path", None)
        if stored_path is not None and stored_path != instance.url_path:
            return None  # a new slug: every URL below it, linked from any body, changed
        keys = {object_key(translation_key), page_key(instance.pk), PAGES_BY_PATH}
        if isinstance(instance, ToolboxPage):
            keys.add(TOOLBOXES)
        parent_key = _parent_translation_key(instance)
        if parent_key is not None:
            keys.add(children_key(parent_key))
        return keys
    if label == "safe_spaces.SafeSpace":
        keys = {object_key(translation_key), safe_spaces_key()}
        for city in (listing_city_key(instance), getattr(instance, "_surrogate_stored_city", None)):
            if city is not None:
                keys.add(safe_spaces_key(city))
        return keys
    if label == "safe_spaces.Helpline":
        return {object_key(translation_key), HELPLINES}
    return None


def _served_parent(instance: Any) -> Any:
    """The listing a listing part (``safe_spaces.models.parts``) belongs to, else None."""
    if getattr(instance, "translation_key", None) is not None or not hasattr(
        instance, "safe_space_id"
    ):
        return None
    try:
        return instance.safe_space
    except ObjectDoesNotExist:  # the listing itself is being deleted
        return None


def _parent_translation_key(page: Page) -> uuid.UUID | None:
    if not page.path or page.depth <= 1:
        return None
    parent_path = page.path[: -page.steplen]
    return Page.objects.filter(path=parent_path).values_list("translation_key", flat=True).first()


def remember_stored(instance: Any) -> None:
    """Before a row is saved, what ``keys_for_change`` compares with: a toolbox's URL path
    (a new slug changes every URL below it) and a listing's city (a listing moving to another
    city also leaves the first city's lists)."""
    from toolbox_pages.models import ToolboxPage

    if isinstance(instance, ToolboxPage) and instance.pk is not None:
        instance._surrogate_stored_url_path = (
            Page.objects.filter(pk=instance.pk).values_list("url_path", flat=True).first()
        )
        return
    if type(instance)._meta.label != "safe_spaces.SafeSpace" or instance.pk is None:
        return
    from safe_spaces.models import SafeSpace

    instance._surrogate_stored_city = (
        SafeSpace.objects.filter(pk=instance.pk)
        .values_list("city__translation_key", flat=True)
        .first()
    )
