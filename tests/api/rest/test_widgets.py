"""The widget and kiosk endpoints: a city's safe spaces, "near me", toolboxes, helplines."""

import datetime
import json
import uuid
from decimal import Decimal

import pytest
from wagtail.models import Locale

from cms.core.factories import (
    AudienceFactory,
    CityFactory,
    ContentWarningFactory,
    PartnerOrganisationFactory,
)
from safe_spaces.factories import HelplineFactory, ServiceCategoryFactory
from safe_spaces.models import Helpline
from tests.support.shelter import assert_no_trace_of_shelter
from toolbox_pages.models import ModulePage, ToolboxPage

from .conftest import Api, count_queries, listing, make_key, shelter

pytestmark = pytest.mark.django_db

SAFE_SPACES = "/api/v1/widgets/safe-spaces"
NEAR = "/api/v1/widgets/safe-spaces/near"
TOOLBOXES = "/api/v1/widgets/toolboxes"
HELPLINES = "/api/v1/widgets/helplines"
CENTRE = {"latitude": 50.8467, "longitude": 4.3525}


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["results"]]


# --- A city's safe spaces ------------------------------------------------------------------------


def test_a_citys_safe_spaces_with_every_field(api, brussels, rome):
    category = ServiceCategoryFactory(code="health", name="Health")
    audience = AudienceFactory(code="parents", name="Parents")
    space = listing(
        brussels,
        name="Health centre Midi",
        categories=[category],
        audiences=[audience],
        languages=["fr", "ar"],
        address_1="Rue de la Santé 1",
        postal_code="1060",
        verified_on=datetime.date(2025, 1, 2),
    )
    listing(rome, name="In Rome")

    response = api.get(SAFE_SPACES, {"city": "brussels"})

    assert response.status_code == 200
    page = response.json()
    assert {
        key: page[key] for key in ("total_items", "total_pages", "page_number", "per_page")
    } == {
        "total_items": 1,
        "total_pages": 1,
        "page_number": 1,
        "per_page": 20,
    }
    (item,) = page["results"]
    assert item["id"] == str(space.translation_key)
    assert item["address"] == {
        "address_1": "Rue de la Santé 1",
        "address_2": "",
        "postal_code": "1060",
        "locality": "",
    }
    assert item["city"] == {
        "slug": "brussels",
        "name": "Brussels",
        "country": "BE",
        "timezone": "Europe/Brussels",
        "locale": "en",
        "is_fallback": False,
    }
    assert item["categories"] == [
        {"code": "health", "name": "Health", "locale": "en", "is_fallback": False}
    ]
    assert item["audiences"] == [
        {"code": "parents", "name": "Parents", "locale": "en", "is_fallback": False}
    ]
    assert item["languages"] == ["fr", "ar"]
    assert [phone["type"] for phone in item["phones"]] == ["voice", "whatsapp"]
    assert item["opening_hours"][0] == {"weekday": 1, "opens_at": "09:00", "closes_at": "17:00"}
    assert len(item["opening_hours"]) == 4
    assert [row["description"] for row in item["schedule_exceptions"]] == [
        "Christmas Eve",
        "Summer closure",
    ]
    assert isinstance(item["is_open_now"], bool)
    assert item["verified_on"] == "2025-01-02"
    assert item["distance_km"] is None
    assert (item["locale"], item["is_fallback"]) == ("en", False)


def test_filters_by_category_audience_and_language(api, brussels):
    health = ServiceCategoryFactory(code="health")
    parents = AudienceFactory(code="parents")
    listing(brussels, name="Clinic", categories=[health], languages=["fr"])
    listing(brussels, name="Parents' group", audiences=[parents], languages=["ar"])
    listing(brussels, name="Other", languages=["nl"])

    assert names(api.get(SAFE_SPACES, {"city": "brussels", "categories": "health"})) == ["Clinic"]
    assert names(api.get(SAFE_SPACES, {"city": "brussels", "audiences": "parents"})) == [
        "Parents' group"
    ]
    assert names(api.get(SAFE_SPACES, {"city": "brussels", "languages": "ar,nl"})) == [
        "Other",
        "Parents' group",
    ]
    assert names(api.get(f"{SAFE_SPACES}?city=brussels&languages=ar&languages=fr")) == [
        "Clinic",
        "Parents' group",
    ]


def test_a_confidential_listing_shows_its_public_contact_only(api, brussels):
    shelter(brussels)

    response = api.get(SAFE_SPACES, {"city": "brussels"})

    (item,) = response.json()["results"]
    assert_no_trace_of_shelter(response.content.decode())
    assert item["confidential_location"] is True
    assert (item["address"], item["latitude"], item["longitude"]) == (None, None, None)
    assert (item["phones"], item["email"], item["transportation"]) == ([], "", "")
    assert item["public_contact"] == {
        "name": "Shelter intake line",
        "phone": "+3225000777",
        "phone_national": "02 500 07 77",
        "phone_international": "+32 2 500 07 77",
        "email": "intake@shelter.example.org",
    }


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "city"),
        ({"city": "atlantis"}, "city"),
        ({"city": "brussels", "per_page": "0"}, "per_page"),
        ({"city": "brussels", "page": "-1"}, "page"),
        ({"city": "brussels", "categories": "not a code!"}, "categories"),
        ({"city": "brussels", "locale": "xx"}, "locale"),
        ({"city": "brussels", "latitude": "50.8"}, "latitude"),
        ({"city": "brussels", "open_now": "perhaps"}, "open_now"),
    ],
)
def test_bad_parameters_get_a_clear_400(api, brussels, params, field):
    response = api.get(SAFE_SPACES, params)

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_a_page_of_safe_spaces_costs_fixed_queries(api, brussels):
    listing(brussels, 0)
    api.get(SAFE_SPACES, {"city": "brussels"})
    small = count_queries(lambda: api.get(SAFE_SPACES, {"city": "brussels"}))
    for n in range(1, 30):
        listing(brussels, n)

    large = count_queries(lambda: api.get(SAFE_SPACES, {"city": "brussels", "per_page": 30}))

    # locale, key, city, count, page; weekly hours, exceptions, terms, phones
    assert small == large == 9


# --- Near me -------------------------------------------------------------------------------------


def test_near_me_lists_the_nearest_first_with_distances(api, brussels):
    listing(brussels, name="Far", latitude=Decimal("50.870000"), longitude=Decimal("4.352500"))
    listing(brussels, name="Near", latitude=Decimal("50.847000"), longitude=Decimal("4.352500"))
    shelter(brussels)

    response = api.post(NEAR, {**CENTRE, "radius_km": 5})

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    results = response.json()["results"]
    assert [item["name"] for item in results] == ["Near", "Far"]
    assert results[0]["distance_km"] == pytest.approx(0.033, abs=0.002)
    assert "Night shelter" not in response.content.decode()


def always_open_and_never_open(city) -> None:
    from safe_spaces.factories import OpeningHoursFactory
    from safe_spaces.models import OpeningHours, Weekday

    open_ = listing(
        city, name="Night desk", latitude=CENTRE["latitude"], longitude=CENTRE["longitude"]
    )
    closed = listing(city, name="Appointments only")
    OpeningHours.objects.filter(safe_space__in=[open_, closed]).delete()
    for weekday in Weekday:
        OpeningHoursFactory(
            safe_space=open_,
            weekday=weekday,
            opens_at=datetime.time(0, 0),
            closes_at=datetime.time(23, 59),
        )


def test_only_the_places_open_now(api, brussels):
    always_open_and_never_open(brussels)

    everything = names(api.get(SAFE_SPACES, {"city": "brussels"}))
    open_now = names(api.get(SAFE_SPACES, {"city": "brussels", "open_now": "true"}))
    near_and_open = names(api.post(NEAR, {**CENTRE, "city": "brussels", "open_now": True}))

    assert everything == ["Appointments only", "Night desk"]
    assert open_now == ["Night desk"]
    assert near_and_open == ["Night desk"]


def test_near_me_takes_the_filters_in_the_body(api, brussels, rome):
    health = ServiceCategoryFactory(code="health")
    listing(brussels, name="Clinic", categories=[health])
    listing(brussels, name="Other")

    response = api.post(NEAR, {**CENTRE, "city": "brussels", "categories": ["health"]})

    assert names(response) == ["Clinic"]


def test_a_key_limited_to_cities_searches_only_them_near_a_point(brussels):
    lisbon_like = CityFactory(slug="next-door")
    listing(brussels, name="In Brussels")
    listing(lisbon_like, name="Next door")
    _, raw = make_key(cities=[brussels])

    assert names(Api(raw).post(NEAR, CENTRE)) == ["In Brussels"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"latitude": 50.8}, "longitude"),
        ({"latitude": 100, "longitude": 4.3}, "latitude"),
        ({**CENTRE, "categories": "health,"}, None),
        ({**CENTRE, "categories": [1, 2]}, "categories"),
        ({**CENTRE, "radius_km": -1}, "radius_km"),
        ({**CENTRE, "unknown": 1}, "unknown"),
    ],
)
def test_bad_near_me_bodies_get_a_clear_400(api, brussels, body, field):
    response = api.post(NEAR, body)

    if field is None:
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_a_position_is_never_accepted_in_the_url(api):
    response = api.client.get(
        NEAR,
        {"latitude": 50.8, "longitude": 4.3},
        HTTP_AUTHORIZATION=api.headers["HTTP_AUTHORIZATION"],
    )

    assert response.status_code == 400
    assert "POST it in a JSON body" in response.json()["detail"]


# --- Toolboxes -----------------------------------------------------------------------------------


def block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_toolbox(index, slug: str, **fields) -> ToolboxPage:
    body = fields.pop("body", [block("heading", {"text": "Why", "level": "h2"})])
    toolbox = ToolboxPage(
        slug=slug,
        title=fields.pop("title", slug.title()),
        summary=f"Summary of {slug}.",
        focus=f"Focus of {slug}",
        body=json.dumps(body),
        **fields,
    )
    index.add_child(instance=toolbox)
    return publish(toolbox)


def add_module(toolbox, slug: str, **fields) -> ModulePage:
    module = ModulePage(
        slug=slug,
        title=slug.title(),
        summary=f"Summary of {slug}.",
        body=json.dumps([block("paragraph", f"<p>Body of {slug}.</p>")]),
        learning_objectives=json.dumps([block("objective", "Listen")]),
        **fields,
    )
    toolbox.add_child(instance=module)
    return publish(module)


def test_a_toolbox_with_its_modules_and_bodies(api, toolbox_index):
    audience = AudienceFactory(code="frontline", name="Frontline workers")
    toolbox = add_toolbox(toolbox_index, "luxembourg")
    toolbox.audiences.add(audience)
    publish(toolbox)
    add_module(toolbox, "mapping")
    add_module(toolbox, "training")

    response = api.get(f"{TOOLBOXES}/luxembourg")

    assert response.status_code == 200
    data = response.json()
    assert (data["title"], data["slug"], data["summary"]) == (
        "Luxembourg",
        "luxembourg",
        "Summary of luxembourg.",
    )
    assert data["audiences"] == [
        {"code": "frontline", "name": "Frontline workers", "locale": "en", "is_fallback": False}
    ]
    assert data["body"][0]["block_type"] == "heading"
    assert data["body"][0]["text"] == "Why"
    assert [module["slug"] for module in data["modules"]] == ["mapping", "training"]
    assert data["modules"][0]["body"][0] == {
        "id": data["modules"][0]["body"][0]["id"],
        "block_type": "paragraph",
        "html": "<p>Body of mapping.</p>",
    }
    assert data["modules"][0]["learning_objectives"] == ["Listen"]


def test_a_toolbox_for_trained_staff_is_not_served_to_widgets(api, toolbox_index):
    add_toolbox(toolbox_index, "rome", sensitivity=ToolboxPage.Sensitivity.PROFESSIONALS)
    add_toolbox(toolbox_index, "brussels")

    assert api.get(f"{TOOLBOXES}/rome").status_code == 404
    assert api.get(f"{TOOLBOXES}/nowhere").status_code == 404
    listed = api.get(TOOLBOXES).json()["results"]
    assert [toolbox["slug"] for toolbox in listed] == ["brussels"]


def test_a_toolbox_falls_back_to_the_default_language(api, toolbox_index):
    toolbox = add_toolbox(toolbox_index, "gothenburg")
    add_module(toolbox, "dialogue")
    translated = toolbox.copy_for_translation(
        Locale.objects.get(language_code="sv"), copy_parents=True
    )
    translated.title = "Göteborg"
    translated.save()
    publish(translated)

    data = api.get(f"{TOOLBOXES}/gothenburg", {"locale": "sv"}).json()

    assert (data["title"], data["locale"], data["is_fallback"]) == ("Göteborg", "sv", False)
    assert [(m["slug"], m["is_fallback"]) for m in data["modules"]] == [("dialogue", True)]


def test_an_arabic_toolbox_flags_its_english_terms_and_partners(api, toolbox_index):
    audience = AudienceFactory(code="frontline", name="Frontline workers")
    warning = ContentWarningFactory(code="violence", name="Violence")
    arabic_warning = warning.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic_warning.name = "عنف"
    arabic_warning.save()
    toolbox = add_toolbox(toolbox_index, "brussels")
    toolbox.audiences.add(audience)
    toolbox.content_warnings.add(warning)
    toolbox.partner_organisations.add(PartnerOrganisationFactory(name="Rainbow House"))
    publish(toolbox)

    data = api.get(f"{TOOLBOXES}/brussels", {"locale": "ar"}).json()

    assert (data["locale"], data["is_fallback"]) == ("en", True)
    assert data["audiences"] == [
        {"code": "frontline", "name": "Frontline workers", "locale": "en", "is_fallback": True}
    ]
    assert data["content_warnings"] == [
        {"code": "violence", "name": "عنف", "locale": "ar", "is_fallback": False}
    ]
    (partner,) = data["partners"]
    assert (partner["name"], partner["locale"], partner["is_fallback"]) == (
        "Rainbow House",
        "en",
        True,
    )


def test_arabic_helplines_flag_an_english_city(api, brussels):
    data = api.get(HELPLINES, {"city": "brussels", "locale": "ar"}).json()

    assert (data["city"]["name"], data["city"]["locale"], data["city"]["is_fallback"]) == (
        "Brussels",
        "en",
        True,
    )


def test_a_toolbox_costs_the_same_queries_for_2_and_12_modules(api, toolbox_index):
    small = add_toolbox(toolbox_index, "small")
    large = add_toolbox(toolbox_index, "large")
    for n in range(2):
        add_module(small, f"module-{n}")
    for n in range(12):
        add_module(large, f"module-{n}")
    api.get(f"{TOOLBOXES}/small")

    counts = [
        count_queries(lambda s=slug: api.get(f"{TOOLBOXES}/{s}")) for slug in ("small", "large")
    ]

    assert counts[0] == counts[1] <= 10


# --- Helplines -----------------------------------------------------------------------------------


def test_a_citys_helplines_and_emergency_numbers(api, brussels):
    brussels.emergency_numbers = json.dumps(
        [block("number", {"label": "Emergency", "number": "112"})]
    )
    brussels.save()
    HelplineFactory(name="National line", country="BE")
    HelplineFactory(
        name="City line", scope=Helpline.Scope.CITY, city=brussels, number="+3225800001"
    )
    HelplineFactory(name="Italian line", country="IT", number="1522")

    response = api.get(HELPLINES, {"city": "brussels"})

    assert response.status_code == 200
    data = response.json()
    assert data["city"] == {
        "slug": "brussels",
        "name": "Brussels",
        "country": "BE",
        "timezone": "Europe/Brussels",
        "locale": "en",
        "is_fallback": False,
        "emergency_numbers": [{"label": "Emergency", "number": "112"}],
    }
    assert [line["name"] for line in data["helplines"]] == ["City line", "National line"]


@pytest.mark.parametrize(("params", "field"), [({}, "city"), ({"city": "atlantis"}, "city")])
def test_helplines_need_a_known_city(api, params, field):
    response = api.get(HELPLINES, params)

    assert response.status_code == 400
    assert field in response.json()["fields"]
