"""API: ``path("api/dashboard/", include("lantian.web.dashboard.api_urls"))``."""

from django.urls import path

from lantian.web.dashboard import views

urlpatterns = [path("", views.DashboardApi.as_view(), name="api-dashboard")]
