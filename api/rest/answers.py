"""The REST API's answers, as serializers for the OpenAPI document only: the views build their
answers from the public shapes (``api.public``, ``api.representations``); these describe them."""

from __future__ import annotations

from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What is wrong, and how to fix it.")
    code = serializers.CharField(
        help_text=(
            "invalid, key_required, invalid_key, revoked_key, locale_not_allowed, "
            "city_not_allowed, city_required, not_found, rate_limited..."
        )
    )
    # The error body's "fields" key (a name DRF's Serializer also uses for its own fields).
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For bad input: the messages of each bad parameter.",
    )


class HsdsApiInfoSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="HSDS version: 3.1.")
    profile = serializers.URLField(help_text="Where the Equalcity profile of HSDS is described.")
    openapi_url = serializers.URLField(help_text="This API's OpenAPI document (JSON).")


class HsdsServicePageSerializer(serializers.Serializer):
    total_items = serializers.IntegerField()
    total_pages = serializers.IntegerField()
    page_number = serializers.IntegerField()
    size = serializers.IntegerField(help_text="Services on this page.")
    first_page = serializers.BooleanField()
    last_page = serializers.BooleanField()
    empty = serializers.BooleanField()
    contents = serializers.ListField(
        child=serializers.DictField(),
        help_text=(
            "HSDS 3.1 services: one-to-one fields and the organization (the HSDS "
            "service_list shape), fully nested with full=true."
        ),
    )


def served_language_fields() -> dict[str, serializers.Field]:
    """``locale`` and ``is_fallback`` of an object with texts: a client marks a fallback's
    text with its own language and direction."""
    return {
        "locale": serializers.CharField(help_text="Language code of the texts, e.g. en."),
        "is_fallback": serializers.BooleanField(
            help_text="In the default language: no published translation in the one asked for."
        ),
    }


class TermSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()

    def get_fields(self) -> dict[str, serializers.Field]:
        return {**super().get_fields(), **served_language_fields()}


NATIONAL = "As dialled within the country, e.g. 02 555 01 23 (a short number as stored)."
INTERNATIONAL = "As dialled from abroad, e.g. +32 2 555 01 23 (a short number as stored)."


class PublicContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField(help_text="E.164, or the digits of a short number.")
    phone_national = serializers.CharField(help_text=NATIONAL)
    phone_international = serializers.CharField(help_text=INTERNATIONAL)
    email = serializers.CharField()


class AddressSerializer(serializers.Serializer):
    address_1 = serializers.CharField()
    address_2 = serializers.CharField()
    postal_code = serializers.CharField()
    locality = serializers.CharField()


class PhoneSerializer(serializers.Serializer):
    number = serializers.CharField(help_text="E.164, or the digits of a short number.")
    national = serializers.CharField(help_text=NATIONAL)
    international = serializers.CharField(help_text=INTERNATIONAL)
    type = serializers.ChoiceField(choices=["voice", "text", "whatsapp"])
    description = serializers.CharField()


class OpeningHoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="ISO weekday: 1 is Monday, 7 is Sunday.")
    opens_at = serializers.CharField(help_text="Local time, HH:MM.")
    closes_at = serializers.CharField(help_text="Local time, HH:MM; 23:59 means until midnight.")


class ScheduleExceptionSerializer(serializers.Serializer):
    valid_from = serializers.DateField()
    valid_to = serializers.DateField()
    closed = serializers.BooleanField()
    opens_at = serializers.CharField(allow_null=True)
    closes_at = serializers.CharField(allow_null=True)
    description = serializers.CharField()


class CityRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    country = serializers.CharField()
    timezone = serializers.CharField(help_text="IANA time zone of the opening hours.")

    def get_fields(self) -> dict[str, serializers.Field]:
        return {**super().get_fields(), **served_language_fields()}


class WidgetSafeSpaceSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The same for every language version.")
    name = serializers.CharField()
    operated_by = serializers.CharField()
    status = serializers.ChoiceField(choices=["active", "temporarily closed"])
    alert = serializers.CharField()
    confidential_location = serializers.BooleanField(
        help_text=(
            "True: no address, coordinates, directions, accessibility, phones or email; "
            "use public_contact."
        )
    )
    address = AddressSerializer(allow_null=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    distance_km = serializers.FloatField(
        allow_null=True, help_text="Only in a search near a point."
    )
    public_contact = PublicContactSerializer()
    city = CityRefSerializer()
    description = serializers.CharField()
    eligibility_description = serializers.CharField()
    minimum_age = serializers.IntegerField(allow_null=True)
    maximum_age = serializers.IntegerField(allow_null=True)
    free_of_charge = serializers.BooleanField()
    fees_description = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField(), help_text="ISO 639 codes.")
    interpretation_services = serializers.CharField()
    accessibility = serializers.CharField()
    application_process = serializers.CharField()
    transportation = serializers.CharField()
    phones = PhoneSerializer(many=True)
    email = serializers.CharField()
    url = serializers.CharField()
    categories = TermSerializer(many=True)
    audiences = TermSerializer(many=True)
    opening_hours = OpeningHoursSerializer(many=True)
    schedule_exceptions = ScheduleExceptionSerializer(many=True)
    is_open_now = serializers.BooleanField(
        help_text="In the city's time zone, exceptions included."
    )
    verified_on = serializers.DateField(allow_null=True)
    locale = serializers.CharField()
    translation_key = serializers.UUIDField()
    is_fallback = serializers.BooleanField(
        help_text="Shown in the default language: no published translation in the one asked for."
    )


class WidgetSafeSpacePageSerializer(serializers.Serializer):
    total_items = serializers.IntegerField()
    total_pages = serializers.IntegerField()
    page_number = serializers.IntegerField()
    per_page = serializers.IntegerField()
    results = WidgetSafeSpaceSerializer(many=True)


class WidgetBlockSerializer(serializers.Serializer):
    id = serializers.CharField()
    block_type = serializers.CharField(
        help_text="heading, paragraph, image, callout, exercise, referral_pathway, ... Each type "
        "has its own fields, the same as the GraphQL API's (in snake_case)."
    )


class WidgetModuleSerializer(serializers.Serializer):
    title = serializers.CharField()
    slug = serializers.CharField()
    summary = serializers.CharField()
    duration_minutes = serializers.IntegerField(allow_null=True)
    learning_objectives = serializers.ListField(child=serializers.CharField())
    audiences = TermSerializer(many=True)
    content_warnings = TermSerializer(many=True, help_text="Show them before the module opens.")
    body = WidgetBlockSerializer(many=True)
    locale = serializers.CharField()
    translation_key = serializers.UUIDField()
    is_fallback = serializers.BooleanField()


class PartnerSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["city", "ngo", "university", "international"])
    website = serializers.CharField()
    description = serializers.CharField()
    logo = serializers.DictField(allow_null=True)

    def get_fields(self) -> dict[str, serializers.Field]:
        return {**super().get_fields(), **served_language_fields()}


class WidgetToolboxSerializer(serializers.Serializer):
    title = serializers.CharField()
    slug = serializers.CharField()
    summary = serializers.CharField()
    focus = serializers.CharField()
    audiences = TermSerializer(many=True)
    content_warnings = TermSerializer(many=True, help_text="Show them before the toolbox opens.")
    cover_image = serializers.DictField(allow_null=True)
    body = WidgetBlockSerializer(many=True)
    partners = PartnerSerializer(many=True)
    modules = WidgetModuleSerializer(many=True)
    locale = serializers.CharField()
    translation_key = serializers.UUIDField()
    is_fallback = serializers.BooleanField()


class WidgetToolboxRefSerializer(serializers.Serializer):
    title = serializers.CharField()
    slug = serializers.CharField()
    summary = serializers.CharField()
    locale = serializers.CharField()
    translation_key = serializers.UUIDField()
    is_fallback = serializers.BooleanField()


class WidgetToolboxListSerializer(serializers.Serializer):
    results = WidgetToolboxRefSerializer(many=True)


class EmergencyNumberSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]  # the field "label", not Field.label
    number = serializers.CharField()


class WidgetCitySerializer(CityRefSerializer):
    emergency_numbers = EmergencyNumberSerializer(many=True, help_text="112 first.")


class HelplineSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    scope = serializers.ChoiceField(choices=["city", "national"])
    country = serializers.CharField()
    number = serializers.CharField(help_text="E.164, or the digits of a short number.")
    number_national = serializers.CharField(help_text=NATIONAL)
    number_international = serializers.CharField(help_text=INTERNATIONAL)
    description = serializers.CharField()
    hours_description = serializers.CharField()
    available_24_7 = serializers.BooleanField()
    languages = serializers.ListField(child=serializers.CharField())
    free_of_charge = serializers.BooleanField()
    locale = serializers.CharField()
    translation_key = serializers.UUIDField()
    is_fallback = serializers.BooleanField()


class WidgetHelplinesSerializer(serializers.Serializer):
    city = WidgetCitySerializer()
    helplines = HelplineSerializer(many=True, help_text="The city's own lines, then national ones.")


class WidgetStringsSerializer(serializers.Serializer):
    locale = serializers.CharField(help_text="The language of the strings.")
    strings = serializers.DictField(
        child=serializers.CharField(),
        help_text="Each translated string, by its English text.",
    )


class SafetyNoticeSerializer(serializers.Serializer):
    html = serializers.CharField(help_text="The notice, as HTML (paragraphs, lists, links).")
    locale = serializers.CharField(help_text="The language it is written in.")
    is_fallback = serializers.BooleanField(
        help_text="True when it stands in for a notice not written in the requested language."
    )


class WidgetSafetySerializer(serializers.Serializer):
    quick_exit_url = serializers.URLField(
        help_text="Where a quick exit sends the reader: replace the page with it (no history)."
    )
    safety_notice = SafetyNoticeSerializer(
        allow_null=True, help_text="How to leave quickly and clear the history; null: none."
    )
    privacy_notice = SafetyNoticeSerializer(
        allow_null=True, help_text="What the widgets and kiosks do not collect; null: none."
    )
