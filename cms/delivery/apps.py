from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "cms.delivery"
    label = "delivery"
    verbose_name = "Delivery to apps and kiosks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.delivery import changelog, changes, webhooks

        changes.connect_signals()
        changelog.connect_signals()
        webhooks.connect_signals()
