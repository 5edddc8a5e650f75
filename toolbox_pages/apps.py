from django.apps import AppConfig


class ToolboxPagesConfig(AppConfig):
    name = "toolbox_pages"
    verbose_name = "Toolboxes"
