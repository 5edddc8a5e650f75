"""Validation rules of toolboxes, modules and their training blocks."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError

from cms.core.factories import DocumentFactory, ImageFactory
from toolbox_pages.blocks import training
from toolbox_pages.blocks.basic import VideoEmbedBlock
from toolbox_pages.factories import (
    BLOCK_FACTORIES,
    ModulePageFactory,
    ToolboxPageFactory,
)

pytestmark = pytest.mark.django_db


def block_errors(block, value) -> dict[str, list[str]]:
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    return {name: error.messages for name, error in caught.value.block_errors.items()}


def test_cover_image_without_alt_text_is_an_error(toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index, with_cover_image=True)
    toolbox.cover_image_alt = "   "

    with pytest.raises(ValidationError) as caught:
        toolbox.full_clean()

    assert caught.value.message_dict == {
        "cover_image_alt": ["Describe the cover image for readers who can't see it."]
    }


def test_cover_image_with_alt_text_is_valid(toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index, with_cover_image=True)
    toolbox.cover_image = ImageFactory()
    toolbox.cover_image_alt = "A rainbow sticker on a reception door."

    toolbox.full_clean()

    assert toolbox.cover_image_alt == "A rainbow sticker on a reception door."


def test_alt_text_is_not_needed_without_a_cover_image(toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index, cover_image=None, cover_image_alt="")

    toolbox.full_clean()

    assert toolbox.cover_image_id is None


@pytest.mark.parametrize("minutes", [1, 90, 6000, None])
def test_module_duration_within_bounds_is_valid(toolbox_index, minutes):
    module = ModulePageFactory(parent__parent=toolbox_index, duration_minutes=minutes)

    module.full_clean()

    assert module.duration_minutes == minutes


@pytest.mark.parametrize("minutes", [0, 6001])
def test_module_duration_outside_bounds_is_an_error(toolbox_index, minutes):
    module = ModulePageFactory(parent__parent=toolbox_index)
    module.duration_minutes = minutes

    with pytest.raises(ValidationError) as caught:
        module.full_clean()

    assert caught.value.message_dict == {
        "duration_minutes": ["Give a duration between 1 and 6000 minutes."]
    }


def test_testimony_without_consent_is_a_block_error():
    value = BLOCK_FACTORIES["testimony_quote"](consent_recorded=False)

    errors = block_errors(training.TestimonyQuoteBlock(), value)

    assert errors == {
        "consent_recorded": ["A testimony can be published only when consent is recorded."]
    }


def test_testimony_with_consent_is_valid():
    value = BLOCK_FACTORIES["testimony_quote"](consent_recorded=True)

    cleaned = training.TestimonyQuoteBlock().clean(value)

    assert cleaned["consent_recorded"] is True


def test_exercise_with_audio_and_no_transcript_is_a_block_error():
    value = BLOCK_FACTORIES["exercise"](with_audio=True, transcript="  ")

    errors = block_errors(training.ExerciseBlock(), value)

    assert errors == {"transcript": ["An exercise with an audio recording needs its transcript."]}


def test_exercise_with_audio_and_its_transcript_is_valid():
    value = BLOCK_FACTORIES["exercise"](with_audio=True)

    cleaned = training.ExerciseBlock().clean(value)

    assert cleaned["transcript"] == "Breathe in slowly. Breathe out slowly."


def test_exercise_without_audio_needs_no_transcript():
    value = BLOCK_FACTORIES["exercise"](audio=None, transcript="")

    cleaned = training.ExerciseBlock().clean(value)

    assert cleaned["audio"] is None


def test_audio_on_an_exercise_that_is_not_mindfulness_is_a_block_error():
    value = BLOCK_FACTORIES["exercise"](
        kind="role_play", audio=DocumentFactory(), transcript="Two voices talk."
    )

    errors = block_errors(training.ExerciseBlock(), value)

    assert errors == {"audio": ["Only mindfulness exercises carry a recording."]}


@pytest.mark.parametrize("url", ["http://video.example.org/film", "ftp://video.example.org/f"])
def test_video_not_served_over_https_is_a_block_error(url):
    value = BLOCK_FACTORIES["video_embed"](url=url)

    errors = block_errors(VideoEmbedBlock(), value)

    assert errors == {"url": ["Use an https:// address."]}


def test_a_registered_block_without_an_api_shape_stops_the_system_check(monkeypatch):
    from wagtail import blocks as wagtail_blocks

    from toolbox_pages import blocks as registry
    from toolbox_pages.checks import check_block_shapes

    class PosterBlock(wagtail_blocks.StructBlock):
        title = wagtail_blocks.CharBlock()

    assert check_block_shapes() == []
    monkeypatch.setitem(registry.BLOCK_REGISTRY, "poster", PosterBlock)

    shape_error, fields_error = check_block_shapes()
    assert shape_error.id == "toolbox_pages.E001"
    assert shape_error.msg == "The 'poster' block (PosterBlock) has no api_shape()."
    assert fields_error.id == "toolbox_pages.E002"
    assert fields_error.msg == "The 'poster' block (PosterBlock) declares no api_fields."


def test_a_block_with_a_shape_but_no_declared_fields_stops_the_system_check(monkeypatch):
    from wagtail import blocks as wagtail_blocks

    from toolbox_pages import blocks as registry
    from toolbox_pages.checks import check_block_shapes

    class PosterBlock(wagtail_blocks.StructBlock):
        title = wagtail_blocks.CharBlock()

        @staticmethod
        def api_shape(value, refs):
            return {"title": value.get("title")}

    monkeypatch.setitem(registry.BLOCK_REGISTRY, "poster", PosterBlock)

    (error,) = check_block_shapes()
    assert error.id == "toolbox_pages.E002"
