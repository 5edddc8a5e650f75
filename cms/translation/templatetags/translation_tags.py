from django import template

from ..glossary import glossary_warnings

register = template.Library()


@register.simple_tag
def glossary_warnings_for(obj):
    """The glossary check of ``obj``'s latest revision, for the reviewer's dialog."""
    return glossary_warnings(obj)
