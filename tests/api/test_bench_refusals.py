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

    rows = [line for line in out.getvalue().splitlines()[1:] if re.search(r" 4\d\d ", line)]
    assert len(rows) == len(refused_documents()) == 13
    assert all(row.split()[-1] == "0" for row in rows)
    assert "Slowest refusal, 99th percentile:" in out.getvalue()
