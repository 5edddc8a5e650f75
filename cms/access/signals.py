"""A new city gets its role groups at once; every migrate brings the groups' permissions up
to date (a release that gives a role a new permission needs no manual step)."""

from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from cms.core.models import City

from .roles import ensure_city_roles, role_app_labels


@receiver(post_save, sender=City, dispatch_uid="access.city_roles")
def city_roles_for_new_city(sender: type, instance: City, created: bool, raw: bool, **kwargs: Any):
    # A translation shares its source city's groups: only the default-locale row has its own.
    if created and not raw and instance.locale_id == Locale.get_default().pk:
        ensure_city_roles(instance)


def city_roles_after_migrate(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs: Any):
    if using != DEFAULT_DB_ALIAS:
        return
    # The roles name permissions of apps that may come later in INSTALLED_APPS (whose
    # post_migrate has not made them yet): make those apps' first.
    for label in role_app_labels():
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    for city in City.objects.filter(locale__language_code=default):
        ensure_city_roles(city)
