"""URLs of notice acknowledgement: ``pages`` under /emergency/, ``api`` under /api/emergency/."""

from typing import Any

from django.urls import path

from lantian.web.emergency import receipt_views as v

pages: list[Any] = [
    path("mine/notices/", v.mine_notices_page, name="emergency-mine-notices"),
    path(
        "mine/notices/<int:pk>/acknowledge/",
        v.acknowledge_page,
        name="emergency-mine-notice-acknowledge",
    ),
]
api: list[Any] = [
    path("notices/", v.NoticeListApi.as_view(), name="emergency-notices-api"),
    path("notices/<int:pk>/", v.NoticeDetailApi.as_view(), name="emergency-notice-api"),
    path(
        "notices/<int:pk>/acknowledge/",
        v.NoticeAcknowledgeApi.as_view(),
        name="emergency-notice-acknowledge-api",
    ),
]
