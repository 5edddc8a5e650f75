"""The block registry: every body block, and the sorted allow-list of each page type.

A page type's StreamBlock is built from its allow-list, so adding a block to a page type is
one line here and shows up in the admin, the preview and the API together.
"""

from wagtail import blocks

from .basic import (
    CalloutBlock,
    DocumentDownloadBlock,
    HeadingBlock,
    HelplineReferenceBlock,
    ImageBlock,
    ParagraphBlock,
    QuestionsAnswersBlock,
    SafeSpaceReferenceBlock,
    VideoEmbedBlock,
)
from .training import (
    DiscussionPromptBlock,
    ExerciseBlock,
    ReferralPathwayBlock,
    TestimonyQuoteBlock,
)

BLOCK_REGISTRY: dict[str, type[blocks.Block]] = {
    "callout": CalloutBlock,
    "discussion_prompt": DiscussionPromptBlock,
    "document_download": DocumentDownloadBlock,
    "exercise": ExerciseBlock,
    "heading": HeadingBlock,
    "helpline_reference": HelplineReferenceBlock,
    "image": ImageBlock,
    "paragraph": ParagraphBlock,
    "questions_answers": QuestionsAnswersBlock,
    "referral_pathway": ReferralPathwayBlock,
    "safe_space_reference": SafeSpaceReferenceBlock,
    "testimony_quote": TestimonyQuoteBlock,
    "video_embed": VideoEmbedBlock,
}

TOOLBOX_BODY_BLOCKS = sorted(
    [
        "callout",
        "document_download",
        "heading",
        "helpline_reference",
        "image",
        "paragraph",
        "questions_answers",
        "safe_space_reference",
        "testimony_quote",
        "video_embed",
    ]
)
MODULE_BODY_BLOCKS = sorted(BLOCK_REGISTRY)


def _stream(names: list[str]) -> list[tuple[str, blocks.Block]]:
    return [(name, BLOCK_REGISTRY[name]()) for name in names]


class ToolboxBodyStreamBlock(blocks.StreamBlock):
    def __init__(self, **kwargs):
        super().__init__(_stream(TOOLBOX_BODY_BLOCKS), **kwargs)


class ModuleBodyStreamBlock(blocks.StreamBlock):
    def __init__(self, **kwargs):
        super().__init__(_stream(MODULE_BODY_BLOCKS), **kwargs)


class LearningObjectivesStreamBlock(blocks.StreamBlock):
    objective = blocks.CharBlock(max_length=250, icon="tick", label="Learning objective")


__all__ = [
    "BLOCK_REGISTRY",
    "MODULE_BODY_BLOCKS",
    "TOOLBOX_BODY_BLOCKS",
    "LearningObjectivesStreamBlock",
    "ModuleBodyStreamBlock",
    "ToolboxBodyStreamBlock",
]
