"""Factories of body blocks: values that pass the block's ``clean()``.

A block may have a hand-written factory here (realistic text, traits for the cases its tests
need). A block without one gets a factory derived from its child blocks
(``derived_block_factory``), so a new block needs no factory to be tested; ``BLOCK_FACTORIES``
maps every name of the block registry to one, and the stream factories of the page bodies are
built from the page types' allow-lists.
"""

from typing import Any

import factory
import wagtail_factories
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.core.factories import DocumentFactory, ImageFactory
from safe_spaces.factories import HelplineFactory, SafeSpaceFactory
from safe_spaces.models import Helpline, SafeSpace

from .blocks import (
    BLOCK_REGISTRY,
    MODULE_BODY_BLOCKS,
    TOOLBOX_BODY_BLOCKS,
    LearningObjectivesStreamBlock,
    ModuleBodyStreamBlock,
    ToolboxBodyStreamBlock,
)
from .blocks.basic import (
    CalloutBlock,
    DocumentDownloadBlock,
    HeadingBlock,
    HelplineReferenceBlock,
    ImageBlock,
    ParagraphBlock,
    QuestionAnswerBlock,
    QuestionsAnswersBlock,
    SafeSpaceReferenceBlock,
    VideoEmbedBlock,
)
from .blocks.training import (
    DiscussionPromptBlock,
    ExerciseBlock,
    ReferralPathwayBlock,
    ReferralStepBlock,
    TestimonyQuoteBlock,
)


class RichTextBlockFactory(wagtail_factories.blocks.BlockFactory):
    """A rich text value from ``value`` (HTML in Wagtail's storage format)."""

    value = "<p>A safe space receives anyone, whatever their status.</p>"

    class Meta:
        abstract = True

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return block_class().to_python(kwargs["value"])


class ParagraphBlockFactory(RichTextBlockFactory):
    class Meta:
        model = ParagraphBlock


class CharBlockFactory(wagtail_factories.CharBlockFactory):
    value = factory.Sequence(lambda n: f"Recognise the signs of violence ({n})")


class DocumentChooserBlockFactory(wagtail_factories.DocumentChooserBlockFactory):
    document = factory.SubFactory(DocumentFactory)


class ImageChooserBlockFactory(wagtail_factories.ImageChooserBlockFactory):
    image = factory.SubFactory(ImageFactory)


class SnippetChooserBlockFactory(wagtail_factories.blocks.ChooserBlockFactory):
    """Base for snippet choosers: the value is the chosen object itself."""

    class Meta:
        abstract = True
        model = SnippetChooserBlock

    @classmethod
    def _build(cls, model_class, snippet):
        return snippet

    @classmethod
    def _create(cls, model_class, snippet):
        return snippet


class HelplineChooserBlockFactory(SnippetChooserBlockFactory):
    snippet = factory.SubFactory(HelplineFactory)


class SafeSpaceChooserBlockFactory(SnippetChooserBlockFactory):
    snippet = factory.SubFactory(SafeSpaceFactory)


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    text = factory.Sequence(lambda n: f"Recognising the signs of violence {n}")
    level = "h2"

    class Meta:
        model = HeadingBlock


class CalloutBlockFactory(wagtail_factories.StructBlockFactory):
    kind = "safety"
    title = "Before you start"
    text = factory.SubFactory(
        ParagraphBlockFactory,
        value="<p>Never contact a person's family without their consent.</p>",
    )

    class Meta:
        model = CalloutBlock


class ImageBlockFactory(wagtail_factories.StructBlockFactory):
    image = factory.SubFactory(ImageChooserBlockFactory)
    alt_text = "Two people talking at a reception desk."
    caption = ""

    class Meta:
        model = ImageBlock


class DocumentDownloadBlockFactory(wagtail_factories.StructBlockFactory):
    document = factory.SubFactory(DocumentChooserBlockFactory)
    title = "Facilitator's manual"
    description = "The full manual, to print."

    class Meta:
        model = DocumentDownloadBlock


class VideoEmbedBlockFactory(wagtail_factories.StructBlockFactory):
    url = "https://video.example.org/awareness-campaign"
    title = "Awareness campaign film"
    transcript = "A woman walks into the social office and asks for help."

    class Meta:
        model = VideoEmbedBlock


class QuestionAnswerBlockFactory(wagtail_factories.StructBlockFactory):
    question = "Do I need papers to be helped?"
    answer = factory.SubFactory(
        ParagraphBlockFactory, value="<p>No. A safe space receives anyone.</p>"
    )

    class Meta:
        model = QuestionAnswerBlock


class QuestionsAnswersBlockFactory(wagtail_factories.StructBlockFactory):
    title = "Common questions"
    items = wagtail_factories.ListBlockFactory(QuestionAnswerBlockFactory)
    items__0__question = "Do I need papers to be helped?"

    class Meta:
        model = QuestionsAnswersBlock


class HelplineReferenceBlockFactory(wagtail_factories.StructBlockFactory):
    helpline = factory.SubFactory(HelplineChooserBlockFactory)
    note = "Answers in French and Dutch."

    class Meta:
        model = HelplineReferenceBlock


class SafeSpaceReferenceBlockFactory(wagtail_factories.StructBlockFactory):
    safe_space = factory.SubFactory(SafeSpaceChooserBlockFactory)
    note = "Walk in; no appointment needed."

    class Meta:
        model = SafeSpaceReferenceBlock


class ExerciseBlockFactory(wagtail_factories.StructBlockFactory):
    kind = "reflection"
    title = "What would you do?"
    instructions = factory.SubFactory(
        ParagraphBlockFactory, value="<ol><li>Read the case.</li><li>Discuss it.</li></ol>"
    )
    duration_minutes = 20
    audio = None
    transcript = ""

    class Meta:
        model = ExerciseBlock

    class Params:
        # A mindfulness exercise with its recording and the transcript it requires.
        with_audio = factory.Trait(
            kind="mindfulness",
            audio=factory.SubFactory(DocumentChooserBlockFactory),
            transcript="Breathe in slowly. Breathe out slowly.",
        )


class ReferralStepBlockFactory(wagtail_factories.StructBlockFactory):
    title = "Listen and believe"
    contact = "You"
    how = "Stay calm; do not ask for details."

    class Meta:
        model = ReferralStepBlock


class ReferralPathwayBlockFactory(wagtail_factories.StructBlockFactory):
    title = "When a child discloses violence"
    steps = wagtail_factories.ListBlockFactory(ReferralStepBlockFactory)
    steps__0__title = "Listen and believe"

    class Meta:
        model = ReferralPathwayBlock


class DiscussionPromptBlockFactory(wagtail_factories.StructBlockFactory):
    theme = "Trust in society"
    prompt = "Who would you ask for help if you were worried about a child?"
    facilitator_notes = "Let every parent answer; there is no wrong answer."
    images = wagtail_factories.ListBlockFactory(ImageBlockFactory)

    class Meta:
        model = DiscussionPromptBlock


class TestimonyQuoteBlockFactory(wagtail_factories.StructBlockFactory):
    quote = "I did not know that the social office could help me without papers."
    attribution = "A woman, Luxembourg"
    consent_recorded = True

    class Meta:
        model = TestimonyQuoteBlock


# Hand-written factories; every other registered block gets a derived one.
WRITTEN_FACTORIES: dict[str, type[factory.Factory]] = {
    "callout": CalloutBlockFactory,
    "discussion_prompt": DiscussionPromptBlockFactory,
    "document_download": DocumentDownloadBlockFactory,
    "exercise": ExerciseBlockFactory,
    "heading": HeadingBlockFactory,
    "helpline_reference": HelplineReferenceBlockFactory,
    "image": ImageBlockFactory,
    "paragraph": ParagraphBlockFactory,
    "questions_answers": QuestionsAnswersBlockFactory,
    "referral_pathway": ReferralPathwayBlockFactory,
    "safe_space_reference": SafeSpaceReferenceBlockFactory,
    "testimony_quote": TestimonyQuoteBlockFactory,
    "video_embed": VideoEmbedBlockFactory,
}


# --- Derived factories -------------------------------------------------------------------------

SNIPPET_CHOOSER_FACTORIES: dict[type, type[factory.Factory]] = {
    Helpline: HelplineChooserBlockFactory,
    SafeSpace: SafeSpaceChooserBlockFactory,
}


def _rich_text_factory(block_class: type[blocks.Block]) -> type[factory.Factory]:
    meta = type("Meta", (), {"model": block_class})
    return type(f"{block_class.__name__}Factory", (RichTextBlockFactory,), {"Meta": meta})


def _child_value(child: blocks.Block) -> Any:
    """A declaration for one child block: a value its ``clean()`` accepts."""
    if isinstance(child, blocks.RichTextBlock):
        return factory.SubFactory(_rich_text_factory(blocks.RichTextBlock))
    if isinstance(child, blocks.URLBlock):
        return "https://example.org/"
    if isinstance(child, blocks.EmailBlock):
        return "help@example.org"
    if isinstance(child, blocks.CharBlock | blocks.TextBlock):
        return factory.Sequence(lambda n: f"Example text {n}")
    if isinstance(child, blocks.IntegerBlock):
        minimum = child.field.min_value
        return minimum if minimum is not None else 1
    if isinstance(child, blocks.ChoiceBlock):
        default = child.get_default()
        return default or next(str(value) for value, _ in child.field.choices if value)
    if isinstance(child, blocks.BooleanBlock):
        return True
    chooser: type[factory.Factory] | None = None
    if isinstance(child, ImageChooserBlock):
        chooser = ImageChooserBlockFactory
    elif isinstance(child, DocumentChooserBlock):
        chooser = DocumentChooserBlockFactory
    elif isinstance(child, SnippetChooserBlock):
        chooser = SNIPPET_CHOOSER_FACTORIES.get(child.target_model)
    if chooser is not None:
        return factory.SubFactory(chooser) if child.required else None
    if isinstance(child, blocks.StructBlock):
        return factory.SubFactory(derived_block_factory(type(child)))
    raise TypeError(
        f"No value can be derived for a {type(child).__name__}: write a factory for the block "
        "in toolbox_pages/block_factories.py (WRITTEN_FACTORIES)."
    )


def derived_block_factory(block_class: type[blocks.Block]) -> type[factory.Factory]:
    """A factory for ``block_class`` from its child blocks: every field filled, optional
    choosers left empty, each list with one item."""
    if issubclass(block_class, blocks.RichTextBlock):
        return _rich_text_factory(block_class)
    declarations: dict[str, Any] = {"Meta": type("Meta", (), {"model": block_class})}
    for name, child in block_class.base_blocks.items():
        if isinstance(child, blocks.ListBlock):
            item = child.child_block
            declarations[name] = wagtail_factories.ListBlockFactory(
                derived_block_factory(type(item))
                if isinstance(item, blocks.StructBlock)
                else _value_factory(item)
            )
            if isinstance(item, blocks.StructBlock):
                first = next(iter(item.child_blocks))
                declarations[f"{name}__0__{first}"] = _child_value(item.child_blocks[first])
            else:
                declarations[f"{name}__0__value"] = _child_value(item)
        else:
            declarations[name] = _child_value(child)
    return type(
        f"{block_class.__name__}Factory", (wagtail_factories.StructBlockFactory,), declarations
    )


def _value_factory(block: blocks.Block) -> type[factory.Factory]:
    meta = type("Meta", (), {"model": type(block)})
    return type(
        f"{type(block).__name__}ValueFactory",
        (wagtail_factories.blocks.BlockFactory,),
        {"Meta": meta, "value": _child_value(block)},
    )


BLOCK_FACTORIES: dict[str, type[factory.Factory]] = {
    name: WRITTEN_FACTORIES.get(name) or derived_block_factory(block)
    for name, block in BLOCK_REGISTRY.items()
}


def _stream_factory(model: type[blocks.StreamBlock], names: list[str]) -> type[factory.Factory]:
    declarations: dict[str, Any] = {"Meta": type("Meta", (), {"model": model})}
    declarations.update({name: factory.SubFactory(BLOCK_FACTORIES[name]) for name in names})
    return type(f"{model.__name__}Factory", (wagtail_factories.StreamBlockFactory,), declarations)


ToolboxBodyStreamBlockFactory = _stream_factory(ToolboxBodyStreamBlock, TOOLBOX_BODY_BLOCKS)
ModuleBodyStreamBlockFactory = _stream_factory(ModuleBodyStreamBlock, MODULE_BODY_BLOCKS)


class LearningObjectivesStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    objective = factory.SubFactory(CharBlockFactory)

    class Meta:
        model = LearningObjectivesStreamBlock
