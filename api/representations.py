"""Shapes shared by the GraphQL and REST APIs: images, documents, helplines, StreamField bodies
and their references. A safe space's shape is in ``api.public.shapes``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text.rewriters import extract_attrs
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.core.validators import phone_display_forms
from toolbox_pages.blocks import BLOCK_REGISTRY
from toolbox_pages.blocks.api_shape import as_text, int_or_none, list_items

# --- Images ----------------------------------------------------------------------------------

# The only renditions clients may ask for: a fixed list keeps the storage bounded and every
# response cacheable.
IMAGE_SIZES: dict[str, str] = {
    "thumbnail": "fill-160x160",
    "small": "width-480",
    "medium": "width-960",
    "large": "width-1600",
}


def image_representation(image: Any, renditions: dict[str, Any]) -> dict[str, Any]:
    """An image as its renditions in the allowed sizes (no original file, no uploader)."""
    sizes = {}
    for size, spec in IMAGE_SIZES.items():
        rendition = renditions.get(spec)
        if rendition is not None:
            sizes[size] = {
                "url": rendition.url,
                "width": rendition.width,
                "height": rendition.height,
            }
    return {
        "id": image.pk,
        "width": image.width,
        "height": image.height,
        "description": getattr(image, "description", "") or "",
        "renditions": sizes,
    }


def with_alt_text(image: dict[str, Any] | None, alt_text: str) -> dict[str, Any] | None:
    """An image as shown in one place: the alt text the editor wrote there, else the image's
    own description."""
    if image is None:
        return None
    return {**image, "alt_text": (alt_text or "").strip() or image["description"]}


# --- Documents and snippets ------------------------------------------------------------------


def document_representation(document: Any) -> dict[str, Any]:
    return {
        "id": document.pk,
        "title": document.title,
        "url": document.url,
        "file_extension": document.file_extension,
        "file_size": document.file_size,
    }


def translation_representation(obj: Any) -> dict[str, Any]:
    """Which language version of a translatable object is served, and whether it stands in
    (``is_fallback``) for a translation not published in the requested language."""
    return {
        "locale": obj.locale.language_code,
        "translation_key": obj.translation_key,
        "is_fallback": bool(getattr(obj, "is_fallback", False)),
    }


def phone_forms(number: str | None, prefix: str = "") -> dict[str, str]:
    """A number's display forms beside it: ``national`` and ``international`` (after
    ``prefix``); the stored number stays E.164."""
    national, international = phone_display_forms(number)
    return {f"{prefix}national": national, f"{prefix}international": international}


def helpline_representation(helpline: Any) -> dict[str, Any]:
    return {
        "id": str(helpline.pk),
        "name": helpline.name,
        "scope": helpline.scope,
        "country": helpline.country,
        "number": helpline.number,
        **phone_forms(helpline.number, "number_"),
        "description": helpline.description,
        "hours_description": helpline.hours_description,
        "available_24_7": helpline.available_24_7,
        "languages": list(helpline.languages or []),
        "free_of_charge": helpline.free_of_charge,
        **translation_representation(helpline),
    }


# --- References of StreamField bodies --------------------------------------------------------

_LINK = re.compile(r"<a(\b[^>]*)>(.*?)</a>", re.DOTALL | re.IGNORECASE)
_OPENING_LINK = re.compile(r"<a(\b[^>]*)>", re.IGNORECASE)
_EMBED = re.compile(r"<embed\b[^>]*/?>", re.IGNORECASE)
_SAFE_HREF = ("https:", "http:", "mailto:", "tel:", "#")


@dataclass
class ReferenceIds:
    """What a set of bodies refers to, by kind."""

    images: set[int] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)
    pages: set[int] = field(default_factory=set)
    helplines: set[str] = field(default_factory=set)
    safe_spaces: set[str] = field(default_factory=set)

    def all_keys(self) -> set[tuple[str, Any]]:
        return {(kind, pk) for kind in _KINDS for pk in getattr(self, kind)}

    def without(self, refs: References) -> ReferenceIds:
        """The ids not looked up yet."""
        return ReferenceIds(
            **{
                kind: {pk for pk in getattr(self, kind) if (kind, pk) not in refs.requested}
                for kind in _KINDS
            }
        )


_KINDS = ("images", "documents", "pages", "helplines", "safe_spaces")


@dataclass
class References:
    """Loaded references: only live, public targets. A missing key means "not shown"."""

    images: dict[int, dict[str, Any]] = field(default_factory=dict)
    documents: dict[int, dict[str, Any]] = field(default_factory=dict)
    page_urls: dict[int, str] = field(default_factory=dict)
    helplines: dict[str, dict[str, Any]] = field(default_factory=dict)
    safe_spaces: dict[str, dict[str, Any]] = field(default_factory=dict)
    requested: set[tuple[str, Any]] = field(default_factory=set)

    def rich_text(self, source: str) -> str:
        return rich_text_html(source, self)

    def image(self, pk: Any, alt_text: str = "") -> dict[str, Any] | None:
        key = int_or_none(pk)
        return None if key is None else with_alt_text(self.images.get(key), alt_text)

    def document(self, pk: Any) -> dict[str, Any] | None:
        key = int_or_none(pk)
        return None if key is None else self.documents.get(key)

    def helpline(self, pk: Any) -> dict[str, Any] | None:
        return self.helplines.get(str(pk)) if pk is not None else None

    def safe_space(self, pk: Any) -> dict[str, Any] | None:
        return self.safe_spaces.get(str(pk)) if pk is not None else None


def collect_references(block: blocks.Block, raw: Any, ids: ReferenceIds) -> None:
    """Walk a block's raw (JSON) value and note every image, document, page, helpline and
    safe space it refers to. Reads raw data only: no query, unlike StreamValue access."""
    if raw is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for item in raw:
            if isinstance(item, dict):
                child = block.child_blocks.get(item.get("type"))
                if child is not None:
                    collect_references(child, item.get("value"), ids)
    elif isinstance(block, blocks.ListBlock):
        for item in list_items(raw):
            collect_references(block.child_block, item, ids)
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child in block.child_blocks.items():
                collect_references(child, raw.get(name), ids)
    elif isinstance(block, blocks.RichTextBlock):
        collect_rich_text(str(raw), ids)
    elif isinstance(block, ImageChooserBlock):
        if (pk := int_or_none(raw)) is not None:
            ids.images.add(pk)
    elif isinstance(block, DocumentChooserBlock):
        if (pk := int_or_none(raw)) is not None:
            ids.documents.add(pk)
    elif isinstance(block, SnippetChooserBlock):
        kind = {"Helpline": "helplines", "SafeSpace": "safe_spaces"}.get(
            block.target_model.__name__
        )
        if kind is not None:
            getattr(ids, kind).add(str(raw))


def collect_rich_text(source: str, ids: ReferenceIds) -> None:
    for match in _OPENING_LINK.finditer(source):
        attrs = extract_attrs(match.group(1))
        pk = int_or_none(attrs.get("id"))
        if pk is None:
            continue
        if attrs.get("linktype") == "page":
            ids.pages.add(pk)
        elif attrs.get("linktype") == "document":
            ids.documents.add(pk)


def rich_text_html(source: str | None, refs: References) -> str:
    """Rich text from its storage format to HTML for clients, with loaded references only.

    A link to a live, public page becomes ``<a href="/url/path/" data-page-id="..">``; a link
    to a document its URL; a link to anything else (a draft, unpublished, private or deleted
    page, a private document, an unknown link type or scheme) becomes its plain text. Embeds
    are dropped. No query: ``refs`` was loaded for the whole response beforehand.
    """
    if not source:
        return ""

    def link(match: re.Match[str]) -> str:
        attrs = extract_attrs(match.group(1))
        inner = match.group(2)
        linktype = attrs.get("linktype")
        if linktype == "page":
            pk = int_or_none(attrs.get("id"))
            url = refs.page_urls.get(pk) if pk is not None else None
            if url is None:
                return inner
            return f'<a href="{escape(url)}" data-page-id="{pk}">{inner}</a>'
        if linktype == "document":
            document = refs.document(attrs.get("id"))
            if document is None:
                return inner
            return f'<a href="{escape(document["url"])}">{inner}</a>'
        href = attrs.get("href", "")
        if linktype in (None, "external", "email", "anchor") and href.startswith(_SAFE_HREF):
            return f'<a href="{escape(href)}">{inner}</a>'
        return inner

    return _EMBED.sub("", _LINK.sub(link, source))


# --- StreamField blocks ----------------------------------------------------------------------


def stream_representation(raw_data: Any, refs: References) -> list[dict[str, Any]]:
    """A StreamField body as a list of flat dicts: ``id``, ``block_type`` and the block's
    public fields, as each block's ``api_shape`` gives them (``toolbox_pages.blocks``). Reads
    the raw JSON and the preloaded ``refs``: no query."""
    result = []
    for index, item in enumerate(raw_data or []):
        if not isinstance(item, dict):
            continue
        block_type = item.get("type")
        block_class = BLOCK_REGISTRY.get(block_type) if isinstance(block_type, str) else None
        if block_class is None:
            continue
        value = item.get("value")
        if block_type != "paragraph" and not isinstance(value, dict):
            continue
        shape = block_class.api_shape(value, refs)
        if shape is None:
            continue
        result.append({"id": str(item.get("id") or index), "block_type": block_type, **shape})
    return result


def string_list(raw_data: Any) -> list[str]:
    """A stream of plain text items (learning objectives) as a list of strings."""
    return [
        as_text(item.get("value"))
        for item in raw_data or []
        if isinstance(item, dict) and as_text(item.get("value")).strip()
    ]
