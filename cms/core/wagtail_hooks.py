from wagtail.snippets.models import register_snippet

from .viewsets import EqualcityContentGroup

register_snippet(EqualcityContentGroup)
