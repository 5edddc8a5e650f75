from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "Equalcity core"

    def ready(self) -> None:
        from .languages import register_extra_language_info

        register_extra_language_info()
