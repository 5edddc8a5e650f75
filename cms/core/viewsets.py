"""Admin viewsets for the core snippets, and the one "Equalcity" menu every app's snippets
sit in. Each app owns its viewsets and hands them to the menu from its own
``wagtail_hooks.py`` (``cms.core.hooks.EQUALCITY_MENU_HOOK``), so this module imports no
domain app."""

from wagtail import hooks
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .hooks import EQUALCITY_MENU_HOOK
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


def equalcity_menu_items() -> tuple[type[SnippetViewSet], ...]:
    """Every app's viewsets registered for the menu, in ``menu_order``."""
    viewsets = [viewset for hook in hooks.get_hooks(EQUALCITY_MENU_HOOK) for viewset in hook()]
    return tuple(sorted(viewsets, key=lambda viewset: viewset.menu_order))


class EqualcityContentGroup(SnippetViewSetGroup):
    """Registered by ``CoreConfig.ready()``: Wagtail builds it once every app's
    ``wagtail_hooks`` is loaded, so the items of apps listed after ``cms.core`` are there."""

    menu_label = "Equalcity"
    menu_icon = "folder-open-inverse"
    menu_order = 150

    def __init__(self) -> None:
        self.items = equalcity_menu_items()
        super().__init__()
