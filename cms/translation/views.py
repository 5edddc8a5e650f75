"""The "Translation status" report: per locale, what is missing, in progress and stale."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale

from .glossary import glossary_warnings
from .status import locale_statuses


class TranslationStatusReportView(ReportView):
    """Every live source object in each non-source locale (or in ``?locale=``) that is not up
    to date there; ``?status=all`` lists the up-to-date ones too."""

    page_title = "Translation status"
    title = "Translation status"
    header_icon = "globe"
    index_url_name = "translation:report"
    index_results_url_name = "translation:report_results"
    paginate_by = 50
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

    def locales(self):
        code = self.request.GET.get("locale")
        locales = Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("pk")
        if code:
            locales = locales.filter(language_code=code)
            if not locales:
                raise Http404("Unknown locale.")
        return locales

    def get_queryset(self):
        show_all = self.request.GET.get("status") == "all"
        rows = []
        for locale in self.locales():
            rows += [row for row in locale_statuses(locale) if show_all or not row.up_to_date]
        return rows

    def decorate_paginated_queryset(self, object_list):
        for row in object_list:
            if row.translated is not None:
                warnings = glossary_warnings(row.translated)
                row.glossary = "; ".join(w.message() for w in warnings)
        return object_list

    def get_filtered_queryset(self):
        return self.get_queryset()
