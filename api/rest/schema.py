"""The generator of the REST API's OpenAPI document."""

from typing import Any

from drf_spectacular.generators import SchemaGenerator

SCHEMA_URLCONF = "api.rest.schema_urls"


class RestSchemaGenerator(SchemaGenerator):
    """Generates from the REST API's own URLs unless told otherwise. It is the default
    generator (``SPECTACULAR_SETTINGS["DEFAULT_GENERATOR_CLASS"]``), so that
    ``manage.py spectacular`` and drf-spectacular's deploy check look at this API, not at
    Wagtail's admin API or wagtail-localize's views (which are DRF views too)."""

    def __init__(self, *args: Any, urlconf: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, urlconf=urlconf or SCHEMA_URLCONF, **kwargs)
