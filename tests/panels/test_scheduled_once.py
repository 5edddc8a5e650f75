"""Scheduled publishing runs once: a run holds a transaction-scoped advisory lock on
PostgreSQL (``cms.core.locks``); a second run at the same time does nothing. The real race
of two scheduler processes is in tests/deploy/test_several_servers.py."""

import datetime
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

from cms.core.locks import PUBLISH_SCHEDULED, run_alone
from cms.delivery.models import ChangeRecord
from safe_spaces.factories import SafeSpaceFactory

pytestmark = pytest.mark.django_db


def test_a_due_revision_is_published_once_by_two_runs():
    listing = SafeSpaceFactory(name="Night desk")
    listing.name = "Night desk, open on Sundays"
    revision = listing.save_revision()
    due = timezone.now() - datetime.timedelta(minutes=1)
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=due)
    before = ChangeRecord.objects.filter(key=listing.translation_key).count()

    call_command("publish_scheduled", stdout=StringIO())
    call_command("publish_scheduled", stdout=StringIO())

    listing.refresh_from_db()
    assert (listing.name, listing.live_revision_id) == ("Night desk, open on Sundays", revision.pk)
    entries = ModelLogEntry.objects.filter(
        object_id=str(listing.pk), action="wagtail.publish.scheduled"
    )
    assert entries.count() == 1
    assert ChangeRecord.objects.filter(key=listing.translation_key).count() == before + 1


def test_a_run_holds_its_lock_for_its_whole_transaction():
    with run_alone(PUBLISH_SCHEDULED) as alone:
        assert alone is True
        assert connection.in_atomic_block
        if connection.vendor == "postgresql":
            # Another session (another scheduler) can't take it meanwhile.
            with psycopg.connect(
                host=connection.settings_dict["HOST"] or "127.0.0.1",
                port=connection.settings_dict["PORT"] or 5432,
                user=connection.settings_dict["USER"],
                dbname=connection.settings_dict["NAME"],
            ) as other:
                row = other.execute(
                    "SELECT pg_try_advisory_xact_lock(%s)", [PUBLISH_SCHEDULED]
                ).fetchone()
                assert row == (False,)
