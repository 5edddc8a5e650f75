from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .rich_text import PublicPageLinkHandler
from .viewsets import EqualcityContentGroup

register_snippet(EqualcityContentGroup)


# After Wagtail's own "page" link type (registered by the ``wagtail`` app, later in
# INSTALLED_APPS): the HTML pages never link to a page readers can't open.
@hooks.register("register_rich_text_features", order=100)
def register_public_page_links(features):
    features.register_link_type(PublicPageLinkHandler)
