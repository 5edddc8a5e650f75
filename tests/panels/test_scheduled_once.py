"""Scheduled publishing runs once, and one failing item doesn't hold back the others.

On PostgreSQL a run holds a transaction-scoped advisory lock (``cms.core.locks``): these tests
hold it from a second, independent connection, and overlap two runs on two connections with a
barrier, and a run that finds it held publishes nothing and exits 0. On SQLite (the demo, one
process) there is no lock: those tests prove what a run does there. Each item of a run (an
expiry, a due revision) has its own savepoint: a failure is rolled back alone and reported,
and the command exits non-zero after committing the rest, on both databases.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from unittest import mock

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import ModelLogEntry, Revision

from cms.core.locks import PUBLISH_SCHEDULED, run_alone
from cms.delivery.models import ChangeRecord
from cms.panels.management.commands.publish_scheduled import Command
from safe_spaces.factories import SafeSpaceFactory
from safe_spaces.models import SafeSpace

HELD = "Another publish_scheduled run is in progress: nothing done.\n"
WAIT = 60  # seconds: only reached when the lock is broken, so the test fails rather than hangs


def other_session() -> psycopg.Connection:
    """A second connection to the test database, like another scheduler's."""
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
    )


@contextmanager
def lock_held_elsewhere() -> Iterator[None]:
    """Another session holds the run's lock (in a transaction, as a run does) until exit."""
    with other_session() as other:
        other.execute("SELECT pg_advisory_xact_lock(%s)", [PUBLISH_SCHEDULED])
        yield
        other.rollback()


def scheduled(name: str, new_name: str) -> tuple[SafeSpace, Revision]:
    """A live listing with a revision renaming it, due a minute ago."""
    listing = SafeSpaceFactory(name=name)
    listing.name = new_name
    revision = listing.save_revision()
    due = timezone.now() - datetime.timedelta(minutes=1)
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=due)
    return listing, revision


def expiring(name: str) -> SafeSpace:
    listing = SafeSpaceFactory(name=name)
    expired = timezone.now() - datetime.timedelta(minutes=1)
    SafeSpace.objects.filter(pk=listing.pk).update(expire_at=expired)
    return listing


def published(listing: SafeSpace) -> tuple[str, int, int]:
    """(the live name, scheduled publications logged, publications in the change log)."""
    listing.refresh_from_db()
    logged = ModelLogEntry.objects.filter(
        object_id=str(listing.pk), action="wagtail.publish.scheduled"
    ).count()
    changes = ChangeRecord.objects.filter(key=listing.translation_key, action="published")
    return listing.name, logged, changes.count()


def run() -> str:
    out = StringIO()
    call_command("publish_scheduled", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_a_run_that_finds_the_lock_held_publishes_nothing_then_one_run_publishes_once():
    listing, revision = scheduled("Night desk", "Night desk, open on Sundays")
    before = published(listing)

    if connection.vendor == "postgresql":
        with lock_held_elsewhere():
            assert run() == HELD
        assert published(listing) == before
        assert Revision.objects.get(pk=revision.pk).approved_go_live_at is not None

    # Released (on SQLite: nothing to hold), one run publishes; the next finds nothing due.
    assert run() == ""
    assert run() == ""
    assert published(listing) == ("Night desk, open on Sundays", 1, before[2] + 1)
    assert listing.live_revision_id == revision.pk


@pytest.mark.django_db
def test_a_run_holds_its_lock_until_its_transaction_ends():
    with run_alone(PUBLISH_SCHEDULED) as alone:
        assert alone is True
        if connection.vendor == "postgresql":
            with other_session() as other:
                taken = other.execute(
                    "SELECT pg_try_advisory_xact_lock(%s)", [PUBLISH_SCHEDULED]
                ).fetchone()
            assert taken == (False,)
        else:
            # SQLite: nothing to lock against, so a run inside a run proceeds too.
            with run_alone(PUBLISH_SCHEDULED) as nested:
                assert nested is True


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_overlapping_runs_on_two_connections_publish_once():
    listing, revision = scheduled("Day centre", "Day centre, open on Sundays")
    before = published(listing)
    if connection.vendor != "postgresql":
        # SQLite, one process: a run publishes; there is no second scheduler to overlap.
        assert run() == ""
        assert published(listing) == ("Day centre, open on Sundays", 1, before[2] + 1)
        return

    took_the_lock, let_go = threading.Event(), threading.Event()
    original = Command.withhold_unapproved
    calls = []

    def first_run_waits(self, *, dryrun):
        # The first step after the lock: the first run stops here, holding it.
        calls.append(threading.get_ident())
        if len(calls) == 1:
            took_the_lock.set()
            assert let_go.wait(WAIT)
        return original(self, dryrun=dryrun)

    outputs: dict[str, str] = {}
    errors: list[BaseException] = []

    def scheduler(name: str) -> None:
        try:
            outputs[name] = run()
        except BaseException as error:  # reported by the test below
            errors.append(error)
        finally:
            connection.close()  # this thread's own connection

    with mock.patch.object(Command, "withhold_unapproved", first_run_waits):
        first = threading.Thread(target=scheduler, args=("first",))
        first.start()
        assert took_the_lock.wait(WAIT)
        second = threading.Thread(target=scheduler, args=("second",))
        second.start()
        second.join(WAIT)
        let_go.set()
        first.join(WAIT)

    assert errors == []
    assert outputs == {"first": "", "second": HELD}
    assert len(calls) == 1
    assert published(listing) == ("Day centre, open on Sundays", 1, before[2] + 1)
    assert Revision.objects.get(pk=revision.pk).approved_go_live_at is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_revision_is_rolled_back_alone_and_reported_after_the_others_commit(caplog):
    gone = expiring("Closed shelter")
    broken, broken_revision = scheduled("Legal desk", "Legal desk, moved")
    fine, fine_revision = scheduled("Health desk", "Health desk, open late")
    # The broken revision can't be saved (its name is required): an IntegrityError from the
    # database, which on PostgreSQL would abort the whole transaction without a savepoint.
    content = {**broken_revision.content, "name": None}
    Revision.objects.filter(pk=broken_revision.pk).update(content=content)
    fine_before, broken_before = published(fine), published(broken)
    err = StringIO()

    with (
        caplog.at_level(logging.ERROR, "cms.panels.management.commands.publish_scheduled"),
        pytest.raises(CommandError) as failed,
    ):
        call_command("publish_scheduled", stdout=StringIO(), stderr=err)

    assert str(failed.value).startswith("1 scheduled item(s) failed and were rolled back")
    # Committed (transaction=True: no test transaction around the run): the expiry and the
    # other due revision.
    gone.refresh_from_db()
    assert (gone.live, gone.expired) == (False, True)
    assert published(fine) == ("Health desk, open late", 1, fine_before[2] + 1)
    assert fine.live_revision_id == fine_revision.pk
    # The failing revision: rolled back alone, still scheduled, reported without its content.
    assert published(broken) == broken_before
    assert Revision.objects.get(pk=broken_revision.pk).approved_go_live_at is not None
    assert err.getvalue() == (
        f"Failed, rolled back: safe_spaces.safespace pk={broken.pk} (revision "
        f"{broken_revision.pk}): IntegrityError. Other items go on.\n"
    )
    ours = [
        r for r in caplog.records if r.name == "cms.panels.management.commands.publish_scheduled"
    ]
    assert [(record.levelname, record.getMessage()) for record in ours] == [
        (
            "ERROR",
            f"Scheduled publishing failed: safe_spaces.safespace pk={broken.pk} "
            f"revision_id={broken_revision.pk}",
        )
    ]
    assert ours[0].exc_info is not None

    # The next run tries it again, and only it.
    with pytest.raises(CommandError):
        call_command("publish_scheduled", stdout=StringIO(), stderr=StringIO())
    assert published(fine)[1] == 1
    assert Revision.objects.get(pk=broken_revision.pk).approved_go_live_at is not None


@pytest.mark.django_db
def test_a_failing_expiry_does_not_stop_the_other_expiries_or_publications():
    first, second = expiring("Old shelter"), expiring("Old desk")
    listing, revision = scheduled("Night desk", "Night desk, open on Sundays")
    unpublish = SafeSpace.unpublish

    def fails_for_the_first(self, *args, **kwargs):
        if self.pk == first.pk:
            raise RuntimeError("storage unavailable")
        return unpublish(self, *args, **kwargs)

    err = StringIO()
    with (
        mock.patch.object(SafeSpace, "unpublish", fails_for_the_first),
        pytest.raises(CommandError, match=r"^1 scheduled item\(s\) failed"),
    ):
        call_command("publish_scheduled", stdout=StringIO(), stderr=err)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.live, second.live, second.expired) == (True, False, True)
    assert published(listing)[:2] == ("Night desk, open on Sundays", 1)
    assert (
        err.getvalue()
        == f"Failed, rolled back: SafeSpace pk={first.pk}: RuntimeError. Other items go on.\n"
    )


@pytest.mark.django_db
def test_a_failing_gate_check_is_not_published_and_does_not_stop_the_others():
    broken, broken_revision = scheduled("Legal desk", "Legal desk, moved")
    fine, _ = scheduled("Health desk", "Health desk, open late")
    refusal = Command.withhold_if_refused

    def fails_for_one(self, revision, *, dryrun):
        if revision.pk == broken_revision.pk:
            raise LookupError("the revision no longer loads")
        return refusal(self, revision, dryrun=dryrun)

    with (
        mock.patch.object(Command, "withhold_if_refused", fails_for_one),
        pytest.raises(CommandError, match=r"^1 scheduled item\(s\) failed"),
    ):
        call_command("publish_scheduled", stdout=StringIO(), stderr=StringIO())

    assert published(broken)[:2] == ("Legal desk", 0)
    assert Revision.objects.get(pk=broken_revision.pk).approved_go_live_at is not None
    assert published(fine)[:2] == ("Health desk, open late", 1)


@pytest.mark.django_db
def test_a_dry_run_prints_what_wagtail_prints_and_changes_nothing():
    gone = expiring("Closed shelter")
    listing, revision = scheduled("Night desk", "Night desk, open on Sundays")
    wagtail = StringIO()
    call_command(WagtailCommand(), dryrun=True, stdout=wagtail)

    assert run_dry() == wagtail.getvalue()
    assert "Night desk, open on Sundays" in wagtail.getvalue()
    gone.refresh_from_db()
    assert gone.live is True
    assert published(listing)[:2] == ("Night desk", 0)
    assert Revision.objects.get(pk=revision.pk).approved_go_live_at is not None


def run_dry() -> str:
    out = StringIO()
    call_command("publish_scheduled", dryrun=True, stdout=out, stderr=StringIO())
    return out.getvalue()
