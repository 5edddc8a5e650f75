from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import urls
from .models import GlossaryTerm
from .submitting import send_to_language_review


@hooks.register("register_admin_urls")
def register_translation_urls():
    return [path("translation/", include(urls, namespace="translation"))]


# Before wagtail-localize's own hooks (order 0), which would answer "Published".
@hooks.register("before_edit_page", order=-10)
def translation_editor_sends_pages_to_review(request, page):
    return send_to_language_review(request, page.specific)


@hooks.register("before_edit_snippet", order=-10)
def translation_editor_sends_snippets_to_review(request, instance):
    return send_to_language_review(request, instance)


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return MenuItem(
        "Translation status", reverse("translation:report"), icon_name="globe", order=800
    )


class GlossaryTermViewSet(SnippetViewSet):
    """The glossary translators follow, by language (Snippets → Glossary terms)."""

    model = GlossaryTerm
    icon = "openquote"
    menu_label = "Glossary"
    add_to_admin_menu = True
    menu_order = 850
    list_display = ["source_term", "preferred_term", "language_code"]
    list_filter = ["language_code"]
    search_fields = ["source_term", "preferred_term"]


register_snippet(GlossaryTermViewSet)


@hooks.register("register_log_actions")
def register_translation_log_actions(actions):
    @actions.register_action("translation.language_review")
    class LanguageReviewFormatter(LogFormatter):
        label = "Language review"

        def format_message(self, log_entry):
            data = log_entry.data
            verb = "approved" if data.get("decision") == "approve" else "requested changes"
            return f"Language review ({data.get('locale')}): {verb}"
