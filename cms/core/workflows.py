"""What every review workflow here (expert panels, language review) needs of Wagtail's."""

from __future__ import annotations

from wagtail.log_actions import LogContext
from wagtail.models import Page, RevisionMixin, TaskState


def as_the_system() -> LogContext:
    """A log context without a user, for what a review step does as a whole: a panel's
    decision, a language review's approval.

    Wagtail's ``log()`` falls back to the user of the active log context when an action
    passes ``user=None``, and the admin opens one for the request's user. Without this, the
    member whose review completes a panel's quorum would be written into the "approved" and
    "published" log entries, by name, for editors to read. Needed as long as Wagtail's
    workflow code takes the acting user from the log context.
    """
    return LogContext(user=None)


def content_object(task_state: TaskState) -> RevisionMixin:
    """The reviewed page or snippet, as its database row (the specific page for pages)."""
    obj = task_state.workflow_state.content_object
    return obj.specific if isinstance(obj, Page) else obj
