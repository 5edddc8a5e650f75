"""Time the widgets' REST requests in one process (`make bench`, after the GraphQL figures):
SQL queries, milliseconds and requests per second on one core, and bytes, for each request a
widget or a kiosk sends. The widgets' answers are private to each key, so no shared cache keeps
them: these are the figures docs/capacity.md sizes the app servers with."""

from __future__ import annotations

import functools
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from api.models import ConsumerKey
from cms.core.models import City
from toolbox_pages.models import ToolboxPage


def widget_requests(city: str, locale: str, toolbox: str) -> list[tuple[str, str, dict]]:
    """(label, path, query) of each request the widgets and the kiosk send."""
    return [
        (
            f"widgets/safe-spaces, 100 of {city}",
            "/api/v1/widgets/safe-spaces",
            {"city": city, "locale": locale, "per_page": 100},
        ),
        ("widgets/toolboxes/<slug>", f"/api/v1/widgets/toolboxes/{toolbox}", {"locale": locale}),
        ("widgets/helplines", "/api/v1/widgets/helplines", {"city": city, "locale": locale}),
        ("widgets/toolboxes", "/api/v1/widgets/toolboxes", {"locale": locale}),
        ("takedowns", "/api/v1/takedowns", {}),
        ("widgets/strings", "/api/v1/widgets/strings", {"locale": locale}),
    ]


def measure(get: Callable[[], Any], rounds: int) -> dict[str, float]:
    """SQL count of one request, then the median of ``rounds`` timed ones."""
    first: HttpResponse = get()
    if first.status_code != 200:
        raise CommandError(f"{first.status_code}: {first.content[:200]!r}")
    with CaptureQueriesContext(connections["default"]) as queries:
        get()
    # Read now: the next request's request_started signal empties the connection's query log.
    sql = len(queries.captured_queries)
    seconds = []
    for _ in range(rounds):
        started = time.perf_counter()
        get()
        seconds.append(time.perf_counter() - started)
    median = statistics.median(seconds)
    return {
        "sql": sql,
        "ms": median * 1000,
        "rps": 1 / median,
        "bytes": len(first.content),
    }


class Command(BaseCommand):
    help = "Time each widget REST request in this process: SQL, ms, req/s on one core, bytes."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--city", default="brussels")
        parser.add_argument("--locale", default=settings.LANGUAGE_CODE)
        parser.add_argument("--rounds", type=int, default=30)

    def handle(self, *args: Any, city: str, locale: str, rounds: int, **options: Any) -> None:
        if rounds < 1:
            raise CommandError("--rounds must be 1 or more.")
        if not City.objects.filter(slug=city, live=True).exists():
            raise CommandError(f"No published city '{city}': seed the content first.")
        toolbox = (
            ToolboxPage.objects.live()
            .public()
            .filter(locale__language_code=locale, sensitivity=ToolboxPage.Sensitivity.PUBLIC)
            .order_by("path")
            .first()
        )
        if toolbox is None:
            raise CommandError(f"No published public toolbox in '{locale}'.")
        key = ConsumerKey(name="bench_widgets", kind=ConsumerKey.Kind.WIDGET)
        key.all_cities = key.all_locales = True
        key.requests_per_minute = 100_000
        raw = key.set_new_key()
        key.save()
        host = next((h for h in settings.ALLOWED_HOSTS if h not in {"*", ""}), "localhost")
        client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_HOST=host.lstrip("."))
        try:
            self.stdout.write(
                f"{'widget request (REST, one process)':<40} {'SQL':>4} {'ms':>8} "
                f"{'req/s':>8} {'bytes':>9}"
            )
            for label, path, query in widget_requests(city, locale, toolbox.slug):
                row = measure(functools.partial(client.get, path, query), rounds)
                self.stdout.write(
                    f"{label:<40} {row['sql']:>4} {row['ms']:>8.1f} {row['rps']:>8.0f} "
                    f"{row['bytes']:>9,}"
                )
        finally:
            key.delete()
