"""Pages: ``path("dashboard/", include("lantian.web.dashboard.urls"))``."""

from django.urls import path

from lantian.web.dashboard import views

urlpatterns = [path("", views.dashboard_page, name="dashboard")]
