"""Delete change records older than SYNC_TOMBSTONE_DAYS (the scheduler runs it every minute).

A sync token older than that is refused (sync from scratch), so no client needs them."""

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from cms.delivery.models import ChangeRecord


class Command(BaseCommand):
    help = "Delete change records (sync tombstones) older than SYNC_TOMBSTONE_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = timezone.now() - datetime.timedelta(days=settings.SYNC_TOMBSTONE_DAYS)
        deleted, _ = ChangeRecord.objects.filter(at__lt=cutoff).delete()
        if options["verbosity"] > 1 or deleted:
            self.stdout.write(f"Deleted {deleted} change records older than {cutoff:%Y-%m-%d}.")
