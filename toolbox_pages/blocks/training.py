"""Training blocks: exercises, referral pathways, discussion prompts and testimonies."""

from typing import Any

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from . import api_shape as api
from .api_shape import (
    BlockReferences,
    as_text,
    captioned_image,
    int_or_none,
    list_items,
)
from .basic import ImageBlock
from .registry import body_block

TRAINING = "Training"


@body_block("exercise", modules_only=True)
class ExerciseBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("reflection", "Reflection"),
            ("role_play", "Role play"),
            ("group", "Group exercise"),
            ("mindfulness", "Mindfulness"),
        ],
        default="reflection",
    )
    title = blocks.CharBlock(max_length=160)
    instructions = blocks.RichTextBlock(features=["bold", "italic", "ol", "ul"])
    duration_minutes = blocks.IntegerBlock(min_value=1, max_value=480)
    audio = DocumentChooserBlock(
        required=False,
        help_text="A guided recording (mindfulness exercises). Requires a transcript.",
    )
    transcript = blocks.TextBlock(
        required=False, help_text="Everything the recording says, for readers who can't hear it."
    )

    api_fields = {
        "kind": api.choice("ExerciseKind", kind, name="exerciseKind"),
        "title": api.text(),
        "instructions_html": api.text(),
        "duration_minutes": api.integer(),
        "audio": api.document("A guided recording, with its transcript.", required=False),
        "transcript": api.text(),
    }

    @staticmethod
    def api_shape(value: dict[str, Any], refs: BlockReferences) -> dict[str, Any]:
        return {
            "kind": value.get("kind") or "reflection",
            "title": as_text(value.get("title")),
            "instructions_html": refs.rich_text(as_text(value.get("instructions"))),
            "duration_minutes": int_or_none(value.get("duration_minutes")),
            "audio": refs.document(value.get("audio")),
            "transcript": as_text(value.get("transcript")),
        }

    class Meta:
        icon = "group"
        template = "toolbox_pages/blocks/exercise.html"
        description = "An exercise with instructions and a duration; mindfulness audio optional."
        group = TRAINING
        preview_value = {
            "kind": "mindfulness",
            "title": "Three breaths",
            "instructions": "<ol><li>Sit comfortably.</li><li>Notice three breaths.</li></ol>",
            "duration_minutes": 5,
            "transcript": "",
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("audio") and not (value.get("transcript") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "transcript": ValidationError(
                        "An exercise with an audio recording needs its transcript."
                    )
                }
            )
        if value.get("audio") and value.get("kind") != "mindfulness":
            raise blocks.StructBlockValidationError(
                block_errors={
                    "audio": ValidationError("Only mindfulness exercises carry a recording.")
                }
            )
        return value


class ReferralStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160, help_text="What happens at this step.")
    contact = blocks.CharBlock(max_length=160, help_text="Who to contact: a service or a role.")
    how = blocks.TextBlock(help_text="How to reach them and what to say or bring.")


@body_block("referral_pathway", modules_only=True)
class ReferralPathwayBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160)
    steps = blocks.ListBlock(ReferralStepBlock(), min_num=1)

    api_fields = {
        "title": api.text(),
        "steps": api.object_list(
            "ReferralStep", {"title": api.text(), "contact": api.text(), "how": api.text()}
        ),
    }

    @staticmethod
    def api_shape(value: dict[str, Any], refs: BlockReferences) -> dict[str, Any]:
        return {
            "title": as_text(value.get("title")),
            "steps": [
                {
                    "title": as_text(step.get("title")),
                    "contact": as_text(step.get("contact")),
                    "how": as_text(step.get("how")),
                }
                for step in list_items(value.get("steps"))
                if isinstance(step, dict)
            ],
        }

    class Meta:
        icon = "list-ol"
        template = "toolbox_pages/blocks/referral_pathway.html"
        description = "Ordered steps from first disclosure to specialised help."
        group = TRAINING
        preview_value = {
            "title": "When a child discloses violence",
            "steps": [
                {
                    "title": "Listen and believe",
                    "contact": "You",
                    "how": "Stay calm; do not ask for details.",
                }
            ],
        }


@body_block("discussion_prompt", modules_only=True)
class DiscussionPromptBlock(blocks.StructBlock):
    theme = blocks.CharBlock(max_length=120, help_text="For example: Roles in the family.")
    prompt = blocks.TextBlock(help_text="The question the facilitator opens the dialogue with.")
    facilitator_notes = blocks.TextBlock(required=False)
    images = blocks.ListBlock(ImageBlock(), required=False, default=[])

    api_fields = {
        "theme": api.text(),
        "prompt": api.text(),
        "facilitator_notes": api.text(),
        "images": api.object_list("CaptionedImage", api.CAPTIONED_IMAGE),
    }

    @staticmethod
    def api_shape(value: dict[str, Any], refs: BlockReferences) -> dict[str, Any]:
        images = [
            captioned_image(item, refs)
            for item in list_items(value.get("images"))
            if isinstance(item, dict)
        ]
        return {
            "theme": as_text(value.get("theme")),
            "prompt": as_text(value.get("prompt")),
            "facilitator_notes": as_text(value.get("facilitator_notes")),
            "images": [image for image in images if image is not None],
        }

    class Meta:
        icon = "openquote"
        template = "toolbox_pages/blocks/discussion_prompt.html"
        description = "A dialogue prompt for parent sessions, with a supporting image set."
        group = TRAINING
        preview_value = {
            "theme": "Trust in society",
            "prompt": "Who would you ask for help if you were worried about a child?",
            "facilitator_notes": "",
            "images": [],
        }


@body_block("testimony_quote")
class TestimonyQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(
        max_length=120,
        help_text="Anonymised: a role and a place (A mother, Gothenburg), never a name.",
    )
    consent_recorded = blocks.BooleanBlock(
        required=False,
        help_text="Tick only when the person's consent to publish is on record.",
    )

    api_fields = {"quote": api.text(), "attribution": api.text("A role and a place, never a name.")}

    @staticmethod
    def api_shape(value: dict[str, Any], refs: BlockReferences) -> dict[str, Any] | None:
        # A testimony without recorded consent is never published, whatever the stored data says.
        if not value.get("consent_recorded"):
            return None
        return {
            "quote": as_text(value.get("quote")),
            "attribution": as_text(value.get("attribution")),
        }

    class Meta:
        icon = "openquote"
        template = "toolbox_pages/blocks/testimony_quote.html"
        description = "An anonymised testimony, published only with recorded consent."
        group = TRAINING
        preview_value = {
            "quote": "I did not know that the social office could help me without papers.",
            "attribution": "A woman, Luxembourg",
            "consent_recorded": True,
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("consent_recorded"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "consent_recorded": ValidationError(
                        "A testimony can be published only when consent is recorded."
                    )
                }
            )
        return value
