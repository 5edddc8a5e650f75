"""The panel review of published content, as the public APIs may show it.

Only the panel's name, when it approved, how many members approved and which constituencies
they belong to: never a person, a pseudonym, a rating or a word of feedback.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models
from wagtail.models import TaskState

from .models import Constituency, PanelReview


@dataclass(frozen=True)
class PublicReview:
    """The approval of one published revision by an expert panel."""

    approved_at: datetime.datetime
    panel: str
    approvals: int
    constituencies: tuple[str, ...]  # Constituency codes of the approving members, in order


def _base_model_key(obj: models.Model) -> tuple[str, str | None]:
    """(app_label, model_name) of the model revisions of ``obj`` are stored under: the topmost
    concrete parent (``Page`` for every page type), as ``RevisionMixin`` does."""
    parents = obj._meta.get_parent_list()
    base = parents[-1] if parents else type(obj)
    return base._meta.app_label, base._meta.model_name


def public_reviews(items: Sequence[tuple[models.Model, int | None]]) -> list[PublicReview | None]:
    """For each ``(object, published revision id)``, the panel approval of that revision.

    ``None`` for an object that has no published revision, or whose published revision no
    panel approved (published before panels existed, or by an administrator directly). When a
    revision was approved more than once (by two panel steps, or in two workflows), the latest
    approval is given. One SQL query, whatever the number of items; none when no item has a
    published revision. Results are in the order of ``items``.
    """
    revision_ids = {revision_id for _, revision_id in items if revision_id}
    if not revision_ids:
        return [None for _ in items]

    rows = PanelReview.objects.filter(
        task_state__revision_id__in=revision_ids,
        task_state__status=TaskState.STATUS_APPROVED,
        decision=PanelReview.Decision.APPROVE,
    ).values_list(
        "task_state_id",
        "task_state__revision_id",
        "task_state__revision__object_id",
        "task_state__revision__base_content_type__app_label",
        "task_state__revision__base_content_type__model",
        "task_state__finished_at",
        "panel_name",
        "constituency",
    )

    # task state -> [revision id, owner, finished at, panel, approvals, constituencies]
    approvals: dict[int, list] = {}
    for task_state_id, revision_id, object_id, app_label, model, finished, panel, code in rows:
        entry = approvals.setdefault(
            task_state_id, [revision_id, (object_id, app_label, model), finished, panel, 0, set()]
        )
        entry[4] += 1
        entry[5].add(code)

    latest: dict[int, list] = {}
    for entry in approvals.values():
        current = latest.get(entry[0])
        if current is None or entry[2] > current[2]:
            latest[entry[0]] = entry

    results: list[PublicReview | None] = []
    for obj, published_revision_id in items:
        approval = latest.get(published_revision_id) if published_revision_id else None
        if approval is None or approval[1] != (str(obj.pk), *_base_model_key(obj)):
            results.append(None)
            continue
        _, _, finished, panel, count, codes = approval
        results.append(
            PublicReview(
                approved_at=finished,
                panel=panel,
                approvals=count,
                constituencies=tuple(code for code in Constituency.values if code in codes),
            )
        )
    return results
