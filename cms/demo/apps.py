from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site: its content (plain data in ``content/``), the seeders that turn it into
    rows, and the ``seed_demo``, ``seed_bulk`` and ``ensure_demo_*`` commands. It depends on
    the domain apps; none of them depends on it."""

    name = "cms.demo"
    label = "demo"
    verbose_name = "Equalcity demo"
