"""The safe-space queries: only published listings, confidential locations withheld everywhere,
distance and opening-time search, cursor pagination, clear errors, constant query counts."""

import base64
import datetime
from decimal import Decimal

import pytest

from api.public.nearby import haversine_km
from cms.core.factories import AudienceFactory, CityFactory, PartnerOrganisationFactory
from safe_spaces.factories import (
    OpeningHoursFactory,
    SafeSpaceFactory,
    SafeSpacePhoneFactory,
    ScheduleExceptionFactory,
    ServiceCategoryFactory,
)
from safe_spaces.models import SafeSpace, Weekday
from tests.support import graphql
from tests.support.shelter import (
    SECRET_LATITUDE,
    SECRET_LONGITUDE,
    assert_no_trace_of_shelter,
    confidential_shelter,
)

pytestmark = pytest.mark.django_db

# A Monday in winter: Brussels is UTC+1, Lisbon UTC+0.
MONDAY = datetime.date(2025, 1, 6)
CENTRE = {"latitude": 50.8467, "longitude": 4.3525}


ALL_FIELDS = """
fragment AllFields on SafeSpace {
  id name operatedBy locale translationKey isFallback
  organization { name kind website }
  city { name slug country timezone translationKey }
  categories { code name }
  audiences { code name }
  description eligibilityDescription minimumAge maximumAge feesDescription freeOfCharge
  languages interpretationServices accessibility applicationProcess transportation
  confidentialLocation
  address { address1 address2 postalCode locality city country }
  location { latitude longitude }
  latitude longitude distanceKm
  publicContact { name phone email }
  phones { number type description }
  email url status alert timezone verifiedOn
  openingHours { weekday opensAt closesAt }
  scheduleExceptions { validFrom validTo closed opensAt closesAt description }
  isOpen(at: "2025-01-06T10:00:00+01:00")
}
"""

LIST = (
    ALL_FIELDS
    + """
query List($locale: String, $city: String, $categories: [String!], $audiences: [String!],
           $languages: [String!], $near: NearInput, $radiusKm: Float, $openAt: DateTime,
           $first: Int, $after: String) {
  safeSpaces(locale: $locale, city: $city, categories: $categories, audiences: $audiences,
             languages: $languages, near: $near, radiusKm: $radiusKm, openAt: $openAt,
             first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { ...AllFields } }
  }
}
"""
)

ONE = (
    ALL_FIELDS
    + """
query One($id: ID!, $locale: String) {
  safeSpace(id: $id, locale: $locale) { ...AllFields }
}
"""
)


def execute(query: str, variables: dict | None = None, status: int = 200) -> dict:
    """POST a query to the endpoint, as an app does; the JSON response, errors included."""
    return graphql.payload(query, variables, status)


def names(response: dict) -> list[str]:
    return [edge["node"]["name"] for edge in response["data"]["safeSpaces"]["edges"]]


def error_messages(response: dict) -> list[str]:
    return [error["message"] for error in response.get("errors", [])]


def cursor_of(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.fixture
def lisbon():
    return CityFactory(name="Lisbon", slug="lisbon", country="PT", timezone="Europe/Lisbon")


def full_space(city, n: int, **overrides) -> SafeSpace:
    """A listing with every relation filled: categories, audiences, phones, hours, exceptions."""
    space = SafeSpaceFactory(
        name=overrides.pop("name", f"Listing {n:03d}"),
        city=city,
        organization=PartnerOrganisationFactory(),
        categories=[ServiceCategoryFactory(), ServiceCategoryFactory()],
        audiences=[AudienceFactory()],
        phones=[],
        opening_hours=[],
        latitude=Decimal("50.840000") + Decimal(n) / 10_000,
        longitude=Decimal("4.350000"),
        **overrides,
    )
    SafeSpacePhoneFactory(safe_space=space)
    SafeSpacePhoneFactory(safe_space=space, description="Night line")
    for weekday in (Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY):
        OpeningHoursFactory(safe_space=space, weekday=weekday)
    ScheduleExceptionFactory(safe_space=space)
    return space


@pytest.fixture
def shelter(brussels) -> SafeSpace:
    return confidential_shelter(brussels, public_contact_email="")


# --- Listing and fields ----------------------------------------------------------------------


def test_safe_spaces_serves_every_field_of_a_live_listing(brussels):
    organization = PartnerOrganisationFactory(
        name="Women's Aid", website="https://aid.example.org/"
    )
    category = ServiceCategoryFactory(code="health", name="Health")
    audience = AudienceFactory(code="lgbtqi", name="LGBTQI+ persons")
    space = SafeSpaceFactory(
        name="Health centre Midi",
        city=brussels,
        organization=organization,
        operated_by="CPAS of Saint-Gilles",
        categories=[category],
        audiences=[audience],
        eligibility_description="Anyone over 16.",
        minimum_age=16,
        maximum_age=None,
        fees_description="",
        languages=["fr", "ar"],
        address_1="Rue de la Santé 1",
        postal_code="1060",
        locality="Saint-Gilles",
        latitude=Decimal("50.835000"),
        longitude=Decimal("4.340000"),
        transportation="Metro 2, Midi",
        email="midi@example.org",
        url="https://midi.example.org/",
        alert="Closed on 15 August",
        verified_on=datetime.date(2025, 1, 2),
        phones=["+3225111222"],
        opening_hours=[Weekday.MONDAY, Weekday.FRIDAY],
    )
    ScheduleExceptionFactory(
        safe_space=space,
        valid_from=datetime.date(2025, 8, 1),
        valid_to=datetime.date(2025, 8, 15),
        description="Summer closure",
    )

    response = execute(LIST)

    assert "errors" not in response
    node = response["data"]["safeSpaces"]["edges"][0]["node"]
    assert node["id"] == node["translationKey"] == str(space.translation_key)
    assert (node["locale"], node["isFallback"]) == ("en", False)
    assert node["organization"] == {
        "name": "Women's Aid",
        "kind": "NGO",
        "website": "https://aid.example.org/",
    }
    assert node["city"]["slug"] == "brussels"
    assert node["city"]["timezone"] == "Europe/Brussels"
    assert node["categories"] == [{"code": "health", "name": "Health"}]
    assert node["audiences"] == [{"code": "lgbtqi", "name": "LGBTQI+ persons"}]
    assert node["minimumAge"] == 16 and node["maximumAge"] is None
    assert node["feesDescription"] is None and node["freeOfCharge"] is True
    assert node["languages"] == ["fr", "ar"]
    assert node["address"] == {
        "address1": "Rue de la Santé 1",
        "address2": None,
        "postalCode": "1060",
        "locality": "Saint-Gilles",
        "city": "Brussels",
        "country": "BE",
    }
    assert node["location"] == {"latitude": 50.835, "longitude": 4.34}
    assert (node["latitude"], node["longitude"]) == (50.835, 4.34)
    assert node["distanceKm"] is None
    assert node["confidentialLocation"] is False
    assert node["publicContact"] is None
    assert node["phones"] == [
        {"number": "+3225111222", "type": "VOICE", "description": "Reception, weekdays"}
    ]
    assert node["transportation"] == "Metro 2, Midi"
    assert node["email"] == "midi@example.org"
    assert node["status"] == "ACTIVE"
    assert node["alert"] == "Closed on 15 August"
    assert node["verifiedOn"] == "2025-01-02"
    assert node["timezone"] == "Europe/Brussels"
    assert node["openingHours"] == [
        {"weekday": 1, "opensAt": "09:00", "closesAt": "17:00"},
        {"weekday": 5, "opensAt": "09:00", "closesAt": "17:00"},
    ]
    assert node["scheduleExceptions"] == [
        {
            "validFrom": "2025-08-01",
            "validTo": "2025-08-15",
            "closed": True,
            "opensAt": None,
            "closesAt": None,
            "description": "Summer closure",
        }
    ]
    assert node["isOpen"] is True
    assert response["data"]["safeSpaces"]["totalCount"] == 1


def test_unpublished_and_inactive_listings_are_not_served(brussels):
    SafeSpaceFactory(name="Published", city=brussels)
    SafeSpaceFactory(name="Never published", city=brussels, live=False)
    SafeSpaceFactory(name="Inactive", city=brussels, status=SafeSpace.Status.INACTIVE)
    SafeSpaceFactory(
        name="Closed for works",
        city=brussels,
        status=SafeSpace.Status.TEMPORARILY_CLOSED,
        alert="Closed until March",
    )

    response = execute(
        "{ safeSpaces { totalCount edges { node { name status alert isOpen(at: "
        '"2025-01-06T10:00:00+01:00") } } } }'
    )

    nodes = [edge["node"] for edge in response["data"]["safeSpaces"]["edges"]]
    assert [node["name"] for node in nodes] == ["Closed for works", "Published"]
    assert nodes[0] == {
        "name": "Closed for works",
        "status": "TEMPORARILY_CLOSED",
        "alert": "Closed until March",
        "isOpen": False,
    }
    assert response["data"]["safeSpaces"]["totalCount"] == 2


def test_unpublished_and_inactive_listings_are_null_by_id(brussels):
    draft = SafeSpaceFactory(city=brussels, live=False)
    inactive = SafeSpaceFactory(city=brussels, status=SafeSpace.Status.INACTIVE)

    for space_id in (
        draft.translation_key,
        inactive.translation_key,
        "6f1c3bde-4d2e-4f7a-9a53-2f5e7f0c1a11",
    ):
        response = execute(ONE, {"id": str(space_id)})
        assert response == {"data": {"safeSpace": None}}


def test_draft_revision_of_a_live_listing_does_not_change_what_is_served(brussels):
    space = SafeSpaceFactory(name="Published name", city=brussels, alert="")
    space.name = "Draft name"
    space.alert = "Draft alert"
    space.save_revision()
    space.refresh_from_db()
    assert space.has_unpublished_changes

    listed = execute("{ safeSpaces { edges { node { name alert } } } }")
    by_id = execute(ONE, {"id": str(space.translation_key)})

    assert listed["data"]["safeSpaces"]["edges"] == [
        {"node": {"name": "Published name", "alert": None}}
    ]
    assert by_id["data"]["safeSpace"]["name"] == "Published name"


def test_safe_space_by_id_serves_the_requested_translation_or_the_default_as_fallback(brussels, fr):
    space = SafeSpaceFactory(name="Social office", city=brussels)
    translation = space.copy_for_translation(fr)
    translation.name = "Bureau social"
    translation.save()
    untranslated = SafeSpaceFactory(name="Legal aid desk", city=brussels)

    listing_id = str(space.translation_key)
    assert translation.translation_key == space.translation_key

    in_french = execute(ONE, {"id": listing_id, "locale": "fr"})["data"]["safeSpace"]
    in_english = execute(ONE, {"id": listing_id})["data"]["safeSpace"]
    fallback = execute(ONE, {"id": str(untranslated.translation_key), "locale": "fr"})["data"][
        "safeSpace"
    ]

    assert (in_french["id"], in_french["name"]) == (listing_id, "Bureau social")
    assert (in_french["locale"], in_french["isFallback"]) == ("fr", False)
    assert in_french["translationKey"] == listing_id
    assert (in_english["id"], in_english["name"]) == (listing_id, "Social office")
    assert (in_english["locale"], in_english["isFallback"]) == ("en", False)
    assert (fallback["id"], fallback["name"], fallback["locale"], fallback["isFallback"]) == (
        str(untranslated.translation_key),
        "Legal aid desk",
        "en",
        True,
    )


def test_categories_and_audiences_are_named_in_the_requested_language(brussels, fr):
    shelter_category = ServiceCategoryFactory(code="shelter", name="Shelter")
    legal_category = ServiceCategoryFactory(code="legal", name="Legal advice")
    audience = AudienceFactory(code="women", name="Women")
    space = SafeSpaceFactory(
        city=brussels, categories=[shelter_category, legal_category], audiences=[audience]
    )
    french_shelter = shelter_category.copy_for_translation(fr)
    french_shelter.name = "Hébergement"
    french_shelter.save()
    french_audience = audience.copy_for_translation(fr)
    french_audience.name = "Femmes"
    french_audience.save()
    query = "query($id: ID!, $locale: String) { safeSpace(id: $id, locale: $locale) {"
    query += " categories { code name } audiences { code name } } }"

    in_french = execute(query, {"id": str(space.translation_key), "locale": "fr"})
    in_english = execute(query, {"id": str(space.translation_key)})

    # The listing falls back to English; its terms are named in French where translated.
    assert in_french["data"]["safeSpace"]["categories"] == [
        {"code": "shelter", "name": "Hébergement"},
        {"code": "legal", "name": "Legal advice"},
    ]
    assert in_french["data"]["safeSpace"]["audiences"] == [{"code": "women", "name": "Femmes"}]
    assert in_english["data"]["safeSpace"]["categories"] == [
        {"code": "legal", "name": "Legal advice"},
        {"code": "shelter", "name": "Shelter"},
    ]


def test_terms_city_and_organisation_say_the_language_of_their_texts(brussels, fr):
    shelter = ServiceCategoryFactory(code="shelter", name="Shelter")
    legal = ServiceCategoryFactory(code="legal", name="Legal advice")
    organisation = PartnerOrganisationFactory(name="Rainbow House")
    space = SafeSpaceFactory(city=brussels, categories=[shelter, legal], organization=organisation)
    french_shelter = shelter.copy_for_translation(fr)
    french_shelter.name = "Hébergement"
    french_shelter.save()
    query = "query($id: ID!, $locale: String) { safeSpace(id: $id, locale: $locale) {"
    query += " categories { code name locale isFallback }"
    query += " city { name locale isFallback } organization { name locale isFallback } } }"

    served = execute(query, {"id": str(space.translation_key), "locale": "fr"})
    in_english = execute(query, {"id": str(space.translation_key)})

    listing = served["data"]["safeSpace"]
    assert listing["categories"] == [
        {"code": "shelter", "name": "Hébergement", "locale": "fr", "isFallback": False},
        {"code": "legal", "name": "Legal advice", "locale": "en", "isFallback": True},
    ]
    assert listing["city"] == {"name": "Brussels", "locale": "en", "isFallback": True}
    assert listing["organization"] == {
        "name": "Rainbow House",
        "locale": "en",
        "isFallback": True,
    }
    english = in_english["data"]["safeSpace"]
    assert {(term["locale"], term["isFallback"]) for term in english["categories"]} == {
        ("en", False)
    }
    assert (english["city"]["locale"], english["city"]["isFallback"]) == ("en", False)


def test_safe_space_by_id_falls_back_when_the_translation_is_a_draft(brussels, fr):
    space = SafeSpaceFactory(name="Social office", city=brussels)
    draft_translation = space.copy_for_translation(fr)
    draft_translation.name = "Bureau social (brouillon)"
    draft_translation.live = False
    draft_translation.save()

    served = execute(ONE, {"id": str(space.translation_key), "locale": "fr"})["data"]

    assert served["safeSpace"]["name"] == "Social office"
    assert (served["safeSpace"]["locale"], served["safeSpace"]["isFallback"]) == ("en", True)


def test_list_falls_back_per_listing_when_the_translation_is_a_draft(brussels, fr):
    space = SafeSpaceFactory(name="Social office", city=brussels)
    translated = SafeSpaceFactory(name="Health centre", city=brussels)
    draft_translation = space.copy_for_translation(fr)
    draft_translation.name = "Bureau social (brouillon)"
    draft_translation.live = False
    draft_translation.save()
    published_translation = translated.copy_for_translation(fr)
    published_translation.name = "Centre de santé"
    published_translation.save()

    response = execute(
        '{ safeSpaces(locale: "fr") { totalCount edges { node { name locale isFallback } } } }'
    )

    assert [edge["node"] for edge in response["data"]["safeSpaces"]["edges"]] == [
        {"name": "Centre de santé", "locale": "fr", "isFallback": False},
        {"name": "Social office", "locale": "en", "isFallback": True},
    ]
    assert response["data"]["safeSpaces"]["totalCount"] == 2


# --- Confidential locations ------------------------------------------------------------------


def test_confidential_listing_shows_only_its_public_contact_point(shelter):
    response = execute(ONE, {"id": str(shelter.translation_key)})

    node = response["data"]["safeSpace"]
    assert node["confidentialLocation"] is True
    assert node["address"] is None and node["location"] is None
    assert node["latitude"] is None and node["longitude"] is None
    assert node["transportation"] is None and node["email"] is None
    assert node["phones"] == []
    assert node["publicContact"] == {
        "name": "Shelter intake line",
        "phone": "+3225000777",
        "email": None,
    }
    assert_no_trace_of_shelter(response)


def test_confidential_listing_leaks_no_address_or_coordinates_in_any_query(shelter, brussels):
    SafeSpaceFactory(name="Open office", city=brussels, latitude=Decimal("50.850000"))
    instant = "2025-01-06T10:00:00+01:00"
    responses = [
        execute(LIST),
        execute(LIST, {"city": "brussels", "openAt": instant}),
        execute(LIST, {"near": CENTRE}),
        execute(LIST, {"near": CENTRE, "radiusKm": 50, "openAt": instant}),
        execute(
            LIST,
            {"near": {"latitude": float(SECRET_LATITUDE), "longitude": float(SECRET_LONGITUDE)}},
        ),
        execute(ONE, {"id": str(shelter.translation_key)}),
        execute("{ cities { helplines { name } } }"),
    ]

    for response in responses:
        assert "errors" not in response
        assert_no_trace_of_shelter(response)
    listed = names(responses[0])
    assert "Night shelter" in listed
    assert "Night shelter" in names(responses[1])


def test_confidential_listing_is_never_in_a_search_near_a_point(shelter, brussels):
    SafeSpaceFactory(name="Open office", city=brussels, latitude=Decimal("50.850000"))
    at_the_shelter = {"latitude": float(SECRET_LATITUDE), "longitude": float(SECRET_LONGITUDE)}

    for variables in (
        {"near": at_the_shelter, "radiusKm": 0.001},
        {"near": at_the_shelter},
        {"near": CENTRE, "radiusKm": 50},
    ):
        response = execute(LIST, variables)
        assert "Night shelter" not in names(response)
        assert response["data"]["safeSpaces"]["totalCount"] == len(names(response))


# --- Near a point ----------------------------------------------------------------------------


def test_near_lists_listings_within_the_radius_nearest_first_with_distances(brussels):
    SafeSpaceFactory(name="Far", city=brussels, latitude=Decimal("50.950000"))
    SafeSpaceFactory(name="Three km", city=brussels, latitude=Decimal("50.880000"))
    SafeSpaceFactory(name="Next door", city=brussels, latitude=Decimal("50.850000"))
    SafeSpaceFactory(name="No coordinates", city=brussels, latitude=None, longitude=None)

    response = execute(LIST, {"near": CENTRE})

    connection = response["data"]["safeSpaces"]
    assert names(response) == ["Next door", "Three km"]
    assert connection["totalCount"] == 2
    distances = [edge["node"]["distanceKm"] for edge in connection["edges"]]
    assert distances[0] == pytest.approx(haversine_km(50.8467, 4.3525, 50.85, 4.3457), abs=1e-3)
    assert distances[1] == pytest.approx(3.7, abs=0.1)
    wide = execute(LIST, {"near": CENTRE, "radiusKm": 20})
    assert names(wide) == ["Next door", "Three km", "Far"]


def test_near_finds_listings_across_the_antimeridian():
    fiji = CityFactory(slug="suva", country="FJ", timezone="Pacific/Fiji")
    SafeSpaceFactory(
        name="East", city=fiji, latitude=Decimal("-16.500000"), longitude=Decimal("-179.990000")
    )
    SafeSpaceFactory(
        name="West", city=fiji, latitude=Decimal("-16.500000"), longitude=Decimal("179.980000")
    )

    response = execute(LIST, {"near": {"latitude": -16.5, "longitude": 179.995}})

    assert names(response) == ["East", "West"]


def test_haversine_distance_brussels_to_luxembourg_is_about_187_km():
    assert haversine_km(50.8467, 4.3525, 49.6116, 6.1319) == pytest.approx(187, abs=2)


# --- Open at an instant ----------------------------------------------------------------------


def test_open_at_reads_opening_hours_in_each_citys_time_zone(brussels, lisbon):
    SafeSpaceFactory(name="Brussels office", city=brussels, opening_hours=[Weekday.MONDAY])
    SafeSpaceFactory(name="Lisbon office", city=lisbon, opening_hours=[Weekday.MONDAY])
    SafeSpaceFactory(name="Closed on Mondays", city=brussels, opening_hours=[Weekday.TUESDAY])

    # 08:30 UTC: 09:30 in Brussels (open), 08:30 in Lisbon (not yet).
    at_0830 = execute(LIST, {"openAt": "2025-01-06T08:30:00Z"})
    # 16:30 UTC: 17:30 in Brussels (closed), 16:30 in Lisbon (open).
    at_1630 = execute(LIST, {"openAt": "2025-01-06T16:30:00+00:00"})
    in_summer = execute(LIST, {"openAt": "2025-07-07T07:30:00Z"})  # 09:30 Brussels, 08:30 Lisbon

    assert names(at_0830) == ["Brussels office"]
    assert names(at_1630) == ["Lisbon office"]
    assert names(in_summer) == ["Brussels office"]


def test_open_at_includes_opening_time_and_excludes_closing_time(brussels):
    SafeSpaceFactory(name="Office", city=brussels, opening_hours=[Weekday.MONDAY])
    SafeSpaceFactory(
        name="Until midnight",
        city=brussels,
        opening_hours=[Weekday.MONDAY],
        opening_hours__opens_at=datetime.time(18, 0),
        opening_hours__closes_at=datetime.time(23, 59),
    )

    assert names(execute(LIST, {"openAt": "2025-01-06T09:00:00+01:00"})) == ["Office"]
    assert names(execute(LIST, {"openAt": "2025-01-06T17:00:00+01:00"})) == []
    assert names(execute(LIST, {"openAt": "2025-01-06T23:59:30+01:00"})) == ["Until midnight"]


def test_schedule_exceptions_override_weekly_hours(brussels):
    closed = SafeSpaceFactory(name="Closure", city=brussels, opening_hours=[Weekday.MONDAY])
    ScheduleExceptionFactory(safe_space=closed, valid_from=MONDAY, valid_to=MONDAY)
    special = SafeSpaceFactory(name="Special opening", city=brussels, opening_hours=[])
    ScheduleExceptionFactory(
        safe_space=special,
        valid_from=MONDAY - datetime.timedelta(days=2),
        valid_to=MONDAY,
        closed=False,
        opens_at=datetime.time(8, 0),
        closes_at=datetime.time(12, 0),
    )
    shortened = SafeSpaceFactory(name="Short day", city=brussels, opening_hours=[Weekday.MONDAY])
    ScheduleExceptionFactory(
        safe_space=shortened,
        valid_from=MONDAY,
        valid_to=MONDAY,
        closed=False,
        opens_at=datetime.time(9, 0),
        closes_at=datetime.time(10, 0),
    )
    SafeSpaceFactory(
        name="Temporarily closed",
        city=brussels,
        status=SafeSpace.Status.TEMPORARILY_CLOSED,
        opening_hours=[Weekday.MONDAY],
    )

    assert names(execute(LIST, {"openAt": "2025-01-06T09:30:00+01:00"})) == [
        "Short day",
        "Special opening",
    ]
    assert names(execute(LIST, {"openAt": "2025-01-06T11:00:00+01:00"})) == ["Special opening"]
    # The next Monday: no exception, weekly hours again.
    assert names(execute(LIST, {"openAt": "2025-01-13T11:00:00+01:00"})) == [
        "Closure",
        "Short day",
    ]


def test_is_open_field_agrees_with_the_open_at_filter(brussels, lisbon):
    SafeSpaceFactory(name="Weekdays", city=brussels)
    SafeSpaceFactory(name="Lisbon Mondays", city=lisbon, opening_hours=[Weekday.MONDAY])
    closure = SafeSpaceFactory(name="Closure", city=brussels, opening_hours=[Weekday.MONDAY])
    ScheduleExceptionFactory(safe_space=closure, valid_from=MONDAY, valid_to=MONDAY)
    query = (
        "query($at: DateTime) { safeSpaces(openAt: $at) { edges { node { name isOpen(at: $at) } } }"
        " all: safeSpaces { edges { node { name isOpen(at: $at) } } } }"
    )

    for hour in range(0, 24, 2):
        at = f"2025-01-06T{hour:02d}:30:00+00:00"
        data = execute(query, {"at": at})["data"]
        filtered = {edge["node"]["name"] for edge in data["safeSpaces"]["edges"]}
        open_now = {edge["node"]["name"] for edge in data["all"]["edges"] if edge["node"]["isOpen"]}
        assert filtered == open_now
        assert all(edge["node"]["isOpen"] for edge in data["safeSpaces"]["edges"])


def test_open_at_without_a_utc_offset_is_refused(brussels):
    SafeSpaceFactory(city=brussels)

    response = execute(LIST, {"openAt": "2025-01-06T10:00:00"})
    field = execute('{ safeSpaces { edges { node { isOpen(at: "2025-01-06T10:00:00") } } } }')

    assert response["data"] is None
    assert error_messages(response) == [
        "openAt needs a UTC offset, e.g. 2025-03-10T14:00:00+01:00 or 2025-03-10T13:00:00Z."
    ]
    assert response["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "openAt"}
    assert error_messages(field)[0].startswith("at needs a UTC offset")


# --- Filters ---------------------------------------------------------------------------------


def test_filters_by_city_category_audience_and_language(brussels, lisbon):
    health = ServiceCategoryFactory(code="health")
    legal = ServiceCategoryFactory(code="legal-aid")
    parents = AudienceFactory(code="parents")
    SafeSpaceFactory(name="A", city=brussels, categories=[health], languages=["fr", "ar"])
    SafeSpaceFactory(
        name="B", city=brussels, categories=[legal, health], audiences=[parents], languages=["nl"]
    )
    SafeSpaceFactory(name="C", city=lisbon, categories=[legal], languages=["pt", "ar"])

    assert names(execute(LIST, {"city": "brussels"})) == ["A", "B"]
    assert names(execute(LIST, {"categories": ["health"]})) == ["A", "B"]
    assert names(execute(LIST, {"categories": ["legal-aid", "health"]})) == ["A", "B", "C"]
    assert names(execute(LIST, {"audiences": ["parents"]})) == ["B"]
    assert names(execute(LIST, {"languages": ["ar"]})) == ["A", "C"]
    assert names(execute(LIST, {"languages": ["a"]})) == []
    assert names(execute(LIST, {"city": "lisbon", "languages": ["AR"]})) == ["C"]
    assert names(execute(LIST, {"city": "brussels", "categories": ["legal-aid"]})) == ["B"]


def test_unknown_city_is_a_clear_error(brussels):
    response = execute(LIST, {"city": "atlantis"})

    assert response["data"] is None
    assert error_messages(response) == ["Unknown city 'atlantis'."]
    assert response["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "city"}


# --- Pagination ------------------------------------------------------------------------------


def test_cursor_pagination_walks_every_listing_once(brussels):
    for n in range(7):
        SafeSpaceFactory(name=f"Listing {n}", city=brussels, phones=[], opening_hours=[])

    seen, after, pages = [], None, 0
    while True:
        response = execute(LIST, {"first": 3, "after": after})
        connection = response["data"]["safeSpaces"]
        assert connection["totalCount"] == 7
        seen += names(response)
        pages += 1
        assert connection["pageInfo"]["hasPreviousPage"] is (pages > 1)
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]

    assert pages == 3
    assert seen == [f"Listing {n}" for n in range(7)]


def test_cursor_pagination_near_a_point_keeps_the_distance_order(brussels):
    for n in range(5):
        SafeSpaceFactory(
            name=f"{n} hundred metres",
            city=brussels,
            latitude=Decimal("50.8467") + Decimal(n) / 1000,
        )

    first = execute(LIST, {"near": CENTRE, "first": 2})
    second = execute(
        LIST,
        {"near": CENTRE, "first": 2, "after": first["data"]["safeSpaces"]["pageInfo"]["endCursor"]},
    )

    assert names(first) + names(second) == [f"{n} hundred metres" for n in range(4)]
    assert second["data"]["safeSpaces"]["pageInfo"]["hasNextPage"] is True


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("first", [-1, 0, 101, 10_000])
def test_page_size_out_of_range_is_refused(first, brussels):
    response = execute(LIST, {"first": first})

    assert response["data"] is None
    assert error_messages(response) == ["first must be between 1 and 100."]


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "!!!",
        "",
        cursor_of("offset:-1"),
        cursor_of("offset:1e3"),
        cursor_of("page:3"),
        cursor_of("offset:99999999999999999999"),
        cursor_of("offset:" + "9" * 5000),
        "b2Zmc2V0OjE",  # missing padding
    ],
)
def test_malformed_cursor_is_refused(cursor, brussels):
    response = execute(LIST, {"after": cursor})

    assert response["data"] is None
    assert error_messages(response) == [
        "Invalid cursor: pass an endCursor or a cursor from a previous page."
    ]
    assert response["errors"][0]["extensions"]["argument"] == "after"


@pytest.mark.parametrize(
    ("near", "message"),
    [
        ({"latitude": 91, "longitude": 4}, "The latitude must be a number between -90 and 90."),
        ({"latitude": -90.5, "longitude": 4}, "The latitude must be a number between -90 and 90."),
        (
            {"latitude": 50, "longitude": 181},
            "The longitude must be a number between -180 and 180.",
        ),
        (
            {"latitude": 50, "longitude": -180.01},
            "The longitude must be a number between -180 and 180.",
        ),
    ],
)
def test_coordinates_out_of_range_are_refused(near, message):
    response = execute(LIST, {"near": near})

    assert response["data"] is None
    assert error_messages(response) == [message]
    assert response["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("latitude", ["NaN", "Infinity", "fifty", "50,8", [50], {"lat": 50}])
def test_coordinates_that_are_not_numbers_are_type_errors(latitude):
    response = execute(LIST, {"near": {"latitude": latitude, "longitude": 4.35}})

    assert response.get("data") is None
    [message] = error_messages(response)
    assert message.startswith("Variable '$near' got invalid value")
    assert "at 'near.latitude'; Float cannot represent" in message


@pytest.mark.parametrize("latitude", [float("nan"), float("inf")])
def test_coordinates_that_json_cannot_hold_are_refused(latitude):
    response = execute(LIST, {"near": {"latitude": latitude, "longitude": 4.35}}, status=400)

    [message] = error_messages(response)
    assert message.startswith("The request body is not valid JSON")


def test_coordinate_literals_that_are_not_numbers_are_type_errors():
    response = execute('{ safeSpaces(near: {latitude: "NaN", longitude: 4}) { totalCount } }')
    nan_name = execute("{ safeSpaces(near: {latitude: NaN, longitude: 4}) { totalCount } }")

    for result in (response, nan_name):
        assert "data" not in result or result["data"] is None
        [message] = error_messages(result)
        assert "Float cannot represent" in message


@pytest.mark.parametrize("radius", [0, -1, 50.5, 1e9])
def test_radius_out_of_range_is_refused(radius):
    response = execute(LIST, {"near": CENTRE, "radiusKm": radius})

    assert response["data"] is None
    assert error_messages(response) == ["radiusKm must be more than 0 and at most 50 (kilometres)."]


def test_radius_without_a_point_is_refused():
    response = execute(LIST, {"radiusKm": 5})

    assert error_messages(response) == ["radiusKm needs near: a point to measure from."]


def test_unknown_locale_is_refused():
    response = execute(LIST, {"locale": "xx"})
    by_id = execute(ONE, {"id": "6f1c3bde-4d2e-4f7a-9a53-2f5e7f0c1a11", "locale": "klingon"})

    assert response["data"] is None
    assert error_messages(response)[0].startswith("Unknown locale 'xx'. Available locales: en, fr")
    assert response["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "locale"}
    assert error_messages(by_id)[0].startswith("Unknown locale 'klingon'.")


def test_an_id_that_is_not_a_uuid_is_refused(brussels):
    space = SafeSpaceFactory(city=brussels)
    response = execute(ONE, {"id": "1 OR 1=1"})
    # The row's internal primary key is not an id of the API.
    by_row_key = execute(ONE, {"id": str(space.pk)})

    for refused in (response, by_row_key):
        assert refused["data"] == {"safeSpace": None}
        assert error_messages(refused) == ["Invalid id: a safe space id is a UUID."]


def test_codes_that_are_not_codes_are_refused():
    response = execute(LIST, {"categories": ["health%"]})
    too_many = execute(LIST, {"languages": ["fr"] * 51})

    assert error_messages(response) == ["'health%' is not a valid code in categories."]
    assert error_messages(too_many) == ["Give at most 50 languages."]


# --- Query counts ----------------------------------------------------------------------------


def make_listings(city, count: int) -> None:
    for n in range(count):
        full_space(city, n)


@pytest.mark.parametrize("count", [10, 50])
def test_listing_with_every_field_costs_the_same_queries_for_10_and_50(
    count, brussels, django_assert_num_queries
):
    make_listings(brussels, count)

    # locale, count, page, then the parts: weekly hours, exceptions, terms, phones
    with django_assert_num_queries(7):
        response = execute(LIST, {"first": 50})

    assert "errors" not in response
    assert len(response["data"]["safeSpaces"]["edges"]) == count
    node = response["data"]["safeSpaces"]["edges"][0]["node"]
    assert len(node["categories"]) == 2 and len(node["phones"]) == 2
    assert len(node["openingHours"]) == 3 and len(node["scheduleExceptions"]) == 1


@pytest.mark.parametrize("count", [10, 50])
def test_city_listing_open_now_costs_the_same_queries_for_10_and_50(
    count, brussels, django_assert_num_queries
):
    make_listings(brussels, count)

    # locale, city, count, page, then the four queries of the parts
    with django_assert_num_queries(8):
        response = execute(
            LIST, {"city": brussels.slug, "openAt": "2025-01-06T10:00:00+01:00", "first": 50}
        )

    assert len(response["data"]["safeSpaces"]["edges"]) == count


@pytest.mark.parametrize("count", [10, 50])
def test_nearest_open_now_costs_the_same_queries_for_10_and_50(
    count, brussels, django_assert_num_queries
):
    make_listings(brussels, count)

    # locale, time zones, candidates, page, then the four queries of the parts
    with django_assert_num_queries(8):
        response = execute(
            LIST,
            {"near": CENTRE, "radiusKm": 50, "openAt": "2025-01-06T10:00:00+01:00", "first": 50},
        )

    assert response["data"]["safeSpaces"]["totalCount"] == count
    distances = [edge["node"]["distanceKm"] for edge in response["data"]["safeSpaces"]["edges"]]
    assert distances == sorted(distances)


def test_one_listing_by_id_with_every_field_costs_six_queries(brussels, django_assert_num_queries):
    space = full_space(brussels, 1)

    # locale, the listing, then the four queries of the parts
    with django_assert_num_queries(6):
        response = execute(ONE, {"id": str(space.translation_key)})

    assert response["data"]["safeSpace"]["name"] == space.name


def test_only_the_relations_asked_for_are_loaded(brussels, django_assert_num_queries):
    make_listings(brussels, 10)

    # locale, count, page
    with django_assert_num_queries(3):
        response = execute("{ safeSpaces { totalCount edges { node { name city { name } } } } }")

    assert response["data"]["safeSpaces"]["totalCount"] == 10
