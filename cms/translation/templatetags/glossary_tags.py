from django import template

from ..glossary import EditorGlossary, editor_glossary

register = template.Library()


@register.simple_tag
def editor_glossary_for(translation) -> EditorGlossary:
    """The glossary panel's content for wagtail-localize's translation editor."""
    return editor_glossary(translation)
