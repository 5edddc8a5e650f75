"""`make bench-refusals` runs every kind of refused document through the endpoint: each is
refused (4xx, no data) and runs no SQL. (Its timings are figures, printed, not asserted.)"""

import io
import re

import pytest
from django.core.management import call_command

from api.management.commands.bench_refusals import refused_documents

pytestmark = pytest.mark.django_db


def test_every_document_of_the_benchmark_is_refused_without_sql():
    out = io.StringIO()
    call_command("bench_refusals", repeat=2, stdout=out)

    documents = refused_documents()
    assert len(documents) == 13
    # One row per document, in order: its name (42 columns), then its status (6 columns).
    # Timings are not matched against: under load one may look like a status.
    rows = out.getvalue().splitlines()[1 : 1 + len(documents)]
    assert [row[:42].rstrip() for row in rows] == [name for name, _ in documents]
    assert all(re.fullmatch(r"4(00|13|14)", row[43:49].strip()) for row in rows), rows
    assert all(row.split()[-1] == "0" for row in rows)
    assert "Slowest refusal, 99th percentile:" in out.getvalue()
