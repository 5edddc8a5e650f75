"""Every admin path of a model with a city, limited to the user's cities.

``CityScopedViewSetMixin`` goes before ``SnippetViewSet``: the listing (its search, filters,
counts and CSV/XLSX export), every view of one object (edit, history, revisions, compare,
preview, usage, delete, unpublish, locking), the chooser of page blocks and the bulk actions
see only the objects of the cities where the user holds a permission on the model. An object
of another city answers 404, as one that doesn't exist. The views of a workflow task are the
task's to allow: a verification panel acts on the listings of its cities.

The mixin also registers ``CityPermissionPolicy`` for the model, so that Wagtail's own checks
of one object (its listing buttons and links) follow the cities too; it applies the scope
itself where Wagtail asks only the model-level question.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.admin.utils import unquote
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenView,
)

from .policy import CityPermissionPolicy
from .scope import EVERY_CITY, Scope, any_scope, city_choices

# Any permission on the model lets a user read the objects of its cities.
READ = ("add", "change", "delete", "view", "publish")
# The views that change an object need that permission for the object's city.
URL_ACTIONS: dict[str, tuple[str, ...]] = {
    "edit": ("change",),
    "delete": ("delete",),
    "unpublish": ("publish",),
    "revisions_revert": ("change",),
    "revisions_unschedule": ("publish",),
    "lock": ("change", "lock"),
    "unlock": ("change", "unlock"),
    "revoke": ("change",),
}

# The views of a workflow task: the task decides who may act (a panel that verifies the city's
# listings), and Wagtail refuses everyone else.
TASK_VIEWS = {"workflow_action", "collect_workflow_action_data", "workflow_preview"}


class CityScopedViewSetMixin:
    model: Any
    city_field = "city"
    # How the model's objects belong to cities (one city, or several: ManyCitiesPermissionPolicy).
    city_policy_class: type[CityPermissionPolicy] = CityPermissionPolicy

    def scope(self, request: HttpRequest, actions: Iterable[str] = READ) -> Scope:
        return any_scope(request.user, self.model, actions)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        if queryset is None:
            queryset = self.model._default_manager.all()
        return self.restrict(queryset, self.scope(request))

    def restrict(self, queryset: QuerySet, scope: Scope) -> QuerySet:
        return self.city_policy.restrict(queryset, scope)

    def get_urlpatterns(self) -> list[Any]:
        patterns = super().get_urlpatterns()  # type: ignore[misc]
        return [self._guarded(pattern) for pattern in patterns]

    def _guarded(self, pattern: Any) -> Any:
        if not isinstance(pattern, URLPattern) or "pk" not in str(pattern.pattern):
            return pattern
        if pattern.name in TASK_VIEWS:
            return pattern
        actions = URL_ACTIONS.get(pattern.name or "", READ)
        view = pattern.callback
        viewset = self

        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            viewset.check_object(request, kwargs.get("pk"), actions)
            return view(request, *args, **kwargs)

        guarded.__name__ = getattr(view, "__name__", "guarded")
        guarded.__wrapped__ = view  # type: ignore[attr-defined]
        return URLPattern(pattern.pattern, guarded, pattern.default_args, pattern.name)

    def check_object(self, request: HttpRequest, pk: Any, actions: Iterable[str] = READ) -> None:
        """404 unless the object exists and is of a city in the user's scope for ``actions``.
        A user with no permission on the model in any city is left to Wagtail's own refusal."""
        if pk is None or self.scope(request) == frozenset():
            return  # no permission on the model in any city: Wagtail refuses them
        scope = self.scope(request, actions)
        if scope is EVERY_CITY:
            return
        if not self.city_policy.pk_in_scope(unquote(str(pk)), scope):
            raise Http404(f"No {self.model._meta.verbose_name} found.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chooser_viewset_class = scoped_chooser_viewset_class(self)
        SCOPED_VIEWSETS[self.model] = self
        self.city_policy = self.city_policy_class(self.model, city_field=self.city_field)
        register_permission_policy(self.model, self.city_policy)


def scoped_chooser_viewset_class(owner: CityScopedViewSetMixin) -> type:
    """The chooser of page blocks, limited like the listing."""

    def limit(view: Any, objects: QuerySet) -> QuerySet:
        return owner.restrict(objects, owner.scope(view.request))

    class ScopedChooseView(ChooseView):
        def get_object_list(self) -> QuerySet:
            return limit(self, super().get_object_list())

    class ScopedChooseResultsView(ChooseResultsView):
        def get_object_list(self) -> QuerySet:
            return limit(self, super().get_object_list())

    class ScopedChosenView(SnippetChosenView):
        def get_object(self, pk: Any) -> Any:
            return limit(self, self.model_class.objects.all()).get(pk=pk)

    return type(
        f"CityScoped{owner.model.__name__}ChooserViewSet",
        (SnippetChooserViewSet,),
        {
            "choose_view_class": ScopedChooseView,
            "choose_results_view_class": ScopedChooseResultsView,
            "chosen_view_class": ScopedChosenView,
        },
    )


# The scoped viewset of each model, for the checks outside its own URLs (bulk actions).
SCOPED_VIEWSETS: dict[type[Model], CityScopedViewSetMixin] = {}


def check_bulk_objects(request: HttpRequest, model: Any, objects: Iterable[Any]) -> None:
    """404 when a bulk action names an object outside the user's cities: every id it was
    asked for (Wagtail hands the hook only those the user may act on), and every object."""
    viewset = SCOPED_VIEWSETS.get(model)
    if viewset is None:
        return
    for pk in request.GET.getlist("id"):
        if pk != "all":  # "every object of the listing": the listing is the user's cities
            viewset.check_object(request, pk)
    for obj in objects:
        viewset.check_object(request, obj.pk)


class CityScopeForm(WagtailAdminModelForm):
    """The admin form of a model scoped like a consumer key (``all_cities`` or ``cities``).

    Cities are offered once each (their default-language row, and any already chosen); a
    scope is required. A city coordinator reaches their cities only: no "every city", no
    other city offered. Subclasses name their model and the message for a missing scope.
    """

    scoped_model: type[Model]
    no_scope_message = "Tick 'every city' or choose its cities."

    def __init__(self, *args: Any, for_user: Any = None, **kwargs: Any) -> None:
        from wagtail.models import Locale

        from cms.core.models import City

        super().__init__(*args, for_user=for_user, **kwargs)
        if "cities" in self.fields:
            chosen = self.instance.cities.all() if self.instance.pk else City.objects.none()
            cities = City.objects.filter(
                Q(locale_id=Locale.get_default().pk) | Q(pk__in=chosen.values("pk"))
            )
            limited = False
            if for_user is not None:
                cities, limited = city_choices(cities, for_user, self.scoped_model)
            if limited:
                self.fields.pop("all_cities", None)
            self.fields["cities"].queryset = cities.order_by("name", "pk")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("all_cities") and not cleaned.get("cities"):
            self.add_error("cities", self.no_scope_message)
        return cleaned
