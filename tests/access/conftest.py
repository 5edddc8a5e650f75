"""Two cities with their role groups, their people and their listings."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from cms.access.models import CityRole
from cms.access.roles import role_group
from cms.core.factories import CityFactory
from cms.core.models import City
from cms.panels.factories import UserFactory
from safe_spaces.factories import HelplineFactory, SafeSpaceFactory
from safe_spaces.models import Helpline, SafeSpace
from tests.support.shelter import confidential_shelter


@pytest.fixture
def rome(db) -> City:
    return CityFactory(name="Rome", slug="rome", country="IT", timezone="Europe/Rome")


@pytest.fixture
def brussels(db) -> City:
    return CityFactory(name="Brussels", slug="brussels", country="BE")


def person(username: str, *groups: Group):
    user = UserFactory(username=username)
    user.groups.add(*groups)
    return user


@pytest.fixture
def rome_editor(rome):
    return person("rome-editor", role_group(rome, CityRole.Role.EDITOR))


@pytest.fixture
def rome_coordinator(rome):
    return person("rome-coordinator", role_group(rome, CityRole.Role.COORDINATOR))


@pytest.fixture
def rome_confidant(rome):
    """A Rome editor who may also see Rome's confidential locations."""
    return person(
        "rome-confidant",
        role_group(rome, CityRole.Role.EDITOR),
        role_group(rome, CityRole.Role.CONFIDENTIAL),
    )


def listing(city: City, name: str, **fields) -> SafeSpace:
    space = SafeSpaceFactory(name=name, city=city, **fields)
    space.save_revision().publish()
    return space


@pytest.fixture
def rome_desk(rome) -> SafeSpace:
    return listing(rome, "Rome ward desk")


@pytest.fixture
def brussels_desk(brussels) -> SafeSpace:
    return listing(brussels, "Brussels ward desk")


@pytest.fixture
def rome_shelter(rome) -> SafeSpace:
    """Rome's confidential shelter, published, with a draft after it that moves its entrance
    from the back door to a side door (two revisions)."""
    space = confidential_shelter(rome)
    space.save_revision().publish()
    draft = space.get_latest_revision_as_object()
    draft.description = "Open to women and their children."
    draft.address_2 = "Side door"
    draft.save_revision()
    return SafeSpace.objects.get(pk=space.pk)


@pytest.fixture
def helplines(rome, brussels) -> dict[str, Helpline]:
    return {
        "rome": HelplineFactory(name="Rome night line", city_line=True, city=rome, country="IT"),
        "brussels": HelplineFactory(
            name="Brussels night line", city_line=True, city=brussels, country="BE"
        ),
        "national": HelplineFactory(name="National line", country="IT"),
    }
