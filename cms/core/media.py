"""Where image renditions are stored: ``WAGTAILIMAGES_RENDITION_STORAGE`` names
``rendition_storage`` (cms/settings/storage.py)."""

from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class RenditionStorage(LazyObject):
    """The ``renditions`` storage of ``STORAGES`` when there is one (S3: public, unsigned URLs),
    else the default storage.

    Wagtail calls ``WAGTAILIMAGES_RENDITION_STORAGE`` once, when the rendition model is
    defined, and keeps what it returns; this lazy object follows a change of ``STORAGES``
    afterwards (tests that switch to S3), as Django's own ``default_storage`` does.
    """

    _wrapped: Any

    def _setup(self) -> None:
        alias = settings.RENDITION_STORAGE_ALIAS
        self._wrapped = storages[alias] if alias in settings.STORAGES else default_storage


_rendition_storage = RenditionStorage()


def rendition_storage() -> Any:
    return _rendition_storage


@receiver(setting_changed)
def _forget_rendition_storage(*, setting: str, **kwargs: Any) -> None:
    if setting in ("STORAGES", "RENDITION_STORAGE_ALIAS"):
        _rendition_storage._wrapped = empty
