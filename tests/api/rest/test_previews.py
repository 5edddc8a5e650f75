"""Previews on the widget endpoints: ``X-Equalcity-Preview`` answers the draft in place of the
live object, privately; a token that is not valid gets the 404 of an unknown object."""

import pytest
from django.core import signing

from api.public import previews
from api.public.previews import make_token
from safe_spaces.factories import HelplineFactory
from tests.support.shelter import assert_no_trace_of_shelter

from .conftest import count_queries, listing, shelter

pytestmark = pytest.mark.django_db

TOOLBOX = "/api/v1/widgets/toolboxes/women"
SAFE_SPACES = "/api/v1/widgets/safe-spaces"
HELPLINES = "/api/v1/widgets/helplines"


def draft(obj, **changes):
    for name, value in changes.items():
        setattr(obj, name, value)
    return make_token(obj, obj.save_revision())


def with_token(api, path, token, params=None):
    return api.get(path, params, HTTP_X_EQUALCITY_PREVIEW=token)


def test_a_draft_toolbox_replaces_the_live_one_for_its_token_only(api, toolbox, module):
    token = draft(toolbox, summary="Draft summary for the panel.")

    previewed = with_token(api, TOOLBOX, token)
    live = api.get(TOOLBOX)

    assert previewed.status_code == 200
    assert previewed.json()["summary"] == "Draft summary for the panel."
    assert [m["title"] for m in previewed.json()["modules"]] == ["Responding to a disclosure"]
    assert previewed["Cache-Control"] == "private, no-store"
    assert "ETag" not in previewed
    assert live.json()["summary"] == "For frontline staff."
    assert live["Cache-Control"].startswith("private, max-age=")
    for response in (previewed, live):
        assert "X-Equalcity-Preview" in response["Vary"]
        assert "Authorization" in response["Vary"]


def test_a_draft_module_stands_in_for_its_live_version_in_its_toolbox(api, toolbox, module):
    token = draft(module, summary="Draft: what to say first.")

    modules = with_token(api, TOOLBOX, token).json()["modules"]

    assert [(m["slug"], m["summary"]) for m in modules] == [
        ("responding", "Draft: what to say first.")
    ]
    assert api.get(TOOLBOX).json()["modules"][0]["summary"] == "What to say first."


def test_every_bad_token_gets_the_404_of_an_unknown_toolbox(api, toolbox, module, brussels):
    good = draft(toolbox, summary="Draft")
    payload = signing.loads(good, salt=previews.SALT)
    line = HelplineFactory()
    unknown = api.get("/api/v1/widgets/toolboxes/no-such-toolbox")
    bad = {
        "empty": "",
        "unknown": "not-a-token",
        "tampered": good[:-2] + ("xy" if not good.endswith("xy") else "zz"),
        "other salt": signing.dumps(payload, salt="another.salt"),
        "other object's revision": signing.dumps(
            {**payload, "r": module.save_revision().pk}, salt=previews.SALT
        ),
        "another kind of object": draft(line, name="Draft line"),
    }

    for name, token in bad.items():
        response = with_token(api, TOOLBOX, token)
        assert response.status_code == 404, name
        assert response.content == unknown.content, name
    assert unknown.status_code == 404


def test_a_draft_listing_is_the_one_result_and_a_confidential_one_stays_redacted(api, brussels):
    space = shelter(brussels)
    listing(brussels, name="Published desk")
    token = draft(space, description="Draft: intake by phone only.")

    response = with_token(api, SAFE_SPACES, token, {"city": "brussels"})

    assert response.status_code == 200
    page = response.json()
    assert page["total_items"] == 1
    assert page["results"][0]["description"] == "Draft: intake by phone only."
    assert page["results"][0]["address"] is None
    assert_no_trace_of_shelter(response.content)
    assert response["Cache-Control"] == "private, no-store"


def test_a_bad_token_on_the_listings_gets_a_404(api, brussels):
    listing(brussels)

    first = with_token(api, SAFE_SPACES, "not-a-token", {"city": "brussels"})
    second = with_token(api, SAFE_SPACES, "another", {"city": "brussels"})

    assert first.status_code == second.status_code == 404
    assert first.content == second.content


def test_a_draft_helpline_replaces_its_live_version(api, brussels):
    line = HelplineFactory(city_line=True, city=brussels, country="BE", name="Night line")
    token = draft(line, name="Night line (draft)")

    previewed = with_token(api, HELPLINES, token, {"city": "brussels"})
    live = api.get(HELPLINES, {"city": "brussels"})

    assert [h["name"] for h in previewed.json()["helplines"]] == ["Night line (draft)"]
    assert [h["name"] for h in live.json()["helplines"]] == ["Night line"]
    assert previewed["Cache-Control"] == "private, no-store"


def test_one_toolbox_preview_runs_a_fixed_number_of_queries(api, toolbox, module):
    token = draft(toolbox, summary="Draft")

    previewed = count_queries(lambda: with_token(api, TOOLBOX, token))
    live = count_queries(lambda: api.get(TOOLBOX))

    # The draft costs the revision (1) and Wagtail's ``as_object`` (6) where the live answer
    # reads the toolbox's row; the first request also checks the key.
    assert (previewed, live) == (13, 6)
