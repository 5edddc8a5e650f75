from django.apps import AppConfig


class AccessConfig(AppConfig):
    """Who may do what, city by city: the city roles (groups bound to a city), the scope every
    admin path applies from them, and the log of who was shown a confidential location."""

    name = "cms.access"
    label = "access"
    verbose_name = "Access by city"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import signals  # a new city gets its role groups

        post_migrate.connect(
            signals.city_roles_after_migrate, sender=self, dispatch_uid="access.city_roles"
        )
