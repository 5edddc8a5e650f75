from typing import Any

from django.core.management.base import BaseCommand
from wagtail.models import Locale

from cms.access.roles import ensure_city_roles
from cms.core.models import City


class Command(BaseCommand):
    help = (
        "Make (or bring up to date) the role groups of every city: editors, verifiers, "
        "coordinators, confidential locations."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        default = Locale.get_default()
        for city in City.objects.filter(locale=default).order_by("name"):
            groups = ensure_city_roles(city)
            names = ", ".join(group.name for group in groups.values())
            self.stdout.write(f"{city.name}: {names}")
