"""A confidential location's address, coordinates and own phone lines, in the admin, only to
who may see that city's confidential locations; every showing recorded."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from cms.access.models import ConfidentialAccess
from safe_spaces.admin_access import WITHHELD_NOTICE
from safe_spaces.models import SafeSpace
from tests.support.admin import editor_form_data
from tests.support.shelter import SECRET_ADDRESS, SECRET_PHONE, assert_no_trace_of_shelter

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(SafeSpace.snippet_viewset.get_url_name(name), args=args)


def compare_url(space: SafeSpace) -> str:
    return url("revisions_compare", space.pk, "earliest", "latest")


def test_an_editor_without_the_permission_is_told_the_location_is_withheld(
    client, rome_editor, rome_shelter
):
    client.force_login(rome_editor)

    page = client.get(url("edit", rome_shelter.pk))
    html = page.content.decode()

    assert page.status_code == 200
    assert_no_trace_of_shelter(html)
    assert "Side door" not in html
    assert WITHHELD_NOTICE in html
    assert "confidential_location" not in page.context["form"].fields
    assert "phones" not in page.context["form"].formsets
    assert ConfidentialAccess.objects.count() == 0


def test_saving_without_the_permission_keeps_the_withheld_location(
    client, rome_editor, rome_shelter
):
    client.force_login(rome_editor)
    data = editor_form_data(client.get(url("edit", rome_shelter.pk)).content.decode())
    data["description"] = "Open day and night."

    response = client.post(url("edit", rome_shelter.pk), data)

    assert response.status_code == 302
    draft = SafeSpace.objects.get(pk=rome_shelter.pk).get_latest_revision_as_object()
    assert draft.description == "Open day and night."
    assert (draft.address_1, draft.address_2, draft.confidential_location) == (
        SECRET_ADDRESS,
        "Side door",
        True,
    )
    assert [phone.number for phone in draft.phones.all()] == [SECRET_PHONE]


def test_comparing_revisions_without_the_permission_shows_no_location(
    client, rome_editor, rome_shelter
):
    client.force_login(rome_editor)

    response = client.get(compare_url(rome_shelter))
    html = response.content.decode()

    assert response.status_code == 200
    assert "Open to women and their children." in html  # what may be compared still is
    assert "Side door" not in html and "Back door" not in html
    assert_no_trace_of_shelter(html)


def test_who_may_see_is_shown_the_location_and_each_showing_is_recorded(
    client, rome_confidant, rome_shelter
):
    client.force_login(rome_confidant)

    edit = client.get(url("edit", rome_shelter.pk)).content.decode()
    compare = client.get(compare_url(rome_shelter)).content.decode()

    assert SECRET_ADDRESS in edit and "Side door" in edit
    assert WITHHELD_NOTICE not in edit
    assert "Side door" in compare and "Back door" in compare
    log = list(ConfidentialAccess.objects.order_by("pk").values_list("user__username", "screen"))
    assert log == [("rome-confidant", "edit"), ("rome-confidant", "compare")]
    assert {entry.safe_space_id for entry in ConfidentialAccess.objects.all()} == {rome_shelter.pk}


def test_the_permission_counts_for_its_own_city_only(client, rome_confidant, brussels):
    from tests.support.shelter import confidential_shelter

    shelter = confidential_shelter(brussels)
    shelter.save_revision().publish()
    client.force_login(rome_confidant)

    assert client.get(url("edit", shelter.pk)).status_code == 404
    assert ConfidentialAccess.objects.count() == 0


def test_an_editor_of_a_listing_that_is_not_confidential_sees_its_address(
    client, rome_editor, rome_desk
):
    client.force_login(rome_editor)

    page = client.get(url("edit", rome_desk.pk))

    assert rome_desk.address_1 in page.content.decode()
    assert "address_1" in page.context["form"].fields
    assert WITHHELD_NOTICE not in page.content.decode()


def test_programme_administrators_read_and_export_the_log(
    admin_client, rome_confidant, rome_shelter
):
    client = Client()
    client.force_login(rome_confidant)
    client.get(url("edit", rome_shelter.pk))
    log_url = reverse("confidential_access:index")

    listed = admin_client.get(log_url)
    exported = admin_client.get(log_url, {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode())))
    refused = client.get(log_url)

    assert listed.status_code == 200
    assert "rome-confidant" in listed.content.decode()
    assert [(row["User"], row["Screen"]) for row in rows] == [("rome-confidant", "edit")]
    assert refused.status_code in (302, 403)
    assert "rome-confidant" not in refused.content.decode()
    assert not admin_client.get(log_url).context.get("can_add", False)


def test_wagtail_admin_api_serves_no_listing_and_no_location(
    client, rome_editor, rome_shelter, module
):
    """The admin API (pages, images, documents) has no endpoint for listings, and a page that
    embeds a confidential listing names it by id only, to a page editor of that page."""
    from wagtail.models import Page

    from cms.access.roles import ensure_toolbox_editors

    rome_editor.groups.add(ensure_toolbox_editors(Page.objects.get(depth=1)))
    module.body = json.dumps(
        [{"type": "safe_space_reference", "value": {"safe_space": rome_shelter.pk, "note": ""}}]
    )
    module.save_revision().publish()
    client.force_login(rome_editor)

    listing = client.get("/admin/api/main/safe_spaces/")
    detail = client.get(reverse("wagtailadmin_api:pages:detail", args=[module.pk]))
    pages = client.get(reverse("wagtailadmin_api:pages:listing") + "?fields=*")

    assert listing.status_code == 404
    assert detail.status_code == 200
    assert detail.json()["id"] == module.pk
    assert_no_trace_of_shelter(detail.content)
    assert_no_trace_of_shelter(pages.content)
