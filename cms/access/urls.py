from django.urls import path

from .invitation_views import accept_view

urlpatterns = [
    path("invitation/<str:token>/", accept_view, name="access_accept_invitation"),
]
