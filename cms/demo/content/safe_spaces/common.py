"""What every demo safe space is made of: weekly hours, exceptional closures and openings, and
:func:`space`, which builds an entry."""

# Weekly opening hours: weekday (1 = Monday) with opening and closing times.
HOURS: dict[str, list[tuple[int, str, str]]] = {
    "office": [(day, "09:00", "17:00") for day in range(1, 6)],
    "split": [
        *((day, "09:00", "12:00") for day in range(1, 6)),
        *((day, "13:30", "17:00") for day in range(1, 6)),
    ],
    "afternoons": [(day, "13:00", "19:00") for day in range(1, 6)],
    "mornings": [(1, "09:00", "12:30"), (3, "09:00", "12:30"), (5, "09:00", "12:30")],
    "youth": [*((day, "14:00", "20:00") for day in range(2, 6)), (6, "12:00", "18:00")],
    "always": [(day, "00:00", "23:59") for day in range(1, 8)],
    "evenings": [(1, "17:00", "21:00"), (3, "17:00", "21:00"), (6, "10:00", "14:00")],
}

# Exceptional closures and openings: (valid_from, valid_to, closed, opens_at, closes_at, text).
WINTER_CLOSURE = ("2026-12-24", "2027-01-01", True, None, None, "Closed over the winter holidays")
SUMMER_CLOSURE = ("2027-08-02", "2027-08-15", True, None, None, "Summer closure")
AWARENESS_WEEK = (
    "2027-03-08",
    "2027-03-12",
    False,
    "10:00",
    "21:00",
    "Open late during the awareness week",
)


def space(
    key: str,
    city: str,
    name: str,
    operated_by: str,
    description: str,
    categories: list[str],
    audiences: list[str],
    languages: list[str],
    where: tuple[str, str, str, float, float],
    phone: str,
    hours: str = "office",
    **extra,
) -> dict:
    """One safe-space entry; ``where`` is (street address, postal code, locality, lat, lon)."""
    address_1, postal_code, locality, latitude, longitude = where
    entry = {
        "key": key,
        "city": city,
        "name": name,
        "operated_by": operated_by,
        "description": description,
        "categories": categories,
        "audiences": audiences,
        "languages": languages,
        "address_1": address_1,
        "postal_code": postal_code,
        "locality": locality,
        "latitude": latitude,
        "longitude": longitude,
        "phones": [(phone, "voice", "Reception")],
        "hours": hours,
        "exceptions": [],
        "verified_on": "2026-10-01",
        "verify_by": "2027-10-01",
    }
    entry.update(extra)
    return entry
