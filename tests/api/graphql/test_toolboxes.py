"""The toolbox queries: live, public content only, locale fallback, constant query count."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, PageViewRestriction

from cms.core.models import Audience, City, ContentWarning, PartnerOrganisation
from safe_spaces.models import Helpline, SafeSpace
from tests.support import graphql
from toolbox_pages.models import ModulePage, ToolboxIndexPage, ToolboxPage

pytestmark = pytest.mark.django_db


# --- Helpers shared by the API test modules ----------------------------------------------------


def run(query: str, **variables: Any) -> dict[str, Any]:
    """Execute a query as the view does (``tests.support.graphql.execute``)."""
    result = graphql.execute(query, variables)
    return {"data": result.data, "errors": result.errors}


def ok(query: str, **variables: Any) -> dict[str, Any]:
    return graphql.execute_data(query, variables)


def publish(page: Any) -> Any:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_toolbox(parent: Any, slug: str, **fields: Any) -> ToolboxPage:
    fields.setdefault("title", slug.replace("-", " ").title())
    fields.setdefault("summary", f"Summary of {slug}.")
    fields.setdefault("focus", f"Focus of {slug}")
    body = fields.pop("body", [])
    toolbox = ToolboxPage(slug=slug, body=json.dumps(body), **fields)
    parent.add_child(instance=toolbox)
    return publish(toolbox)


def add_module(parent: Any, slug: str, *, live: bool = True, **fields: Any) -> ModulePage:
    fields.setdefault("title", slug.replace("-", " ").title())
    fields.setdefault("summary", f"Summary of {slug}.")
    body = fields.pop("body", [])
    objectives = fields.pop("learning_objectives", [])
    module = ModulePage(
        slug=slug,
        body=json.dumps(body),
        learning_objectives=json.dumps(
            [{"type": "objective", "value": text, "id": str(uuid.uuid4())} for text in objectives]
        ),
        live=live,
        **fields,
    )
    parent.add_child(instance=module)
    if live:
        return publish(module)
    module.save_revision()
    return module


def translate(page: Any, code: str, *, live: bool = True, **changes: Any) -> Any:
    """A translation made like wagtail-localize does (copy_for_translation), then published."""
    translated = page.copy_for_translation(
        Locale.objects.get(language_code=code), copy_parents=True
    )
    for name, value in changes.items():
        setattr(translated, name, value)
    translated.save()
    if live:
        return publish(translated)
    return translated


def block(block_type: str, value: Any) -> dict[str, Any]:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def make_image(title: str = "A photo") -> Image:
    return Image.objects.create(title=title, file=get_test_image_file(), description="")


def make_document(title: str = "Handout") -> Document:
    return Document.objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 test", name="handout.pdf")
    )


def make_city(slug: str = "brussels") -> City:
    return City.objects.create(
        name=slug.title(), slug=slug, country="BE", timezone="Europe/Brussels", languages=["fr"]
    )


def make_helpline(name: str = "Violence helpline", *, live: bool = True) -> Helpline:
    return Helpline.objects.create(
        name=name,
        scope=Helpline.Scope.NATIONAL,
        country="BE",
        number="116 006",
        description="Listens and advises.",
        languages=["fr", "nl"],
        live=live,
    )


def make_safe_space(city: City, name: str = "Safe space", **fields: Any) -> SafeSpace:
    fields.setdefault("live", True)
    return SafeSpace.objects.create(
        name=name,
        operated_by="CPAS",
        city=city,
        description="Receives anyone.",
        address_1="Rue Haute 1",
        postal_code="1000",
        latitude="50.840000",
        longitude="4.350000",
        public_contact_phone="+32 2 555 00 00",
        **fields,
    )


TOOLBOX_FIELDS = """
  id title slug summary focus sensitivity urlPath locale translationKey isFallback lastPublishedAt
  audiences { code name } contentWarnings { code name }
  coverImage { altText width height rendition(size: SMALL) { url width height } }
  leadCity { name slug country timezone }
  partners { name kind website description logo { altText rendition(size: THUMBNAIL) { url } } }
"""

BODY_FIELDS = """
  body {
    id blockType
    ... on ParagraphBlock { html }
    ... on ImageBlock { caption image { altText rendition(size: MEDIUM) { url width height } } }
    ... on DocumentDownloadBlock { title document { url title } }
    ... on HelplineReferenceBlock { note helpline { name number } }
    ... on SafeSpaceReferenceBlock { safeSpace { name address { address1 } latitude } }
  }
"""

MODULE_FIELDS = f"""
  id title slug urlPath locale isFallback translationKey summary durationMinutes
  learningObjectives audiences {{ code name }} contentWarnings {{ code name }}
  {BODY_FIELDS}
"""

TOOLBOX_QUERY = f"""
query ($slug: String!, $locale: String) {{
  toolbox(slug: $slug, locale: $locale) {{
    {TOOLBOX_FIELDS}
    {BODY_FIELDS}
    modules {{ {MODULE_FIELDS} }}
  }}
}}
"""

TOOLBOXES_QUERY = """
query ($locale: String) {
  toolboxes(locale: $locale) { slug title locale isFallback translationKey
    modules { slug title locale isFallback } }
}
"""


# --- Fields -------------------------------------------------------------------------------------


def test_toolbox_serves_every_public_field(toolbox_index: ToolboxIndexPage) -> None:
    city = make_city()
    cover = make_image("Cover")
    logo = make_image("Logo")
    partner = PartnerOrganisation.objects.create(
        name="Ville de Bruxelles", kind="city", website="https://example.org", logo=logo
    )
    audience = Audience.objects.create(code="parents", name="Parents")
    warning = ContentWarning.objects.create(code="violence", name="Descriptions of violence")
    toolbox = add_toolbox(
        toolbox_index,
        "safe-spaces",
        lead_city=city,
        cover_image=cover,
        cover_image_alt="Two people talking",
        sensitivity="professionals",
        body=[block("paragraph", "<p>Welcome</p>")],
    )
    toolbox.partner_organisations.add(partner)
    toolbox.audiences.add(audience)
    toolbox.content_warnings.add(warning)
    toolbox.save()
    publish(toolbox)
    add_module(toolbox, "first", learning_objectives=["Listen", "Refer"], duration_minutes=30)

    data = ok(TOOLBOX_QUERY, slug="safe-spaces")["toolbox"]

    assert data["title"] == "Safe Spaces"
    assert data["urlPath"] == "/toolboxes/safe-spaces/"
    assert data["locale"] == "en"
    assert data["isFallback"] is False
    assert data["translationKey"] == str(toolbox.translation_key)
    assert data["sensitivity"] == "PROFESSIONALS"
    assert data["lastPublishedAt"] is not None
    assert data["audiences"] == [{"code": "parents", "name": "Parents"}]
    assert data["contentWarnings"] == [{"code": "violence", "name": "Descriptions of violence"}]
    assert data["coverImage"]["altText"] == "Two people talking"
    assert (
        data["coverImage"]["rendition"]["width"] == 480
        or data["coverImage"]["rendition"]["width"] <= 640
    )
    assert data["leadCity"] == {
        "name": "Brussels",
        "slug": "brussels",
        "country": "BE",
        "timezone": "Europe/Brussels",
    }
    assert data["partners"][0]["name"] == "Ville de Bruxelles"
    assert data["partners"][0]["kind"] == "CITY"
    assert data["partners"][0]["logo"]["rendition"]["url"]
    assert data["body"] == [
        {"id": data["body"][0]["id"], "blockType": "paragraph", "html": "<p>Welcome</p>"}
    ]
    module = data["modules"][0]
    assert module["urlPath"] == "/toolboxes/safe-spaces/first/"
    assert module["learningObjectives"] == ["Listen", "Refer"]
    assert module["durationMinutes"] == 30


def test_modules_are_listed_in_tree_order(toolbox_index: ToolboxIndexPage) -> None:
    toolbox = add_toolbox(toolbox_index, "protect")
    for slug in ["zeta", "alpha", "mid"]:
        add_module(toolbox, slug)

    data = ok(TOOLBOX_QUERY, slug="protect")["toolbox"]

    assert [m["slug"] for m in data["modules"]] == ["zeta", "alpha", "mid"]


# --- Only live, public content --------------------------------------------------------------


def test_draft_module_is_not_in_toolbox_modules(toolbox_index: ToolboxIndexPage) -> None:
    toolbox = add_toolbox(toolbox_index, "protect")
    add_module(toolbox, "published")
    add_module(toolbox, "draft", live=False)
    unpublished = add_module(toolbox, "withdrawn")
    unpublished.unpublish()

    data = ok(TOOLBOX_QUERY, slug="protect")["toolbox"]

    assert [m["slug"] for m in data["modules"]] == ["published"]


def test_unpublished_draft_and_private_toolboxes_are_null_like_a_missing_one(
    toolbox_index: ToolboxIndexPage,
) -> None:
    add_toolbox(toolbox_index, "public")
    add_toolbox(toolbox_index, "withdrawn").unpublish()
    draft = ToolboxPage(slug="draft", title="Draft", summary="s", focus="f", live=False)
    toolbox_index.add_child(instance=draft)
    draft.save_revision()
    private = add_toolbox(toolbox_index, "private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    for slug in ["withdrawn", "draft", "private", "missing"]:
        result = run(TOOLBOX_QUERY, slug=slug)
        assert result == {"data": {"toolbox": None}, "errors": None}, slug
    listed = ok(TOOLBOXES_QUERY)["toolboxes"]
    assert [t["slug"] for t in listed] == ["public"]


def test_module_under_a_private_section_is_hidden(toolbox_index: ToolboxIndexPage) -> None:
    toolbox = add_toolbox(toolbox_index, "protect")
    add_module(toolbox, "open")
    secret = add_module(toolbox, "secret")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")

    data = ok(TOOLBOX_QUERY, slug="protect")["toolbox"]
    module = ok('query { module(toolboxSlug: "protect", slug: "secret") { slug } }')["module"]

    assert [m["slug"] for m in data["modules"]] == ["open"]
    assert module is None


def test_newer_draft_revision_does_not_change_what_is_served(
    toolbox_index: ToolboxIndexPage,
) -> None:
    toolbox = add_toolbox(toolbox_index, "protect", summary="Published summary.")
    toolbox.title = "Draft title"
    toolbox.summary = "Draft summary that must not leak."
    toolbox.body = json.dumps([block("paragraph", "<p>Draft body</p>")])
    toolbox.save_revision()

    toolbox.refresh_from_db()
    data = ok(TOOLBOX_QUERY, slug="protect")["toolbox"]

    assert toolbox.has_unpublished_changes is True
    assert data["title"] == "Protect"
    assert data["summary"] == "Published summary."
    assert data["body"] == []


def test_module_by_slug(toolbox_index: ToolboxIndexPage) -> None:
    toolbox = add_toolbox(toolbox_index, "protect")
    add_module(toolbox, "listen", learning_objectives=["Believe"])
    add_module(toolbox, "draft", live=False)
    other = add_toolbox(toolbox_index, "other")
    add_module(other, "elsewhere")
    query = """query ($t: String!, $s: String!) { module(toolboxSlug: $t, slug: $s) {
        slug urlPath learningObjectives isFallback } }"""

    assert ok(query, t="protect", s="listen")["module"] == {
        "slug": "listen",
        "urlPath": "/toolboxes/protect/listen/",
        "learningObjectives": ["Believe"],
        "isFallback": False,
    }
    assert ok(query, t="protect", s="draft")["module"] is None
    assert ok(query, t="protect", s="elsewhere")["module"] is None
    assert ok(query, t="missing", s="listen")["module"] is None


def test_modules_of_an_unpublished_toolbox_are_not_reachable(
    toolbox_index: ToolboxIndexPage,
) -> None:
    toolbox = add_toolbox(toolbox_index, "protect")
    add_module(toolbox, "listen")
    toolbox.unpublish(set_expired=False, commit=True)

    query = 'query { module(toolboxSlug: "protect", slug: "listen") { slug } }'
    assert ok(query)["module"] is None


# --- Locales ---------------------------------------------------------------------------------


def test_unknown_locale_is_a_clear_bad_input(toolbox_index: ToolboxIndexPage) -> None:
    result = run(TOOLBOXES_QUERY, locale="xx")

    assert result["data"] is None
    (error,) = result["errors"]
    assert error.message.startswith("Unknown locale 'xx'. Available locales: en, fr")
    assert error.extensions == {"code": "BAD_USER_INPUT", "argument": "locale"}


def test_each_toolbox_falls_back_on_its_own(toolbox_index: ToolboxIndexPage) -> None:
    translated = add_toolbox(toolbox_index, "protect")
    add_toolbox(toolbox_index, "prevent")
    draft_only = add_toolbox(toolbox_index, "respond")
    translate(translated, "fr", title="Protéger", slug="proteger")
    translate(draft_only, "fr", live=False, title="Répondre")

    data = ok(TOOLBOXES_QUERY, locale="fr")["toolboxes"]

    assert [(t["slug"], t["locale"], t["isFallback"]) for t in data] == [
        ("proteger", "fr", False),
        ("prevent", "en", True),
        ("respond", "en", True),
    ]
    assert len({t["translationKey"] for t in data}) == 3


def test_toolbox_by_either_slug_in_the_requested_locale(toolbox_index: ToolboxIndexPage) -> None:
    toolbox = add_toolbox(toolbox_index, "protect")
    french = translate(toolbox, "fr", title="Protéger", slug="proteger")
    query = """query ($s: String!, $l: String) {
        toolbox(slug: $s, locale: $l) { title locale isFallback translationKey } }"""

    for slug in ["protect", "proteger"]:
        assert ok(query, s=slug, l="fr")["toolbox"] == {
            "title": "Protéger",
            "locale": "fr",
            "isFallback": False,
            "translationKey": str(french.translation_key),
        }
    assert ok(query, s="protect", l="ar")["toolbox"]["isFallback"] is True
    assert ok(query, s="protect", l="ar")["toolbox"]["locale"] == "en"


def test_modules_of_a_fallback_toolbox_prefer_live_translations(
    toolbox_index: ToolboxIndexPage,
) -> None:
    toolbox = add_toolbox(toolbox_index, "protect")
    first = add_module(toolbox, "first")
    add_module(toolbox, "second")
    third = add_module(toolbox, "third")
    # The French toolbox is still a draft; one French module is published, one is a draft.
    translate(toolbox, "fr", live=False, title="Protéger")
    translate(first, "fr", title="Premier", slug="premier")
    translate(third, "fr", live=False, title="Troisième")

    data = ok(TOOLBOXES_QUERY, locale="fr")["toolboxes"]

    (fallback,) = data
    assert (fallback["locale"], fallback["isFallback"]) == ("en", True)
    assert [(m["slug"], m["locale"], m["isFallback"]) for m in fallback["modules"]] == [
        ("premier", "fr", False),
        ("second", "en", True),
        ("third", "en", True),
    ]


def test_modules_of_a_translated_toolbox_fall_back_one_by_one(
    toolbox_index: ToolboxIndexPage,
) -> None:
    toolbox = add_toolbox(toolbox_index, "protect")
    first = add_module(toolbox, "first")
    add_module(toolbox, "second")
    translate(toolbox, "fr", title="Protéger")
    translate(first, "fr", title="Premier", slug="premier")

    (data,) = ok(TOOLBOXES_QUERY, locale="fr")["toolboxes"]

    assert (data["locale"], data["isFallback"]) == ("fr", False)
    assert [(m["slug"], m["locale"], m["isFallback"]) for m in data["modules"]] == [
        ("premier", "fr", False),
        ("second", "en", True),
    ]


# --- Constant query count --------------------------------------------------------------------


def _module_body(
    image: Image, document: Document, helpline: Helpline, space: SafeSpace, target: Any
) -> list[dict[str, Any]]:
    return [
        block(
            "paragraph",
            f'<p>Read <a linktype="page" id="{target.pk}">this</a> and '
            f'<a linktype="document" id="{document.pk}">that</a>.</p>',
        ),
        block("image", {"image": image.pk, "alt_text": "A photo", "caption": ""}),
        block(
            "document_download", {"document": document.pk, "title": "Handout", "description": ""}
        ),
        block("helpline_reference", {"helpline": helpline.pk, "note": ""}),
        block("safe_space_reference", {"safe_space": space.pk, "note": ""}),
    ]


def _toolbox_with_modules(
    index: ToolboxIndexPage, slug: str, count: int, city: City, target: Any
) -> ToolboxPage:
    partner = PartnerOrganisation.objects.create(
        name=f"Partner {slug}", kind="ngo", logo=make_image()
    )
    audience = Audience.objects.create(code=f"aud-{slug}", name=f"Audience {slug}")
    toolbox = add_toolbox(
        index,
        slug,
        lead_city=city,
        cover_image=make_image(),
        cover_image_alt="Cover",
        body=[block("paragraph", f'<p><a linktype="page" id="{target.pk}">Home</a></p>')],
    )
    toolbox.partner_organisations.add(partner)
    toolbox.audiences.add(audience)
    toolbox.save()
    publish(toolbox)
    for n in range(count):
        image, document = make_image(), make_document()
        helpline, space = (
            make_helpline(f"Line {slug} {n}"),
            make_safe_space(city, f"Space {slug} {n}"),
        )
        module = add_module(
            toolbox,
            f"module-{n}",
            body=_module_body(image, document, helpline, space, target),
            learning_objectives=["One", "Two"],
        )
        module.audiences.add(audience)
        module.save()
        publish(module)
    return toolbox


def test_query_count_is_the_same_for_10_and_50_modules(
    toolbox_index: ToolboxIndexPage, django_assert_num_queries: Any
) -> None:
    city = make_city()
    _toolbox_with_modules(toolbox_index, "ten", 10, city, toolbox_index)
    _toolbox_with_modules(toolbox_index, "fifty", 50, city, toolbox_index)
    for slug in ["ten", "fifty"]:  # warm up: renditions are generated on first use
        data = ok(TOOLBOX_QUERY, slug=slug)["toolbox"]
    assert len(data["modules"]) == 50
    assert data["modules"][49]["body"][1]["image"]["rendition"]["url"]
    assert data["modules"][49]["body"][3]["helpline"]["name"] == "Line fifty 49"
    assert 'href="/toolboxes/"' in data["modules"][49]["body"][0]["html"]

    counts = {}
    for slug in ["ten", "fifty"]:
        with django_assert_num_queries(10) as captured:
            ok(TOOLBOX_QUERY, slug=slug)
        counts[slug] = len(captured.captured_queries)
    assert counts["ten"] == counts["fifty"] == 10

    # In French the English toolbox is a fallback: one more query looks for its lead city's
    # French version.
    with django_assert_num_queries(11):
        ok(TOOLBOX_QUERY, slug="fifty", locale="fr")


def test_toolbox_list_query_count_does_not_grow_with_toolboxes(
    toolbox_index: ToolboxIndexPage, django_assert_num_queries: Any
) -> None:
    query = (
        f"query {{ toolboxes {{ {TOOLBOX_FIELDS} {BODY_FIELDS} modules {{ {MODULE_FIELDS} }} }} }}"
    )
    city = make_city()
    _toolbox_with_modules(toolbox_index, "one", 2, city, toolbox_index)
    ok(query)
    with django_assert_num_queries(10):
        assert len(ok(query)["toolboxes"]) == 1
    _toolbox_with_modules(toolbox_index, "two", 3, city, toolbox_index)
    _toolbox_with_modules(toolbox_index, "three", 4, city, toolbox_index)
    ok(query)
    with django_assert_num_queries(10):
        assert len(ok(query)["toolboxes"]) == 3
