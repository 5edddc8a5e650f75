"""GraphQL types of StreamField bodies: one type per block of the block registry, built from
the ``api_fields`` each block declares beside its ``api_shape`` (``toolbox_pages.blocks``).

Resolvers read the plain shapes of ``api.representations`` (dicts), built once per response
from preloaded references: nothing here queries the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import graphene
from graphql import GraphQLResolveInfo
from wagtail.blocks import Block

from toolbox_pages.blocks import BLOCK_REGISTRY
from toolbox_pages.blocks.api_shape import ApiField


class ImageSize(graphene.Enum):
    """The rendition sizes clients may ask for."""

    THUMBNAIL = "thumbnail"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"

    @property
    def description(self) -> str:
        return {
            "thumbnail": "Square crop, 160x160.",
            "small": "480 pixels wide.",
            "medium": "960 pixels wide.",
            "large": "1600 pixels wide.",
        }[self.value]


class RenditionType(graphene.ObjectType):
    class Meta:
        name = "Rendition"

    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


class ImageType(graphene.ObjectType):
    """An image, served only as renditions in the allowed sizes."""

    class Meta:
        name = "Image"

    alt_text = graphene.String(
        required=True, description="What the image shows, for readers who can't see it."
    )
    width = graphene.Int(required=True, description="Width of the original, in pixels.")
    height = graphene.Int(required=True, description="Height of the original, in pixels.")
    rendition = graphene.Field(
        RenditionType,
        size=graphene.Argument(ImageSize, required=True),
        description="The image at one of the allowed sizes.",
    )

    @staticmethod
    def resolve_rendition(
        image: dict[str, Any], info: GraphQLResolveInfo, size: Any
    ) -> dict[str, Any] | None:
        return image["renditions"].get(getattr(size, "value", size))


class DocumentType(graphene.ObjectType):
    class Meta:
        name = "Document"

    title = graphene.String(required=True)
    url = graphene.String(required=True)
    file_extension = graphene.String(required=True)
    file_size = graphene.Int(description="In bytes, when known.")


class HelplineRefType(graphene.ObjectType):
    """A live helpline a body refers to."""

    class Meta:
        name = "HelplineRef"

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    scope = graphene.String(required=True, description="city or national.")
    country = graphene.String(required=True)
    number = graphene.String(required=True)
    description = graphene.String(required=True)
    hours_description = graphene.String(required=True)
    available_24_7 = graphene.Boolean(required=True, name="available247")
    languages = graphene.List(graphene.NonNull(graphene.String), required=True)
    free_of_charge = graphene.Boolean(required=True)
    locale = graphene.String(required=True)
    translation_key = graphene.UUID(required=True)
    is_fallback = graphene.Boolean(required=True)


class PostalAddressType(graphene.ObjectType):
    class Meta:
        name = "PostalAddress"

    address_1 = graphene.String(required=True, name="address1")
    address_2 = graphene.String(required=True, name="address2")
    postal_code = graphene.String(required=True)
    locality = graphene.String(required=True)


class PublicContactType(graphene.ObjectType):
    class Meta:
        name = "PublicContact"

    name = graphene.String(required=True)
    phone = graphene.String(required=True)
    email = graphene.String(required=True)


class SafeSpaceRefType(graphene.ObjectType):
    """A live safe space a body refers to. A confidential location has no address and no
    coordinates: readers reach it through its public contact point."""

    class Meta:
        name = "SafeSpaceRef"

    id = graphene.ID(
        required=True,
        description="The listing's id, as in `safeSpace(id)`: the same in every language.",
    )
    name = graphene.String(required=True)
    operated_by = graphene.String(required=True)
    status = graphene.String(required=True)
    confidential_location = graphene.Boolean(required=True)
    address = graphene.Field(PostalAddressType, description="Null for a confidential location.")
    latitude = graphene.Float(description="Null for a confidential location.")
    longitude = graphene.Float(description="Null for a confidential location.")
    public_contact = graphene.Field(PublicContactType, required=True)
    locale = graphene.String(required=True)
    translation_key = graphene.UUID(required=True)
    is_fallback = graphene.Boolean(required=True)


class StreamFieldBlock(graphene.Interface):
    """A block of a body; query the fields of each type with `... on HeadingBlock { }`."""

    id = graphene.ID(required=True, description="Stable across revisions of the body.")
    block_type = graphene.String(required=True, description="The block's name, e.g. heading.")

    @classmethod
    def resolve_type(cls, instance: dict[str, Any], info: GraphQLResolveInfo) -> type:
        return BLOCK_TYPES[instance["block_type"]]


def _block_meta(name: str) -> type:
    return type("Meta", (), {"name": name, "interfaces": (StreamFieldBlock,)})


def _named(name: str, make: Any) -> Any:
    """An enum or object type shared by blocks (``CaptionedImage``), built once."""
    if name not in _NAMED:
        _NAMED[name] = make()
    return _NAMED[name]


_NAMED: dict[str, Any] = {}

_REFERENCES: dict[str, type[graphene.ObjectType]] = {
    "image": ImageType,
    "document": DocumentType,
    "helpline": HelplineRefType,
    "safe_space": SafeSpaceRefType,
}


def _field(declared: ApiField) -> Any:
    """The GraphQL field of one key of a block's shape."""
    options: dict[str, Any] = {}
    if declared.description:
        options["description"] = declared.description
    if declared.name:
        options["name"] = declared.name
    type_name = declared.type_name or ""
    if declared.kind == "object":
        fields = declared.fields or {}
        item = _named(type_name, lambda: _object_type(type_name, fields))
        return graphene.List(graphene.NonNull(item), required=True, **options)
    if declared.kind == "choice":
        values = {value.upper(): value for value in declared.choices}
        enum = _named(type_name, lambda: type(type_name, (graphene.Enum,), values))
        return graphene.Field(enum, required=declared.required, **options)
    if declared.kind == "text":
        return graphene.String(required=declared.required, **options)
    if declared.kind == "integer":
        return graphene.Int(required=declared.required, **options)
    return graphene.Field(_REFERENCES[declared.kind], required=declared.required, **options)


def _object_type(name: str, fields: Mapping[str, ApiField], meta: type | None = None) -> type:
    attributes: dict[str, Any] = {"Meta": meta or type("Meta", (), {"name": name})}
    attributes.update({key: _field(declared) for key, declared in fields.items()})
    return type(f"{name}Type", (graphene.ObjectType,), attributes)


def block_type(block: type[Block]) -> type[graphene.ObjectType]:
    """The GraphQL type of a block, from the ``api_fields`` it declares beside its shape;
    named like the block's class (``HeadingBlock``)."""
    name = block.__name__
    declared: Mapping[str, ApiField] = block.api_fields
    return _object_type(name, declared, meta=_block_meta(name))


# One GraphQL type per name of the block registry, built from the block's own declaration.
BLOCK_TYPES: dict[str, type[graphene.ObjectType]] = {
    name: block_type(block) for name, block in sorted(BLOCK_REGISTRY.items())
}
