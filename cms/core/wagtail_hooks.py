from wagtail import hooks

from .hooks import EQUALCITY_MENU_HOOK
from .rich_text import PublicPageLinkHandler
from .viewsets import (
    AudienceViewSet,
    CityViewSet,
    ContentWarningViewSet,
    PartnerOrganisationViewSet,
)


@hooks.register(EQUALCITY_MENU_HOOK)
def equalcity_menu_items():
    return [CityViewSet, PartnerOrganisationViewSet, AudienceViewSet, ContentWarningViewSet]


# After Wagtail's own "page" link type (registered by the ``wagtail`` app, later in
# INSTALLED_APPS): the HTML pages never link to a page readers can't open.
@hooks.register("register_rich_text_features", order=100)
def register_public_page_links(features):
    features.register_link_type(PublicPageLinkHandler)
