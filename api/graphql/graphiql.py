"""GraphiQL, the in-browser GraphQL editor, served in development from this app's own files.

graphene-django's page loads React and GraphiQL from a CDN: a blank page without internet, and
a third party told whenever someone opens it. Here the minified builds are vendored under
``api/static/api/graphiql/<version>/`` (``make vendor-graphiql``), the page's script is ours
(``api/static/api/graphiql.js``), and a Content Security Policy keeps every request on this
origin.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers

# The directory under api/static/api/graphiql/ that `make vendor-graphiql` filled.
GRAPHIQL_VERSION = "4.1.2"

# Inline styles: GraphiQL's components set them; its fonts are data: URLs in its stylesheet.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self' data:",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)


def graphiql_response(request: HttpRequest) -> HttpResponse:
    """The GraphiQL page for ``request``'s URL; queries are POSTed back to that URL."""
    html = render_to_string(
        "api/graphiql.html",
        {"graphiql_dir": f"api/graphiql/{GRAPHIQL_VERSION}", "endpoint": request.path},
        request=request,
    )
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response["Referrer-Policy"] = "no-referrer"
    response["X-Content-Type-Options"] = "nosniff"
    # The same URL answers JSON to API clients: no cache may give one the other's answer.
    response["Cache-Control"] = "no-store"
    patch_vary_headers(response, ("Accept",))
    return response
