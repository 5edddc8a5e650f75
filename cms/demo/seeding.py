"""What the demo seeders share: parsing the data modules' values, validating StreamFields,
publishing as an editor would."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.blocks import StreamBlockValidationError
from wagtail.fields import StreamField


def parse_time(value: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(value) if value else None


def parse_date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def clean_streams(instance: models.Model, *field_names: str) -> None:
    """Run the block validation of StreamFields, which ``full_clean()`` does not do."""
    for name in field_names:
        field = instance._meta.get_field(name)
        if not isinstance(field, StreamField):
            raise TypeError(f"{name} is not a StreamField of {type(instance).__name__}.")
        try:
            field.stream_block.clean(getattr(instance, name))
        except StreamBlockValidationError as error:
            # The bare message says only "Validation error in StreamBlock"; name the block.
            raise ValidationError(f"{instance} {name}: {error.as_json_data()}") from error


def publish(instance) -> None:
    """Save a revision of a page or snippet and publish it, as an editor's publish would."""
    instance.save_revision().publish()
