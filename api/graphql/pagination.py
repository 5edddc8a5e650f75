"""Pagination of the GraphQL lists: opaque cursors over a stable order, and page sizes."""

from __future__ import annotations

import base64
import binascii

from django.conf import settings

from api.graphql.errors import BadInput

_CURSOR_PREFIX = "offset:"
_MAX_CURSOR_LENGTH = 40
_MAX_OFFSET = 10_000_000


def encode_cursor(position: int) -> str:
    """The cursor of the item at ``position`` (0-based) in the list's order."""
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{position}".encode()).decode()


def offset_after(cursor: str | None) -> int:
    """Where the page after ``cursor`` starts; BadInput "Invalid cursor" for anything else."""
    if cursor is None:
        return 0
    try:
        if len(cursor) > _MAX_CURSOR_LENGTH:
            raise ValueError
        text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("ascii")
        if not text.startswith(_CURSOR_PREFIX):
            raise ValueError
        digits = text.removeprefix(_CURSOR_PREFIX)
        if not digits.isdigit() or not digits.isascii():
            raise ValueError
        position = int(digits)
        if position >= _MAX_OFFSET:
            raise ValueError
    except (ValueError, UnicodeError, binascii.Error) as error:
        raise BadInput(
            "Invalid cursor: pass an endCursor or a cursor from a previous page.", "after"
        ) from error
    return position + 1


def page_size(first: int | None) -> int:
    """``first``, between 1 and API_PAGE_SIZE_MAX; API_PAGE_SIZE_DEFAULT when not given."""
    maximum = settings.API_PAGE_SIZE_MAX
    if first is None:
        return min(settings.API_PAGE_SIZE_DEFAULT, maximum)
    if not 1 <= first <= maximum:
        raise BadInput(f"first must be between 1 and {maximum}.", "first")
    return first
