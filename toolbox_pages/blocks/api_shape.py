"""What a body block needs to describe itself to the public API.

Each block of ``BLOCK_REGISTRY`` has an ``api_shape(value, refs)`` static method beside its
fields: from the block's raw (JSON) value it returns the public fields readers get, or
``None`` to leave the block out (its image or document is not public, a testimony has no
recorded consent). ``refs`` holds what the API loaded for the whole response (only live,
public targets), so a shape never queries. The API's ``References`` implements
:class:`BlockReferences`; a system check makes sure no registered block lacks a shape.
"""

from __future__ import annotations

from typing import Any, Protocol


class BlockReferences(Protocol):
    """The public targets a body refers to, loaded once per response."""

    def rich_text(self, source: str) -> str:
        """Rich text as served: links to pages and documents readers can't open removed."""
        ...

    def image(self, pk: Any, alt_text: str = "") -> dict[str, Any] | None: ...

    def document(self, pk: Any) -> dict[str, Any] | None: ...

    def helpline(self, pk: Any) -> dict[str, Any] | None: ...

    def safe_space(self, pk: Any) -> dict[str, Any] | None: ...


def as_text(value: Any) -> str:
    return "" if value is None else str(value)


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def list_items(raw: Any) -> list[Any]:
    """ListBlock raw data in either storage format (with or without item ids)."""
    items = []
    for item in raw or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            items.append(item["value"])
        else:
            items.append(item)
    return items


def captioned_image(value: dict[str, Any], refs: BlockReferences) -> dict[str, Any] | None:
    """An image with its caption (the image block, and each image of a discussion prompt)."""
    image = refs.image(value.get("image"), as_text(value.get("alt_text")))
    if image is None:
        return None
    return {"image": image, "caption": as_text(value.get("caption"))}
