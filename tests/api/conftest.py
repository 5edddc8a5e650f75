"""What the API tests share: an empty cache around each test, and the cities they list."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from api import result_cache
from cms.core.factories import CityFactory
from cms.core.models import City


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Answers, request counters, last-used marks and Wagtail's rendition cache (by image id,
    and ids are reused after a rollback) live in the cache: each test starts and ends
    without."""
    cache.clear()
    result_cache.clear_local()
    yield
    cache.clear()
    result_cache.clear_local()


@pytest.fixture
def brussels(db) -> City:
    """A partner city with its own languages and the 112 emergency number."""
    return CityFactory(
        name="Brussels",
        slug="brussels",
        country="BE",
        timezone="Europe/Brussels",
        role=City.Role.PARTNER,
        languages=["fr", "nl"],
        with_emergency_number=True,
    )


@pytest.fixture
def rome(db) -> City:
    """A trainee city in another country and time zone."""
    return CityFactory(
        name="Rome", slug="rome", country="IT", timezone="Europe/Rome", role=City.Role.TRAINEE
    )
