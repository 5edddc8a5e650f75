"""Create a consumer key from the command line; the key is printed alone on the last line."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale

from api.models import ConsumerKey, content_language_codes, normalise_origin
from cms.core.models import City


class Command(BaseCommand):
    help = (
        "Create a consumer key for a city app, kiosk or widget and print it (once: only its "
        "hash is stored). Without --cities it reads every city; without --locales, every "
        "language. The last line of the output is the key alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="Who uses it, e.g. 'Esch-sur-Alzette website widget'.")
        parser.add_argument(
            "--kind", choices=[kind.value for kind in ConsumerKey.Kind], default="widget"
        )
        parser.add_argument("--cities", nargs="+", metavar="SLUG", help="City slugs.")
        parser.add_argument("--locales", nargs="+", metavar="CODE", help="Language codes.")
        parser.add_argument(
            "--origins", nargs="+", metavar="ORIGIN", help="e.g. https://www.esch.lu"
        )
        parser.add_argument("--requests-per-minute", type=int, default=None)

    def handle(self, *args, name, kind, cities, locales, origins, requests_per_minute, **options):
        key = ConsumerKey(
            name=name.strip(),
            kind=kind,
            all_cities=not cities,
            all_locales=not locales,
            locales=self._locales(locales or []),
            allowed_origins=self._origins(origins or []),
        )
        if requests_per_minute is not None:
            key.requests_per_minute = requests_per_minute
        city_rows = self._cities(cities or [])
        raw_key = key.set_new_key()
        try:
            key.full_clean()
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        with transaction.atomic():
            key.save()
            key.cities.set(city_rows)
        scope = "every city" if key.all_cities else ", ".join(c.slug for c in city_rows)
        languages = "every language" if key.all_locales else ", ".join(key.locales)
        self.stdout.write(self.style.SUCCESS(f"Created the consumer key '{key.name}'."))
        self.stdout.write(f"  Prefix:    {key.key_prefix}")
        self.stdout.write(f"  Cities:    {scope}")
        self.stdout.write(f"  Languages: {languages}")
        self.stdout.write(f"  Origins:   {', '.join(key.allowed_origins) or 'none'}")
        self.stdout.write(f"  Limit:     {key.requests_per_minute} requests a minute")
        self.stdout.write("The key (shown once; only its hash is stored):")
        self.stdout.write(raw_key)

    @staticmethod
    def _locales(codes: list[str]) -> list[str]:
        known = content_language_codes()
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise CommandError(
                f"Not a content language: {', '.join(unknown)}. Known: {', '.join(known)}."
            )
        return list(dict.fromkeys(codes))

    @staticmethod
    def _origins(values: list[str]) -> list[str]:
        try:
            return list(dict.fromkeys(normalise_origin(value) for value in values))
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None

    @staticmethod
    def _cities(slugs: list[str]) -> list[City]:
        """One row per city (its default-language row where the slug names a translation)."""
        rows = []
        for slug in dict.fromkeys(slugs):
            match = City.objects.filter(slug=slug).order_by("locale_id", "pk").first()
            if match is None:
                raise CommandError(f"Unknown city slug {slug!r}.")
            default = City.objects.filter(
                translation_key=match.translation_key, locale=Locale.get_default()
            ).first()
            rows.append(default or match)
        return rows
