"""Dispatch and notices in the API: ``path("api/", include(...dispatch_api_urls))``."""

from django.urls import path

from lantian.web.ledger import dispatch_views as v

urlpatterns = [
    path("dispatch/", v.DispatchApi.as_view(), name="api-dispatch"),
    path("notices/", v.NoticeListApi.as_view(), name="api-notices"),
    path("notices/generate/", v.NoticeGenerateApi.as_view(), name="api-notices-generate"),
    path(
        "notices/<int:pk>/acknowledge/",
        v.NoticeAcknowledgeApi.as_view(),
        name="api-notice-acknowledge",
    ),
]
