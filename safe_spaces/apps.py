from django.apps import AppConfig


class SafeSpacesConfig(AppConfig):
    name = "safe_spaces"
    verbose_name = "Safe spaces"
