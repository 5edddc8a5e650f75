"""Redirects (wagtail.contrib.redirects) that never lead readers to a page they can't open, and
the language of the pages at their locale's address."""

from urllib.parse import urlparse

from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from wagtail.contrib.redirects import models
from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect

from .public_html import is_public_page


class PublicRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirect middleware, except that a redirect to a page that is not public (a
    draft, unpublished, expired or private page, or one in a withdrawn section) leaves the 404
    as it is: a redirect must not reveal or lead to what the page itself would not serve."""

    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        path = models.Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        redirect = get_redirect(request, path)
        if redirect is None:
            path_without_query = urlparse(path).path
            if path != path_without_query:
                redirect = get_redirect(request, path_without_query)
        if (
            redirect is not None
            and redirect.redirect_page_id is not None
            and not is_public_page(redirect.redirect_page)
        ):
            return response
        return super().process_response(request, response)


class PagePrefixLocaleMiddleware(LocaleMiddleware):
    """Django's ``LocaleMiddleware`` for ``i18n_patterns(..., prefix_default_language=False)``,
    speaking only for the pages under a language prefix.

    Without a prefix the language is always ``LANGUAGE_CODE``, whatever the reader's
    ``Accept-Language`` says, yet Django still adds ``Vary: Accept-Language`` and
    ``Content-Language`` to every answer: API answers in any ``?locale=`` would claim English
    and every shared cache would keep one copy per browser language. Answers at an
    unprefixed address are left as their views made them.
    """

    def process_response(self, request, response):
        if translation.get_language_from_path(request.path_info) is None:
            return response
        return super().process_response(request, response)
