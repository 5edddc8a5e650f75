"""Factories for delivery: webhook subscriptions.

``WebhookSubscriptionFactory()`` makes a subscription with a working secret (read it back
with ``.secret``), for every event, city and language unless told otherwise.
"""

from typing import Any

import factory

from cms.core.factories import ModelFactory

from .models import WebhookEvent, WebhookSubscription


class WebhookSubscriptionFactory(ModelFactory[WebhookSubscription]):
    name = factory.Sequence(lambda n: f"City app {n}")
    url = "https://hooks.example.org/equalcity"
    events = factory.LazyFunction(lambda: list(WebhookEvent.values))
    all_cities = True
    all_locales = True

    class Meta:
        model = WebhookSubscription

    @classmethod
    def _create(cls, model_class: type[WebhookSubscription], **kwargs: Any) -> Any:
        cities = kwargs.pop("cities", None)
        subscription = model_class(**kwargs)
        subscription.set_new_secret()
        subscription.save()
        if cities is not None:
            subscription.cities.set(cities)
        return subscription
