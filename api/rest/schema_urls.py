"""The URL configuration the OpenAPI document is generated from: the documented REST paths
only (not Wagtail's admin API, not wagtail-localize's views, not the GraphQL endpoint)."""

from django.urls import include, path

from api.rest.urls import documented

urlpatterns = [path("api/v1/", include(documented))]
