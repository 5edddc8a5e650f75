"""The rich-text page link of the HTML pages (registered in ``wagtail_hooks``)."""

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from .public_html import UNAVAILABLE_LINK, page_links


class PublicPageLinkHandler(PageLinkHandler):
    """Rich-text page links for the HTML pages: a link to a page that is not public (a draft,
    unpublished, expired or private page, or one in a withdrawn section) becomes its text."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        ids: list[int | None] = []
        for attrs in attrs_list:
            try:
                ids.append(int(attrs.get("id", "")))
            except ValueError:
                ids.append(None)
        with page_links([pk for pk in ids if pk is not None]) as scope:
            urls = [scope.urls.get(pk) if pk is not None else None for pk in ids]
        return [f'<a href="{escape(url)}">' if url else UNAVAILABLE_LINK for url in urls]
