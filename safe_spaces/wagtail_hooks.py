from wagtail import hooks

from cms.core.hooks import EQUALCITY_MENU_HOOK

from .views import HelplineViewSet, SafeSpaceViewSet, ServiceCategoryViewSet, VerificationDuePanel


@hooks.register("construct_homepage_panels")
def add_verification_due_panel(request, panels):
    if request.user.has_perm("safe_spaces.change_safespace"):
        panels.append(VerificationDuePanel(request.user))


@hooks.register(EQUALCITY_MENU_HOOK)
def equalcity_menu_items():
    return [SafeSpaceViewSet, HelplineViewSet, ServiceCategoryViewSet]
