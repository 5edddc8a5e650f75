"""Each city's settings in the admin, kept by the city's coordinators: the toolbox the city
adopted, its quick-exit target and its notices, language by language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, ObjectList
from wagtail.models import Locale
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.access.admin_scope import CityScopedViewSetMixin
from cms.access.scope import city_choices
from cms.core.models import City
from toolbox_pages.models import ToolboxPage

from .models import CitySettings


def adopt_toolbox(city: City, toolbox: ToolboxPage | None, user: Any) -> bool:
    """Make ``toolbox`` the one ``city`` adopted: a new revision of the city, published by
    ``user`` (in the city's history), and the same toolbox for each of its translations
    (apps read the toolbox by its translation key). False when it was already."""
    if city.toolbox_id == (toolbox.pk if toolbox else None):
        return False
    city.toolbox = toolbox
    # A coordinator may publish this one change of their city (the form offers their cities
    # only), not the city's other fields: Wagtail's check is of publishing the whole city.
    city.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    City.objects.filter(translation_key=city.translation_key).exclude(pk=city.pk).update(
        toolbox=toolbox
    )
    return True


class CitySettingsForm(WagtailAdminModelForm):
    """A city is offered once (its default-language row), only if it has no settings yet,
    and only among the user's cities. The adopted toolbox is the city's own field, changed
    through a published revision of the city. (One notice per language: the formset checks
    the model's unique constraint.)"""

    adopted_toolbox = forms.ModelChoiceField(
        queryset=ToolboxPage.objects.none(),
        required=False,
        empty_label="None yet",
        help_text="The toolbox this city's widgets and kiosks show.",
    )

    def __init__(self, *args: Any, for_user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, for_user=for_user, **kwargs)
        # Live toolboxes, and the one the city has now whatever its state: saving the other
        # settings never drops it.
        current = self.instance.city.toolbox_id if self.instance.city_id is not None else None
        self.fields["adopted_toolbox"].queryset = ToolboxPage.objects.filter(
            Q(pk__in=ToolboxPage.objects.live().public().filter(locale=Locale.get_default()))
            | Q(pk=current)
        ).order_by("title")
        self.fields["adopted_toolbox"].initial = current
        if "city" in self.fields:
            taken = CitySettings.objects.exclude(pk=self.instance.pk).values("city")
            cities = City.objects.filter(
                Q(locale_id=Locale.get_default().pk) | Q(pk=self.instance.city_id)
            ).exclude(pk__in=taken)
            if for_user is not None:
                cities, _ = city_choices(cities, for_user, CitySettings)
            self.fields["city"].queryset = cities.order_by("name", "pk")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        city = cleaned.get("city")
        if city is None or "adopted_toolbox" not in self.changed_data:
            return cleaned
        if city.role == City.Role.PARTNER and not getattr(self.for_user, "is_superuser", False):
            self.add_error(
                "adopted_toolbox",
                "A partner city's toolbox is the one it leads: a programme administrator "
                "changes it.",
            )
        elif city.has_unpublished_changes:
            self.add_error(
                "adopted_toolbox",
                f"{city} has changes waiting to be published: the toolbox can be changed once "
                "they are.",
            )
        return cleaned

    @transaction.atomic
    def save(self, commit: bool = True) -> CitySettings:
        settings = super().save(commit=commit)
        if commit:
            city = City.objects.select_for_update().get(pk=settings.city_id)
            adopt_toolbox(city, self.cleaned_data.get("adopted_toolbox"), self.for_user)
        return settings


class CitySettingsViewSet(CityScopedViewSetMixin, SnippetViewSet):
    """Programme administrators keep every city's settings; a city coordinator their city's:
    any other city's is a 404."""

    model = CitySettings
    icon = "warning"
    menu_label = "City settings"
    menu_order = 910
    list_display = ["city", "quick_exit_url"]
    ordering = ["city__name"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            HelpPanel(
                content=(
                    "What this city's widgets and kiosks show. Anything left empty is the "
                    "site's (Settings → Safety settings); a language without its own notices "
                    "shows the default language's."
                )
            ),
            # A plain choice of the user's cities, not the chooser of every city.
            FieldPanel("city", widget=forms.Select),
            FieldPanel("adopted_toolbox"),
            FieldPanel("quick_exit_url"),
            InlinePanel("notices", heading="Notices, language by language", label="Notices"),
        ],
        base_form_class=CitySettingsForm,
    )
