"""Filters that apply the APIs' rules (``api.public``) in the HTML pages' templates."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from api.public import is_published
from api.public.safe_spaces import is_shown_safe_space
from cms.core.public_html import drop_unavailable_links

register = template.Library()


@register.filter
def without_unavailable_links(html: str) -> SafeString:
    """Rich text with its links to pages readers can't open turned into their text."""
    return mark_safe(drop_unavailable_links(str(html)))  # noqa: S308 - expanded rich text


@register.filter
def shown_listing(space):
    """The listing when the APIs would serve it (live, not expired, not inactive), else None."""
    return space if is_shown_safe_space(space) else None


@register.filter
def shown_snippet(obj):
    """A snippet with draft state (a helpline) when it is live and not expired, else None:
    ``api.public.published`` for one loaded row."""
    return obj if obj is not None and is_published(obj) else None
