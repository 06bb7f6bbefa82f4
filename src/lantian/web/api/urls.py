from django.urls import include, path
from rest_framework.routers import DefaultRouter

from lantian.web.api import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("areas", views.AreaViewSet, basename="area")
router.register("units", views.UnitViewSet, basename="unit")

urlpatterns = [
    path("me/", views.MeView.as_view(), name="api-me"),
    path("token/", views.TokenView.as_view(), name="api-token"),
    path("emergency/", include("lantian.web.emergency.api_urls")),
    path("drafts/", include("lantian.web.drafts.api_urls")),
    path("", include(router.urls)),
]
