"""Template access to the confidential-location rule: a page shows a listing's place only
through :func:`safe_spaces.confidentiality.public_location`."""

from typing import Any

from django import template

from safe_spaces.confidentiality import PublicLocation, public_location

register = template.Library()


@register.filter(name="public_location")
def public_location_filter(space: Any) -> PublicLocation | None:
    """``None`` for a confidential location: the template shows the public contact instead."""
    return public_location(space)
