from django.apps import AppConfig


class AccessConfig(AppConfig):
    """Who may do what, city by city: the city roles (groups bound to a city), the scope every
    admin path applies from them, and the log of who was shown a confidential location."""

    name = "cms.access"
    label = "access"
    verbose_name = "Access by city"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (a new city gets its role groups)
