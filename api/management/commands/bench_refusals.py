"""Time every kind of refused GraphQL document through the real endpoint: `make bench-refusals`.

Each document is sent anonymously with the Django test client (no network, no server), many
times; the command prints the answer's status and error code or limit, the median and 99th
percentile of the whole request in milliseconds, and the SQL queries one refusal ran (0:
nothing executes). The target: every refusal's 99th percentile under 20 ms. For the document
of 300 same-name fields, it also times what the specification's validation rules alone would
have spent on it, had the limits not refused it first.
"""

from __future__ import annotations

import gc
import json
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from graphql import parse, specified_rules, validate

from api.graphql.document_cache import document_cache
from api.graphql.view import GraphQLHTTPView

TARGET_MS = 20.0


def refused_documents() -> list[tuple[str, str]]:
    aliases = " ".join(f"a{n}: title" for n in range(40))
    roots = " ".join(f"r{n}: locales {{ code }}" for n in range(11))
    return [
        ("300 same-name fields", "{ toolboxes { " + "title " * 300 + "} }"),
        ("990 same-name fields (1,000 tokens)", "{ toolboxes { " + "title " * 990 + "} }"),
        (
            "300 same-name fields through fragments",
            "fragment T on Toolbox { title } { toolboxes { " + "...T " * 300 + "} }",
        ),
        ("40 aliases", "{ toolboxes { " + aliases + " } }"),
        ("11 root fields", "{ " + roots + " }"),
        (
            "estimated cost over the limit",
            "{ toolboxes { modules { body { id ... on QuestionsAnswersBlock { items "
            '{ question } } } } } search(text: "x", first: 100) { __typename } }',
        ),
        ("page size over the limit", "{ safeSpaces(first: 1000) { totalCount } }"),
        ("more than 1,000 tokens", "{ toolboxes { " + "title " * 1_100 + "} }"),
        ("over 20,000 characters", "{ toolboxes { title } }" + " " * 20_000),
        ("syntax error", "{ toolboxes { title }"),
        ("unknown field", "{ toolboxes { nope } }"),
        ("mutation", "mutation { __typename }"),
        ("introspection", "{ __schema { types { name } } }"),
    ]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Time every kind of refused GraphQL document through the endpoint (ms)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=200, help="requests per document")

    def handle(self, *args, repeat: int, **options):
        client = Client()
        client.get("/healthz")  # everything imported
        # As deploy/gunicorn.conf.py does before the workers fork: what is loaded now is kept
        # out of the collector's full passes (which would otherwise add ~80 ms pauses).
        gc.collect()
        gc.freeze()
        worst = 0.0
        header = f"{'refused document':42} {'status':>6} {'code / limit':28} {'p50 ms':>7} "
        self.stdout.write(header + f"{'p99 ms':>7} {'SQL':>4}")
        # The anonymous budget counts executed work only: refusals never reach it, but a
        # generous budget keeps the figures about refusals whatever the settings.
        with override_settings(
            API_ANONYMOUS_REQUESTS_PER_MINUTE=10**9,
            ALLOWED_HOSTS=["testserver"],
            DEBUG=False,  # as in production: introspection off
        ):
            for name, query in refused_documents():
                body = json.dumps({"query": query})
                times: list[float] = []
                for _ in range(repeat):
                    document_cache.clear()
                    started = time.perf_counter()
                    response = client.post(
                        "/api/graphql/",
                        body,
                        content_type="application/json",
                        HTTP_ACCEPT="application/graphql-response+json",
                    )
                    times.append((time.perf_counter() - started) * 1000)
                with CaptureQueriesContext(connection) as queries:
                    response = client.post(
                        "/api/graphql/",
                        body,
                        content_type="application/json",
                        HTTP_ACCEPT="application/graphql-response+json",
                    )
                if response.status_code not in (400, 413, 414) or "data" in response.json():
                    raise CommandError(f"{name}: answered {response.status_code}, not refused.")
                error = response.json()["errors"][0]
                code = error["extensions"].get("limit") or error["extensions"].get("code", "")
                p99 = percentile(times, 0.99)
                worst = max(worst, p99)
                self.stdout.write(
                    f"{name:42} {response.status_code:>6} {code:28} "
                    f"{statistics.median(times):7.2f} {p99:7.2f} {len(queries):>4}"
                )
        schema = GraphQLHTTPView().get_schema()
        document = parse("{ toolboxes { " + "title " * 300 + "} }")
        started = time.perf_counter()
        validate(schema, document, specified_rules)
        spec_ms = (time.perf_counter() - started) * 1000
        self.stdout.write(
            f"\nThe specification's rules alone on 300 same-name fields: {spec_ms:.0f} ms "
            "(never run: the limits refuse it first)."
        )
        verdict = "met" if worst < TARGET_MS else "MISSED"
        self.stdout.write(
            f"Slowest refusal, 99th percentile: {worst:.2f} ms; target "
            f"< {TARGET_MS:.0f} ms: {verdict}."
        )
