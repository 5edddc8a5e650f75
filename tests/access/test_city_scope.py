"""A city editor's admin holds their city only: every path to another city's listing or
helpline is a 404 or leaves it out, never a 500 or a partial page."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from cms.access.models import CityRole
from cms.access.roles import role_group
from safe_spaces.models import Helpline, SafeSpace
from tests.support.admin import editor_form_data

pytestmark = pytest.mark.django_db


def url(model, name: str, *args) -> str:
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def object_urls(space: SafeSpace) -> dict[str, str]:
    revision = space.latest_revision.pk
    urls = {
        name: url(SafeSpace, name, space.pk)
        for name in (
            "edit",
            "delete",
            "usage",
            "history",
            "history_results",
            "preview_on_edit",
            "unpublish",
            "lock",
            "unlock",
            "workflow_history",
            "confirm_workflow_cancellation",
        )
    }
    for name in ("revisions_view", "revisions_revert", "revisions_unschedule"):
        urls[name] = url(SafeSpace, name, space.pk, revision)
    urls["revisions_compare"] = url(SafeSpace, "revisions_compare", space.pk, "earliest", "latest")
    return urls


def test_every_view_of_another_citys_listing_is_not_found(client, rome_editor, brussels_desk):
    client.force_login(rome_editor)

    statuses = {
        name: client.get(path).status_code for name, path in object_urls(brussels_desk).items()
    }
    posted = {
        name: client.post(object_urls(brussels_desk)[name]).status_code
        for name in ("edit", "delete", "unpublish", "lock", "revisions_revert")
    }

    assert set(statuses.values()) == {404}, statuses
    assert set(posted.values()) == {404}, posted
    assert SafeSpace.objects.get(pk=brussels_desk.pk).live
    assert SafeSpace.objects.get(pk=brussels_desk.pk).locked is False


def test_the_same_views_of_their_own_citys_listing_open(client, rome_editor, rome_desk):
    client.force_login(rome_editor)
    urls = object_urls(rome_desk)

    for name in ("edit", "usage", "history", "preview_on_edit", "revisions_view"):
        assert client.get(urls[name]).status_code == 200, name
    assert client.get(urls["revisions_compare"]).status_code == 200


def test_the_listing_its_search_filters_and_export_hold_their_city_only(
    client, rome_editor, rome_desk, brussels_desk
):
    client.force_login(rome_editor)

    listed = client.get(url(SafeSpace, "list")).content.decode()
    results = client.get(url(SafeSpace, "list_results")).content.decode()
    searched = client.get(url(SafeSpace, "list_results"), {"q": "ward desk"}).content.decode()
    by_city = client.get(url(SafeSpace, "list_results"), {"city": brussels_desk.city_id})
    exported = client.get(url(SafeSpace, "list"), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode())))
    filters = client.get(url(SafeSpace, "list")).context["filters"]

    assert "Rome ward desk" in listed and "Brussels ward desk" not in listed
    assert "Rome ward desk" in results and "Brussels ward desk" not in results
    assert "Rome ward desk" in searched and "Brussels ward desk" not in searched
    # Brussels is no choice of the city filter: asking for it is a filter error, not its rows.
    assert "Brussels ward desk" not in by_city.content.decode()
    assert [row["Name"] for row in rows] == ["Rome ward desk"]
    assert [city.name for city in filters.form.fields["city"].queryset] == ["Rome"]


def test_the_chooser_of_page_blocks_offers_their_city_only(
    client, rome_editor, rome_desk, brussels_desk
):
    client.force_login(rome_editor)
    chooser = SafeSpace.snippet_viewset.chooser_viewset

    chosen_list = client.get(reverse(chooser.get_url_name("choose"))).content.decode()
    results = client.get(
        reverse(chooser.get_url_name("choose_results")), {"q": "ward"}
    ).content.decode()
    chosen_other = client.get(reverse(chooser.get_url_name("chosen"), args=[brussels_desk.pk]))
    chosen_own = client.get(reverse(chooser.get_url_name("chosen"), args=[rome_desk.pk]))

    assert "Rome ward desk" in chosen_list and "Brussels ward desk" not in chosen_list
    assert "Rome ward desk" in results and "Brussels ward desk" not in results
    assert chosen_other.status_code == 404
    assert chosen_own.status_code == 200


def test_a_bulk_action_naming_another_citys_listing_is_not_found(
    client, rome, rome_editor, rome_desk, brussels_desk
):
    # Even for a Rome editor who may delete Rome's listings.
    role_group(rome, CityRole.Role.EDITOR).permissions.add(
        Permission.objects.get(codename="delete_safespace")
    )
    client.force_login(rome_editor)
    path = reverse("wagtail_bulk_action", args=("safe_spaces", "safespace", "delete"))

    response = client.post(f"{path}?id={rome_desk.pk}&id={brussels_desk.pk}&next=/admin/")

    assert response.status_code == 404
    assert SafeSpace.objects.filter(pk__in=[rome_desk.pk, brussels_desk.pk]).count() == 2


def test_the_dashboard_lists_their_citys_overdue_listings_only(
    client, rome_editor, rome_desk, brussels_desk
):
    overdue = datetime.date.today() - datetime.timedelta(days=3)
    SafeSpace.objects.filter(pk__in=[rome_desk.pk, brussels_desk.pk]).update(verify_by=overdue)
    client.force_login(rome_editor)

    home = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Rome ward desk" in home
    assert "Brussels ward desk" not in home


def test_a_new_listing_can_be_in_their_city_only(rome_editor, rome, brussels):
    form_class = SafeSpace.snippet_viewset.get_edit_handler().get_form_class()

    form = form_class(instance=SafeSpace(), for_user=rome_editor)

    assert list(form.fields["city"].queryset) == [rome]
    assert form.fields["city"].required


def test_a_city_editor_saves_drafts_but_never_publishes(client, rome_editor, rome_desk):
    client.force_login(rome_editor)
    live_revision = SafeSpace.objects.get(pk=rome_desk.pk).live_revision_id

    page = client.get(url(SafeSpace, "edit", rome_desk.pk)).content.decode()
    data = editor_form_data(page)
    data["name"] = "Rome ward desk, renamed"
    data["action-publish"] = "action-publish"
    client.post(url(SafeSpace, "edit", rome_desk.pk), data)

    assert 'name="action-publish"' not in page
    assert not rome_editor.has_perm("safe_spaces.publish_safespace")
    saved = SafeSpace.objects.get(pk=rome_desk.pk)
    assert (saved.name, saved.live_revision_id) == ("Rome ward desk", live_revision)
    assert saved.latest_revision.as_object().name == "Rome ward desk, renamed"


def test_helplines_of_other_cities_and_national_ones_are_not_theirs(client, rome_editor, helplines):
    client.force_login(rome_editor)

    listed = client.get(url(Helpline, "list")).content.decode()
    statuses = {
        key: client.get(url(Helpline, "edit", line.pk)).status_code
        for key, line in helplines.items()
    }
    form = Helpline.snippet_viewset.get_edit_handler().get_form_class()(
        instance=Helpline(), for_user=rome_editor
    )

    assert "Rome night line" in listed
    assert "Brussels night line" not in listed and "National line" not in listed
    assert statuses == {"rome": 200, "brussels": 404, "national": 404}
    assert [city.name for city in form.fields["city"].queryset] == ["Rome"]


def test_a_programme_administrator_sees_every_city(admin_client, rome_desk, brussels_desk):
    listed = admin_client.get(url(SafeSpace, "list")).content.decode()

    assert "Rome ward desk" in listed and "Brussels ward desk" in listed
    assert admin_client.get(url(SafeSpace, "edit", brussels_desk.pk)).status_code == 200


def test_a_bulk_action_naming_no_listing_at_all_is_not_found(client, rome, rome_editor):
    role_group(rome, CityRole.Role.EDITOR).permissions.add(
        Permission.objects.get(codename="delete_safespace")
    )
    client.force_login(rome_editor)
    path = reverse("wagtail_bulk_action", args=("safe_spaces", "safespace", "delete"))

    assert client.post(f"{path}?id=999999&next=/admin/").status_code == 404


def test_reading_every_city_and_editing_one_edits_that_one_only(
    client, rome, rome_editor, rome_desk, brussels_desk
):
    readers = Group.objects.create(name="Programme readers")
    readers.permissions.add(Permission.objects.get(codename="view_safespace"))
    rome_editor.groups.add(readers)
    client.force_login(rome_editor)

    listed = client.get(url(SafeSpace, "list")).content.decode()

    assert "Rome ward desk" in listed and "Brussels ward desk" in listed
    assert client.get(url(SafeSpace, "edit", rome_desk.pk)).status_code == 200
    assert client.post(url(SafeSpace, "edit", brussels_desk.pk), {"name": "x"}).status_code == 404
    assert SafeSpace.objects.get(pk=brussels_desk.pk).name == "Brussels ward desk"


@pytest.mark.parametrize(
    "listing_url",
    [
        reverse("wagtailsnippets_safe_spaces_safespace:list"),
        reverse("wagtailsnippets_safe_spaces_helpline:list"),
        reverse("confidential_access:index"),
    ],
)
def test_each_city_is_offered_once_in_a_listings_city_filter(admin_client, rome, fr, listing_url):
    rome.copy_for_translation(fr).save()

    page = admin_client.get(listing_url).content.decode()

    assert page.count(f'<option value="{rome.pk}">Rome</option>') == 1
    assert page.count(">Rome</option>") == 1


def test_the_helpline_city_filter_finds_every_language_row_of_the_city(
    admin_client, rome, fr, helplines
):
    french_rome = rome.copy_for_translation(fr)
    french_rome.save()
    Helpline.objects.filter(pk=helplines["rome"].pk).update(city=french_rome)
    path = reverse("wagtailsnippets_safe_spaces_helpline:list")

    page = admin_client.get(path, {"city": rome.pk}).content.decode()

    assert "Rome night line" in page
    assert "Brussels night line" not in page
