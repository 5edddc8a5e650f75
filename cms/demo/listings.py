"""Demo safe spaces and helplines: created from ``content/safe_spaces`` when missing, each
found again by its stable translation key."""

from collections.abc import Callable
from decimal import Decimal

from wagtail.models import Locale

from cms.demo.content import safe_spaces as safe_space_data
from cms.demo.content import stable_uuid
from cms.demo.seeding import parse_date, parse_time, publish
from safe_spaces.models import (
    Helpline,
    OpeningHours,
    SafeSpace,
    SafeSpacePhone,
    ScheduleException,
)

WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"


class ListingSeeder:
    """Creates the missing demo safe spaces and helplines (``refs``: the shared registry of
    seeded objects, by kind and key)."""

    def __init__(self, locale: Locale, tally: Callable[[str, bool], None], refs: dict) -> None:
        self.locale = locale
        self._tally = tally
        self.refs = refs

    def safe_space(self, data: dict, refs: dict) -> SafeSpace:
        # The translation key is the listing's public id: the same in every database.
        translation_key = stable_uuid("safe-space", data["key"])
        space = SafeSpace.objects.filter(
            translation_key=translation_key, locale=self.locale
        ).first()
        created = space is None
        if space is None:
            fields = {
                name: data[name]
                for name in (
                    "name",
                    "operated_by",
                    "description",
                    "languages",
                    "address_1",
                    "postal_code",
                    "locality",
                )
            }
            optional = {
                name: data[name]
                for name in (
                    "eligibility_description",
                    "minimum_age",
                    "maximum_age",
                    "fees_description",
                    "free_of_charge",
                    "interpretation_services",
                    "accessibility",
                    "application_process",
                    "transportation",
                    "confidential_location",
                    "public_contact_name",
                    "public_contact_phone",
                    "public_contact_email",
                    "email",
                    "status",
                    "alert",
                )
                if name in data
            }
            space = SafeSpace(
                translation_key=translation_key,
                locale=self.locale,
                city=refs["cities"][data["city"]],
                organization=refs["organisations"].get(data.get("organisation", "")),
                latitude=Decimal(str(data["latitude"])),
                longitude=Decimal(str(data["longitude"])),
                verified_on=parse_date(data["verified_on"]),
                verify_by=parse_date(data["verify_by"]),
                **fields,
                **optional,
            )
            space.categories = [refs["categories"][code] for code in data["categories"]]
            space.audiences = [refs["audiences"][code] for code in data["audiences"]]
            space.phones = [
                SafeSpacePhone(safe_space=space, number=number, type=kind, description=text)
                for number, kind, text in data["phones"]
            ]
            space.regular_schedule = [
                OpeningHours(
                    safe_space=space,
                    weekday=weekday,
                    opens_at=parse_time(opens),
                    closes_at=parse_time(closes),
                )
                for weekday, opens, closes in safe_space_data.HOURS[data["hours"]]
            ]
            space.schedule_exceptions = [
                ScheduleException(
                    safe_space=space,
                    valid_from=parse_date(start),
                    valid_to=parse_date(end),
                    closed=closed,
                    opens_at=parse_time(opens),
                    closes_at=parse_time(closes),
                    description=text,
                )
                for start, end, closed, opens, closes, text in data["exceptions"]
            ]
            space.full_clean()
            for relation in ("phones", "regular_schedule", "schedule_exceptions"):
                for order, child in enumerate(getattr(space, relation).all()):
                    child.sort_order = order
                    # The parent row doesn't exist yet; its key is checked when it is saved.
                    child.full_clean(exclude=["safe_space"])
            space.save()
            publish(space)
        self._tally("safe spaces", created)
        self.refs[("safe_space", data["key"])] = space
        return space

    def helpline(self, key: str, data: dict, refs: dict) -> Helpline:
        translation_key = stable_uuid("helpline", key)
        helpline = Helpline.objects.filter(
            translation_key=translation_key, locale=self.locale
        ).first()
        created = helpline is None
        if helpline is None:
            fields = {name: value for name, value in data.items() if name != "city"}
            helpline = Helpline(
                translation_key=translation_key,
                locale=self.locale,
                city=refs["cities"].get(data.get("city", "")),
                **fields,
            )
            helpline.full_clean()
            helpline.save()
            publish(helpline)
        self._tally("helplines", created)
        self.refs[("helpline", key)] = helpline
        return helpline

    # --- the whole site ----------------------------------------------------------------------
