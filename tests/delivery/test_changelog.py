"""The change log: each change readers may notice is recorded in its own transaction, by kind
and translation key, with nothing about any person."""

import datetime
import io
import uuid

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.core.factories import CityFactory
from cms.delivery.models import ChangeRecord
from safe_spaces.factories import SafeSpaceFactory
from toolbox_pages.factories import ModulePageFactory, ToolboxPageFactory

pytestmark = pytest.mark.django_db


def logged() -> list[tuple[str, str, str]]:
    return list(ChangeRecord.objects.order_by("seq").values_list("kind", "action", "locale"))


def test_a_page_published_unpublished_and_deleted_is_logged_each_time(toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index, title="Toolbox")
    ChangeRecord.objects.all().delete()

    toolbox.save_revision().publish()
    toolbox.unpublish()
    toolbox.delete()

    assert logged() == [
        ("toolbox", "published", "en"),
        ("toolbox", "unpublished", "en"),
        ("toolbox", "deleted", "en"),
    ]
    assert set(ChangeRecord.objects.values_list("key", flat=True)) == {toolbox.translation_key}


def test_a_deleted_toolbox_logs_its_modules_too(toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index)
    module = ModulePageFactory(parent=toolbox)
    ChangeRecord.objects.all().delete()

    toolbox.delete()

    # Wagtail unpublishes the live pages it deletes.
    assert set(ChangeRecord.objects.values_list("kind", "key", "action")) == {
        ("toolbox", toolbox.translation_key, "unpublished"),
        ("toolbox", toolbox.translation_key, "deleted"),
        ("module", module.translation_key, "unpublished"),
        ("module", module.translation_key, "deleted"),
    }


def test_a_moved_module_and_a_private_toolbox_are_logged(toolbox_index):
    first = ToolboxPageFactory(parent=toolbox_index)
    second = ToolboxPageFactory(parent=toolbox_index)
    module = ModulePageFactory(parent=first)
    ChangeRecord.objects.all().delete()

    module.move(second, pos="last-child")
    PageViewRestriction.objects.create(page=second, restriction_type="login")

    assert logged() == [
        ("module", "moved", "en"),
        ("toolbox", "restricted", "en"),
        ("module", "restricted", "en"),
    ]


def test_a_listing_is_logged_with_its_city_and_a_rolled_back_change_is_not():
    rome = CityFactory(name="Rome", slug="rome")
    space = SafeSpaceFactory(city=rome)
    ChangeRecord.objects.all().delete()

    space.unpublish()
    with pytest.raises(RuntimeError), transaction.atomic():
        space.save_revision().publish()
        raise RuntimeError("the publication fails")

    assert list(ChangeRecord.objects.values_list("kind", "key", "city_key", "action")) == [
        ("safe_space", space.translation_key, rome.translation_key, "unpublished")
    ]


def test_a_record_holds_nothing_about_people():
    fields = {field.name for field in ChangeRecord._meta.get_fields()}

    assert fields == {"seq", "kind", "key", "locale", "city_key", "action", "urgent", "at"}


def test_records_older_than_the_tombstone_days_are_pruned(settings):
    now = timezone.now()
    for days in (settings.SYNC_TOMBSTONE_DAYS + 1, settings.SYNC_TOMBSTONE_DAYS - 1):
        ChangeRecord.objects.create(
            kind="safe_space",
            key=uuid.uuid4(),
            action="deleted",
            at=now - datetime.timedelta(days=days),
        )
    out = io.StringIO()

    call_command("prune_change_log", stdout=out)

    assert ChangeRecord.objects.count() == 1
    assert out.getvalue().startswith("Deleted 1 change records older than ")
