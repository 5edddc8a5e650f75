"""The public content APIs (GraphQL and REST)."""

from django.apps import AppConfig
from django.conf import settings


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Content API"

    def ready(self) -> None:
        from api.graphql.suggestions import hide_suggestions

        hide_suggestions(hidden=not settings.DEBUG)

        from api import result_cache

        result_cache.connect_signals()

        from api import consumers

        consumers.connect_signals()
