"""``manage.py seed_bulk``: synthetic volume for benchmarks (tens of thousands of safe spaces).

Run ``manage.py seed_demo`` first: the synthetic rows hang off its partner cities, service
categories, audiences and toolboxes, and the command stops with an error if they are missing.

Safe spaces are written with ``bulk_create`` in batches, each with its M2M rows, phones,
opening hours and one published revision, so they are live exactly as if an editor had
published them. The safe spaces of a batch are inserted first, and the database returns their
primary keys (PostgreSQL and SQLite 3.35+ do) for the rows that point at them. Each batch is
then added to the search index in bulk. The reference index is not updated for them (run
``manage.py rebuild_references_index`` if a test needs it).
Modules are pages, so they go through the page tree one by one (``add_child``) and are
published through their toolbox's panel (the demo members approve each one).

Synthetic objects say so in their names ("Synthetic safe space 00042"). Object ``i`` is
derived from ``--seed`` and ``i`` alone, with a translation key (its public id) from its
number: a re-run with the same arguments adds nothing, and a larger ``--safe-spaces`` adds only
the difference.
"""

import datetime
import random
import time
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields
from wagtail.models import Locale, Revision
from wagtail.search.backends import get_search_backend

from cms.core.models import Audience, City
from cms.core.validators import normalise_phone_number
from cms.demo.content import stable_uuid
from cms.demo.content.safe_spaces import HOURS
from cms.demo.content.toolboxes import TOOLBOXES
from cms.demo.content.vocabularies import PARTNER_CITY_SLUGS
from cms.demo.panels import publish_through_panel
from safe_spaces.models import OpeningHours, SafeSpace, SafeSpacePhone, ServiceCategory
from toolbox_pages.models import ModulePage, ToolboxPage

# Where synthetic safe spaces are placed: (latitude, longitude, half-height, half-width) of a
# box around each partner city's centre, small enough to stay inside the city.
CITY_AREAS = {
    "brussels": (50.8467, 4.3525, 0.035, 0.05),
    "luxembourg": (49.6116, 6.1319, 0.02, 0.03),
    "rome": (41.8986, 12.4964, 0.05, 0.07),
    "gothenburg": (57.7089, 11.9746, 0.04, 0.07),
}

# Digits after the country code, by country: a prefix and how many random digits follow.
PHONE_PATTERNS = {
    "BE": ("+322", 7),  # Brussels landlines: 02 xxx xx xx
    "LU": ("+35226", 6),
    "IT": ("+3906", 8),  # Rome landlines: 06 xxxx xxxx
    "SE": ("+4631", 7),  # Gothenburg landlines: 031 xxx xx xx
}

COMMUNITY_LANGUAGES = ["ar", "fa", "prs", "ti", "so", "uk", "es", "pt", "tr", "el", "en"]
SYNTHETIC_MODULE_SLUG = "synthetic-module-{:03d}"


def synthetic_key(number: int) -> str:
    return f"{number:05d}"


def phone_number(rng: random.Random, country: str) -> str:
    """A random number that passes the same validation as an editor's entry."""
    prefix, length = PHONE_PATTERNS[country]
    while True:
        # Landline numbers never start with 0 or 1 after the area code.
        candidate = (
            prefix
            + str(rng.randint(2, 9))
            + "".join(str(rng.randint(0, 9)) for _ in range(length - 1))
        )
        try:
            return normalise_phone_number(candidate)
        except ValidationError:
            continue


class BulkSeeder:
    """Adds the synthetic rows that are missing; every value is drawn from ``Random``."""

    def __init__(self, seed: int, batch_size: int, stdout):
        self.seed = seed
        self.batch_size = batch_size
        self.stdout = stdout
        self.locale = Locale.objects.get(language_code="en")
        self.cities = {
            city.slug: city
            for city in City.objects.filter(slug__in=PARTNER_CITY_SLUGS, locale=self.locale)
        }
        self.categories = list(ServiceCategory.objects.filter(locale=self.locale).order_by("code"))
        self.audiences = list(Audience.objects.filter(locale=self.locale).order_by("code"))
        self.toolboxes = [
            ToolboxPage.objects.filter(slug=data["slug"]).first() for data in TOOLBOXES
        ]
        missing = [slug for slug in PARTNER_CITY_SLUGS if slug not in self.cities]
        if missing or not self.categories or not self.audiences or None in self.toolboxes:
            raise CommandError(
                "The demo content is missing (partner cities, categories, audiences or "
                "toolboxes). Run `manage.py seed_demo` first."
            )
        self.content_type = ContentType.objects.get_for_model(SafeSpace)

    def rng(self, kind: str, number: int) -> random.Random:
        # A string seed is hashed with SHA-512: the same on every machine and run.
        return random.Random(f"{self.seed}:{kind}:{number}")

    # --- safe spaces -------------------------------------------------------------------------

    def safe_spaces(self, total: int) -> int:
        created = 0
        for start in range(1, total + 1, self.batch_size):
            numbers = range(start, min(start + self.batch_size, total + 1))
            keys = {stable_uuid("synthetic-safe-space", synthetic_key(n)): n for n in numbers}
            existing = set(
                SafeSpace.objects.filter(translation_key__in=keys, locale=self.locale).values_list(
                    "translation_key", flat=True
                )
            )
            todo = [number for key, number in keys.items() if key not in existing]
            if todo:
                with transaction.atomic():
                    self._create_batch(todo)
                created += len(todo)
                self.stdout.write(f"  safe spaces {numbers.start}-{numbers.stop - 1}: +{len(todo)}")
        return created

    def _build(self, number: int, now: datetime.datetime):
        rng = self.rng("safe-space", number)
        key = synthetic_key(number)
        city = self.cities[rng.choice(PARTNER_CITY_SLUGS)]
        lat, lon, dlat, dlon = CITY_AREAS[city.slug]
        verified_on = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 300))
        confidential = rng.random() < 0.03
        closed = rng.random() < 0.05
        space = SafeSpace(
            translation_key=stable_uuid("synthetic-safe-space", key),
            locale=self.locale,
            name=f"Synthetic safe space {key}",
            operated_by=f"Synthetic operator {rng.randint(1, 500):03d}",
            city=city,
            description="Synthetic listing for load tests; not a real service.",
            languages=[*city.languages[:2], *rng.sample(COMMUNITY_LANGUAGES, rng.randint(0, 3))],
            address_1=f"Synthetic street {rng.randint(1, 300)}",
            postal_code=f"{rng.randint(1000, 9999)}",
            latitude=Decimal(f"{lat + rng.uniform(-dlat, dlat):.6f}"),
            longitude=Decimal(f"{lon + rng.uniform(-dlon, dlon):.6f}"),
            confidential_location=confidential,
            public_contact_phone=phone_number(rng, city.country) if confidential else "",
            status="temporarily closed" if closed else "active",
            alert="Synthetic closure notice." if closed else "",
            verified_on=verified_on,
            verify_by=verified_on + datetime.timedelta(days=365),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )
        categories = rng.sample(self.categories, rng.randint(1, 2))
        audiences = rng.sample(self.audiences, rng.randint(1, 3))
        phones = [
            SafeSpacePhone(
                safe_space=space,
                number=phone_number(rng, city.country),
                type="voice",
                description="Reception",
                sort_order=0,
            )
        ]
        hours = [
            OpeningHours(
                safe_space=space,
                weekday=weekday,
                opens_at=datetime.time.fromisoformat(opens),
                closes_at=datetime.time.fromisoformat(closes),
                sort_order=order,
            )
            for order, (weekday, opens, closes) in enumerate(HOURS[rng.choice(sorted(HOURS))])
        ]
        return space, categories, audiences, phones, hours

    def _create_batch(self, numbers: list[int]) -> None:
        now = timezone.now()
        built = [self._build(number, now) for number in numbers]
        spaces = [space for space, *_ in built]
        phones = [phone for *_, space_phones, _ in built for phone in space_phones]
        hours = [row for *_, space_hours in built for row in space_hours]
        # The safe spaces go in first: the database returns their primary keys (PostgreSQL and
        # SQLite 3.35+), which the children, the M2M rows and the revisions point at.
        SafeSpace.objects.bulk_create(spaces)
        if any(space.pk is None for space in spaces):
            raise CommandError("The database did not return the primary keys of the new rows.")
        # Children and M2M rows go in before the revisions, so the revisions record their keys.
        SafeSpacePhone.objects.bulk_create(phones)
        OpeningHours.objects.bulk_create(hours)
        SafeSpace.categories.through.objects.bulk_create(
            SafeSpace.categories.through(safespace_id=space.pk, servicecategory_id=term.pk)
            for space, categories, *_ in built
            for term in categories
        )
        SafeSpace.audiences.through.objects.bulk_create(
            SafeSpace.audiences.through(safespace_id=space.pk, audience_id=term.pk)
            for space, _, audiences, *_ in built
            for term in audiences
        )
        revisions = Revision.objects.bulk_create(
            self._revision(space, categories, audiences, space_phones, space_hours, now)
            for space, categories, audiences, space_phones, space_hours in built
        )
        for space, revision in zip(spaces, revisions, strict=True):
            space.latest_revision = revision
            space.live_revision = revision
        SafeSpace.objects.bulk_update(spaces, ["latest_revision", "live_revision"])
        # bulk_create sends no signals, so the search index is told here.
        get_search_backend().add_bulk(SafeSpace, spaces)

    def _revision(self, space, categories, audiences, phones, hours, now) -> Revision:
        """The revision an editor's publish would have saved (``serializable_data()``)."""
        content = get_serializable_data_for_fields(space)
        content["phones"] = [get_serializable_data_for_fields(phone) for phone in phones]
        content["regular_schedule"] = [get_serializable_data_for_fields(row) for row in hours]
        content["schedule_exceptions"] = []
        content["categories"] = [term.pk for term in categories]
        content["audiences"] = [term.pk for term in audiences]
        return Revision(
            content_type=self.content_type,
            base_content_type=self.content_type,
            object_id=str(space.pk),
            object_str=space.name,
            created_at=now,
            content=content,
        )

    # --- modules -----------------------------------------------------------------------------

    def modules(self, per_toolbox: int) -> int:
        created = 0
        for toolbox in self.toolboxes:
            existing = set(
                ModulePage.objects.child_of(toolbox)
                .filter(slug__startswith="synthetic-module-")
                .values_list("slug", flat=True)
            )
            for number in range(1, per_toolbox + 1):
                slug = SYNTHETIC_MODULE_SLUG.format(number)
                if slug in existing:
                    continue
                with transaction.atomic():
                    self._module(toolbox, number, slug)
                created += 1
        return created

    def _module(self, toolbox: ToolboxPage, number: int, slug: str) -> None:
        rng = self.rng(f"module:{toolbox.slug}", number)
        paragraphs = rng.randint(2, 5)
        page = ModulePage(
            title=f"Synthetic module {number:03d}",
            slug=slug,
            translation_key=stable_uuid("synthetic-module", f"{toolbox.slug}/{slug}"),
            summary="Synthetic module for load tests; not training material.",
            duration_minutes=rng.choice([15, 30, 45, 60, 90]),
            learning_objectives=[("objective", f"Synthetic objective {n}") for n in (1, 2)],
            body=[
                ("heading", {"text": f"Synthetic section {number}", "level": "h2"}),
                *(
                    ("paragraph", f"<p>Synthetic paragraph {n} of {paragraphs}.</p>")
                    for n in range(1, paragraphs + 1)
                ),
            ],
        )
        page.audiences = rng.sample(self.audiences, 2)
        page.live = False
        toolbox.add_child(instance=page)
        page.save_revision()
        # Modules are under their toolbox's panel: its demo members approve each one, and
        # that approval publishes it.
        publish_through_panel(ModulePage.objects.get(pk=page.pk))


class Command(BaseCommand):
    help = "Add synthetic safe spaces and modules for benchmarks (run seed_demo first)."

    def add_arguments(self, parser):
        parser.add_argument("--safe-spaces", type=int, default=0, help="How many in total.")
        parser.add_argument(
            "--modules-per-toolbox", type=int, default=0, help="How many in each toolbox."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Default: 2026.")
        parser.add_argument("--batch-size", type=int, default=2000, help="Rows per insert.")

    def handle(self, *args, **options):
        if options["safe_spaces"] < 0 or options["modules_per_toolbox"] < 0:
            raise CommandError("Counts can't be negative.")
        started = time.perf_counter()
        seeder = BulkSeeder(options["seed"], max(1, options["batch_size"]), self.stdout)
        spaces = seeder.safe_spaces(options["safe_spaces"])
        modules = seeder.modules(options["modules_per_toolbox"])
        if spaces or modules:
            # Fresh planner statistics: without them PostgreSQL estimates one row where there
            # are thousands and picks plans that scan whole tables. On PostgreSQL, VACUUM also
            # marks the new rows all-visible, so covering indexes answer without the table.
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql" and not connection.in_atomic_block:
                    cursor.execute("VACUUM ANALYZE")
                else:
                    cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic safe spaces: {spaces} created "
                f"({options['safe_spaces'] - spaces} already present); "
                f"synthetic modules: {modules} created; {elapsed:.1f} s."
            )
        )
