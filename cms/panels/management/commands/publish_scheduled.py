"""Wagtail's ``publish_scheduled``, with the panel gate: a scheduled revision that its panel has
not approved does not go live.

One run at a time across every scheduler (``cms.core.locks``): a whole run is one transaction
holding an advisory lock, and a run started while another holds it logs that and exits 0, so
two schedulers never both publish a revision (two log entries, two change records, two
webhook events). The changes of a run are committed together at its end, and the cache
invalidation and change notifications follow the commit.

Each item of a run (the panel gate's check of a due revision, the unpublishing of an expired
object, the publishing of a due revision) runs in its own savepoint: an item that fails is
rolled back alone, logged and reported on stderr, and the run goes on with the others. A
revision that failed stays scheduled, so the next run tries it again. Once the run's
transaction has committed what succeeded, the command exits non-zero if anything failed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from django.apps import apps
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.management.commands.publish_scheduled import Page
from wagtail.models import DraftStateMixin, Revision

from cms.core.locks import PUBLISH_SCHEDULED, run_alone
from cms.core.workflows import as_the_system
from cms.panels import gate

logger = logging.getLogger(__name__)


class Command(WagtailCommand):
    help = (
        "Publish the revisions scheduled to go live and unpublish expired content. A revision "
        "of content under a panel workflow that its panel has not approved is not published: "
        "its schedule is withdrawn (the revision stays as a draft) and it is reported. An item "
        "that fails is rolled back alone and reported; the others are applied, and the command "
        "then exits non-zero."
    )

    def handle(self, *args, **options):
        dryrun = options.get("dryrun", False)
        with run_alone(PUBLISH_SCHEDULED) as alone:
            if not alone:
                logger.info("publish_scheduled: another run holds the lock; nothing done.")
                self.stdout.write("Another publish_scheduled run is in progress: nothing done.")
                return
            failed = self.withhold_unapproved(dryrun=dryrun)
            failures = len(failed)
            if dryrun:
                super().handle(*args, **options)
            else:
                failures += self.unpublish_expired() + self.publish_due(failed)
        # Outside the block: what succeeded is committed before the command reports failure.
        if failures:
            raise CommandError(
                f"{failures} scheduled item(s) failed and were rolled back; the others were "
                "applied. A failed revision stays scheduled and is tried again next run."
            )

    def withhold_unapproved(self, *, dryrun: bool) -> set[int]:
        """Withdraw the schedule of each due revision that the panel gate refuses; the ids of
        the due revisions whose check failed (they are not published this run).

        Withdrawn rather than left due: left, it would be refused again every run. Wagtail's
        own loop raises on the first refusal, leaving the later revisions unpublished.
        """
        due = Revision.objects.filter(approved_go_live_at__lt=timezone.now()).order_by(
            "approved_go_live_at", "pk"
        )
        failed = set()
        for revision in due:
            if not self.attempt(
                partial(self.withhold_if_refused, revision, dryrun=dryrun),
                "Panel gate check failed: %s pk=%s revision_id=%d",
                revision,
            ):
                failed.add(revision.pk)
        return failed

    def withhold_if_refused(self, revision: Revision, *, dryrun: bool) -> None:
        obj = revision.content_object
        reason = gate.refusal(obj, revision)
        if reason is None:
            return
        self.stderr.write(
            f"Not published: {revision.object_str} (revision {revision.pk}, scheduled for "
            f"{revision.approved_go_live_at:%Y-%m-%d %H:%M}): {reason}"
        )
        if dryrun:
            return
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

    def unpublish_expired(self) -> int:
        """Wagtail's step 1 (the same querysets, order and log action), one savepoint per
        object; the number of objects that failed."""
        models = [Page]
        models += [
            model
            for model in apps.get_models()
            if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
        ]
        expired_objects = [
            model.objects.filter(live=True, expire_at__lt=timezone.now()).order_by("expire_at")
            for model in models
        ]
        failures = 0
        for queryset in expired_objects:
            # Evaluated in full before anything of this model is unpublished, like Wagtail.
            for obj in list(queryset):
                if not self.attempt(
                    partial(
                        obj.unpublish, set_expired=True, log_action="wagtail.unpublish.scheduled"
                    ),
                    "Scheduled unpublishing failed: %s pk=%s",
                    obj,
                ):
                    failures += 1
        return failures

    def publish_due(self, skip: set[int]) -> int:
        """Wagtail's step 2 (the due revisions, by ``approved_go_live_at``), one savepoint per
        revision; ``skip``: the revisions whose gate check failed. The number that failed."""
        revisions = Revision.objects.filter(approved_go_live_at__lt=timezone.now()).order_by(
            "approved_go_live_at"
        )
        failures = 0
        for revision in list(revisions):
            if revision.pk in skip:
                continue
            # Since approved_go_live_at is past, publishing makes the object live.
            if not self.attempt(
                partial(revision.publish, log_action="wagtail.publish.scheduled"),
                "Scheduled publishing failed: %s pk=%s revision_id=%d",
                revision,
            ):
                failures += 1
        return failures

    def attempt(self, work: Callable[[], object], message: str, item: object) -> bool:
        """Run ``work`` in a savepoint; on an exception, roll it back, log ``message`` with the
        item's type, pk (and revision id) and report the item on stderr. True if it worked."""
        try:
            with transaction.atomic():
                work()
        except Exception as error:
            if isinstance(item, Revision):
                kind = f"{item.content_type.app_label}.{item.content_type.model}"
                args: tuple[object, ...] = (kind, item.object_id, item.pk)
                what = f"{kind} pk={item.object_id} (revision {item.pk})"
            else:
                kind = (getattr(item, "specific_class", None) or type(item)).__name__
                args = (kind, getattr(item, "pk", None))
                what = f"{kind} pk={args[1]}"
            logger.exception(message, *args)
            self.stderr.write(
                f"Failed, rolled back: {what}: {type(error).__name__}. Other items go on."
            )
            return False
        return True
