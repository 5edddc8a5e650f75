"""The admin's "Take down now": a confirmation with the reason, and the administrators'
report of takedowns."""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from cms.delivery.changelog import kind_of
from cms.delivery.models import Takedown
from cms.delivery.takedowns import can_take_down, take_down
from cms.delivery.views import AdministratorsOnlyMixin

# What can be taken down besides pages: listings and helplines.
SNIPPETS = {"safe_spaces.safespace", "safe_spaces.helpline"}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Say why it must come down."},
        help_text=(
            "Why it must come down now (e.g. a shelter's address published by mistake). "
            "Administrators read it; it is never published."
        ),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Say why it must come down.")
        return reason


def target(kind: str, pk: str) -> Any:
    """The object a takedown URL names: ``page`` and a page id, or a listing or helpline."""
    if kind == "page":
        return get_object_or_404(Page, pk=pk).specific
    if kind not in SNIPPETS:
        raise Http404("Only pages, listings and helplines are taken down here.")
    return get_object_or_404(apps.get_model(kind), pk=pk)


class TakedownView(WagtailAdminTemplateMixin, FormView):
    template_name = "delivery/take_down.html"
    form_class = ReasonForm
    page_title = "Take down now"
    header_icon = "warning"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.object = target(kwargs["kind"], kwargs["pk"])
        if not can_take_down(request.user, self.object):
            if not request.user.has_perm("delivery.take_down"):
                raise PermissionDenied
            if kind_of(self.object) is None:
                messages.error(
                    request, "Only toolboxes, modules, listings and helplines are taken down."
                )
            else:
                messages.info(request, f"'{self.object}' is not published: nothing to take down.")
            return redirect(self.edit_url())
        return super().dispatch(request, *args, **kwargs)

    def edit_url(self) -> str:
        return AdminURLFinder(self.request.user).get_edit_url(self.object) or "/admin/"

    def get_page_subtitle(self) -> str:
        return str(self.object)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["is_page"] = isinstance(self.object, Page)
        context["edit_url"] = self.edit_url()
        return context

    def form_valid(self, form: ReasonForm) -> HttpResponse:
        take_down(self.object, self.request.user, form.cleaned_data["reason"])
        messages.success(
            self.request,
            f"'{self.object}' was taken down: it is unpublished, the API no longer serves it, "
            "and kiosks and widgets remove it at their next check (within a minute).",
        )
        return redirect(self.edit_url())


class TakedownReportView(AdministratorsOnlyMixin, ReportView):
    """Every takedown, newest first: what, when, who and why. Administrators only."""

    page_title = "Takedowns"
    title = "Takedowns"
    header_icon = "warning"
    index_url_name = "delivery:takedowns"
    index_results_url_name = "delivery:takedowns_results"
    paginate_by = 50

    @property
    def columns(self) -> list[Column]:
        return [
            Column("title", label="Taken down"),
            Column("kind", label="Kind"),
            DateColumn("at", label="When"),
            Column("taken_by", label="By"),
            Column("reason", label="Why"),
        ]

    def get_queryset(self) -> Any:
        return Takedown.objects.select_related("taken_by")
