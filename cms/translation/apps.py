from django.apps import AppConfig


class TranslationConfig(AppConfig):
    name = "cms.translation"
    label = "translation"
    verbose_name = "Translation"

    def ready(self) -> None:
        from . import signal_handlers, sync

        sync.install()
        signal_handlers.register()
