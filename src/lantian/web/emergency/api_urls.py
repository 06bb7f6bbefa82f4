"""API: ``path("api/emergency/", include("lantian.web.emergency.api_urls"))``."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from lantian.web.emergency import (
    api,
    notice_views,
    urls_acknowledgement,
    urls_calendar,
    urls_verification,
)

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("forecasts", api.ForecastViewSet, basename="emergency-forecast")
router.register("rules", api.LocalRuleViewSet, basename="emergency-rule")
router.register("directives", api.DirectiveViewSet, basename="emergency-directive")
router.register("warnings", api.WarningViewSet, basename="emergency-warning")
router.register("enterprises", api.EnterpriseViewSet, basename="emergency-enterprise")
router.register("measure-changes", api.MeasureChangeViewSet, basename="emergency-measure-change")
router.register("stagger-changes", api.StaggerChangeViewSet, basename="emergency-stagger-change")

urlpatterns = [
    *urls_calendar.api,
    *urls_verification.api,
    *urls_acknowledgement.api,
    path("list/import/", api.ListImportView.as_view(), name="emergency-list-import-api"),
    path("list/check/", api.ListCheckView.as_view(), name="emergency-list-check-api"),
    path(
        "warnings/<int:pk>/notice/",
        notice_views.NoticeDownloadView.as_view(),
        name="emergency-warning-notice-api",
    ),
    path("", include(router.urls)),
]
