"""A look into the local-memory cache of the test settings, for the tests that prove what is
never stored (a reader's position, a search text) and what is."""

from typing import Any

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache


def cache_store(cache: Any = None) -> dict[str, Any]:
    """The cache's own store, by full key (prefix and version included); the default cache
    when ``cache`` is Django's ``cache`` proxy or not given."""
    backend = cache if isinstance(cache, LocMemCache) else caches["default"]
    if not isinstance(backend, LocMemCache):
        raise TypeError("The tests read the local-memory cache of cms.settings.test only.")
    return vars(backend)["_cache"]
