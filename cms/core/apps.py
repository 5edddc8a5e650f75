from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "Equalcity core"

    def ready(self) -> None:
        from wagtail.snippets.models import register_snippet

        from .languages import register_extra_language_info
        from .viewsets import EqualcityContentGroup

        register_extra_language_info()
        # Deferred by Wagtail until the snippets app is ready; built then, after every app's
        # wagtail_hooks has registered its menu items.
        register_snippet(EqualcityContentGroup)
