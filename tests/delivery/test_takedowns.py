"""Emergency takedown: unpublished at once, an urgent tombstone, bundles rebuilt first, who and
why for administrators only; the admin's action and the feed clients poll."""

import json
import uuid
from html import escape

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from api import result_cache
from api.surrogate import object_key
from cms.core.factories import CityFactory
from cms.delivery.models import Bundle, ChangeRecord, Takedown
from cms.delivery.takedowns import take_down
from safe_spaces.factories import HelplineFactory, SafeSpaceFactory
from safe_spaces.models import SafeSpace
from tests.api.keys import make_key
from toolbox_pages.factories import ModulePageFactory, ToolboxPageFactory

pytestmark = pytest.mark.django_db

FEED = "/api/v1/takedowns"
REASON = "The shelter's street address was published by mistake."


@pytest.fixture
def brussels():
    return CityFactory(name="Brussels", slug="brussels")


@pytest.fixture
def shelter(brussels) -> SafeSpace:
    return SafeSpaceFactory(city=brussels, name="Night shelter")


@pytest.fixture
def key_header() -> dict:
    _, raw = make_key()
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_a_takedown_unpublishes_records_and_rebuilds(
    client, shelter, admin_user, key_header, django_capture_on_commit_callbacks, settings
):
    settings.API_RESULT_CACHE_SECONDS = 60
    client.get("/api/v1/bundles/brussels/en", **key_header)  # a kiosk holds it
    assert "Night shelter" in Bundle.objects.get().body.decode()
    # A cached answer that served the listing.
    result_cache.put("api:response:listing", b"{}", [object_key(shelter.translation_key)])
    assert result_cache.get("api:response:listing") is not None

    with django_capture_on_commit_callbacks(execute=True):
        takedown = take_down(shelter, admin_user, f"  {REASON} ")

    shelter.refresh_from_db()
    assert shelter.live is False
    assert (takedown.kind, takedown.key, takedown.title) == (
        "safe_space",
        shelter.translation_key,
        "Night shelter",
    )
    assert (takedown.taken_by, takedown.reason) == (admin_user, REASON)
    urgent = ChangeRecord.objects.get(urgent=True)
    assert (urgent.kind, urgent.key, urgent.action) == (
        "safe_space",
        shelter.translation_key,
        "taken_down",
    )
    assert "Night shelter" not in Bundle.objects.get().body.decode()
    assert result_cache.get("api:response:listing") is None
    # Who took it down is not on the listing's history, which editors read.
    unpublished = ModelLogEntry.objects.get(action="wagtail.unpublish")
    assert unpublished.user_id is None


def test_a_page_is_taken_down_with_the_pages_under_it(toolbox_index, admin_user):
    toolbox = ToolboxPageFactory(parent=toolbox_index)
    module = ModulePageFactory(parent=toolbox)

    take_down(toolbox, admin_user, REASON)

    assert not toolbox.__class__.objects.get(pk=toolbox.pk).live
    assert not module.__class__.objects.get(pk=module.pk).live
    assert set(ChangeRecord.objects.filter(urgent=True).values_list("kind", "key")) == {
        ("toolbox", toolbox.translation_key),
        ("module", module.translation_key),
    }


def test_a_takedown_needs_a_reason(shelter, admin_user):
    with pytest.raises(ValueError, match="Say why"):
        take_down(shelter, admin_user, "   ")

    shelter.refresh_from_db()
    assert shelter.live is True
    assert not Takedown.objects.exists()


# --- The feed ------------------------------------------------------------------------------------


def test_the_feed_names_what_to_remove_since_the_last_answer(
    client, shelter, brussels, admin_user, key_header
):
    first = client.get(FEED, **key_header).json()
    assert (first["takedowns"], first["cursor"], first["poll_seconds"]) == ([], 0, 30)

    take_down(shelter, admin_user, REASON)
    line = HelplineFactory(name="Hijacked line")
    take_down(line, admin_user, "The number was taken over.")
    answer = client.get(FEED, {"since": first["cursor"]}, **key_header).json()

    assert [(t["type"], t["id"]) for t in answer["takedowns"]] == [
        ("safe_space", str(shelter.translation_key)),
        ("helpline", str(line.translation_key)),
    ]
    later = client.get(FEED, {"since": answer["cursor"]}, **key_header)
    assert later.json()["takedowns"] == []
    again = client.get(
        FEED, {"since": answer["cursor"]}, HTTP_IF_NONE_MATCH=later["ETag"], **key_header
    )
    assert again.status_code == 304
    assert json.dumps(answer).count(REASON) == 0  # the reason is never served


@pytest.mark.parametrize("since", ["-1", "yesterday", "1.5"])
def test_a_bad_cursor_is_a_400(client, key_header, since):
    response = client.get(FEED, {"since": since}, **key_header)

    assert response.status_code == 400
    assert "since" in response.json()["fields"]


def test_the_feed_needs_a_key(client):
    assert client.get(FEED).status_code == 401


# --- The admin -----------------------------------------------------------------------------------


def edit_url(space) -> str:
    return f"/admin/snippets/safe_spaces/safespace/edit/{space.pk}/"


def take_down_url(space) -> str:
    return f"/admin/delivery/take-down/safe_spaces.safespace/{space.pk}/"


def test_an_administrator_takes_a_listing_down_from_its_edit_screen(admin_client, shelter):
    assert take_down_url(shelter) in admin_client.get(edit_url(shelter)).content.decode()

    refused = admin_client.post(take_down_url(shelter), {"reason": "  "})
    assert refused.status_code == 200
    assert "Say why it must come down." in refused.content.decode()
    assert SafeSpace.objects.get(pk=shelter.pk).live is True

    done = admin_client.post(take_down_url(shelter), {"reason": REASON}, follow=True)
    assert "was taken down" in done.content.decode()
    assert SafeSpace.objects.get(pk=shelter.pk).live is False
    report = admin_client.get("/admin/delivery/takedowns/").content.decode()
    assert "Night shelter" in report and escape(REASON) in report and "admin" in report


def test_only_holders_of_the_takedown_permission_see_and_use_it(client, shelter, django_user_model):
    editors = Group.objects.create(name="Listing editors without takedown")
    editors.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="safe_spaces", codename__in=["change_safespace"]
        ),
    )
    editor = django_user_model.objects.create_user("editor", password="x")  # noqa: S106
    editor.groups.add(editors)
    client.force_login(editor)

    assert client.get(take_down_url(shelter)).status_code in (302, 403)
    assert client.post(take_down_url(shelter), {"reason": REASON}).status_code in (302, 403)
    assert SafeSpace.objects.get(pk=shelter.pk).live is True

    editors.permissions.add(Permission.objects.get(codename="take_down"))
    editor = django_user_model.objects.get(pk=editor.pk)  # permissions read afresh
    client.force_login(editor)
    assert client.post(take_down_url(shelter), {"reason": REASON}).status_code == 302
    assert SafeSpace.objects.get(pk=shelter.pk).live is False
    # The report of who and why stays with the administrators.
    refused = client.get("/admin/delivery/takedowns/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")


def test_the_takedown_permission_is_offered_in_the_group_editor(admin_client):
    html = admin_client.get("/admin/groups/new/").content.decode()

    assert "Can take down published content at once" in html


def test_a_page_shows_the_action_to_administrators(admin_client, toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index)

    html = admin_client.get(f"/admin/pages/{toolbox.pk}/edit/").content.decode()

    assert f"/admin/delivery/take-down/page/{toolbox.pk}/" in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_bundles_are_rebuilt_before_any_other_queued_task(shelter, admin_user, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    take_down(shelter, admin_user, REASON)

    urgent = DBTaskResult.objects.order_by("-priority", "enqueued_at").first()
    assert urgent is not None
    assert (urgent.task_path, urgent.priority) == ("cms.delivery.tasks.refresh_bundles", 100)
    assert urgent.args_kwargs["kwargs"]["city_keys"] == [str(shelter.city.translation_key)]


def test_the_home_page_and_an_unpublished_listing_are_not_taken_down(
    admin_client, home_page, shelter
):
    home = admin_client.post(
        f"/admin/delivery/take-down/page/{home_page.pk}/", {"reason": REASON}, follow=True
    )
    assert "Only toolboxes, modules, listings and helplines are taken down." in (
        home.content.decode()
    )
    shelter.unpublish()
    draft = admin_client.post(take_down_url(shelter), {"reason": REASON}, follow=True)
    assert "is not published: nothing to take down." in draft.content.decode()
    assert not Takedown.objects.exists()
    assert admin_client.get("/admin/delivery/take-down/auth.user/1/").status_code == 404


def test_a_first_look_at_the_feed_starts_from_the_newest(client, key_header, settings):
    settings.SYNC_PAGE_SIZE_MAX = 2
    records = [
        ChangeRecord.objects.create(
            kind="helpline", key=uuid.uuid4(), action="taken_down", urgent=True, at=timezone.now()
        )
        for _ in range(3)
    ]

    first = client.get(FEED, **key_header).json()
    paged = client.get(FEED, {"since": records[0].seq - 1}, **key_header).json()

    assert first["cursor"] == records[-1].seq
    assert [t["id"] for t in first["takedowns"]] == [str(r.key) for r in records[1:]]
    assert [t["id"] for t in paged["takedowns"]] == [str(r.key) for r in records[:2]]
