"""The change log (``ChangeRecord``): every publication (a row created live included),
unpublication, deletion, move and change of privacy of what readers may get, in the
transaction that makes it.

Delta sync reads it to tell a client what changed since its token and what it must remove; a
takedown writes an urgent record. Kinds are the public API's types; an object is named by its
translation key, the same in every language.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move, published, unpublished

from cms.delivery.models import ChangeRecord

KINDS = {
    "toolbox_pages.ToolboxPage": "toolbox",
    "toolbox_pages.ModulePage": "module",
    "safe_spaces.SafeSpace": "safe_space",
    "safe_spaces.Helpline": "helpline",
    "safe_spaces.ServiceCategory": "service_category",
    "core.City": "city",
    "core.Audience": "audience",
    "core.ContentWarning": "content_warning",
    "core.PartnerOrganisation": "partner_organisation",
}
Action = ChangeRecord.Action


def kind_of(instance: Any) -> str | None:
    return KINDS.get(type(instance)._meta.label)


_locale_codes: dict[int, str] = {}  # Locale id -> language code: neither ever changes


def language_code(locale_id: int | None) -> str:
    """The language code of a locale id ("" for none); read once per process."""
    if locale_id is None:
        return ""
    if locale_id not in _locale_codes:
        from wagtail.models import Locale

        code = Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()
        if code is None:
            return ""
        _locale_codes[locale_id] = code
    return _locale_codes[locale_id]


def forget_language_codes() -> None:
    """A locale was saved or deleted (a test database reuses ids)."""
    _locale_codes.clear()


def listing_city_key(instance: Any) -> uuid.UUID | None:
    """A listing's city, by translation key (None for anything else); one query, kept on the
    instance for the other handlers of the same change."""
    if type(instance)._meta.label != "safe_spaces.SafeSpace" or not instance.city_id:
        return None
    cached = getattr(instance, "_delivery_city_key", None)
    if cached is None or cached[0] != instance.city_id:
        from cms.core.models import City

        key = City.objects.filter(pk=instance.city_id).values_list("translation_key", flat=True)
        cached = (instance.city_id, key.first())
        instance._delivery_city_key = cached
    return cached[1]


def record(instance: Any, action: str, *, urgent: bool = False) -> ChangeRecord | None:
    """Log a change of ``instance`` (a kind the API serves; anything else is ignored)."""
    kind = kind_of(instance)
    if kind is None or getattr(instance, "translation_key", None) is None:
        return None
    return ChangeRecord.objects.create(
        kind=kind,
        key=instance.translation_key,
        locale=language_code(getattr(instance, "locale_id", None)),
        city_key=listing_city_key(instance),
        action=action,
        urgent=urgent,
        at=timezone.now(),
    )


def _specific(instance: Any) -> Any:
    return instance.specific_deferred if isinstance(instance, Page) else instance


def _published(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    record(_specific(instance), Action.PUBLISHED)


def _unpublished(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    record(_specific(instance), Action.UNPUBLISHED)


def _created(sender: type[Model], instance: Any, created: bool = False, **kwargs: Any) -> None:
    # A row made live as it is created (an import, a seeder), without Wagtail's publishing.
    if created and getattr(instance, "live", True) and kind_of(instance) is not None:
        record(instance, Action.PUBLISHED)


def _deleted(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    if kind_of(instance) is not None:
        record(instance, Action.DELETED)


def _moved(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    for page in Page.objects.descendant_of(instance, inclusive=True).specific():
        record(page, Action.MOVED)


def _restricted(sender: type[Model], instance: PageViewRestriction, **kwargs: Any) -> None:
    # Made private (or public again): every page under the restriction changes for readers.
    if Page.objects.filter(pk=instance.page_id).exists():
        for page in Page.objects.descendant_of(instance.page, inclusive=True).specific():
            record(page, Action.RESTRICTED)


def connect_signals() -> None:
    uid = "delivery-changelog"
    # Wagtail sends these for pages and snippets alike (page_published comes with them).
    published.connect(_published, dispatch_uid=f"{uid}-published")
    unpublished.connect(_unpublished, dispatch_uid=f"{uid}-unpublished")
    post_save.connect(_created, dispatch_uid=f"{uid}-created")
    post_delete.connect(_deleted, dispatch_uid=f"{uid}-deleted")
    post_page_move.connect(_moved, dispatch_uid=f"{uid}-moved")
    post_save.connect(_restricted, sender=PageViewRestriction, dispatch_uid=f"{uid}-private")
    post_delete.connect(_restricted, sender=PageViewRestriction, dispatch_uid=f"{uid}-public")
