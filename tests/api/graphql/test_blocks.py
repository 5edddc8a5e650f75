"""StreamField bodies: one GraphQL type per block, public references only."""

from __future__ import annotations

from typing import Any

import pytest
from wagtail.models import PageViewRestriction

from api.graphql.schema import schema
from api.graphql.types.blocks import BLOCK_TYPES, ImageSize, block_type
from api.representations import IMAGE_SIZES
from toolbox_pages.blocks import BLOCK_REGISTRY
from toolbox_pages.factories import BLOCK_FACTORIES
from toolbox_pages.models import ToolboxIndexPage

from .test_toolboxes import (
    add_module,
    add_toolbox,
    block,
    make_city,
    make_document,
    make_helpline,
    make_image,
    make_safe_space,
    ok,
)

pytestmark = pytest.mark.django_db


MODULE_BODY_QUERY = """
query { module(toolboxSlug: "protect", slug: "module") { body {
  id blockType
  ... on HeadingBlock { text level }
  ... on ParagraphBlock { html }
  ... on CalloutBlock { calloutKind title html }
  ... on ImageBlock { caption image { altText width height
      thumbnail: rendition(size: THUMBNAIL) { url width height }
      large: rendition(size: LARGE) { url width height } } }
  ... on DocumentDownloadBlock { title description document { title url fileExtension } }
  ... on VideoEmbedBlock { url title transcript }
  ... on QuestionsAnswersBlock { title items { question answerHtml } }
  ... on HelplineReferenceBlock { note helpline { name number available247 isFallback } }
  ... on SafeSpaceReferenceBlock { note safeSpace { id name operatedBy address { address1 }
      latitude longitude publicContact { phone } } }
  ... on ExerciseBlock { exerciseKind title instructionsHtml durationMinutes audio { url }
      transcript }
  ... on ReferralPathwayBlock { title steps { title contact how } }
  ... on DiscussionPromptBlock { theme prompt facilitatorNotes
      images { caption image { altText } } }
  ... on TestimonyQuoteBlock { quote attribution }
} } }
"""


def _module_with(index: ToolboxIndexPage, body: list[dict[str, Any]]) -> None:
    toolbox = add_toolbox(index, "protect")
    add_module(toolbox, "module", body=body)


def _body(index: ToolboxIndexPage, body: list[dict[str, Any]]) -> list[dict[str, Any]]:
    _module_with(index, body)
    return ok(MODULE_BODY_QUERY)["module"]["body"]


def test_every_registered_block_has_a_graphql_type_and_a_representation() -> None:
    schema_types = set(schema.graphql_schema.type_map)

    assert set(BLOCK_TYPES) == set(BLOCK_REGISTRY)
    assert all(callable(getattr(block, "api_shape", None)) for block in BLOCK_REGISTRY.values())
    for name, graphql_type in BLOCK_TYPES.items():
        expected = BLOCK_REGISTRY[name].__name__
        assert graphql_type._meta.name == expected
        assert expected in schema_types
        interfaces = schema.graphql_schema.type_map[expected].interfaces
        assert [interface.name for interface in interfaces] == ["StreamFieldBlock"]


class _EverythingPublic:
    """References where every target is live and public."""

    def rich_text(self, source: str) -> str:
        return source

    def image(self, pk: Any, alt_text: str = "") -> dict[str, Any] | None:
        return {"id": pk, "alt_text": alt_text}

    def document(self, pk: Any) -> dict[str, Any] | None:
        return {"id": pk} if pk else None

    def helpline(self, pk: Any) -> dict[str, Any] | None:
        return {"id": pk}

    def safe_space(self, pk: Any) -> dict[str, Any] | None:
        return {"id": pk}


@pytest.mark.parametrize("name", sorted(BLOCK_REGISTRY))
def test_every_block_shape_returns_exactly_the_fields_it_declares(name: str) -> None:
    block = BLOCK_REGISTRY[name]()
    raw = block.get_prep_value(BLOCK_FACTORIES[name]())

    shape = block.api_shape(raw, _EverythingPublic())

    assert shape is not None
    assert list(shape) == list(block.api_fields)
    graphql_fields = BLOCK_TYPES[name]._meta.fields
    assert [key for key in graphql_fields if key not in ("id", "block_type")] == list(shape)
    for key, declared in block.api_fields.items():
        if declared.kind == "object":
            assert declared.fields is not None
            assert all(list(item) == list(declared.fields) for item in shape[key]), key


def test_image_sizes_are_a_fixed_allow_list() -> None:
    assert {member.value for member in ImageSize._meta.enum} == set(IMAGE_SIZES)
    assert IMAGE_SIZES == {
        "thumbnail": "fill-160x160",
        "small": "width-480",
        "medium": "width-960",
        "large": "width-1600",
    }


def test_every_block_type_is_served_with_its_fields(toolbox_index: ToolboxIndexPage) -> None:
    city = make_city()
    image, document, audio = make_image(), make_document("Manual"), make_document("Audio")
    helpline = make_helpline()
    space = make_safe_space(city, "Family centre")
    blocks = [
        block("heading", {"text": "Signs", "level": "h3"}),
        block("paragraph", "<p>Plain <b>text</b></p>"),
        block("callout", {"kind": "safety", "title": "Careful", "text": "<p>Stay calm.</p>"}),
        block("image", {"image": image.pk, "alt_text": "Hands", "caption": "Support"}),
        block(
            "document_download", {"document": document.pk, "title": "Get it", "description": "PDF"}
        ),
        block(
            "video_embed",
            {"url": "https://video.example.org/a", "title": "Film", "transcript": "Words"},
        ),
        block(
            "questions_answers",
            {
                "title": "FAQ",
                "items": [
                    {
                        "type": "item",
                        "id": "q1",
                        "value": {"question": "Papers?", "answer": "<p>No.</p>"},
                    }
                ],
            },
        ),
        block("helpline_reference", {"helpline": helpline.pk, "note": "Call"}),
        block("safe_space_reference", {"safe_space": space.pk, "note": "Visit"}),
        block(
            "exercise",
            {
                "kind": "mindfulness",
                "title": "Breathe",
                "instructions": "<ol><li>Sit</li></ol>",
                "duration_minutes": 5,
                "audio": audio.pk,
                "transcript": "Breathe in",
            },
        ),
        block(
            "referral_pathway",
            {
                "title": "Path",
                "steps": [
                    {
                        "type": "item",
                        "id": "s1",
                        "value": {"title": "Listen", "contact": "You", "how": "Calmly"},
                    }
                ],
            },
        ),
        block(
            "discussion_prompt",
            {
                "theme": "Trust",
                "prompt": "Who?",
                "facilitator_notes": "",
                "images": [
                    {
                        "type": "item",
                        "id": "i1",
                        "value": {"image": image.pk, "alt_text": "Circle", "caption": ""},
                    }
                ],
            },
        ),
        block(
            "testimony_quote",
            {"quote": "It helped.", "attribution": "A mother, Rome", "consent_recorded": True},
        ),
    ]

    body = _body(toolbox_index, blocks)

    assert [b["blockType"] for b in body] == [b["type"] for b in blocks]
    assert [b["id"] for b in body] == [b["id"] for b in blocks]
    by_type = {b["blockType"]: b for b in body}
    assert by_type["heading"]["level"] == "H3"
    assert by_type["paragraph"]["html"] == "<p>Plain <b>text</b></p>"
    assert (by_type["callout"]["calloutKind"], by_type["callout"]["html"]) == (
        "SAFETY",
        "<p>Stay calm.</p>",
    )
    image_block = by_type["image"]
    assert image_block["image"]["altText"] == "Hands"
    assert image_block["image"]["thumbnail"]["width"] == 160
    assert image_block["image"]["thumbnail"]["height"] == 160
    assert image_block["image"]["large"]["width"] == image.width  # never upscaled
    assert by_type["document_download"]["document"]["url"].startswith(f"/documents/{document.pk}/")
    assert by_type["document_download"]["document"]["fileExtension"] == "pdf"
    assert by_type["questions_answers"]["items"] == [
        {"question": "Papers?", "answerHtml": "<p>No.</p>"}
    ]
    assert by_type["helpline_reference"]["helpline"] == {
        "name": "Violence helpline",
        "number": helpline.number,
        "available247": False,
        "isFallback": False,
    }
    assert by_type["safe_space_reference"]["safeSpace"]["address"] == {"address1": "Rue Haute 1"}
    # The same public id as safeSpace(id): the translation key, not the row's primary key.
    assert by_type["safe_space_reference"]["safeSpace"]["id"] == str(space.translation_key)
    assert by_type["exercise"]["exerciseKind"] == "MINDFULNESS"
    assert by_type["exercise"]["audio"]["url"]
    assert by_type["referral_pathway"]["steps"] == [
        {"title": "Listen", "contact": "You", "how": "Calmly"}
    ]
    assert by_type["discussion_prompt"]["images"] == [
        {"caption": "", "image": {"altText": "Circle"}}
    ]
    assert by_type["testimony_quote"] == {
        "id": by_type["testimony_quote"]["id"],
        "blockType": "testimony_quote",
        "quote": "It helped.",
        "attribution": "A mother, Rome",
    }


def test_rich_text_links_only_to_live_public_pages(toolbox_index: ToolboxIndexPage) -> None:
    live = add_toolbox(toolbox_index, "live-target")
    draft = add_module(live, "draft-target", live=False)
    withdrawn = add_module(live, "withdrawn-target")
    withdrawn.unpublish()
    private = add_module(live, "private-target")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    document = make_document()
    html = (
        f'<p><a linktype="page" id="{live.pk}">live</a>, '
        f'<a linktype="page" id="{draft.pk}">draft</a>, '
        f'<a linktype="page" id="{withdrawn.pk}">withdrawn</a>, '
        f'<a linktype="page" id="{private.pk}"><i>private</i></a>, '
        f'<a linktype="page" id="999999">missing</a>, '
        f'<a linktype="document" id="{document.pk}">doc</a>, '
        '<a href="https://example.org/help">external</a>, '
        '<a href="javascript:alert(1)">script</a></p>'
    )

    (paragraph,) = _body(toolbox_index, [block("paragraph", html)])

    assert paragraph["html"] == (
        f'<p><a href="/toolboxes/live-target/" data-page-id="{live.pk}">live</a>, '
        "draft, withdrawn, <i>private</i>, missing, "
        f'<a href="{document.url}">doc</a>, '
        '<a href="https://example.org/help">external</a>, script</p>'
    )


def test_references_to_draft_snippets_are_null(toolbox_index: ToolboxIndexPage) -> None:
    city = make_city()
    draft_line = make_helpline("Draft line", live=False)
    draft_space = make_safe_space(city, "Draft space", live=False)

    body = _body(
        toolbox_index,
        [
            block("helpline_reference", {"helpline": draft_line.pk, "note": "n"}),
            block("safe_space_reference", {"safe_space": draft_space.pk, "note": "n"}),
            block("helpline_reference", {"helpline": 424242, "note": "deleted"}),
        ],
    )

    assert [b.get("helpline", b.get("safeSpace")) for b in body] == [None, None, None]


def test_confidential_safe_space_reference_has_no_address_or_coordinates(
    toolbox_index: ToolboxIndexPage,
) -> None:
    shelter = make_safe_space(make_city(), "Shelter", confidential_location=True)

    (reference,) = _body(
        toolbox_index, [block("safe_space_reference", {"safe_space": shelter.pk, "note": ""})]
    )

    assert reference["safeSpace"] == {
        "id": str(shelter.translation_key),
        "name": "Shelter",
        "operatedBy": "CPAS",
        "address": None,
        "latitude": None,
        "longitude": None,
        "publicContact": {"phone": "+32 2 555 00 00"},
    }


def test_testimony_without_recorded_consent_is_left_out(toolbox_index: ToolboxIndexPage) -> None:
    body = _body(
        toolbox_index,
        [
            block(
                "testimony_quote",
                {"quote": "Private words", "attribution": "A woman", "consent_recorded": False},
            ),
            block("heading", {"text": "After", "level": "h2"}),
        ],
    )

    assert [b["blockType"] for b in body] == ["heading"]


def test_image_block_with_a_deleted_image_is_left_out(toolbox_index: ToolboxIndexPage) -> None:
    image = make_image()
    pk = image.pk
    image.delete()

    body = _body(toolbox_index, [block("image", {"image": pk, "alt_text": "Gone", "caption": ""})])

    assert body == []


def test_a_new_block_is_described_once_its_graphql_type_and_factory_follow() -> None:
    import graphene
    from wagtail import blocks as wagtail_blocks

    from toolbox_pages.block_factories import derived_block_factory
    from toolbox_pages.blocks import api_shape as api

    class PosterBlock(wagtail_blocks.StructBlock):
        title = wagtail_blocks.CharBlock(max_length=80)
        tone = wagtail_blocks.ChoiceBlock(choices=[("calm", "Calm"), ("urgent", "Urgent")])

        api_fields = {"title": api.text("What the poster says."), "tone": api.choice("Tone", tone)}

        @staticmethod
        def api_shape(value: dict[str, Any], refs: Any) -> dict[str, Any]:
            return {"title": value["title"], "tone": value["tone"]}

    graphql_type = block_type(PosterBlock)
    poster_schema = graphene.Schema(
        query=type("Query", (graphene.ObjectType,), {"poster": graphene.Field(graphql_type)}),
    )
    sdl = str(poster_schema)
    assert "type PosterBlock implements StreamFieldBlock {" in sdl
    assert '"""What the poster says."""\n  title: String!' in sdl
    assert "tone: Tone!" in sdl
    assert "enum Tone {\n  CALM\n  URGENT\n}" in sdl

    value = derived_block_factory(PosterBlock)()
    shape = PosterBlock.api_shape(PosterBlock().get_prep_value(value), None)
    assert shape["title"].startswith("Example text ")
    assert shape["tone"] == "calm"
