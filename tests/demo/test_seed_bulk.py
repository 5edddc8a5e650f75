"""``seed_bulk`` without the demo content it builds on."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from safe_spaces.models import SafeSpace


def test_seed_bulk_refuses_to_run_before_seed_demo(db):
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("seed_bulk", safe_spaces=5, stdout=StringIO())
    assert not SafeSpace.objects.exists()
