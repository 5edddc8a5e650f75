"""Run each scenario of a plan in process and count its SQL queries.

The plan is a JSON list of ``{"code", "query", "variables"}``. Each document is posted twice to
the GraphQL endpoint (the first request makes image renditions); the second is counted. Prints
one JSON object: per code, ``sql`` (queries) and ``bytes`` (the response body's size); with
``--responses``, writes each response body there as ``<code>.json``.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


class Command(BaseCommand):
    help = "Count the SQL queries and response bytes of each GraphQL document of a plan."

    def add_arguments(self, parser):
        parser.add_argument("plan", type=Path)
        parser.add_argument("--responses", type=Path, help="Directory for the response bodies.")

    def handle(self, *args, **options):
        client = Client()
        figures = {}
        for scenario in json.loads(options["plan"].read_text()):
            body = json.dumps({"query": scenario["query"], "variables": scenario["variables"]})
            self._post(client, scenario["code"], body)
            with CaptureQueriesContext(connection) as captured:
                content = self._post(client, scenario["code"], body)
            figures[scenario["code"]] = {
                "sql": len(captured.captured_queries),
                "bytes": len(content),
            }
            if options["responses"]:
                options["responses"].mkdir(parents=True, exist_ok=True)
                (options["responses"] / f"{scenario['code']}.json").write_bytes(content)
        self.stdout.write(json.dumps(figures))

    @staticmethod
    def _post(client: Client, code: str, body: str) -> bytes:
        response = client.post("/graphql/", body, content_type="application/json")
        payload = json.loads(response.content)
        if response.status_code != 200 or payload.get("errors") or not payload.get("data"):
            raise CommandError(f"{code} failed: {response.status_code} {response.content[:2000]!r}")
        return response.content
