"""The HSDS 3.1 export: the paging envelope, filters, a search near a point, one service,
NDJSON, confidential locations, bad input, query counts, and strict schema validity."""

import datetime
import json
import uuid

import pytest
from wagtail.models import Locale

from cms.core.factories import AudienceFactory, PartnerOrganisationFactory
from safe_spaces.factories import SafeSpaceFactory, ServiceCategoryFactory
from safe_spaces.hsds import ID_NAMESPACE, derived_id
from safe_spaces.models import SafeSpace
from tests.support.shelter import assert_no_trace_of_shelter

from .conftest import PUBLISHED, Api, count_queries, listing, make_key, shelter
from .hsds import hsds_errors

pytestmark = pytest.mark.django_db

SERVICES = "/api/v1/hsds/services"
CENTRE = {"latitude": 50.8467, "longitude": 4.3525}


def service_url(space: SafeSpace) -> str:
    return f"{SERVICES}/{space.translation_key}"


def ndjson(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    assert body.endswith("\n") or body == ""
    return [json.loads(line) for line in body.splitlines()]


# --- The API root ------------------------------------------------------------------------------


def test_root_gives_the_hsds_version_profile_and_openapi_url(api):
    response = api.get("/api/v1/hsds/")

    assert response.status_code == 200
    assert response.json() == {
        "version": "3.1",
        "profile": "http://testserver/api/v1/docs/#hsds-profile",
        "openapi_url": "http://testserver/api/v1/schema/?format=json",
    }


# --- Pages ---------------------------------------------------------------------------------------


def test_services_come_in_the_hsds_page_envelope(api, brussels):
    for n in range(25):
        listing(brussels, n)

    response = api.get(SERVICES, {"per_page": 10, "page": 3})

    assert response.status_code == 200
    page = response.json()
    assert {key: value for key, value in page.items() if key != "contents"} == {
        "total_items": 25,
        "total_pages": 3,
        "page_number": 3,
        "size": 5,
        "first_page": False,
        "last_page": True,
        "empty": False,
    }
    assert [service["name"] for service in page["contents"]] == [
        f"Listing {n:03d}" for n in range(20, 25)
    ]


def test_first_page_by_default_with_twenty_services(api, brussels):
    for n in range(21):
        listing(brussels, n)

    page = api.get(SERVICES).json()

    assert (page["page_number"], page["size"], page["first_page"], page["last_page"]) == (
        1,
        20,
        True,
        False,
    )


def test_a_page_beyond_the_last_is_empty(api, brussels):
    listing(brussels)

    page = api.get(SERVICES, {"page": 5}).json()

    assert page["contents"] == []
    assert (page["total_items"], page["total_pages"], page["empty"], page["last_page"]) == (
        1,
        1,
        True,
        True,
    )


def test_no_services_is_an_empty_first_and_last_page(api):
    page = api.get(SERVICES).json()

    assert page == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


def test_list_items_have_one_to_one_fields_and_full_ones_are_nested(api, brussels):
    space = listing(brussels)

    item = api.get(SERVICES).json()["contents"][0]
    full = api.get(SERVICES, {"full": "true"}).json()["contents"][0]

    assert "phones" not in item and "schedules" not in item
    assert item["organization"]["name"] == space.organization.name
    assert hsds_errors(item, "service_list") == []
    assert {"phones", "schedules", "service_areas", "service_at_locations", "languages"} <= set(
        full
    )
    assert hsds_errors(full) == []
    assert {key: value for key, value in full.items() if key in item} == item


# --- The mapping ---------------------------------------------------------------------------------


def test_one_service_is_fully_nested_with_the_hsds_names(api, brussels):
    organization = PartnerOrganisationFactory(
        name="Women's Aid", description="Shelters and counselling.", website="https://aid.example/"
    )
    category = ServiceCategoryFactory(code="health", name="Health", description="Care.")
    audience = AudienceFactory(code="parents", name="Parents")
    space = listing(
        brussels,
        name="Health centre Midi",
        organization=organization,
        categories=[category],
        audiences=[audience],
        description="A doctor and a social worker.",
        eligibility_description="Anyone over 16.",
        minimum_age=16,
        languages=["fr", "ar"],
        address_1="Rue de la Santé 1",
        postal_code="1060",
        locality="Saint-Gilles",
        transportation="Metro 2, Midi",
        accessibility="Step-free",
        email="midi@example.org",
        url="https://midi.example.org/",
        alert="Closed on 15 August",
        verified_on=datetime.date(2025, 1, 2),
        latitude="50.835000",
        longitude="4.340000",
    )
    key = str(space.translation_key)

    response = api.get(service_url(space))

    assert response.status_code == 200
    service = response.json()
    assert hsds_errors(service) == []
    assert service["id"] == key
    assert {name: service[name] for name in ("name", "status", "email", "url", "alert")} == {
        "name": "Health centre Midi",
        "status": "active",
        "email": "midi@example.org",
        "url": "https://midi.example.org/",
        "alert": "Closed on 15 August",
    }
    assert (service["minimum_age"], service["assured_date"]) == (16, "2025-01-02")
    assert service["last_modified"] == PUBLISHED.isoformat()
    assert service["x-timezone"] == "Europe/Brussels"
    assert service["x-locale"] == "en"
    assert service["organization_id"] == str(organization.translation_key)
    assert service["organization"] == {
        "id": str(organization.translation_key),
        "name": "Women's Aid",
        "description": "Shelters and counselling.",
        "website": "https://aid.example/",
    }
    weekly = [s for s in service["schedules"] if "valid_from" not in s]
    assert [(s["freq"], s["byday"], s["opens_at"], s["closes_at"]) for s in weekly] == [
        ("WEEKLY", "MO,TU,WE", "09:00", "17:00"),
        ("WEEKLY", "FR", "10:00", "14:00"),
    ]
    dated = {s["description"]: s for s in service["schedules"] if "valid_from" in s}
    assert dated["Summer closure"]["x-closed"] is True
    assert "opens_at" not in dated["Summer closure"]
    assert {
        name: dated["Christmas Eve"][name]
        for name in ("valid_from", "valid_to", "byday", "opens_at", "closes_at", "x-closed")
    } == {
        "valid_from": "2025-12-24",
        "valid_to": "2025-12-24",
        "byday": "MO,TU,WE,TH,FR,SA,SU",
        "opens_at": "09:00",
        "closes_at": "12:00",
        "x-closed": False,
    }
    assert [(phone["type"], phone.get("description")) for phone in service["phones"]] == [
        ("voice", "Reception, weekdays"),
        ("text", "Night line"),
    ]
    assert all(phone["number"].startswith("+322") for phone in service["phones"])
    assert service["languages"] == [
        {"id": derived_id("language", key, "fr"), "name": "French", "code": "fr"},
        {"id": derived_id("language", key, "ar"), "name": "Arabic", "code": "ar"},
    ]
    assert service["service_areas"][0]["name"] == "Brussels"
    assert service["cost_options"] == [{"id": derived_id("cost_option", key, "free"), "amount": 0}]
    (at_location,) = service["service_at_locations"]
    location = at_location["location"]
    assert (location["latitude"], location["longitude"]) == (50.835, 4.34)
    assert location["transportation"] == "Metro 2, Midi"
    assert location["accessibility"][0]["description"] == "Step-free"
    assert location["addresses"] == [
        {
            "id": derived_id("address", key),
            "address_1": "Rue de la Santé 1",
            "city": "Saint-Gilles",
            "region": "Brussels",
            "country": "BE",
            "address_type": "physical",
            "state_province": "",
            "postal_code": "1060",
        }
    ]
    terms = {attribute["link_type"]: attribute for attribute in service["attributes"]}
    assert terms["service_category"]["taxonomy_term_id"] == str(category.translation_key)
    assert terms["service_category"]["taxonomy_term"]["code"] == "health"
    assert terms["audience"]["taxonomy_term"]["name"] == "Parents"


def test_ids_are_stable_and_derived_from_the_service_id(api, brussels):
    space = listing(brussels)

    first = api.get(service_url(space)).json()
    second = api.get(service_url(space)).json()

    assert first == second
    assert first["service_at_locations"][0]["location"]["id"] == str(
        uuid.uuid5(ID_NAMESPACE, f"location/{space.translation_key}")
    )


def test_a_listing_without_partner_has_an_organization_named_after_its_operator(api, brussels):
    space = listing(brussels, organization=None, operated_by="CPAS of Saint-Gilles")

    service = api.get(service_url(space)).json()

    assert service["organization"]["name"] == "CPAS of Saint-Gilles"
    assert service["organization_id"] == service["organization"]["id"]
    assert hsds_errors(service) == []


# --- Confidential locations ----------------------------------------------------------------------


def test_a_confidential_location_has_only_its_public_contact_point(api, brussels):
    space = shelter(brussels)

    response = api.get(service_url(space))

    assert response.status_code == 200
    service = response.json()
    assert_no_trace_of_shelter(response.content.decode())
    assert hsds_errors(service) == []
    assert "service_at_locations" not in service
    assert service["email"] == "intake@shelter.example.org"
    assert service["phones"] == [
        {
            "id": derived_id("phone", space.translation_key, "public-contact", "+3225000777"),
            "number": "+3225000777",
            "x-national": "02 500 07 77",
            "x-international": "+32 2 500 07 77",
            "type": "voice",
            "description": "Shelter intake line",
        }
    ]
    assert "contacts" not in service


@pytest.mark.parametrize("full", ["false", "true"])
def test_no_list_or_stream_shows_a_confidential_address(api, brussels, full):
    shelter(brussels)
    listing(brussels)

    page = api.get(SERVICES, {"full": full})
    stream = api.get(SERVICES, {"full": full, "format": "ndjson"})

    assert page.json()["total_items"] == 2
    assert_no_trace_of_shelter(page.content.decode())
    lines = ndjson(stream)
    assert len(lines) == 2
    assert_no_trace_of_shelter(json.dumps(lines, ensure_ascii=False))


def test_a_confidential_location_never_takes_part_in_a_search_near_a_point(api, brussels):
    shelter(brussels)
    near = listing(brussels, latitude="50.846000", longitude="4.352000")

    page = api.post(SERVICES, {**CENTRE, "radius_km": 2, "full": True}).json()

    assert [service["id"] for service in page["contents"]] == [str(near.translation_key)]
    assert page["total_items"] == 1


# --- Filters -------------------------------------------------------------------------------------


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [service["name"] for service in response.json()["contents"]]


def test_city_filter(api, brussels, rome):
    listing(brussels, name="In Brussels")
    listing(rome, name="In Rome")

    assert names(api.get(SERVICES, {"city": "rome"})) == ["In Rome"]
    assert names(api.get(SERVICES)) == ["In Brussels", "In Rome"]


def test_taxonomy_term_filter_matches_categories_and_audiences(api, brussels):
    health = ServiceCategoryFactory(code="health")
    parents = AudienceFactory(code="parents")
    listing(brussels, name="Clinic", categories=[health])
    listing(brussels, name="Parents' group", audiences=[parents])
    listing(brussels, name="Other")

    assert names(api.get(SERVICES, {"taxonomy_term_id": str(health.translation_key)})) == ["Clinic"]
    assert names(api.get(SERVICES, {"taxonomy_term_id": str(parents.translation_key)})) == [
        "Parents' group"
    ]
    assert names(api.get(SERVICES, {"taxonomy_term_id": str(uuid.uuid4())})) == []


def test_modified_after_keeps_services_published_on_or_after(api, brussels):
    listing(brussels, name="Old")
    recent = listing(brussels, name="Recent")
    SafeSpace.objects.filter(pk=recent.pk).update(
        last_published_at=datetime.datetime(2025, 6, 1, 8, 0, tzinfo=datetime.UTC)
    )

    assert names(api.get(SERVICES, {"modified_after": "2025-06-01T10:00:00+02:00"})) == ["Recent"]
    assert names(api.get(SERVICES, {"modified_after": "2025-06-01T08:00:01Z"})) == []
    assert names(api.get(SERVICES, {"modified_after": "2025-03-01"})) == ["Old", "Recent"]


def test_search_finds_words_of_the_name_and_description(api, brussels):
    listing(brussels, name="Legal aid desk", description="Lawyers answer questions.")
    listing(brussels, name="Clinic", description="Doctors, nurses.")

    assert names(api.get(SERVICES, {"search": "lawyers"})) == ["Legal aid desk"]
    assert names(api.get(SERVICES, {"search": "clinic"})) == ["Clinic"]
    assert names(api.get(SERVICES, {"search": "astronaut"})) == []


def test_one_dataset_per_locale_with_the_default_language_as_fallback(api, brussels):
    translated = listing(brussels, name="Social office")
    french = translated.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.name = "Bureau social"
    french.save()
    listing(brussels, name="Untranslated")

    page = api.get(SERVICES, {"locale": "fr"}).json()

    assert [(s["name"], s["x-locale"]) for s in page["contents"]] == [
        ("Bureau social", "fr"),
        ("Untranslated", "en"),
    ]
    assert page["contents"][0]["id"] == str(translated.translation_key)


def test_drafts_and_inactive_listings_are_not_exported(api, brussels):
    listing(brussels, name="Live")
    listing(brussels, name="Draft", live=False)
    listing(brussels, name="Inactive", status=SafeSpace.Status.INACTIVE)
    closed = listing(brussels, name="Closed for now", status=SafeSpace.Status.TEMPORARILY_CLOSED)

    assert names(api.get(SERVICES)) == ["Closed for now", "Live"]
    assert api.get(service_url(closed)).json()["status"] == "temporarily closed"


# --- Search near a point -------------------------------------------------------------------------


def test_post_lists_services_near_a_point_nearest_first(api, brussels):
    far = listing(brussels, name="Far", latitude="50.870000", longitude="4.352500")
    near = listing(brussels, name="Near", latitude="50.847000", longitude="4.352500")
    listing(brussels, name="Out of reach", latitude="51.200000", longitude="4.400000")

    response = api.post(SERVICES, {**CENTRE, "radius_km": 5, "per_page": 10})

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.json()
    assert [s["id"] for s in page["contents"]] == [
        str(near.translation_key),
        str(far.translation_key),
    ]
    assert page["total_items"] == 2


def test_post_combines_the_point_with_the_other_filters(api, brussels, rome):
    health = ServiceCategoryFactory()
    listing(brussels, name="Clinic", categories=[health], latitude="50.847000")
    listing(brussels, name="Other", latitude="50.847100")

    page = api.post(
        SERVICES, {**CENTRE, "taxonomy_term_id": str(health.translation_key), "city": "brussels"}
    ).json()

    assert [s["name"] for s in page["contents"]] == ["Clinic"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"latitude": "50.8", "longitude": "4.3"}, "latitude"),
        ({"proximity": "50.8,4.3,1000"}, "proximity"),
    ],
)
def test_coordinates_in_a_url_are_refused(api, params, field):
    response = api.get(SERVICES, params)

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert "POST" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"longitude": 4.35}, "latitude"),
        ({"latitude": 91, "longitude": 4.35}, "latitude"),
        ({"latitude": -90.5, "longitude": 4.35}, "latitude"),
        ({"latitude": 50.8, "longitude": 181}, "longitude"),
        ({"latitude": "50.8", "longitude": 4.35}, "latitude"),
        ({"latitude": True, "longitude": 4.35}, "latitude"),
        ({"latitude": None, "longitude": 4.35}, "latitude"),
        ({"latitude": [50.8], "longitude": 4.35}, "latitude"),
        ({**CENTRE, "radius_km": 0}, "radius_km"),
        ({**CENTRE, "radius_km": 50.5}, "radius_km"),
        ({**CENTRE, "per_page": 101}, "per_page"),
        ({**CENTRE, "page": 0}, "page"),
        ({**CENTRE, "city": "atlantis"}, "city"),
        ({**CENTRE, "altitude": 3}, "altitude"),
        ([CENTRE], "request"),
    ],
)
def test_bad_location_searches_get_a_clear_400(api, body, field):
    response = api.post(SERVICES, body)

    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid"
    assert field in response.json()["fields"], response.json()


@pytest.mark.parametrize(
    "body", ['{"latitude": 50.8, "longitude":', '{"latitude": NaN, "longitude": 4.3}', ""]
)
def test_a_body_that_is_not_json_gets_a_400(api, body):
    response = api.post(SERVICES, body)

    assert response.status_code == 400
    assert response.json()["code"] in ("parse_error", "invalid")


def test_a_body_that_is_not_declared_json_gets_a_415(api):
    response = api.post(SERVICES, "latitude=50.8&longitude=4.3", content_type="text/plain")

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_a_large_body_is_refused(api):
    response = api.post(SERVICES, {**CENTRE, "search": "x" * 20_000})

    assert response.status_code == 400
    assert "larger than" in response.json()["detail"]


# --- Bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"per_page": "0"}, "per_page"),
        ({"per_page": "101"}, "per_page"),
        ({"per_page": "abc"}, "per_page"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "1000000000000"}, "page"),
        ({"page": "two"}, "page"),
        ({"modified_after": "yesterday"}, "modified_after"),
        ({"modified_after": "2025-06-01T10:00:00"}, "modified_after"),
        ({"modified_after": "2025-13-01"}, "modified_after"),
        ({"taxonomy_term_id": "health"}, "taxonomy_term_id"),
        ({"city": "atlantis"}, "city"),
        ({"city": ""}, "city"),
        ({"locale": "xx"}, "locale"),
        ({"format": "xml"}, "format"),
        ({"full": "maybe"}, "full"),
        ({"search": "x" * 201}, "search"),
        ({"search": "   "}, "search"),
        ({"pagesize": "10"}, "pagesize"),
        ({"page": ["1", "2"]}, "page"),
    ],
)
def test_bad_parameters_get_a_clear_400(api, params, field):
    response = api.get(SERVICES, params)

    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["fields"], body
    assert body["detail"]
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "1234", "%20"])
def test_a_malformed_service_id_gets_a_400(api, bad_id):
    response = api.get(f"{SERVICES}/{bad_id}")

    assert response.status_code == 400
    assert response.json()["fields"] == {"id": ["A service id is a UUID."]}


def test_an_unknown_or_unpublished_service_gets_a_404(api, brussels):
    draft = listing(brussels, live=False)

    for url in (f"{SERVICES}/{uuid.uuid4()}", service_url(draft)):
        response = api.get(url)
        assert response.status_code == 404
        assert response.json() == {
            "detail": "No published service has this id.",
            "code": "not_found",
        }


def test_paths_answer_with_and_without_a_final_slash(api, brussels):
    space = listing(brussels)

    assert api.get(SERVICES + "/").status_code == 200
    assert api.get(service_url(space) + "/").status_code == 200
    assert api.post(SERVICES + "/", CENTRE).status_code == 200
    assert api.get("/api/v1/hsds").status_code == 200


# --- Caching -------------------------------------------------------------------------------------


def test_get_answers_carry_an_etag_and_answer_304_when_unchanged(api, brussels):
    listing(brussels)

    first = api.get(SERVICES)
    again = api.get(SERVICES, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Cache-Control"] == "private, max-age=60"
    assert again.status_code == 304
    assert "Authorization" in first["Vary"] and "Origin" in first["Vary"]


# --- NDJSON --------------------------------------------------------------------------------------


def test_ndjson_streams_every_service_without_pages(api, brussels):
    for n in range(30):
        listing(brussels, n)

    response = api.get(SERVICES, {"format": "ndjson", "full": "true", "per_page": 5})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    lines = ndjson(response)
    assert len(lines) == 30
    assert len({line["id"] for line in lines}) == 30
    assert all(hsds_errors(line) == [] for line in lines)


def test_ndjson_applies_the_filters(api, brussels, rome):
    listing(brussels, name="In Brussels")
    listing(rome, name="In Rome")

    lines = ndjson(api.get(SERVICES, {"format": "ndjson", "city": "rome"}))

    assert [line["name"] for line in lines] == ["In Rome"]


# --- Query counts --------------------------------------------------------------------------------


def test_a_page_costs_the_same_queries_whatever_its_size(api, brussels):
    listing(brussels, 0)
    api.get(SERVICES)  # the key's last-used date is written once a minute, here
    small = count_queries(lambda: api.get(SERVICES, {"full": "true"}))
    for n in range(1, 40):
        listing(brussels, n)

    large = count_queries(lambda: api.get(SERVICES, {"full": "true", "per_page": 40}))
    one_to_one = count_queries(lambda: api.get(SERVICES, {"per_page": 40}))

    # locale, key, count, page, then weekly hours, exceptions, terms and phones
    assert small == large == 8
    assert one_to_one == 4


def test_one_service_and_a_search_near_a_point_cost_fixed_queries(api, brussels):
    space = listing(brussels)
    api.get(SERVICES)

    assert count_queries(lambda: api.get(service_url(space))) == 7
    assert count_queries(lambda: api.post(SERVICES, {**CENTRE, "full": True})) == 8


def test_ndjson_costs_a_fixed_number_of_queries_per_chunk(api, brussels):
    for n in range(3):
        listing(brussels, n)
    api.get(SERVICES)

    # locale and key, then per chunk of 200: the chunk and four parts (the last chunk is
    # short, so no empty chunk is read)
    assert count_queries(lambda: api.get(SERVICES, {"format": "ndjson", "full": "true"})) == 7
    assert count_queries(lambda: api.get(SERVICES, {"format": "ndjson"})) == 3


def test_a_search_costs_one_more_query(api, brussels):
    listing(brussels, name="Legal aid desk")
    api.get(SERVICES)

    assert count_queries(lambda: api.get(SERVICES, {"search": "legal"})) == 5


# --- Keys on the export (see test_consumer_keys for the rules themselves) ------------------------


def test_a_key_limited_to_cities_exports_only_theirs(brussels, rome):
    listing(brussels, name="In Brussels")
    listing(rome, name="In Rome")
    _, raw = make_key(cities=[brussels])
    api = Api(raw)

    assert names(api.get(SERVICES)) == ["In Brussels"]
    assert [line["name"] for line in ndjson(api.get(SERVICES, {"format": "ndjson"}))] == [
        "In Brussels"
    ]
    assert api.get(SERVICES, {"city": "rome"}).status_code == 403
    near_rome = api.post(SERVICES, {"latitude": 50.84, "longitude": 4.35, "radius_km": 50})
    assert [s["name"] for s in near_rome.json()["contents"]] == ["In Brussels"]


def test_a_key_limited_to_cities_gets_403_for_another_citys_service(brussels, rome):
    in_rome = listing(rome)
    _, raw = make_key(cities=[brussels])

    response = Api(raw).get(service_url(in_rome))

    assert response.status_code == 403
    assert response.json() == {
        "detail": "This consumer key may not read the city 'rome'.",
        "code": "city_not_allowed",
    }


def test_every_service_built_by_the_factories_is_valid_hsds(api, brussels, rome):
    spaces = [listing(brussels, n) for n in range(3)]
    spaces.append(listing(rome, organization=None, minimum_age=None, languages=[]))
    spaces.append(shelter(brussels))
    spaces.append(SafeSpaceFactory(city=brussels, address_1="", latitude=None, longitude=None))

    page = api.get(SERVICES, {"full": "true"}).json()
    listed = api.get(SERVICES).json()

    assert page["total_items"] == 6
    for service in page["contents"]:
        assert hsds_errors(service) == [], service["name"]
    for service in listed["contents"]:
        assert hsds_errors(service, "service_list") == [], service["name"]
        assert hsds_errors(service) == [], service["name"]
