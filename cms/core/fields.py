"""Model and form fields shared by the content models."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from .validators import validate_language_codes


class LanguageCodesFormField(forms.CharField):
    """ISO 639 codes typed as a comma-separated list ("en, fr, ar"), stored as a list."""

    def __init__(self, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.setdefault("help_text", "ISO 639 codes separated by commas, for example: en, fr, ar")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(code).strip().lower() for code in value if str(code).strip()]
        text = super().to_python(value) or ""
        codes = [code.strip().lower() for code in text.replace(";", ",").split(",")]
        seen: list[str] = []
        for code in codes:
            if code and code not in seen:
                seen.append(code)
        return seen

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        validate_language_codes(value)

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)


class JSONListField(models.JSONField):
    """A list stored as JSON, empty by default and optional in forms.

    Subclasses name the form field editors use (``form_class``) and the checks every value
    passes (``default_validators``).
    """

    form_class: type[forms.Field]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": self.form_class, **kwargs})


class LanguageCodesField(JSONListField):
    """A list of ISO 639 language codes (HSDS ``language.code``)."""

    default_validators = [validate_language_codes]
    form_class = LanguageCodesFormField
