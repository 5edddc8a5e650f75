"""Text, media and reference blocks that any toolbox or module body may use."""

from typing import Any

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from . import api_shape as api
from .api_shape import (
    BlockReferences,
    as_text,
    captioned_image,
    list_items,
)
from .registry import body_block

# Readers get structure and links; no embeds, no raw HTML, no colours.
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]

TEXT = "Text"
MEDIA = "Media"
REFERENCES = "Help and referral"


@body_block("heading")
class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=160)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (H2)"), ("h3", "Subsection (H3)")],
        default="h2",
        help_text="Keep a logical order: a subsection follows a section.",
    )

    api_fields = {"text": api.text(), "level": api.choice("HeadingLevel", level)}

    @staticmethod
    def api_shape(value: dict[str, Any], refs: BlockReferences) -> dict[str, Any]:
        return {"text": as_text(value.get("text")), "level": value.get("level") or "h2"}

    class Meta:
        icon = "title"
        template = "toolbox_pages/blocks/heading.html"
        description = "A section heading; apps build the table of contents from it."
        group = TEXT
        preview_value = {"text": "Recognising the signs of violence", "level": "h2"}


@body_block("paragraph")
class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    api_fields = {"html": api.text("Links point only to public targets.")}

    @staticmethod
    def api_shape(value: Any, refs: BlockReferences) -> dict[str, Any]:
        return {"html": refs.rich_text(as_text(value))}

    class Meta:
        icon = "pilcrow"
        template = "toolbox_pages/blocks/paragraph.html"
        description = "Formatted text: paragraphs, lists, links. No colours or embedded media."
        group = TEXT
        preview_value = (
            "<p>A safe space is a place where a person can ask for help "
            "without having to explain who they are.</p>"
        )


@body_block("callout")
class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("information", "Information"),
            ("safety", "Safety note"),
            ("warning", "Warning"),
        ],
        default="information",
    )
    title = blocks.CharBlock(max_length=120, required=False)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    api_fields = {
        # Distinct names: sibling fragments may select both blocks' kinds in one query.
        "kind": api.choice("CalloutKind", kind, name="calloutKind"),
        "title": api.text(),
        "html": api.text(),
    }

    @staticmethod
    def api_shape(value: dict[str, Any], refs: BlockReferences) -> dict[str, Any]:
        return {
            "kind": value.get("kind") or "information",
            "title": as_text(value.get("title")),
            "html": refs.rich_text(as_text(value.get("text"))),
        }

    class Meta:
        icon = "warning"
        template = "toolbox_pages/blocks/callout.html"
        description = "A boxed note: information, a safety note or a warning."
        group = TEXT
        preview_value = {
            "kind": "safety",
            "title": "Before you start",
            "text": "<p>Never contact a person's family without their consent.</p>",
        }


@body_block("image")
class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe what the image shows for readers who can't see it. Required.",
    )
    caption = blocks.CharBlock(max_length=250, required=False)

    api_fields = api.CAPTIONED_IMAGE

    @staticmethod
    def api_shape(value: dict[str, Any], refs: BlockReferences) -> dict[str, Any] | None:
        return captioned_image(value, refs)

    class Meta:
        icon = "image"
        template = "toolbox_pages/blocks/image.html"
        description = "An image with its text alternative and an optional caption."
        group = MEDIA


@body_block("document_download")
class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(max_length=160, help_text="What the reader downloads.")
    description = blocks.TextBlock(required=False)

    api_fields = {"document": api.document(), "title": api.text(), "description": api.text()}

    @staticmethod
    def api_shape(value: dict[str, Any], refs: BlockReferences) -> dict[str, Any] | None:
        document = refs.document(value.get("document"))
        if document is None:
            return None
        return {
            "document": document,
            "title": as_text(value.get("title")),
            "description": as_text(value.get("description")),
        }

    class Meta:
        icon = "doc-full"
        template = "toolbox_pages/blocks/document_download.html"
        description = "A file to download: a manual, a handout, a leaflet."
        group = MEDIA


@body_block("video_embed")
class VideoEmbedBlock(blocks.StructBlock):
    """A video by URL. Clients show a link or load the player only when the reader asks,
    so no third-party request happens on page load."""

    url = blocks.URLBlock(help_text="The video's address (for example on the city's own server).")
    title = blocks.CharBlock(max_length=160)
    transcript = blocks.TextBlock(
        required=False, help_text="What is said in the video, for readers who can't hear it."
    )

    api_fields = {
        "url": api.text("Load the player only when asked to."),
        "title": api.text(),
        "transcript": api.text(),
    }

    @staticmethod
    def api_shape(value: dict[str, Any], refs: BlockReferences) -> dict[str, Any]:
        return {
            "url": as_text(value.get("url")),
            "title": as_text(value.get("title")),
            "transcript": as_text(value.get("transcript")),
        }

    class Meta:
        icon = "media"
        template = "toolbox_pages/blocks/video_embed.html"
        description = "A video, loaded only when the reader asks for it."
        group = MEDIA
        preview_value = {
            "url": "https://video.example.org/awareness-campaign",
            "title": "Awareness campaign film",
            "transcript": "",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value["url"].startswith("https://"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Use an https:// address.")}
            )
        return value


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])


@body_block("questions_answers")
class QuestionsAnswersBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160, required=False)
    items = blocks.ListBlock(QuestionAnswerBlock(), min_num=1)

    api_fields = {
        "title": api.text(),
        "items": api.object_list(
            "QuestionAnswer", {"question": api.text(), "answer_html": api.text()}
        ),
    }

    @staticmethod
    def api_shape(value: dict[str, Any], refs: BlockReferences) -> dict[str, Any]:
        return {
            "title": as_text(value.get("title")),
            "items": [
                {
                    "question": as_text(item.get("question")),
                    "answer_html": refs.rich_text(as_text(item.get("answer"))),
                }
                for item in list_items(value.get("items"))
                if isinstance(item, dict)
            ],
        }

    class Meta:
        icon = "help"
        template = "toolbox_pages/blocks/questions_answers.html"
        description = "Questions readers often ask, with their answers."
        group = TEXT
        preview_value = {
            "title": "Common questions",
            "items": [
                {
                    "question": "Do I need papers to be helped?",
                    "answer": "<p>No. A safe space receives anyone, whatever their status.</p>",
                }
            ],
        }


@body_block("helpline_reference")
class HelplineReferenceBlock(blocks.StructBlock):
    helpline = SnippetChooserBlock("safe_spaces.Helpline")
    note = blocks.CharBlock(
        max_length=200, required=False, help_text="Why this helpline here, in a few words."
    )

    api_fields = {"helpline": api.helpline(), "note": api.text()}

    @staticmethod
    def api_shape(value: dict[str, Any], refs: BlockReferences) -> dict[str, Any]:
        return {
            "helpline": refs.helpline(value.get("helpline")),
            "note": as_text(value.get("note")),
        }

    class Meta:
        icon = "mobile-alt"
        template = "toolbox_pages/blocks/helpline_reference.html"
        description = "A helpline from the list, kept up to date in one place."
        group = REFERENCES


@body_block("safe_space_reference")
class SafeSpaceReferenceBlock(blocks.StructBlock):
    safe_space = SnippetChooserBlock("safe_spaces.SafeSpace")
    note = blocks.CharBlock(max_length=200, required=False)

    api_fields = {"safe_space": api.safe_space(), "note": api.text()}

    @staticmethod
    def api_shape(value: dict[str, Any], refs: BlockReferences) -> dict[str, Any]:
        return {
            "safe_space": refs.safe_space(value.get("safe_space")),
            "note": as_text(value.get("note")),
        }

    class Meta:
        icon = "home"
        template = "toolbox_pages/blocks/safe_space_reference.html"
        description = "A safe-space listing; confidential addresses are never shown."
        group = REFERENCES
