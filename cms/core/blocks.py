"""Blocks used by the core snippets."""

import re

from django.core.exceptions import ValidationError
from wagtail import blocks

_DIALLABLE = re.compile(r"^\+?[0-9][0-9 ]{1,19}$")


class EmergencyNumberBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=80, help_text="For example: Police, Ambulance, Fire.")
    number = blocks.CharBlock(max_length=24, help_text="As dialled locally: 112, 101, +352 ...")

    class Meta:
        icon = "mobile-alt"
        label = "Emergency number"
        description = "A number to call in an emergency."

    def clean(self, value):
        value = super().clean(value)
        if not _DIALLABLE.match(value["number"].strip()):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "number": ValidationError("Digits and spaces only, with an optional leading +.")
                }
            )
        return value
