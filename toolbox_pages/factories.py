"""Factories for toolbox pages, their modules and every body block.

Pages are created under a real parent: pass ``parent=`` (the default builds the missing
ancestors, down from a new home page). Block factories produce values that pass the block's
``clean()``; ``BLOCK_FACTORIES`` maps each name of the block registry to its factory.
"""

from typing import TYPE_CHECKING, Any

import factory
import wagtail_factories
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.core.factories import DocumentFactory, HomePageFactory, ImageFactory
from safe_spaces.factories import HelplineFactory, SafeSpaceFactory

from .blocks import (
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
from .models import ModulePage, ToolboxIndexPage, ToolboxPage

# --- Blocks ----------------------------------------------------------------------------------


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


BLOCK_FACTORIES: dict[str, type[factory.Factory]] = {
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


class ToolboxBodyStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    callout = factory.SubFactory(CalloutBlockFactory)
    document_download = factory.SubFactory(DocumentDownloadBlockFactory)
    heading = factory.SubFactory(HeadingBlockFactory)
    helpline_reference = factory.SubFactory(HelplineReferenceBlockFactory)
    image = factory.SubFactory(ImageBlockFactory)
    paragraph = factory.SubFactory(ParagraphBlockFactory)
    questions_answers = factory.SubFactory(QuestionsAnswersBlockFactory)
    safe_space_reference = factory.SubFactory(SafeSpaceReferenceBlockFactory)
    testimony_quote = factory.SubFactory(TestimonyQuoteBlockFactory)
    video_embed = factory.SubFactory(VideoEmbedBlockFactory)

    class Meta:
        model = ToolboxBodyStreamBlock


class ModuleBodyStreamBlockFactory(ToolboxBodyStreamBlockFactory):
    discussion_prompt = factory.SubFactory(DiscussionPromptBlockFactory)
    exercise = factory.SubFactory(ExerciseBlockFactory)
    referral_pathway = factory.SubFactory(ReferralPathwayBlockFactory)

    class Meta:
        model = ModuleBodyStreamBlock


class LearningObjectivesStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    objective = factory.SubFactory(CharBlockFactory)

    class Meta:
        model = LearningObjectivesStreamBlock


# --- Pages -----------------------------------------------------------------------------------


class ToolboxIndexPageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(HomePageFactory)
    title = factory.Sequence(lambda n: f"Toolboxes {n}")
    introduction = "Four toolboxes, built by partner cities with the people they serve."

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> ToolboxIndexPage: ...

    class Meta:
        model = ToolboxIndexPage


def _set_many(instance, name: str, create: bool, values) -> None:
    """Assign a ParentalManyToManyField and save the page once the values are set."""
    if not create or values is None:
        return
    getattr(instance, name).set(values)
    instance.save()


class ToolboxPageFactory(wagtail_factories.PageFactory):
    """A toolbox with a heading and a paragraph; m2m fields take lists: ``audiences=[...]``."""

    parent = factory.SubFactory(ToolboxIndexPageFactory)
    title = factory.Sequence(lambda n: f"Safe spaces for LGBTQI+ people {n}")
    summary = "How a public service becomes a place where LGBTQI+ victims are received safely."
    focus = "Safe spaces for LGBTQI+ people"
    lead_city = None
    sensitivity = ToolboxPage.Sensitivity.PUBLIC
    cover_image = None
    cover_image_alt = ""
    body = wagtail_factories.StreamFieldFactory(ToolboxBodyStreamBlockFactory)
    body__0 = "heading"
    body__1 = "paragraph"

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> ToolboxPage: ...

    class Meta:
        model = ToolboxPage
        skip_postgeneration_save = True

    class Params:
        with_cover_image = factory.Trait(
            cover_image=factory.SubFactory(ImageFactory),
            cover_image_alt="A reception desk with a rainbow sticker on the door.",
        )

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        _set_many(self, "audiences", create, extracted)

    @factory.post_generation
    def partner_organisations(self, create, extracted, **kwargs):
        _set_many(self, "partner_organisations", create, extracted)

    @factory.post_generation
    def content_warnings(self, create, extracted, **kwargs):
        _set_many(self, "content_warnings", create, extracted)


class ModulePageFactory(wagtail_factories.PageFactory):
    """A module with one learning objective, a heading and a paragraph."""

    parent = factory.SubFactory(ToolboxPageFactory)
    title = factory.Sequence(lambda n: f"Receiving a disclosure {n}")
    summary = "What to say, and what not to say, when someone tells you about violence."
    duration_minutes = 90
    learning_objectives = wagtail_factories.StreamFieldFactory(LearningObjectivesStreamBlockFactory)
    learning_objectives__0 = "objective"
    body = wagtail_factories.StreamFieldFactory(ModuleBodyStreamBlockFactory)
    body__0 = "heading"
    body__1 = "paragraph"

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> ModulePage: ...

    class Meta:
        model = ModulePage
        skip_postgeneration_save = True

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        _set_many(self, "audiences", create, extracted)

    @factory.post_generation
    def content_warnings(self, create, extracted, **kwargs):
        _set_many(self, "content_warnings", create, extracted)
