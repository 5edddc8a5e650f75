"""Background work on django-tasks: retried with exponential backoff, failures kept.

The queue is django-tasks' database backend (``django-tasks-db``): tasks are rows in
PostgreSQL, run by ``manage.py db_worker`` (the ``worker`` service of ``deploy/``), so a
queued task survives a restart and needs no broker beside the database the platform already
runs. ``make demo`` and the tests use the immediate backend: a task runs in the web process
as it is enqueued.

A task made with :func:`retried` that raises is enqueued again after 10 s, 20 s, 40 s, ...
(``TASK_RETRY_BASE_SECONDS``), up to ``TASK_MAX_ATTEMPTS`` attempts; every failed attempt stays
in the task table with its traceback, listed for administrators under **Reports →
Background tasks**. A task that raises :class:`GiveUp` fails at once, without a retry: what
failed won't get better by waiting. The immediate backend can't defer a task: its failures are
only logged.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

logger = logging.getLogger(__name__)


class GiveUp(Exception):
    """Raised by a task whose failure no later attempt would mend: it is not retried."""


def backoff(attempt: int) -> timedelta:
    """How long to wait before attempt ``attempt + 1``."""
    return timedelta(seconds=settings.TASK_RETRY_BASE_SECONDS * 2 ** (attempt - 1))


def will_retry(queued: Task, attempt: int) -> bool:
    """Whether attempt ``attempt`` of ``queued``, failing, is tried again."""
    return attempt < settings.TASK_MAX_ATTEMPTS and queued.get_backend().supports_defer


def retried(*, priority: int = 0) -> Callable[[Callable[..., Any]], Task]:
    """A task whose failed attempts are retried with exponential backoff. The function takes
    an ``attempt`` keyword (1 for the first run)."""

    def wrap(func: Callable[..., Any]) -> Task:
        @functools.wraps(func)
        def run(*args: Any, attempt: int = 1, **kwargs: Any) -> Any:
            try:
                return func(*args, attempt=attempt, **kwargs)
            except GiveUp:
                raise
            except Exception:
                if will_retry(queued, attempt):
                    when = timezone.now() + backoff(attempt)
                    queued.using(run_after=when).enqueue(*args, attempt=attempt + 1, **kwargs)
                    logger.warning(
                        "Task %s failed (attempt %s); retried at %s.",
                        queued.name,
                        attempt,
                        when.isoformat(timespec="seconds"),
                    )
                raise

        queued: Task = task(priority=priority)(run)
        return queued

    return wrap
