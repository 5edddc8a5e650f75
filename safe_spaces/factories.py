"""Factories for safe spaces, their phones and opening hours, helplines and categories.

A ``SafeSpaceFactory()`` is a live, verified listing in a Belgian city, open Monday to Friday
9:00-17:00, with one Brussels phone number. Pass ``phones=[...]`` (numbers) or
``opening_hours=[...]`` (weekdays) to choose them, an empty list for none.
"""

import datetime
from decimal import Decimal

import factory

from cms.access.models import ConfidentialAccess
from cms.core.factories import CityFactory, ModelFactory, TranslatableFactory
from cms.panels.factories import UserFactory

from .models import (
    Helpline,
    OpeningHours,
    SafeSpace,
    SafeSpacePhone,
    ScheduleException,
    ServiceCategory,
    Weekday,
)

WORKING_DAYS = [
    Weekday.MONDAY,
    Weekday.TUESDAY,
    Weekday.WEDNESDAY,
    Weekday.THURSDAY,
    Weekday.FRIDAY,
]


def brussels_number(n: int) -> str:
    """A valid Brussels landline (+32 2 5xx xx xx) in E.164 form, distinct for each ``n``."""
    return f"+3225{n % 1_000_000:06d}"


class ServiceCategoryFactory(TranslatableFactory[ServiceCategory]):
    code = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Counselling {n}")
    description = "Someone to talk to, in confidence."

    class Meta:
        model = ServiceCategory


class SafeSpaceFactory(TranslatableFactory[SafeSpace]):
    name = factory.Sequence(lambda n: f"Social office reception {n}")
    operated_by = "CPAS of Saint-Gilles"
    organization = None
    city = factory.SubFactory(CityFactory)
    description = "A social worker receives victims of violence in a private room."
    languages = factory.LazyFunction(lambda: ["fr", "nl", "en"])
    address_1 = factory.Sequence(lambda n: f"Rue de la Reception {n}")
    postal_code = "1060"
    latitude = Decimal("50.827800")
    longitude = Decimal("4.345700")
    status = SafeSpace.Status.ACTIVE
    verified_on = factory.LazyFunction(datetime.date.today)
    verify_by = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=180))

    class Meta:
        model = SafeSpace
        skip_postgeneration_save = True

    class Params:
        # A shelter: no public address, a public contact point instead.
        confidential = factory.Trait(
            confidential_location=True,
            public_contact_name="Shelter intake line",
            public_contact_phone=factory.Sequence(lambda n: brussels_number(900_000 + n)),
        )

    @factory.post_generation
    def categories(space: SafeSpace, create, extracted, **kwargs):
        if not create:
            return
        categories = extracted if extracted is not None else [ServiceCategoryFactory()]
        space.categories.set(categories)
        space.save()

    @factory.post_generation
    def audiences(space: SafeSpace, create, extracted, **kwargs):
        if create and extracted is not None:
            space.audiences.set(extracted)
            space.save()

    @factory.post_generation
    def phones(space: SafeSpace, create, extracted, **kwargs):
        if not create:
            return
        numbers = extracted if extracted is not None else [None]
        for number in numbers:
            overrides = {"number": number} if number else {}
            SafeSpacePhoneFactory(safe_space=space, **overrides, **kwargs)

    @factory.post_generation
    def opening_hours(space: SafeSpace, create, extracted, **kwargs):
        if not create:
            return
        for weekday in extracted if extracted is not None else WORKING_DAYS:
            OpeningHoursFactory(safe_space=space, weekday=weekday, **kwargs)


class SafeSpacePhoneFactory(ModelFactory[SafeSpacePhone]):
    safe_space = factory.SubFactory(SafeSpaceFactory, phones=[], opening_hours=[])
    number = factory.Sequence(brussels_number)
    type = SafeSpacePhone.Type.VOICE
    description = "Reception, weekdays"

    class Meta:
        model = SafeSpacePhone


class OpeningHoursFactory(ModelFactory[OpeningHours]):
    safe_space = factory.SubFactory(SafeSpaceFactory, phones=[], opening_hours=[])
    weekday = Weekday.MONDAY
    opens_at = datetime.time(9, 0)
    closes_at = datetime.time(17, 0)

    class Meta:
        model = OpeningHours


class ScheduleExceptionFactory(ModelFactory[ScheduleException]):
    """A summer closure, two weeks in August of next year."""

    safe_space = factory.SubFactory(SafeSpaceFactory, phones=[], opening_hours=[])
    valid_from = factory.LazyFunction(lambda: datetime.date(datetime.date.today().year + 1, 8, 1))
    valid_to = factory.LazyAttribute(lambda obj: obj.valid_from + datetime.timedelta(days=14))
    closed = True
    description = "Summer closure"

    class Meta:
        model = ScheduleException


class HelplineFactory(TranslatableFactory[Helpline]):
    """A national Belgian helpline; ``HelplineFactory(city_line=True)`` is a city's own."""

    name = factory.Sequence(lambda n: f"Violence listening line {n}")
    scope = Helpline.Scope.NATIONAL
    city = None
    country = "BE"
    number = "1712"
    description = "Anonymous, free listening line for anyone facing violence."
    hours_description = "Weekdays 9:00-19:00"
    available_24_7 = False
    languages = factory.LazyFunction(lambda: ["nl"])
    free_of_charge = True

    class Meta:
        model = Helpline

    class Params:
        city_line = factory.Trait(
            scope=Helpline.Scope.CITY,
            city=factory.SubFactory(CityFactory),
            number=factory.Sequence(lambda n: brussels_number(800_000 + n)),
        )


class ConfidentialAccessFactory(ModelFactory[ConfidentialAccess]):
    """One showing of a confidential location in the admin (``cms.access``'s log)."""

    user = factory.SubFactory(UserFactory)
    safe_space = factory.SubFactory(SafeSpaceFactory, confidential=True)
    city = factory.SelfAttribute("safe_space.city")
    screen = "edit"

    class Meta:
        model = ConfidentialAccess
