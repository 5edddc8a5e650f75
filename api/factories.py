"""Factories for the API app: consumer keys, a city's settings.

A key's secret is generated when it is created and never kept: ``ConsumerKeyFactory()`` makes
a working key whose raw value is lost, for the tests that need a key row. Tests that send the
key use ``tests.api.keys.make_key``, which returns the raw value too.
"""

from typing import Any

import factory

from cms.core.factories import CityFactory, ModelFactory

from .models import CityNotice, CitySettings, ConsumerKey


class ConsumerKeyFactory(ModelFactory[ConsumerKey]):
    name = factory.Sequence(lambda n: f"City website widget {n}")
    kind = ConsumerKey.Kind.WIDGET
    all_cities = True
    all_locales = True
    requests_per_minute = 600

    class Meta:
        model = ConsumerKey

    @classmethod
    def _create(cls, model_class: type[ConsumerKey], **kwargs: Any) -> ConsumerKey:
        key = model_class(**kwargs)
        key.set_new_key()
        key.save()
        return key


class CitySettingsFactory(ModelFactory[CitySettings]):
    """A city's quick exit, with its notices in English (``notices__locale`` for another)."""

    city = factory.SubFactory(CityFactory)
    quick_exit_url = "https://weather.example.org/"
    notices = factory.RelatedFactory(
        "api.factories.CityNoticeFactory", factory_related_name="settings"
    )

    class Meta:
        model = CitySettings
        skip_postgeneration_save = True


class CityNoticeFactory(ModelFactory[CityNotice]):
    settings = factory.SubFactory(CitySettingsFactory, notices=None)
    locale = "en"
    safety_notice = "<p>Press Quick exit or Escape twice to leave this page at once.</p>"
    privacy_notice = "<p>Nothing about you is kept.</p>"

    class Meta:
        model = CityNotice
