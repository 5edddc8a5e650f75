from wagtail import hooks

from .views import VerificationDuePanel


@hooks.register("construct_homepage_panels")
def add_verification_due_panel(request, panels):
    if request.user.has_perm("safe_spaces.change_safespace"):
        panels.append(VerificationDuePanel())
