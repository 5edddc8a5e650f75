"""The module body's blocks, the same kinds and fields as ``toolbox_pages.blocks``, exposed the
way grapple's documentation shows: ``@register_streamfield_block`` and ``graphql_fields``.

grapple has a type of its own called ``ImageBlock``, so the image block is
``CaptionedImageBlock`` here.
"""

from grapple.helpers import register_streamfield_block
from grapple.models import (
    GraphQLImage,
    GraphQLInt,
    GraphQLRichText,
    GraphQLStreamfield,
    GraphQLString,
)
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


@register_streamfield_block
class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=160)
    level = blocks.ChoiceBlock(choices=[("h2", "Section"), ("h3", "Subsection")], default="h2")

    graphql_fields = [GraphQLString("text"), GraphQLString("level")]


@register_streamfield_block
class ParagraphBlock(blocks.RichTextBlock):
    pass


@register_streamfield_block
class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("information", "Information"), ("safety", "Safety"), ("warning", "Warning")]
    )
    title = blocks.CharBlock(required=False)
    text = blocks.RichTextBlock()

    graphql_fields = [GraphQLString("kind"), GraphQLString("title"), GraphQLRichText("text")]


@register_streamfield_block
class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(max_length=250)
    caption = blocks.CharBlock(max_length=250, required=False)

    graphql_fields = [GraphQLImage("image"), GraphQLString("alt_text"), GraphQLString("caption")]


@register_streamfield_block
class ExerciseBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("reflection", "Reflection"),
            ("role_play", "Role play"),
            ("group", "Group exercise"),
            ("mindfulness", "Mindfulness"),
        ]
    )
    title = blocks.CharBlock(max_length=160)
    instructions = blocks.RichTextBlock()
    duration_minutes = blocks.IntegerBlock()
    transcript = blocks.TextBlock(required=False)

    graphql_fields = [
        GraphQLString("kind"),
        GraphQLString("title"),
        GraphQLRichText("instructions"),
        GraphQLInt("duration_minutes"),
        GraphQLString("transcript"),
    ]


@register_streamfield_block
class ReferralStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160)
    contact = blocks.CharBlock(max_length=160)
    how = blocks.TextBlock()

    graphql_fields = [GraphQLString("title"), GraphQLString("contact"), GraphQLString("how")]


@register_streamfield_block
class ReferralPathwayBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160)
    steps = blocks.ListBlock(ReferralStepBlock())

    graphql_fields = [GraphQLString("title"), GraphQLStreamfield("steps")]


@register_streamfield_block
class TestimonyQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(max_length=120)
    consent_recorded = blocks.BooleanBlock(required=False)

    graphql_fields = [GraphQLString("quote"), GraphQLString("attribution")]


@register_streamfield_block
class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250)
    answer = blocks.RichTextBlock()

    graphql_fields = [GraphQLString("question"), GraphQLRichText("answer")]


@register_streamfield_block
class QuestionsAnswersBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160, required=False)
    items = blocks.ListBlock(QuestionAnswerBlock())

    graphql_fields = [GraphQLString("title"), GraphQLStreamfield("items")]


class ModuleBodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    callout = CalloutBlock()
    image = CaptionedImageBlock()
    exercise = ExerciseBlock()
    referral_pathway = ReferralPathwayBlock()
    testimony_quote = TestimonyQuoteBlock()
    questions_answers = QuestionsAnswersBlock()
