"""API: ``path("api/audit/", include("lantian.web.audit.api_urls"))``."""

from django.urls import path

from lantian.web.audit import api

urlpatterns = [path("", api.AuditEntryList.as_view(), name="api-audit-log")]
