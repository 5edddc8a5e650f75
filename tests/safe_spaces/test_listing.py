"""The safe-space and helpline listings in the admin: filters and search; the dashboard panel."""

import datetime

import pytest
from django.urls import reverse

from cms.core.factories import CityFactory
from safe_spaces.factories import HelplineFactory, SafeSpaceFactory, ServiceCategoryFactory
from safe_spaces.models import Helpline, SafeSpace

pytestmark = pytest.mark.django_db

LIST_URL = "wagtailsnippets_safe_spaces_safespace:list"


def days_from_today(days: int) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=days)


def listed_names(client, **params) -> list[str]:
    response = client.get(reverse(LIST_URL), params)
    assert response.status_code == 200
    return sorted(space.name for space in response.context["object_list"])


@pytest.fixture
def listings():
    """Four safe spaces that differ in city, category, status and verification date."""
    brussels = CityFactory(name="Brussels", slug="brussels")
    rome = CityFactory(name="Rome", slug="rome", country="IT", timezone="Europe/Rome")
    health = ServiceCategoryFactory(name="Health", code="health")
    legal = ServiceCategoryFactory(name="Legal aid", code="legal")
    return {
        "brussels": brussels,
        "rome": rome,
        "health": health,
        "legal": legal,
        "spaces": [
            SafeSpaceFactory(
                name="Hospital desk",
                city=brussels,
                categories=[health],
                verified_on=days_from_today(-400),
                verify_by=days_from_today(-1),
            ),
            SafeSpaceFactory(
                name="Law clinic",
                city=brussels,
                categories=[legal],
                verified_on=days_from_today(-300),
                verify_by=days_from_today(30),
            ),
            SafeSpaceFactory(
                name="Family centre",
                city=rome,
                categories=[health, legal],
                status=SafeSpace.Status.TEMPORARILY_CLOSED,
                verified_on=days_from_today(-10),
                verify_by=days_from_today(31),
            ),
            SafeSpaceFactory(
                name="Youth point",
                city=rome,
                categories=[legal],
                verified_on=None,
                verify_by=days_from_today(0),
            ),
        ],
    }


def test_unfiltered_listing_shows_every_safe_space(admin_client, listings):
    assert listed_names(admin_client) == [
        "Family centre",
        "Hospital desk",
        "Law clinic",
        "Youth point",
    ]


def test_city_filter_lists_that_city_only(admin_client, listings):
    assert listed_names(admin_client, city=listings["rome"].pk) == ["Family centre", "Youth point"]


def test_category_filter_lists_spaces_with_that_category(admin_client, listings):
    assert listed_names(admin_client, categories=listings["health"].pk) == [
        "Family centre",
        "Hospital desk",
    ]


def test_status_filter_lists_spaces_with_that_status(admin_client, listings):
    assert listed_names(admin_client, status="temporarily closed") == ["Family centre"]


def test_overdue_filter_lists_spaces_due_before_today(admin_client, listings):
    assert listed_names(admin_client, verification="overdue") == ["Hospital desk"]


def test_due_soon_filter_lists_spaces_due_from_today_to_30_days(admin_client, listings):
    assert listed_names(admin_client, verification="due_soon") == ["Law clinic", "Youth point"]


def test_never_verified_filter_lists_spaces_without_a_verification_date(admin_client, listings):
    assert listed_names(admin_client, verification="never") == ["Youth point"]


def test_filters_combine(admin_client, listings):
    names = listed_names(
        admin_client, city=listings["brussels"].pk, categories=listings["legal"].pk
    )

    assert names == ["Law clinic"]


def test_admin_search_finds_a_space_by_a_word_of_its_name(admin_client, listings):
    assert listed_names(admin_client, q="clinic") == ["Law clinic"]
    assert listed_names(admin_client, q="clin") == ["Law clinic"]


def test_admin_search_finds_a_space_by_its_operator(admin_client, listings):
    SafeSpaceFactory(name="Town hall desk", operated_by="CPAS of Ixelles")

    assert listed_names(admin_client, q="Ixelles") == ["Town hall desk"]


def test_search_finds_spaces_by_name_and_by_operator():
    SafeSpaceFactory(name="Rainbow House", operated_by="Rainbow House Brussels")
    SafeSpaceFactory(name="Town hall desk", operated_by="CPAS of Ixelles")

    assert [space.name for space in SafeSpace.objects.all().search("Rainbow")] == ["Rainbow House"]
    assert [space.name for space in SafeSpace.objects.all().search("Ixelles")] == ["Town hall desk"]
    assert list(SafeSpace.objects.all().search("Luxembourg")) == []


def test_dashboard_lists_overdue_and_due_soon_spaces_only(admin_client, listings):
    SafeSpaceFactory(
        name="Closed for good",
        status=SafeSpace.Status.INACTIVE,
        verified_on=days_from_today(-800),
        verify_by=days_from_today(-5),
    )

    response = admin_client.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Safe spaces to verify (3)" in html
    for listed in ("Hospital desk", "Law clinic", "Youth point"):
        assert listed in html
    for absent in ("Family centre", "Closed for good"):
        assert absent not in html
    assert html.count("Overdue since") == 1
    edit_url = reverse(
        "wagtailsnippets_safe_spaces_safespace:edit", args=[listings["spaces"][0].pk]
    )
    assert f'href="{edit_url}"' in html


def test_dashboard_says_so_when_nothing_is_due(admin_client):
    SafeSpaceFactory(name="Checked last week", verify_by=days_from_today(90))

    response = admin_client.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    assert "Safe spaces to verify (0)" in html
    assert "Checked last week" not in html
    assert "none is due in the next 30 days" in html


def test_helplines_are_searchable_in_the_model_and_in_the_admin(admin_client):
    HelplineFactory(name="Night line", description="Anonymous listening at night.")
    HelplineFactory(name="Legal advice line", description="Lawyers answer questions.")

    assert [line.name for line in Helpline.objects.all().search("Lawyers")] == ["Legal advice line"]
    response = admin_client.get(reverse("wagtailsnippets_safe_spaces_helpline:list"), {"q": "nig"})
    assert response.status_code == 200
    assert [line.name for line in response.context["object_list"]] == ["Night line"]
