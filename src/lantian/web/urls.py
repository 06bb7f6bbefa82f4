"""URL map: pages, the JSON API under /api/, the OpenAPI schema and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from lantian.web import views
from lantian.web.api import errors

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("audit/", include("lantian.web.audit.urls")),
    path("api/audit/", include("lantian.web.audit.api_urls")),
    path("dashboard/", include("lantian.web.dashboard.urls")),
    path("api/dashboard/", include("lantian.web.dashboard.api_urls")),
    path("ledger/", include("lantian.web.ledger.page_urls")),
    path("ledger/", include("lantian.web.ledger.dispatch_urls")),
    path("ledger/", include("lantian.web.ledger.excel_urls")),
    path("api/", include("lantian.web.ledger.api_urls")),
    path("api/", include("lantian.web.ledger.dispatch_api_urls")),
    path("emergency/", include("lantian.web.emergency.urls")),
    path("drafts/", include("lantian.web.drafts.urls")),
    path("api/", include("lantian.web.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("admin/", admin.site.urls),
]

handler404 = errors.not_found
handler500 = errors.server_error
