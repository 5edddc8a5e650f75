"""Cities, partner organisations and vocabulary terms go through language review like every
other translation: a translation is a draft until a reviewer of its language approves it, and
the API serves the live version (the source, while there is none) meanwhile."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from cms.core.factories import (
    AudienceFactory,
    CityFactory,
    ContentWarningFactory,
    PartnerOrganisationFactory,
)
from cms.core.models import Audience, City, PartnerOrganisation
from safe_spaces.factories import SafeSpaceFactory, ServiceCategoryFactory
from tests.api.keys import make_key
from tests.support import graphql
from tests.support.workflow import act, modal_step

from .conftest import publish_in_editor, submit_page, translate_strings, translated, translation_of
from .test_snippets import submit_snippet

pytestmark = pytest.mark.django_db

SOURCES = {
    "city": (CityFactory, {"name": "Brussels", "slug": "brussels"}),
    "partner": (PartnerOrganisationFactory, {"name": "Garance", "description": "Self-defence."}),
    "audience": (AudienceFactory, {"code": "parents", "name": "Parents"}),
    "content warning": (ContentWarningFactory, {"code": "violence", "name": "Violence"}),
    "service category": (ServiceCategoryFactory, {"code": "counselling", "name": "Counselling"}),
}


def published(factory, **fields):
    obj = factory(**fields)
    obj.save_revision().publish()
    return type(obj).objects.get(pk=obj.pk)


def approve(client, reviewer, obj, capture):
    with capture(execute=True):
        response = act(client, reviewer, obj, "approve")
    client.logout()
    return response


def live_french(client, admin_user, fr_reviewer, source, fr, capture):
    """``source`` submitted, translated ("FR ..."), sent to review and approved."""
    submit_snippet(client, admin_user, source, fr)
    translate_strings(translation_of(source, fr), lambda s: f"FR {s}")
    with capture(execute=True):
        publish_in_editor(client, admin_user, translated(source, fr))
    approve(client, fr_reviewer, translated(source, fr), capture)
    return translated(source, fr)


@pytest.mark.parametrize("kind", SOURCES)
def test_translation_goes_live_only_when_its_languages_reviewer_approves(
    client,
    kind,
    locale_en,
    reviews,
    admin_user,
    fr,
    fr_reviewer,
    ar_reviewer,
    django_capture_on_commit_callbacks,
):
    factory, fields = SOURCES[kind]
    source = published(factory, locale=locale_en, **fields)

    assert submit_snippet(client, admin_user, source, fr).status_code == 302
    assert translated(source, fr).live is False
    translate_strings(translation_of(source, fr), lambda s: f"FR {s}")
    with django_capture_on_commit_callbacks(execute=True):
        publish_in_editor(client, admin_user, translated(source, fr))

    french = translated(source, fr)
    assert (french.live, french.workflow_in_progress) == (False, True)
    assert french.get_workflow() == reviews["fr"].workflow
    assert source.get_workflow() is None  # English is published by its editors

    response = act(client, ar_reviewer, french, "approve")
    assert response.status_code == 403
    assert translated(source, fr).live is False

    response = approve(client, fr_reviewer, french, django_capture_on_commit_callbacks)
    assert modal_step(response) == "success"
    french = translated(source, fr)
    assert (french.live, french.name) == (True, f"FR {fields['name']}")
    if kind == "city":
        # Identifiers and numbers are synchronised, not translated.
        assert (french.slug, french.country, french.timezone) == (
            "brussels",
            source.country,
            source.timezone,
        )


def test_a_city_translation_in_review_is_not_served(
    client, locale_en, reviews, admin_user, fr, fr_reviewer, django_capture_on_commit_callbacks
):
    city = published(CityFactory, locale=locale_en, name="Brussels", slug="brussels")
    query = '{ cities(locale: "fr") { name locale isFallback availableLocales } }'
    submit_snippet(client, admin_user, city, fr)
    translate_strings(translation_of(city, fr), lambda s: f"FR {s}")
    with django_capture_on_commit_callbacks(execute=True):
        publish_in_editor(client, admin_user, translated(city, fr))

    assert graphql.data(query)["cities"] == [
        {"name": "Brussels", "locale": "en", "isFallback": True, "availableLocales": ["en"]}
    ]
    by_slug = graphql.data('{ city(slug: "brussels", locale: "fr") { name } }')
    assert by_slug["city"] == {"name": "Brussels"}

    approve(client, fr_reviewer, translated(city, fr), django_capture_on_commit_callbacks)

    assert graphql.data(query)["cities"] == [
        {
            "name": "FR Brussels",
            "locale": "fr",
            "isFallback": False,
            "availableLocales": ["en", "fr"],
        }
    ]


def test_updating_a_live_city_translation_never_changes_what_is_served(
    client, locale_en, reviews, admin_user, fr, fr_reviewer, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    city = published(CityFactory, locale=locale_en, name="Brussels", slug="brussels")
    french = live_french(client, admin_user, fr_reviewer, city, fr, capture)
    draft = city.get_latest_revision_as_object()
    draft.name = "Brussels-Capital"
    draft.save_revision().publish()
    source = TranslationSource.objects.get(object_id=city.translation_key)
    client.force_login(admin_user)

    with capture(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )

    assert response.status_code == 302
    served = City.objects.get(pk=french.pk)
    assert (served.live, served.name, served.live_revision_id) == (
        True,
        "FR Brussels",
        french.live_revision_id,
    )
    assert served.current_workflow_task_state.revision_id == served.latest_revision_id
    query = '{ cities(locale: "fr") { name translation { isStale } } }'
    stale = [{"name": "FR Brussels", "translation": {"isStale": True}}]
    assert graphql.data(query)["cities"] == stale

    translate_strings(translation_of(city, fr), lambda s: f"FR {s}")
    with capture(execute=True):
        publish_in_editor(client, admin_user, translated(city, fr))
    assert graphql.data(query)["cities"] == stale
    approve(client, fr_reviewer, translated(city, fr), capture)

    assert graphql.data(query)["cities"] == [
        {"name": "FR Brussels-Capital", "translation": {"isStale": False}}
    ]


@pytest.fixture
def french_drafts(locale_en, fr):
    """English terms, partner and city, each with a French translation still in draft."""
    english = {
        "city": published(CityFactory, locale=locale_en, name="Brussels", slug="brussels"),
        "partner": published(
            PartnerOrganisationFactory,
            locale=locale_en,
            name="Garance",
            description="Self-defence courses.",
            website="https://garance.example.org/",
        ),
        "audience": published(AudienceFactory, locale=locale_en, code="parents", name="Parents"),
        "category": published(
            ServiceCategoryFactory, locale=locale_en, code="counselling", name="Counselling"
        ),
    }
    french = {}
    for name, obj in english.items():
        copy = obj.copy_for_translation(fr)
        for field in ("name", "description"):
            if hasattr(copy, field):
                setattr(copy, field, f"DRAFT {getattr(obj, field)}")
        copy.live = False
        copy.save()
        french[name] = copy
    return english, french


def test_a_listing_names_its_city_partner_and_terms_in_their_live_versions(french_drafts, fr):
    english, french = french_drafts
    source = SafeSpaceFactory(
        locale=english["city"].locale,
        city=english["city"],
        organization=english["partner"],
        categories=[english["category"]],
        audiences=[english["audience"]],
    )
    # A reviewed French listing, as wagtail-localize leaves it: pointing at the French rows.
    listing = source.copy_for_translation(fr)
    listing.city, listing.organization = french["city"], french["partner"]
    listing.save()
    listing.categories.set([french["category"]])
    listing.audiences.set([french["audience"]])

    data = graphql.data(
        '{ safeSpaces(locale: "fr") { edges { node { locale city { name slug } '
        "organization { name website } categories { name } audiences { name } "
        "} } } }"
    )

    assert [edge["node"] for edge in data["safeSpaces"]["edges"]] == [
        {
            "locale": "fr",
            "city": {"name": "Brussels", "slug": "brussels"},
            "organization": {"name": "Garance", "website": "https://garance.example.org/"},
            "categories": [{"name": "Counselling"}],
            "audiences": [{"name": "Parents"}],
        }
    ]
    hsds = Client().get(
        f"/api/v1/hsds/services/{listing.translation_key}?locale=fr",
        HTTP_AUTHORIZATION=f"Bearer {make_key()[1]}",
    )
    assert hsds.status_code == 200, hsds.content
    body = hsds.json()
    assert body["organization"]["name"] == "Garance"
    assert "DRAFT" not in hsds.content.decode()


def test_a_never_published_partner_is_left_out(locale_en, fr):
    city = published(CityFactory, locale=locale_en, slug="brussels")
    partner = PartnerOrganisationFactory(locale=locale_en, name="Not announced yet", live=False)
    term = ServiceCategoryFactory(locale=locale_en, name="Not agreed yet", live=False)
    SafeSpaceFactory(locale=locale_en, city=city, organization=partner, categories=[term])

    data = graphql.data(
        "{ safeSpaces { edges { node { organization { name } categories { name } } } } }"
    )

    assert [edge["node"] for edge in data["safeSpaces"]["edges"]] == [
        {"organization": None, "categories": []}
    ]


def test_a_translated_toolbox_shows_partners_terms_and_city_in_their_live_versions(
    client,
    toolbox,
    french_drafts,
    reviews,
    admin_user,
    fr,
    fr_reviewer,
    django_capture_on_commit_callbacks,
):
    english, french = french_drafts
    toolbox.lead_city = english["city"]
    toolbox.save_revision().publish()
    toolbox.partner_organisations.set([english["partner"]])
    toolbox.audiences.set([english["audience"]])
    toolbox.save_revision().publish()
    submit_page(client, admin_user, toolbox, fr)
    translate_strings(translation_of(toolbox, fr), lambda s: f"FR {s}")
    with django_capture_on_commit_callbacks(execute=True):
        publish_in_editor(client, admin_user, translated(toolbox, fr))
    approve(client, fr_reviewer, translated(toolbox, fr), django_capture_on_commit_callbacks)
    page = translated(toolbox, fr)
    # wagtail-localize points the reviewed French toolbox at the French city, still a draft;
    # an editor may pick the French partner and audience, drafts too.
    assert (page.live, page.lead_city_id) == (True, french["city"].pk)
    page.partner_organisations.set([french["partner"]])
    page.audiences.set([french["audience"]])
    page.save()
    query = (
        '{ toolbox(slug: "women", locale: "fr") { title locale leadCity { name } '
        "partners { name description } audiences { name } } }"
    )

    assert graphql.data(query)["toolbox"] == {
        "title": "FR Violence against migrant women",
        "locale": "fr",
        "leadCity": {"name": "Brussels"},
        "partners": [{"name": "Garance", "description": "Self-defence courses."}],
        "audiences": [{"name": "Parents"}],
    }

    # Their reviews approve them: the French versions are served from then on.
    for row in (*City.objects.filter(locale=fr), *PartnerOrganisation.objects.filter(locale=fr)):
        row.name = f"FR {english['city' if isinstance(row, City) else 'partner'].name}"
        row.save_revision().publish()
    Audience.objects.get(locale=fr).save_revision().publish()

    assert graphql.data(query)["toolbox"] == {
        "title": "FR Violence against migrant women",
        "locale": "fr",
        "leadCity": {"name": "FR Brussels"},
        "partners": [{"name": "FR Garance", "description": "DRAFT Self-defence courses."}],
        "audiences": [{"name": "DRAFT Parents"}],
    }


def test_submitting_a_toolbox_makes_drafts_of_the_snippets_it_refers_to(
    client, toolbox, locale_en, reviews, admin_user, fr
):
    city = published(CityFactory, locale=locale_en, name="Brussels", slug="brussels")
    toolbox.lead_city = city
    toolbox.save_revision().publish()

    assert submit_page(client, admin_user, toolbox, fr).status_code == 302

    french = translated(city, fr)
    assert french.live is False
    assert graphql.data('{ cities(locale: "fr") { locale } }')["cities"] == [{"locale": "en"}]


def test_a_listing_in_a_city_never_published_names_it_from_its_source_row(locale_en, fr):
    city = CityFactory(locale=locale_en, name="Esch-sur-Alzette", slug="esch", live=False)
    draft = city.copy_for_translation(fr)
    draft.name, draft.live = "DRAFT Esch", False
    draft.save()
    source = SafeSpaceFactory(locale=locale_en, city=city)
    listing = source.copy_for_translation(fr)
    listing.city = draft
    listing.save()

    data = graphql.data('{ safeSpaces(locale: "fr") { edges { node { locale city { name } } } } }')

    assert [edge["node"] for edge in data["safeSpaces"]["edges"]] == [
        {"locale": "fr", "city": {"name": "Esch-sur-Alzette"}}
    ]
