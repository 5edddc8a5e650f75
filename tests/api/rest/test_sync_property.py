"""The property of delta sync: a client that applies every sync page after any sequence of
publications, unpublications, deletions, moves, confidential flips, expiries and translations
holds exactly what a fresh full read returns, after every step."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safe_spaces.models import SafeSpace

from .conftest import listing
from .test_sync import read_all

pytestmark = pytest.mark.django_db

OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "publish",
                "unpublish",
                "republish",
                "delete",
                "move",
                "confidential",
                "expire",
                "translate",
            ]
        ),
        st.integers(min_value=0, max_value=5),
    ),
    min_size=1,
    max_size=8,
)


class Rollback(Exception):
    """Ends an example: its changes are rolled back, the next starts from the same state."""


class World:
    """The listings an example plays with, and what it does to them."""

    def __init__(self, brussels, rome, fr) -> None:
        self.cities = {brussels.pk: rome, rome.pk: brussels}  # a move goes to the other city
        self.brussels, self.fr = brussels, fr
        self.spaces: list[SafeSpace] = []
        self.made = 0

    def pick(self, index: int) -> SafeSpace | None:
        if not self.spaces:
            return None
        space = self.spaces[index % len(self.spaces)]
        return SafeSpace.objects.filter(pk=space.pk).first()

    def apply(self, operation: str, index: int) -> None:
        if operation == "publish" or not self.spaces:
            self.made += 1
            self.spaces.append(listing(self.brussels, self.made, name=f"Listing {self.made}"))
            return
        space = self.pick(index)
        if space is None:
            return
        if operation == "unpublish" and space.live:
            space.unpublish()
        elif operation == "republish":
            space.save_revision().publish()
        elif operation == "delete":
            self.spaces = [s for s in self.spaces if s.pk != space.pk]
            for translation in SafeSpace.objects.filter(translation_key=space.translation_key):
                translation.delete()
        elif operation == "move":
            space.city = self.cities[space.city_id]
            space.save_revision().publish()
        elif operation == "confidential":
            space.confidential_location = not space.confidential_location
            space.public_contact_name = "Contact line"
            space.public_contact_phone = "+3225550199"
            space.save_revision().publish()
        elif operation == "expire" and space.live:
            SafeSpace.objects.filter(pk=space.pk).update(
                expire_at=timezone.now() - datetime.timedelta(minutes=1)
            )
            call_command("publish_scheduled", verbosity=0)
        elif (
            operation == "translate"
            and not SafeSpace.objects.filter(
                translation_key=space.translation_key, locale=self.fr
            ).exists()
        ):
            translation = space.copy_for_translation(self.fr)
            translation.name = f"{space.name} (fr)"
            translation.save()
            translation.save_revision().publish()


def apply_page(replica: dict, items: list[dict], deleted: list[dict]) -> None:
    for tombstone in deleted:
        replica.pop((tombstone["type"], tombstone["id"]), None)
    for item in items:
        replica[(item["type"], item["id"])] = item["data"]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_a_replica_that_applies_sync_pages_equals_a_fresh_read_after_every_step(
    api, brussels, rome, fr, operations, settings_at_once
):
    params = {"locale": "fr", "city": "brussels", "page_size": 4}
    try:
        with transaction.atomic():
            world = World(brussels, rome, fr)
            replica: dict = {}
            items, deleted, token = read_all(api, dict(params))
            apply_page(replica, items, deleted)
            for operation, index in operations:
                world.apply(operation, index)
                items, deleted, token = read_all(api, {**params, "token": token})
                apply_page(replica, items, deleted)
                fresh, _, _ = read_all(api, dict(params))
                assert replica == {(i["type"], i["id"]): i["data"] for i in fresh}, operation
            raise Rollback
    except Rollback:
        pass


@pytest.fixture
def settings_at_once(settings):
    settings.SYNC_SETTLE_SECONDS = 0
