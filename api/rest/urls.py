"""URLs of the REST API, mounted at /api/v1/.

Each endpoint answers at its documented path and at the same path with (or without) a final
slash: a POST redirected by APPEND_SLASH would lose its body. The OpenAPI document lists the
documented paths only (``api.rest.schema_urls``).
"""

from django.urls import path

from api.rest import bundles, docs, graphql_documents, hsds, sync, takedowns, widgets

documented = [
    path("schema/", docs.SchemaView.as_view(), name="rest-schema"),
    path("docs/", docs.DocsView.as_view(), name="rest-docs"),
    path("hsds/", hsds.HsdsRootView.as_view(), name="hsds-root"),
    path("hsds/services", hsds.HsdsServicesView.as_view(), name="hsds-services"),
    path("hsds/services/<str:id>", hsds.HsdsServiceView.as_view(), name="hsds-service"),
    path("widgets/safe-spaces", widgets.WidgetSafeSpacesView.as_view(), name="widget-safe-spaces"),
    path(
        "widgets/safe-spaces/near",
        widgets.WidgetNearView.as_view(),
        name="widget-safe-spaces-near",
    ),
    path("widgets/toolboxes", widgets.WidgetToolboxListView.as_view(), name="widget-toolboxes"),
    path(
        "widgets/toolboxes/<str:slug>", widgets.WidgetToolboxView.as_view(), name="widget-toolbox"
    ),
    path("widgets/helplines", widgets.WidgetHelplinesView.as_view(), name="widget-helplines"),
    path("widgets/safety", widgets.WidgetSafetyView.as_view(), name="widget-safety"),
    path("widgets/strings", widgets.WidgetStringsView.as_view(), name="widget-strings"),
    path("sync/", sync.SyncView.as_view(), name="sync"),
    path("takedowns", takedowns.TakedownFeedView.as_view(), name="takedowns"),
    path(
        "graphql/documents",
        graphql_documents.GraphQLDocumentsView.as_view(),
        name="graphql-documents",
    ),
    path("bundles/key", bundles.BundleKeyView.as_view(), name="bundle-key"),
    path("bundles/<str:city>/<str:locale>", bundles.BundleView.as_view(), name="bundle"),
]


def _other_slash(route: str) -> str:
    return route[:-1] if route.endswith("/") else route + "/"


urlpatterns = [
    *documented,
    *(path(_other_slash(str(p.pattern)), p.callback) for p in documented),
]
