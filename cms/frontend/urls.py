"""URLs of the widgets and the kiosk (``cms.frontend.views``)."""

from django.urls import path

from cms.frontend import views

urlpatterns = [
    path("widgets/demo/", views.widget_demo, name="widget-demo"),
    path("widgets/v1/frame/<str:widget>/", views.widget_frame, name="widget-frame"),
    path("widgets/v1/<str:name>", views.widget_asset, name="widget-asset"),
    path("kiosk/", views.kiosk, name="kiosk"),
    path("kiosk/<str:name>", views.kiosk_asset, name="kiosk-asset"),
]
