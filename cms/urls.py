"""URLs: the Wagtail admin, document serving, liveness and readiness checks, the widgets and
the kiosk, and (headless) page previews."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.access.reports import report_urls
from cms.core import views as core_views

# Never a traceback page, and a 503 with Retry-After for a database outage (cms/core/outages.py).
handler500 = "cms.core.outages.server_error"

urlpatterns = [
    path("api/", include("api.urls")),
    # Wagtail's reports limited to the user's cities, at Wagtail's own report URLs.
    *report_urls,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", core_views.health, name="health"),
    path("readyz", core_views.ready, name="ready"),
    path("", include("cms.access.urls")),
    path("", include("cms.frontend.urls")),
]

if settings.BENCH_CEILING_FILE:
    from api import bench_views

    urlpatterns.append(path("bench/ceiling/", bench_views.ceiling))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Live pages also render as plain, accessible HTML: the same templates editors preview with.
# Each translation under its locale's prefix (/fr/..., /ar/...); English, the source language,
# stays at / so existing links keep working. Only the pages are prefixed: the API, admin,
# documents, widgets, kiosk and health checks above answer at their own paths in any language.
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
