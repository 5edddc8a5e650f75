"""``manage.py seed_demo``: the demo site editors and app developers try things on.

It creates the English home page and toolbox index, the vocabularies, partner organisations,
cities, safe spaces, helplines, images, documents and the four toolboxes with their modules,
all from the data modules in ``cms/demo/content`` (``cms/demo/seeder.py``,
``cms/demo/listings.py``); then the expert panels, their pseudonymous demo members and
workflows, and one module under review (``cms/demo/panels.py``); then the language reviews and
the demo translations (``cms/demo/translation.py``).

Idempotent: an object that already exists (found by its slug, code, name or stable UUID) is
left exactly as it is, so a re-run creates no row, revision or log entry, and never undoes an
editor's change. Deterministic: keys give fixed UUIDs, and StreamField block ids are drawn from
``random.Random(--seed)``, so a fresh database always receives the same content.
"""

import random

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale

from cms.demo.seeder import DemoSeeder


class Command(BaseCommand):
    help = (
        "Create the demo content (toolboxes, modules, cities, safe spaces, helplines) and the "
        "expert panels with their workflows."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Seed for the generated parts (StreamField block ids). Default: 2026.",
        )

    def handle(self, *args, seed: int, **options):
        seeder = DemoSeeder(random.Random(seed), Locale.objects.get(language_code="en"))
        with transaction.atomic():
            seeder.run()
        for label in sorted(set(seeder.created) | set(seeder.present)):
            self.stdout.write(
                self.style.SUCCESS(
                    f"{label}: {seeder.created[label]} created, "
                    f"{seeder.present[label]} already present"
                )
            )
