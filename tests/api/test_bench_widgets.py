"""`manage.py bench_widgets`: one row per widget request, with its SQL count and bytes, and no
consumer key left behind."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from api.models import ConsumerKey
from tests.api.rest.conftest import listing


@pytest.fixture
def content(brussels, module):
    listing(brussels)
    return module


def run(**options) -> list[list[str]]:
    out = StringIO()
    call_command("bench_widgets", stdout=out, **options)
    return [line.split() for line in out.getvalue().splitlines()]


def test_each_widget_request_is_measured_and_the_key_removed(content):
    rows = run(rounds=2)
    assert rows[0] == [
        "widget",
        "request",
        "(REST,",
        "one",
        "process)",
        "SQL",
        "ms",
        "req/s",
        "bytes",
    ]
    labels = [" ".join(row[:-4]) for row in rows[1:]]
    assert labels == [
        "widgets/safe-spaces, 100 of brussels",
        "widgets/toolboxes/<slug>",
        "widgets/helplines",
        "widgets/toolboxes",
        "takedowns",
        "widgets/strings",
    ]
    # The same counts as the widgets' own query-count tests: one listing, one module.
    assert [int(row[-4]) for row in rows[1:]] == [9, 6, 5, 3, 2, 2]
    assert all(int(row[-1].replace(",", "")) > 0 for row in rows[1:])
    assert not ConsumerKey.objects.exists()


def test_an_unknown_city_is_refused(content):
    with pytest.raises(CommandError, match="No published city 'atlantis'"):
        run(city="atlantis")
    assert not ConsumerKey.objects.exists()


def test_rounds_must_be_positive(content):
    with pytest.raises(CommandError, match="--rounds must be 1 or more"):
        run(rounds=0)
