"""The "Translation status" report: per locale, what is missing, in progress and stale."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.http import Http404
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale

from .glossary import glossary_warnings
from .setup import language_name
from .status import LocaleStatus, locale_statuses

# What ``?status=`` keeps; nothing chosen: everything not up to date.
STATUSES: dict[str, Any] = {
    "missing": lambda row: row.missing,
    "in progress": lambda row: row.in_progress,
    "stale": lambda row: row.stale,
    "up to date": lambda row: row.up_to_date,
    "all": lambda row: True,
}


def translation_languages() -> list[tuple[str, str]]:
    return [
        (code, language_name(code))
        for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


class TranslationStatusFilterSet(WagtailFilterSet):
    """The report's filters, on screen; the rows are filtered by the view (they are not a
    queryset)."""

    locale = django_filters.ChoiceFilter(
        label="Language", choices=translation_languages, empty_label="Every language"
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[(value, value.capitalize()) for value in STATUSES],
        empty_label="Not up to date",
    )
    stale = django_filters.BooleanFilter(
        label="Stale only", widget=forms.CheckboxInput, method="keep"
    )

    class Meta:
        model = Locale
        fields: list[str] = []

    def keep(self, queryset: Any, name: str, value: Any) -> Any:
        return queryset


class TranslationStatusReportView(ReportView):
    """Every live source object in each non-source locale that is not up to date there, with
    filters on screen: a language, a status (or every status), stale only."""

    page_title = "Translation status"
    title = "Translation status"
    header_icon = "globe"
    index_url_name = "translation:report"
    index_results_url_name = "translation:report_results"
    paginate_by = 50
    filterset_class = TranslationStatusFilterSet
    list_export = ["locale_code", "model_name", "title", "status", "percent", "glossary"]
    export_headings = {
        "locale_code": "Locale",
        "model_name": "Type",
        "title": "Source",
        "status": "Status",
        "percent": "Translated (%)",
        "glossary": "Glossary warnings",
    }

    def get_columns(self):
        finder = AdminURLFinder(self.request.user)
        return [
            Column("locale_code", label="Locale"),
            TitleColumn(
                "title",
                label="Source",
                get_url=lambda row: finder.get_edit_url(row.translated or row.source),
            ),
            Column("model_name", label="Type"),
            Column("status", label="Status"),
            Column("percent", label="Translated (%)"),
            Column("glossary", label="Glossary warnings"),
        ]

    @property
    def columns(self):
        return self.get_columns()

    def get_filterset_kwargs(self) -> dict[str, Any]:
        return {**super().get_filterset_kwargs(), "queryset": Locale.objects.none()}

    def chosen(self) -> dict[str, Any]:
        filters = self.filters
        if filters is None:
            return {}
        if not filters.is_valid():
            # An unknown language or status names nothing to list.
            raise Http404("; ".join(str(error) for error in filters.errors.values()))
        return filters.form.cleaned_data

    def locales(self):
        code = self.chosen().get("locale")
        locales = Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("pk")
        return locales.filter(language_code=code) if code else locales

    def get_queryset(self) -> list[LocaleStatus]:
        chosen = self.chosen()
        keep = STATUSES.get(chosen.get("status") or "", lambda row: not row.up_to_date)
        stale_only = bool(chosen.get("stale"))
        rows = []
        for locale in self.locales():
            rows += [
                row
                for row in locale_statuses(locale)
                if keep(row) and (row.stale or not stale_only)
            ]
        return rows

    def decorate_paginated_queryset(self, object_list):
        for row in object_list:
            if row.translated is not None:
                warnings = glossary_warnings(row.translated)
                row.glossary = "; ".join(w.message() for w in warnings)
        return object_list

    def get_filtered_queryset(self):
        return self.get_queryset()
