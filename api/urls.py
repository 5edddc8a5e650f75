"""URLs of the public content APIs, mounted under /api/."""

from django.urls import include, path, re_path

from api.graphql.view import GraphQLHTTPView

app_name = "api"

urlpatterns = [
    # With and without the trailing slash: a POST redirected by APPEND_SLASH would lose its body.
    re_path(r"^graphql/?$", GraphQLHTTPView.as_view(), name="graphql"),
    # REST: the HSDS export, widgets and kiosks, the OpenAPI document and its readable page.
    path("v1/", include("api.rest.urls")),
]
