"""A new city gets its role groups at once."""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale

from cms.core.models import City

from .roles import ensure_city_roles


@receiver(post_save, sender=City, dispatch_uid="access.city_roles")
def city_roles_for_new_city(sender: type, instance: City, created: bool, raw: bool, **kwargs: Any):
    # A translation shares its source city's groups: only the default-locale row has its own.
    if created and not raw and instance.locale_id == Locale.get_default().pk:
        ensure_city_roles(instance)
