"""What a body block needs to describe itself to the public API.

Each block of ``BLOCK_REGISTRY`` has an ``api_shape(value, refs)`` static method beside its
fields: from the block's raw (JSON) value it returns the public fields readers get, or
``None`` to leave the block out (its image or document is not public, a testimony has no
recorded consent). ``refs`` holds what the API loaded for the whole response (only live,
public targets), so a shape never queries. The API's ``References`` implements
:class:`BlockReferences`.

Beside the shape, ``api_fields`` declares the type of each key it returns, with the helpers
below (``text``, ``integer``, ``choice``, ``image``, ``document``, ``helpline``, ``safe_space``,
``object_list``). The GraphQL schema builds the block's type from it, so a block is described
once, in its own module; a system check makes sure no registered block lacks either, and a test
that every shape returns exactly the declared keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from wagtail import blocks

Kind = Literal["text", "integer", "choice", "image", "document", "helpline", "safe_space", "object"]


@dataclass(frozen=True)
class ApiField:
    """The public type of one key of a block's shape."""

    kind: Kind
    required: bool = True
    description: str | None = None
    # The field's API name when its key would clash with a sibling block's field of another
    # type in one query (``kind`` of a callout and of an exercise).
    name: str | None = None
    # ``choice``: the enum's name and values; ``object``: the item type's name.
    type_name: str | None = None
    choices: tuple[str, ...] = ()
    # ``object``: the fields of each item; the key is then a list, never null.
    fields: Mapping[str, ApiField] | None = None


def text(description: str | None = None) -> ApiField:
    """A string, never null (empty when the editor left it blank)."""
    return ApiField("text", description=description)


def integer(description: str | None = None) -> ApiField:
    """A whole number, null when not given."""
    return ApiField("integer", required=False, description=description)


def choice(type_name: str, block: blocks.ChoiceBlock, *, name: str | None = None) -> ApiField:
    """One of a choice block's values, as the enum ``type_name`` (values in the block's order)."""
    values = tuple(str(value) for value, _label in block._constructor_kwargs["choices"])
    return ApiField("choice", type_name=type_name, choices=values, name=name)


def image() -> ApiField:
    """An image as ``refs.image`` serves it; the block is left out when it is not public."""
    return ApiField("image")


def document(description: str | None = None, *, required: bool = True) -> ApiField:
    """A document as ``refs.document`` serves it."""
    return ApiField("document", required=required, description=description)


def helpline() -> ApiField:
    """A helpline as ``refs.helpline`` serves it: null when it is not live."""
    return ApiField("helpline", required=False, description="Null when it is not live.")


def safe_space() -> ApiField:
    """A listing as ``refs.safe_space`` serves it: null when it is not live."""
    return ApiField("safe_space", required=False, description="Null when it is not live.")


def object_list(type_name: str, fields: Mapping[str, ApiField]) -> ApiField:
    """A list of objects of type ``type_name``, each with ``fields``; never null."""
    return ApiField("object", type_name=type_name, fields=fields)


CAPTIONED_IMAGE: Mapping[str, ApiField] = {"image": image(), "caption": text()}


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
