"""The public HTML pages apply the APIs' rules (``api.public``): links to pages readers can't
open render as plain text, a redirect never leads to one, an expired page is not served and a
listing the APIs hide is not shown.

The rules are read once per rendered page: ``PublicHtmlPageMixin.serve`` notes every page its
body links to, resolves them in one query (plus the request's page rules) and renders inside
that scope, so the rich-text link handler answers from memory however many links there are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.http import Http404
from django.utils import translation
from wagtail.models import Page

# Stands for a link to a page readers can't open until the rich text is finished: a link
# handler only writes the opening tag, so the closing one is removed afterwards.
UNAVAILABLE_LINK = "<a data-unavailable-page>"
_UNAVAILABLE = re.compile(r"<a data-unavailable-page>(.*?)</a>", re.DOTALL)


@dataclass
class _LinkScope:
    context: Any  # api.locales.LocaleContext, with the request's page rules
    urls: dict[int, str | None] = field(default_factory=dict)


_scope: ContextVar[_LinkScope | None] = ContextVar("public_page_links", default=None)


def _locale_context() -> Any:
    from api.locales import UnknownLocale
    from api.public.pages import resolve_page_locale

    try:
        return resolve_page_locale(translation.get_language())
    except UnknownLocale:
        return resolve_page_locale(None)


def _resolve(scope: _LinkScope, page_ids: Iterable[int]) -> None:
    """Public URLs of these pages (None for a page readers can't open): one query.

    A link leads to the page's live translation in the language of the page being read when
    there is one (as Wagtail's own handler does with ``localized``), else to the page itself.
    """
    from api.public.pages import public_pages

    wanted = {pk for pk in page_ids if pk not in scope.urls}
    if not wanted:
        return
    requested = scope.context.requested.pk
    linked_keys = Page.objects.filter(pk__in=wanted).values("translation_key")
    rows = list(
        public_pages(Page, scope.context, every_locale=True)
        .filter(Q(pk__in=wanted) | Q(locale_id=requested, translation_key__in=linked_keys))
        .select_related("locale")
    )
    translations = {page.translation_key: page for page in rows if page.locale_id == requested}
    for page in rows:
        if page.pk in wanted:
            target = translations.get(page.translation_key, page)
            scope.urls[page.pk] = target.get_url()
    for pk in wanted:
        scope.urls.setdefault(pk, None)


@contextmanager
def page_links(page_ids: Iterable[int] = ()) -> Iterator[_LinkScope]:
    """Render inside this scope: the page rules are read once, the links noted up front are
    resolved together."""
    scope = _scope.get()
    if scope is not None:
        _resolve(scope, page_ids)
        yield scope
        return
    scope = _LinkScope(_locale_context())
    _resolve(scope, page_ids)
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)


def linked_page_ids(page: Page) -> set[int]:
    """Every page the rich text of this page's StreamFields links to. Reads raw data only."""
    from wagtail.fields import StreamField

    from api.representations import ReferenceIds, collect_references

    ids = ReferenceIds()
    for model_field in page._meta.get_fields():
        if isinstance(model_field, StreamField):
            value = getattr(page, model_field.name)
            collect_references(value.stream_block, value.raw_data, ids)
    return ids.pages


def drop_unavailable_links(html: str) -> str:
    """Turn the links ``PublicPageLinkHandler`` marked as unavailable into their text."""
    return _UNAVAILABLE.sub(r"\1", html)


def is_public_page(page: Page, *, restrictions_passed: bool = False) -> bool:
    """The APIs' page rule (``api.public.pages.is_public_page``) with this request's rules."""
    from api.public.pages import is_public_page as rule
    from api.public.pages import page_rules

    scope = _scope.get()
    context = scope.context if scope is not None else _locale_context()
    return rule(page, page_rules(context), restrictions_passed=restrictions_passed)


def listed(pages: Any) -> Any:
    """The pages an HTML page lists (a home page's sections, a toolbox's modules): live,
    public and not expired, as the APIs list them."""
    from api.public import not_expired_q

    return pages.live().public().filter(not_expired_q())


if TYPE_CHECKING:
    from wagtail.models import Page as _PageBase
else:
    _PageBase = object


class PublicHtmlPageMixin(_PageBase):
    """For page types served as HTML: not served when the APIs wouldn't serve the page (an
    expired page still marked live, a page in a withdrawn section), and rendered with every
    rich-text link resolved up front. Previews are rendered as they are."""

    def serve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        with page_links(linked_page_ids(self)):
            # Wagtail's before_serve_page hook has let this reader past any view restriction.
            if not is_public_page(self, restrictions_passed=True):
                raise Http404("This page is not published.")
            response = super().serve(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response
