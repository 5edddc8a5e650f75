"""Redirects (wagtail.contrib.redirects) that never lead readers to a page they can't open."""

from urllib.parse import urlparse

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
