from django.apps import AppConfig


class ToolboxPagesConfig(AppConfig):
    name = "toolbox_pages"
    verbose_name = "Toolboxes"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the block registry's system checks
