"""Print the size and build time of every city's offline bundles (`make bench-bundles`, and
the end of `make bench`): gzip bytes and build milliseconds per bundle, and per city for its
bundles in every language. Targets: a bundle under 2 MB gzipped, a city under 10 s."""

from __future__ import annotations

import gzip
import statistics
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.core.models import City
from cms.delivery import bundles
from cms.delivery.models import Bundle

GZIP_TARGET = 2 * 1024 * 1024
CITY_SECONDS_TARGET = 10.0


class Command(BaseCommand):
    help = "Build every city's offline bundles and print their gzip size and build time."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--cities", nargs="*", help="city slugs (default: every city)")

    def handle(self, *args: Any, **options: Any) -> None:
        cities = City.objects.filter(locale__language_code=settings.LANGUAGE_CODE, live=True)
        if options["cities"]:
            cities = cities.filter(slug__in=options["cities"])
        slugs = list(cities.order_by("slug").values_list("slug", flat=True))
        if not slugs:
            raise CommandError("No published city: run make seed first.")
        languages = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
        self.stdout.write(
            f"{'city':<17} {'bundles':>7} {'gzip kB (max)':>14} {'gzip kB (all)':>14} "
            f"{'build ms p50':>13} {'build ms max':>13} {'city s':>7}"
        )
        worst_bytes, worst_seconds = 0, 0.0
        for slug in slugs:
            city = bundles.city_for(slug)
            if city is None:
                continue
            sizes, times = [], []
            started = time.perf_counter()
            for code in languages:
                built = bundles.build(city, code)
                sizes.append(len(gzip.compress(built.body, mtime=0)))
                times.append(built.build_ms)
            seconds = time.perf_counter() - started
            worst_bytes, worst_seconds = max(worst_bytes, max(sizes)), max(worst_seconds, seconds)
            self.stdout.write(
                f"{slug:<17} {len(sizes):>7} {max(sizes) / 1024:>14.1f} {sum(sizes) / 1024:>14.1f} "
                f"{statistics.median(times):>13.0f} {max(times):>13.0f} {seconds:>7.2f}"
            )
        size_met = "met" if worst_bytes < GZIP_TARGET else "MISSED"
        time_met = "met" if worst_seconds < CITY_SECONDS_TARGET else "MISSED"
        self.stdout.write(
            f"Largest bundle {worst_bytes / 1024:.1f} kB gzipped (target < 2 MB): {size_met}. "
            f"Slowest city, every language: {worst_seconds:.2f} s (target < 10 s): {time_met}."
        )
        self.stdout.write(f"Kept bundles in the database: {Bundle.objects.count()}.")
