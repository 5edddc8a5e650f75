"""URLs of the public content APIs, mounted under /api/."""

from django.urls import re_path

from api.graphql.view import GraphQLHTTPView

app_name = "api"

urlpatterns = [
    # With and without the trailing slash: a POST redirected by APPEND_SLASH would lose its body.
    re_path(r"^graphql/?$", GraphQLHTTPView.as_view(), name="graphql"),
]
