from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "cms.panels"
    label = "panels"
    verbose_name = "Expert panels"

    def ready(self) -> None:
        from . import gate, signal_handlers

        signal_handlers.register()
        gate.install()
