"""Confidential locations in the admin, on a need-to-know basis.

A confidential listing's address, coordinates, directions, entrance, email and own phone lines
(``WITHHELD_WHEN_CONFIDENTIAL``) are shown only to users who hold "see confidential locations"
for its city (``cms.access``); everyone else sees that they are withheld, and their form has
no such fields, so saving it can neither read nor change them. Each showing to a user who may
see them is recorded (``cms.access.models.ConfidentialAccess``).
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, Panel

from cms.access.scope import city_choices, may_see_confidential

from .confidentiality import WITHHELD_WHEN_CONFIDENTIAL

WITHHELD_NOTICE = (
    "This location is confidential. Its address, coordinates, directions, own phone lines "
    "and email are withheld: only people allowed to see this city's confidential locations "
    "are shown them. Readers reach it through its public contact point."
)


def is_confidential(space: Any) -> bool:
    """Confidential now, or in its latest draft."""
    if space is None or space.pk is None:
        return False
    if space.confidential_location:
        return True
    revision = getattr(space, "latest_revision", None)
    return bool(revision is not None and revision.content.get("confidential_location"))


def city_key(space: Any) -> Any:
    city = getattr(space, "city", None) if getattr(space, "city_id", None) else None
    return city.translation_key if city is not None else None


def withheld_for(user: Any, space: Any) -> bool:
    """Whether ``space``'s confidential fields are withheld from ``user``."""
    return is_confidential(space) and not may_see_confidential(user, city_key(space))


def record_shown(user: Any, space: Any, screen: str) -> None:
    """Record that ``user`` was shown ``space``'s confidential location on ``screen``."""
    from cms.access.models import ConfidentialAccess

    ConfidentialAccess.objects.create(
        user=user, safe_space_id=space.pk, city_id=space.city_id, screen=screen
    )


class NeedToKnowFieldPanel(FieldPanel):
    """A field of the confidential location: not shown, nor compared, to who may not see it."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self) -> bool:
            if self.request is not None and withheld_for(self.request.user, self.instance):
                return False
            return super().is_shown()


class NeedToKnowInlinePanel(InlinePanel):
    """The own phone lines: not shown, nor compared, to who may not see them."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs: Any) -> None:
            form = kwargs.get("form")
            self.withheld = form is not None and kwargs["panel"].relation_name not in form.formsets
            if self.withheld:
                Panel.BoundPanel.__init__(self, **kwargs)
                self.label = self.panel.label
                return
            super().__init__(**kwargs)

        @cached_property
        def withheld_from_user(self) -> bool:
            return self.withheld or (
                self.request is not None and withheld_for(self.request.user, self.instance)
            )

        def is_shown(self) -> bool:
            return not self.withheld_from_user and super().is_shown()

        def get_comparison(self) -> list[Any]:
            return [] if self.withheld_from_user else super().get_comparison()


class WithheldNoticePanel(HelpPanel):
    """Says that the confidential location is withheld, to who may not see it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("content", WITHHELD_NOTICE)
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def is_shown(self) -> bool:
            return self.request is not None and withheld_for(self.request.user, self.instance)


def limit_cities(form: Any, user: Any, model: type) -> None:
    """The city field offers only the cities where ``user`` may add or change ``model``."""
    if "city" not in form.fields:
        return
    cities, limited = city_choices(form.fields["city"].queryset, user, model)
    if limited:
        form.fields["city"].queryset = cities
        form.fields["city"].required = True


class SafeSpaceAdminForm(WagtailAdminModelForm):
    """The listing's form: cities limited to the user's; the confidential location withheld
    from who may not see it (fields removed, so a save keeps them as they are)."""

    def __init__(self, *args: Any, for_user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None:
            return
        limit_cities(self, for_user, type(self.instance))
        if not is_confidential(self.instance):
            return
        if withheld_for(for_user, self.instance):
            for name in (*WITHHELD_WHEN_CONFIDENTIAL, "confidential_location"):
                self.fields.pop(name, None)
                self.formsets.pop(name, None)
        elif not self.is_bound:
            record_shown(for_user, self.instance, "edit")


class HelplineAdminForm(WagtailAdminModelForm):
    """A helpline's form: a city user's lines are their cities' own."""

    def __init__(self, *args: Any, for_user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            limit_cities(self, for_user, type(self.instance))
