from django.urls import include, path

urlpatterns = [path("", include("grapple.urls"))]
