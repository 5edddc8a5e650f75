"""The change log (``ChangeRecord``): every publication (a row created live included),
unpublication, deletion, move and change of privacy of what readers may get, in the
transaction that makes it.

Delta sync reads it to tell a client what changed since its token and what it must remove; a
takedown writes an urgent record. Kinds are the public API's types; an object is named by its
translation key, the same in every language.
"""

from __future__ import annotations

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


def record(instance: Any, action: str, *, urgent: bool = False) -> ChangeRecord | None:
    """Log a change of ``instance`` (a kind the API serves; anything else is ignored)."""
    kind = kind_of(instance)
    if kind is None or getattr(instance, "translation_key", None) is None:
        return None
    city_key = None
    if kind == "safe_space" and instance.city_id:
        from cms.core.models import City

        city_key = (
            City.objects.filter(pk=instance.city_id)
            .values_list("translation_key", flat=True)
            .first()
        )
    locale = getattr(instance, "locale", None)
    return ChangeRecord.objects.create(
        kind=kind,
        key=instance.translation_key,
        locale=locale.language_code if locale is not None else "",
        city_key=city_key,
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
