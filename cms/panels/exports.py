"""The panel audit trail and a review's feedback as CSV: streamed, every cell safe to open in a
spreadsheet, identities only for those who may see them."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views import View

from .models import (
    RATING_FIELDS,
    PanelReview,
    constituency_label,
)
from .views import TaskStateMixin, can_see_identities


class Echo:
    """A file-like object whose write() returns the line, for a streaming CSV response."""

    def write(self, value: str) -> str:
        return value


def csv_response(rows: Iterator[list], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(Echo())
    response = StreamingHttpResponse(
        (writer.writerow([_safe_cell(cell) for cell in row]) for row in rows),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _safe_cell(value) -> str:
    """Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


REVIEW_COLUMNS = [
    "review id",
    "time (UTC)",
    "panel",
    "pseudonym",
    "constituency",
    "decision",
    *[str(PanelReview.rating_field(name).verbose_name) for name in RATING_FIELDS],
    "comment",
    "object type",
    "object id",
    "object title",
    "revision id",
    "task state id",
]
IDENTITY_COLUMNS = ["username", "name", "email"]


def review_row(review: PanelReview) -> list:
    return [
        review.pk,
        review.created_at.astimezone(datetime.UTC).isoformat(),
        review.panel_name,
        review.pseudonym,
        constituency_label(review.constituency),
        review.get_decision_display(),
        *[getattr(review, name) for name in RATING_FIELDS],
        review.comment,
        review.content_type.name,
        review.object_id,
        review.object_title,
        review.revision_id,
        review.task_state_id,
    ]


def identity_cells(review: PanelReview) -> list:
    user = review.user
    if user is None:
        return ["(deleted account)", "", ""]
    return [user.get_username(), user.get_full_name(), user.email]


class AuditExportView(View):
    """Every review ever given, with the reviewer's identity: administrators only."""

    def get(self, request, *args, **kwargs):
        if not can_see_identities(request.user):
            raise PermissionDenied
        reviews = PanelReview.objects.select_related("user", "content_type").order_by(
            "created_at", "pk"
        )

        def rows():
            yield [*IDENTITY_COLUMNS, *REVIEW_COLUMNS]
            for review in reviews.iterator(chunk_size=500):
                yield [*identity_cells(review), *review_row(review)]

        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        return csv_response(rows(), f"panel-audit-trail-{stamp}.csv")


class FeedbackExportView(TaskStateMixin, View):
    """The reviews of one page or snippet, under pseudonyms: for its editors and panel."""

    def get(self, request, *args, **kwargs):
        self.check_access()
        reviews = self.object_reviews().select_related("content_type").order_by("created_at", "pk")

        def rows():
            yield REVIEW_COLUMNS
            for review in reviews:
                yield review_row(review)

        name = slugify(str(self.object))[:60] or "content"
        return csv_response(rows(), f"panel-feedback-{name}.csv")
