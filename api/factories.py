"""Factories for the API app: consumer keys.

A key's secret is generated when it is created and never kept: ``ConsumerKeyFactory()`` makes
a working key whose raw value is lost, for the tests that need a key row. Tests that send the
key use ``tests.api.keys.make_key``, which returns the raw value too.
"""

from typing import Any

import factory

from cms.core.factories import ModelFactory

from .models import ConsumerKey


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
