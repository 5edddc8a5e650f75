"""GraphQL types of StreamField bodies: one type per block of the block registry.

Resolvers read the plain shapes of ``api.representations`` (dicts), built once per response
from preloaded references: nothing here queries the database.
"""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo


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


class HeadingLevel(graphene.Enum):
    H2 = "h2"
    H3 = "h3"


class CalloutKind(graphene.Enum):
    INFORMATION = "information"
    SAFETY = "safety"
    WARNING = "warning"


class ExerciseKind(graphene.Enum):
    REFLECTION = "reflection"
    ROLE_PLAY = "role_play"
    GROUP = "group"
    MINDFULNESS = "mindfulness"


class HeadingBlockType(graphene.ObjectType):
    Meta = _block_meta("HeadingBlock")

    text = graphene.String(required=True)
    level = graphene.Field(HeadingLevel, required=True)


class ParagraphBlockType(graphene.ObjectType):
    Meta = _block_meta("ParagraphBlock")

    html = graphene.String(required=True, description="Links point only to public targets.")


class CalloutBlockType(graphene.ObjectType):
    Meta = _block_meta("CalloutBlock")

    # Distinct names: sibling fragments may select both blocks' kinds in one query.
    kind = graphene.Field(CalloutKind, required=True, name="calloutKind")
    title = graphene.String(required=True)
    html = graphene.String(required=True)


class ImageBlockType(graphene.ObjectType):
    Meta = _block_meta("ImageBlock")

    image = graphene.Field(ImageType, required=True)
    caption = graphene.String(required=True)


class CaptionedImageType(graphene.ObjectType):
    class Meta:
        name = "CaptionedImage"

    image = graphene.Field(ImageType, required=True)
    caption = graphene.String(required=True)


class DocumentDownloadBlockType(graphene.ObjectType):
    Meta = _block_meta("DocumentDownloadBlock")

    document = graphene.Field(DocumentType, required=True)
    title = graphene.String(required=True)
    description = graphene.String(required=True)


class VideoEmbedBlockType(graphene.ObjectType):
    Meta = _block_meta("VideoEmbedBlock")

    url = graphene.String(required=True, description="Load the player only when asked to.")
    title = graphene.String(required=True)
    transcript = graphene.String(required=True)


class QuestionAnswerType(graphene.ObjectType):
    class Meta:
        name = "QuestionAnswer"

    question = graphene.String(required=True)
    answer_html = graphene.String(required=True)


class QuestionsAnswersBlockType(graphene.ObjectType):
    Meta = _block_meta("QuestionsAnswersBlock")

    title = graphene.String(required=True)
    items = graphene.List(graphene.NonNull(QuestionAnswerType), required=True)


class HelplineReferenceBlockType(graphene.ObjectType):
    Meta = _block_meta("HelplineReferenceBlock")

    helpline = graphene.Field(HelplineRefType, description="Null when it is not live.")
    note = graphene.String(required=True)


class SafeSpaceReferenceBlockType(graphene.ObjectType):
    Meta = _block_meta("SafeSpaceReferenceBlock")

    safe_space = graphene.Field(SafeSpaceRefType, description="Null when it is not live.")
    note = graphene.String(required=True)


class ExerciseBlockType(graphene.ObjectType):
    Meta = _block_meta("ExerciseBlock")

    kind = graphene.Field(ExerciseKind, required=True, name="exerciseKind")
    title = graphene.String(required=True)
    instructions_html = graphene.String(required=True)
    duration_minutes = graphene.Int()
    audio = graphene.Field(DocumentType, description="A guided recording, with its transcript.")
    transcript = graphene.String(required=True)


class ReferralStepType(graphene.ObjectType):
    class Meta:
        name = "ReferralStep"

    title = graphene.String(required=True)
    contact = graphene.String(required=True)
    how = graphene.String(required=True)


class ReferralPathwayBlockType(graphene.ObjectType):
    Meta = _block_meta("ReferralPathwayBlock")

    title = graphene.String(required=True)
    steps = graphene.List(graphene.NonNull(ReferralStepType), required=True)


class DiscussionPromptBlockType(graphene.ObjectType):
    Meta = _block_meta("DiscussionPromptBlock")

    theme = graphene.String(required=True)
    prompt = graphene.String(required=True)
    facilitator_notes = graphene.String(required=True)
    images = graphene.List(graphene.NonNull(CaptionedImageType), required=True)


class TestimonyQuoteBlockType(graphene.ObjectType):
    Meta = _block_meta("TestimonyQuoteBlock")

    quote = graphene.String(required=True)
    attribution = graphene.String(required=True, description="A role and a place, never a name.")


# One GraphQL type per name of toolbox_pages.blocks.BLOCK_REGISTRY (a test keeps them in step).
BLOCK_TYPES: dict[str, type[graphene.ObjectType]] = {
    "callout": CalloutBlockType,
    "discussion_prompt": DiscussionPromptBlockType,
    "document_download": DocumentDownloadBlockType,
    "exercise": ExerciseBlockType,
    "heading": HeadingBlockType,
    "helpline_reference": HelplineReferenceBlockType,
    "image": ImageBlockType,
    "paragraph": ParagraphBlockType,
    "questions_answers": QuestionsAnswersBlockType,
    "referral_pathway": ReferralPathwayBlockType,
    "safe_space_reference": SafeSpaceReferenceBlockType,
    "testimony_quote": TestimonyQuoteBlockType,
    "video_embed": VideoEmbedBlockType,
}
