"""Parameters the REST endpoints read: fields and query serializers. The shapes they answer
with are described in ``api.rest.answers``."""

from __future__ import annotations

import datetime
import math
from typing import Any

from django.conf import settings
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.public.nearby import MAX_RADIUS_KM
from api.public.safe_spaces import MAX_FILTER_VALUES, is_valid_code
from api.rest.base import split_codes

MAX_PAGE = 100_000

# --- Fields ----------------------------------------------------------------------------------


class CoordinateField(serializers.Field):
    """A JSON number within a range: not a string, not a boolean, not NaN."""

    default_error_messages = {
        "invalid": "Give a number between {minimum:g} and {maximum:g}.",
        "range": "Give a number between {minimum:g} and {maximum:g}.",
    }

    def __init__(self, *, minimum: float, maximum: float, exclusive_minimum: bool = False, **kw):
        self.minimum, self.maximum, self.exclusive_minimum = minimum, maximum, exclusive_minimum
        super().__init__(**kw)

    def to_internal_value(self, data: Any) -> float:
        if isinstance(data, bool) or not isinstance(data, int | float) or not math.isfinite(data):
            self.fail("invalid", minimum=self.minimum, maximum=self.maximum)
        value = float(data)
        too_low = value <= self.minimum if self.exclusive_minimum else value < self.minimum
        if too_low or value > self.maximum:
            self.fail("range", minimum=self.minimum, maximum=self.maximum)
        return value

    def to_representation(self, value: Any) -> float:
        return float(value)


class CoordinateFieldExtension(OpenApiSerializerFieldExtension):
    target_class = CoordinateField

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        field = self.target
        schema: dict[str, Any] = {
            "type": "number",
            "format": "double",
            "minimum": field.minimum,
            "maximum": field.maximum,
        }
        if field.exclusive_minimum:
            schema["exclusiveMinimum"] = True
        return schema


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class CodesField(serializers.Field):
    """Codes as ``a,b`` or repeated in a URL, or a JSON list of strings in a body."""

    default_error_messages = {
        "invalid": "Give codes as a comma-separated text or a list of strings.",
        "too_many": f"Give at most {MAX_FILTER_VALUES} codes.",
        "bad_code": "{code!r} is not a valid code.",
    }

    def to_internal_value(self, data: Any) -> list[str]:
        if isinstance(data, str):
            values = split_codes([data])
        elif isinstance(data, list) and all(isinstance(item, str) for item in data):
            values = split_codes(data)
        else:
            self.fail("invalid")
        codes = list(dict.fromkeys(value.strip().lower() for value in values))
        if len(codes) > MAX_FILTER_VALUES:
            self.fail("too_many")
        for code in codes:
            if not is_valid_code(code):
                self.fail("bad_code", code=code[:70])
        return codes

    def to_representation(self, value: Any) -> list[str]:
        return list(value)


@extend_schema_field(OpenApiTypes.DATETIME)
class InstantField(serializers.Field):
    """A date-time with its UTC offset (``2025-03-10T14:00:00+01:00``, ``...Z``) or a date
    (midnight UTC). A date-time without an offset is ambiguous, so refused."""

    default_error_messages = {
        "invalid": "Give a date-time with its UTC offset (2025-03-10T13:00:00Z) or a date.",
    }

    def to_internal_value(self, data: Any) -> datetime.datetime:
        if not isinstance(data, str) or len(data) > 40:
            self.fail("invalid")
        text = data.strip()
        moment: datetime.datetime | None
        try:
            if (day := parse_date(text)) is not None:
                moment = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
            else:
                moment = parse_datetime(text)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None or moment.utcoffset() is None:
            self.fail("invalid")
        return moment

    def to_representation(self, value: Any) -> str:
        return value.isoformat()


def locale_field() -> serializers.CharField:
    return serializers.CharField(
        required=False,
        max_length=10,
        help_text="Language code, e.g. fr; the default language (en) when not given.",
    )


def page_fields() -> dict[str, serializers.Field]:
    return {
        "page": serializers.IntegerField(
            required=False, default=1, min_value=1, max_value=MAX_PAGE, help_text="From 1."
        ),
        "per_page": serializers.IntegerField(
            required=False,
            default=settings.API_PAGE_SIZE_DEFAULT,
            min_value=1,
            max_value=settings.API_PAGE_SIZE_MAX,
            help_text=f"1 to {settings.API_PAGE_SIZE_MAX}.",
        ),
    }


def city_field(required: bool = False) -> serializers.CharField:
    return serializers.CharField(
        required=required, max_length=80, help_text="A city slug, e.g. brussels."
    )


class WidgetSafetyQuerySerializer(serializers.Serializer):
    locale = locale_field()
    city = city_field()


# --- HSDS parameters -------------------------------------------------------------------------


class HsdsFiltersSerializer(serializers.Serializer):
    locale = locale_field()
    city = city_field()
    taxonomy_term_id = serializers.UUIDField(
        required=False, help_text="The id of a service category or audience (a UUID)."
    )
    search = serializers.CharField(
        required=False,
        max_length=settings.API_SEARCH_MAX_LENGTH,
        help_text="Words to find in the name, description or operator.",
    )
    modified_after = InstantField(
        required=False,
        help_text="Services published on or after this date-time (with its UTC offset).",
    )
    full = serializers.BooleanField(
        required=False, default=False, help_text="true: fully nested services."
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        return {**super().get_fields(), **page_fields()}


class HsdsServicesQuerySerializer(HsdsFiltersSerializer):
    format = serializers.ChoiceField(
        choices=["json", "ndjson"],
        required=False,
        default="json",
        help_text="ndjson: every matching service, one JSON object a line, without pages.",
    )


# A point and a radius, for a search near the reader: only ever in a request body.
class PositionSerializer(serializers.Serializer):
    latitude = CoordinateField(minimum=-90, maximum=90, help_text="WGS84, -90 to 90.")
    longitude = CoordinateField(minimum=-180, maximum=180, help_text="WGS84, -180 to 180.")
    radius_km = CoordinateField(
        minimum=0,
        maximum=MAX_RADIUS_KM,
        exclusive_minimum=True,
        required=False,
        help_text=f"More than 0, at most {MAX_RADIUS_KM:g}; default 5.",
    )


class HsdsLocationSearchSerializer(HsdsFiltersSerializer, PositionSerializer):
    pass


class LocaleQuerySerializer(serializers.Serializer):
    locale = locale_field()


# --- Widget parameters -----------------------------------------------------------------------


class WidgetFiltersSerializer(serializers.Serializer):
    locale = locale_field()
    categories = CodesField(required=False, help_text="Service category codes (any of).")
    audiences = CodesField(required=False, help_text="Audience codes (any of).")
    languages = CodesField(required=False, help_text="ISO 639 codes of languages spoken (any of).")
    open_now = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Only the listings open now, in their city's time zone.",
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        return {**super().get_fields(), **page_fields()}


class WidgetSafeSpacesQuerySerializer(WidgetFiltersSerializer):
    city = city_field(required=True)


class WidgetNearSearchSerializer(WidgetFiltersSerializer, PositionSerializer):
    city = city_field()


class WidgetHelplinesQuerySerializer(serializers.Serializer):
    locale = locale_field()
    city = city_field(required=True)
