"""One confidential listing, every public surface, every field: nothing that tells where it is
appears anywhere (``safe_spaces.confidentiality`` decides, every surface reads through it).

GraphQL is queried for every field the ``SafeSpace`` type has, built from the schema itself,
so a field added later is walked too. The other surfaces: the search, a module body that
refers to the listing (GraphQL, the widget's toolbox, the HTML page), the widgets' lists, the
HSDS export (list, stream and one service) and the admin preview.
"""

import json

import pytest
from django.urls import reverse
from graphql import GraphQLNonNull, GraphQLObjectType, get_named_type

from api.graphql.schema import schema
from cms.core.factories import CityFactory
from tests.api.keys import make_key
from tests.api.rest.conftest import Api, shelter
from tests.support import graphql
from tests.support.admin import editor_form_data
from tests.support.shelter import assert_no_trace_of_shelter
from toolbox_pages.models import ModulePage

pytestmark = pytest.mark.django_db


def selection(type_: GraphQLObjectType, depth: int = 3) -> str:
    """Every field of ``type_`` that takes no required argument, nested ``depth`` deep."""
    fields = []
    for name, field in sorted(type_.fields.items()):
        if any(isinstance(arg.type, GraphQLNonNull) for arg in field.args.values()):
            continue
        inner = get_named_type(field.type)
        if isinstance(inner, GraphQLObjectType):
            if depth > 1:
                fields.append(f"{name} {{ {selection(inner, depth - 1)} }}")
        else:
            fields.append(name)
    return " ".join(fields)


def answer(query: str) -> str:
    response = graphql.post(query, {})
    assert response.status_code == 200, response.content
    body = response.content.decode()
    assert "errors" not in json.loads(body), body
    return body


def assert_withheld(text: str) -> None:
    # Whole tokens: a random UUID in the answer may hold "1777" by chance.
    assert_no_trace_of_shelter(text)


@pytest.fixture
def confidential():
    brussels = CityFactory(
        name="Brussels", slug="brussels", country="BE", timezone="Europe/Brussels"
    )
    return shelter(brussels)


@pytest.fixture
def widget_api() -> Api:
    return Api(make_key()[1])


@pytest.fixture
def referring_module(toolbox, confidential) -> ModulePage:
    page = ModulePage(title="Where to go tonight", slug="tonight", summary="Shelters.")
    toolbox.add_child(instance=page)
    page.body = [("safe_space_reference", {"safe_space": confidential, "note": "Call first."})]
    page.save_revision().publish()
    return page


def test_every_graphql_field_of_a_confidential_listing_withholds_its_place(confidential):
    safe_space_type = schema.graphql_schema.get_type("SafeSpace")
    fields = selection(safe_space_type)
    key = str(confidential.translation_key)

    one = answer(f'{{ safeSpace(id: "{key}") {{ {fields} }} }}')
    listed = answer(f'{{ safeSpaces(city: "brussels") {{ edges {{ node {{ {fields} }} }} }} }}')
    found = answer('{ search(text: "Night shelter") { ... on SafeSpace { ' + fields + " } } }")

    assert json.loads(one)["data"]["safeSpace"]["confidentialLocation"] is True
    assert "Night shelter" in listed and "Night shelter" in found
    for body in (one, listed, found):
        assert_withheld(body)
    # The public contact point is what readers get instead.
    assert "+3225000777" in one


def test_a_module_that_refers_to_a_confidential_listing_withholds_its_place_everywhere(
    client, widget_api, referring_module
):
    block_fields = selection(schema.graphql_schema.get_type("SafeSpaceRef"), depth=2)
    module = answer(
        '{ module(toolboxSlug: "women", slug: "tonight") { body { ... on SafeSpaceReferenceBlock '
        "{ note safeSpace { " + block_fields + " } } } } }"
    )
    widget = widget_api.get("/api/v1/widgets/toolboxes/women")
    page = client.get(referring_module.url)

    assert "Call first." in module
    assert widget.status_code == 200 and "Call first." in widget.content.decode()
    assert page.status_code == 200 and "Call first." in page.content.decode()
    for body in (module, widget.content.decode(), page.content.decode()):
        assert_withheld(body)
    assert "+3225000777" in page.content.decode()


def test_the_widget_lists_and_the_hsds_export_withhold_a_confidential_place(
    widget_api, confidential
):
    api = widget_api
    key = str(confidential.translation_key)
    responses = [
        api.get("/api/v1/widgets/safe-spaces", {"city": "brussels"}),
        api.get("/api/v1/hsds/services", {"full": "true"}),
        api.get("/api/v1/hsds/services", {"full": "true", "format": "ndjson"}),
        api.get(f"/api/v1/hsds/services/{key}"),
    ]

    for response in responses:
        assert response.status_code == 200, response.content
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert "Night shelter" in body.decode()
        assert_withheld(body.decode())


def test_the_admin_preview_shows_what_apps_get(admin_client, confidential):
    urls = "wagtailsnippets_safe_spaces_safespace"
    preview_url = reverse(f"{urls}:preview_on_edit", args=[confidential.pk])
    edit = admin_client.get(reverse(f"{urls}:edit", args=[confidential.pk]))
    posted = admin_client.post(preview_url, editor_form_data(edit.content.decode()))
    assert posted.json() == {"is_valid": True, "is_available": True}

    html = admin_client.get(preview_url).content.decode()

    assert "The address is not published. Contact:" in html
    assert_withheld(html)


def test_selection_walks_nested_types():
    safe_space_type = schema.graphql_schema.get_type("SafeSpace")
    walked = selection(safe_space_type)

    for name, field in safe_space_type.fields.items():
        required = any(isinstance(arg.type, GraphQLNonNull) for arg in field.args.values())
        assert required or name in walked
