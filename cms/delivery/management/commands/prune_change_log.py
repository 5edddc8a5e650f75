"""Delete change records older than SYNC_TOMBSTONE_DAYS and webhook deliveries older than
WEBHOOK_LOG_DAYS (the scheduler runs it every minute).

A sync token older than that is refused (sync from scratch), so no client needs them; a
delivery that old is past any retry, and its replay is no longer useful."""

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from cms.delivery.models import ChangeRecord, WebhookDelivery


class Command(BaseCommand):
    help = (
        "Delete change records (sync tombstones) older than SYNC_TOMBSTONE_DAYS and webhook "
        "deliveries older than WEBHOOK_LOG_DAYS."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        cutoff = now - datetime.timedelta(days=settings.SYNC_TOMBSTONE_DAYS)
        deleted, _ = ChangeRecord.objects.filter(at__lt=cutoff).delete()
        if options["verbosity"] > 1 or deleted:
            self.stdout.write(f"Deleted {deleted} change records older than {cutoff:%Y-%m-%d}.")
        cutoff = now - datetime.timedelta(days=settings.WEBHOOK_LOG_DAYS)
        # A replay of an old delivery keeps its own line: it only loses its link.
        deleted, _ = WebhookDelivery.objects.filter(created_at__lt=cutoff).delete()
        if options["verbosity"] > 1 or deleted:
            self.stdout.write(f"Deleted {deleted} webhook deliveries older than {cutoff:%Y-%m-%d}.")
