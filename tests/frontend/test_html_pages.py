"""The public HTML pages obey the APIs' rules: no link to a page readers can't open, no
redirect to one, no expired page or listing, no inactive listing, and each translation at its
own language's URL with its language and direction."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, PageViewRestriction

from api.models import ConsumerKey
from cms.core.factories import CityFactory
from cms.core.models import City
from safe_spaces.factories import SafeSpaceFactory
from safe_spaces.models import SafeSpace
from tests.api.keys import make_key
from tests.support import graphql
from toolbox_pages.models import ModulePage

pytestmark = pytest.mark.django_db

PAST = datetime.timedelta(hours=1)


def add_module(toolbox, slug: str, *, body=None, publish: bool = True, **fields) -> ModulePage:
    page = ModulePage(
        title=fields.pop("title", f"Module {slug}"),
        slug=slug,
        summary=f"Summary of {slug}.",
        body=json.dumps(body or []),
        live=publish,
        **fields,
    )
    toolbox.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def link_to(page, text: str) -> dict:
    return {"type": "paragraph", "value": f'<p><a linktype="page" id="{page.pk}">{text}</a></p>'}


def html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- Links to pages -------------------------------------------------------------------------


def test_a_rich_text_link_to_a_draft_page_renders_as_its_text(client, toolbox, module):
    draft = add_module(toolbox, "draft", publish=False)
    reader = add_module(toolbox, "reader", body=[link_to(draft, "the draft module")])

    content = html(client, reader)

    assert "<p>the draft module</p>" in content
    assert "/toolboxes/women/draft/" not in content


def test_a_rich_text_link_to_a_private_page_renders_as_its_text(client, toolbox, module):
    PageViewRestriction.objects.create(
        page=module, restriction_type=PageViewRestriction.PASSWORD, password="staff-only"
    )
    reader = add_module(toolbox, "reader", body=[link_to(module, "the private module")])

    content = html(client, reader)

    assert "<p>the private module</p>" in content
    assert 'href="/toolboxes/women/responding/"' not in content


def test_a_rich_text_link_to_an_expired_page_renders_as_its_text(client, toolbox, module):
    ModulePage.objects.filter(pk=module.pk).update(expire_at=timezone.now() - PAST)
    reader = add_module(toolbox, "reader", body=[link_to(module, "the old module")])

    assert "<p>the old module</p>" in html(client, reader)


def test_a_rich_text_link_to_a_live_page_renders_as_a_link(client, toolbox, module):
    reader = add_module(toolbox, "reader", body=[link_to(module, "the first module")])

    assert '<p><a href="/toolboxes/women/responding/">the first module</a></p>' in html(
        client, reader
    )


def test_the_links_of_a_page_cost_the_same_queries_whatever_their_number(client, toolbox):
    targets = [add_module(toolbox, f"target-{n}") for n in range(6)]
    targets[1].unpublish()
    one = add_module(toolbox, "one-link", body=[link_to(targets[0], "first")])
    many = add_module(
        toolbox,
        "six-links",
        body=[link_to(target, f"target {n}") for n, target in enumerate(targets)],
    )
    client.get(one.url)  # warm the site root paths cache

    with CaptureQueriesContext(connection) as with_one:
        assert client.get(one.url).status_code == 200
    with CaptureQueriesContext(connection) as with_six:
        content = html(client, many)

    assert len(with_six) == len(with_one)
    assert content.count('<a href="/toolboxes/women/target-') == 5
    assert "<p>target 1</p>" in content


# --- Redirects ------------------------------------------------------------------------------


def test_a_redirect_to_a_draft_page_is_a_404(client, module):
    module.unpublish()
    Redirect.objects.create(old_path="/old-module", redirect_page=module)

    assert client.get("/old-module/").status_code == 404


def test_a_redirect_to_a_private_page_is_a_404(client, module):
    PageViewRestriction.objects.create(
        page=module, restriction_type=PageViewRestriction.PASSWORD, password="staff-only"
    )
    Redirect.objects.create(old_path="/old-module", redirect_page=module)

    assert client.get("/old-module/").status_code == 404


def test_a_redirect_to_an_expired_page_is_a_404(client, module):
    ModulePage.objects.filter(pk=module.pk).update(expire_at=timezone.now() - PAST)
    Redirect.objects.create(old_path="/old-module", redirect_page=module)

    assert client.get("/old-module/").status_code == 404


def test_a_redirect_to_a_live_page_redirects_to_it(client, module):
    Redirect.objects.create(old_path="/old-module", redirect_page=module, is_permanent=False)
    Redirect.objects.create(old_path="/older-module", redirect_page=module)

    temporary = client.get("/old-module/")
    permanent = client.get("/older-module/")

    assert (temporary.status_code, temporary["Location"]) == (302, "/toolboxes/women/responding/")
    assert (permanent.status_code, permanent["Location"]) == (301, "/toolboxes/women/responding/")


# --- Expiry ---------------------------------------------------------------------------------

MODULES = "{ toolboxes { slug modules { slug } } }"


def test_an_expired_page_still_marked_live_is_served_nowhere(client, toolbox, module):
    kept = add_module(toolbox, "kept")
    url = module.url
    ModulePage.objects.filter(pk=module.pk).update(expire_at=timezone.now() - PAST)
    module.refresh_from_db()
    assert module.live

    assert client.get(url).status_code == 404
    assert "/toolboxes/women/responding/" not in html(client, toolbox)
    assert kept.url in html(client, toolbox)
    modules = graphql.data(MODULES)["toolboxes"][0]["modules"]
    assert modules == [{"slug": "kept"}]
    rest = client.get(
        "/api/v1/widgets/toolboxes/women", HTTP_AUTHORIZATION=f"Bearer {make_key()[1]}"
    )
    assert [m["slug"] for m in rest.json()["modules"]] == ["kept"]
    search = graphql.data('{ search(text: "disclosure") { __typename } }')["search"]
    assert search == []


def test_a_module_of_a_withdrawn_toolbox_is_not_served(client, toolbox, module):
    url = module.url
    toolbox.unpublish()

    assert client.get(url).status_code == 404


def test_the_kiosk_of_an_expired_city_is_not_served(client, settings):
    city = CityFactory(name="Brussels", slug="brussels")
    settings.KIOSK_CONSUMER_KEY = make_key("Kiosk", kind=ConsumerKey.Kind.KIOSK)[1]
    assert client.get("/kiosk/", {"city": "brussels"}).status_code == 200
    City.objects.filter(pk=city.pk).update(expire_at=timezone.now() - PAST)

    assert client.get("/kiosk/", {"city": "brussels"}).status_code == 404


def test_a_private_page_is_served_only_to_a_reader_past_its_restriction(
    client, admin_client, module
):
    PageViewRestriction.objects.create(page=module, restriction_type=PageViewRestriction.LOGIN)

    assert admin_client.get(module.url).status_code == 200
    client.logout()
    assert client.get(module.url).status_code == 302


def test_a_page_expiring_later_is_served(client, module):
    ModulePage.objects.filter(pk=module.pk).update(expire_at=timezone.now() + PAST)

    assert client.get(module.url).status_code == 200


def test_an_expired_listing_still_marked_live_is_served_nowhere(client, toolbox):
    space = SafeSpaceFactory(name="Expired reception desk", address_1="Rue Expirée 3")
    SafeSpace.objects.filter(pk=space.pk).update(expire_at=timezone.now() - PAST)
    reader = add_module(
        toolbox,
        "reader",
        body=[{"type": "safe_space_reference", "value": {"safe_space": space.pk, "note": ""}}],
    )

    content = html(client, reader)
    spaces = graphql.data("{ safeSpaces(first: 5) { edges { node { name } } } }")

    assert "Expired reception desk" not in content
    assert "Rue Expirée 3" not in content
    assert spaces["safeSpaces"]["edges"] == []


# --- Listings -------------------------------------------------------------------------------


def listing_block(space) -> dict:
    return {"type": "safe_space_reference", "value": {"safe_space": space.pk, "note": ""}}


def test_an_inactive_listing_is_not_shown_on_the_page_that_embeds_it(client, toolbox):
    closed = SafeSpaceFactory(
        name="Closed reception desk", address_1="Rue Fermée 9", status=SafeSpace.Status.INACTIVE
    )
    open_ = SafeSpaceFactory(name="Open reception desk", address_1="Rue Ouverte 1")
    reader = add_module(toolbox, "reader", body=[listing_block(closed), listing_block(open_)])

    content = html(client, reader)

    assert "Closed reception desk" not in content
    assert "Rue Fermée 9" not in content
    assert "Open reception desk" in content
    assert "Rue Ouverte 1" in content


def test_a_confidential_listing_shows_only_its_public_contact_point(client, toolbox):
    shelter = SafeSpaceFactory(
        confidential=True,
        name="Women's shelter",
        address_1="Rue Secrète 12",
        postal_code="1190",
        public_contact_phone="+32 2 555 01 99",
    )
    reader = add_module(toolbox, "reader", body=[listing_block(shelter)])

    content = html(client, reader)

    assert "+32 2 555 01 99" in content
    assert "Rue Secrète 12" not in content
    assert "1190" not in content


# --- Translations at their own URL ----------------------------------------------------------


def translate(page, locale: Locale, title: str):
    copy = page.copy_for_translation(locale)
    copy.title = title
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def translated_module(home_page, toolbox_index, toolbox, module):
    def make(code: str, title: str) -> ModulePage:
        locale = Locale.objects.get(language_code=code)
        translate(home_page, locale, f"Equalcity {code}")
        translate(toolbox_index, locale, f"Toolboxes {code}")
        translate(toolbox, locale, f"Toolbox {code}")
        return translate(module, locale, title)

    return make


def test_a_french_translation_is_served_at_its_french_url(client, translated_module):
    french = translated_module("fr", "Répondre à une confidence")

    response = client.get(french.full_url.removeprefix("http://localhost"))

    assert french.url == "/fr/toolboxes/women/responding/"
    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    content = response.content.decode()
    assert "Répondre à une confidence" in content
    assert '<html lang="fr" dir="ltr">' in content


def test_an_arabic_translation_is_served_right_to_left(client, translated_module):
    arabic = translated_module("ar", "الاستجابة لإفصاح")

    response = client.get(arabic.url)

    assert arabic.url == "/ar/toolboxes/women/responding/"
    assert response.status_code == 200
    content = response.content.decode()
    assert "الاستجابة لإفصاح" in content
    assert '<html lang="ar" dir="rtl">' in content


def test_the_english_page_stays_at_its_unprefixed_url(client, translated_module, module):
    translated_module("fr", "Répondre à une confidence")

    response = client.get("/toolboxes/women/responding/")

    assert response.status_code == 200
    assert '<html lang="en" dir="ltr">' in response.content.decode()
    assert client.get("/en/toolboxes/women/responding/").status_code == 404


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/healthz", 200),
        ("/fr/healthz/", 404),
        ("/fr/api/graphql/", 404),
        ("/fr/admin/", 404),
        ("/kiosk/kiosk.css", 200),
        ("/fr/kiosk/kiosk.css", 404),
    ],
)
def test_only_the_pages_are_served_under_a_language_prefix(client, home_page, path, status):
    assert client.get(path).status_code == status


@pytest.mark.django_db
def test_an_unprefixed_answer_does_not_vary_on_the_readers_language(client):
    # The API, the widgets and the English pages answer the same whatever Accept-Language
    # says: no Vary on it, and no Content-Language claiming English for a French API answer.
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="ar")
    assert "Accept-Language" not in response.get("Vary", "")
    assert "Content-Language" not in response
