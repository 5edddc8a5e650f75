"""Admin viewsets for the core snippets, and the one menu every Equalcity snippet sits in."""

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from api.viewsets import ConsumerKeyViewSet
from cms.panels.views import ExpertPanelViewSet
from safe_spaces.views import HelplineViewSet, SafeSpaceViewSet, ServiceCategoryViewSet

from .models import Audience, City, ContentWarning, PartnerOrganisation


class CityViewSet(SnippetViewSet):
    model = City
    icon = "site"
    menu_label = "Cities"
    menu_order = 200
    list_display = ["name", "country", "role", "timezone"]
    list_filter = ["role", "country"]


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = "Partner organisations"
    menu_order = 210
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "user"
    menu_label = "Audiences"
    menu_order = 310
    list_display = ["name", "code"]


class ContentWarningViewSet(SnippetViewSet):
    model = ContentWarning
    icon = "warning"
    menu_label = "Content warnings"
    menu_order = 320
    list_display = ["name", "code"]


class EqualcityContentGroup(SnippetViewSetGroup):
    menu_label = "Equalcity"
    menu_icon = "folder-open-inverse"
    menu_order = 150
    items = (
        SafeSpaceViewSet,
        HelplineViewSet,
        CityViewSet,
        PartnerOrganisationViewSet,
        ServiceCategoryViewSet,
        AudienceViewSet,
        ContentWarningViewSet,
        ExpertPanelViewSet,
        ConsumerKeyViewSet,
    )
