"""Consumer keys for API tests."""

from api.models import ConsumerKey


def make_key(
    name: str = "Esch website widget",
    *,
    cities: list | None = None,
    locales: list[str] | None = None,
    origins: list[str] | None = None,
    requests_per_minute: int = 600,
    kind: str = ConsumerKey.Kind.WIDGET,
) -> tuple[ConsumerKey, str]:
    """A saved key and its raw value; every city / every language unless limited."""
    key = ConsumerKey(
        name=name,
        kind=kind,
        all_cities=cities is None,
        all_locales=locales is None,
        locales=locales or [],
        allowed_origins=origins or [],
        requests_per_minute=requests_per_minute,
    )
    raw = key.set_new_key()
    key.full_clean()
    key.save()
    if cities:
        key.cities.set(cities)
    return key, raw
