"""Wagtail's ``publish_scheduled``, with the panel gate: a scheduled revision that its panel has
not approved does not go live.

One run at a time across every scheduler (``cms.core.locks``): a whole run is one transaction
holding an advisory lock, and a run started while another holds it logs that and exits 0, so
two schedulers never both publish a revision (two log entries, two change records, two
webhook events). The changes of a run are committed together at its end, and the cache
invalidation and change notifications follow the commit."""

from __future__ import annotations

import logging

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Revision

from cms.core.locks import PUBLISH_SCHEDULED, run_alone
from cms.core.workflows import as_the_system
from cms.panels import gate

logger = logging.getLogger(__name__)


class Command(WagtailCommand):
    help = (
        "Publish the revisions scheduled to go live and unpublish expired content. A revision "
        "of content under a panel workflow that its panel has not approved is not published: "
        "its schedule is withdrawn (the revision stays as a draft) and it is reported."
    )

    def handle(self, *args, **options):
        with run_alone(PUBLISH_SCHEDULED) as alone:
            if not alone:
                logger.info("publish_scheduled: another run holds the lock; nothing done.")
                self.stdout.write("Another publish_scheduled run is in progress: nothing done.")
                return
            self.withhold_unapproved(dryrun=options.get("dryrun", False))
            super().handle(*args, **options)

    def withhold_unapproved(self, *, dryrun: bool) -> None:
        """Withdraw the schedule of each due revision that the panel gate refuses.

        Withdrawn rather than left due: left, it would be refused again every run. Wagtail's
        own loop raises on the first refusal, leaving the later revisions unpublished.
        """
        due = Revision.objects.filter(approved_go_live_at__lt=timezone.now()).order_by(
            "approved_go_live_at", "pk"
        )
        for revision in due:
            obj = revision.content_object
            reason = gate.refusal(obj, revision)
            if reason is None:
                continue
            self.stderr.write(
                f"Not published: {revision.object_str} (revision {revision.pk}, scheduled for "
                f"{revision.approved_go_live_at:%Y-%m-%d %H:%M}): {reason}"
            )
            if dryrun:
                continue
            logger.warning(
                "Scheduled publishing withheld by the panel gate: %s pk=%s revision_id=%d",
                type(obj).__name__,
                obj.pk,
                revision.pk,
            )
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
            with as_the_system():
                log(
                    instance=obj,
                    action="panels.schedule_withheld",
                    revision=revision,
                    content_changed=False,
                    data={"scheduled_for": revision.approved_go_live_at.isoformat()},
                )
