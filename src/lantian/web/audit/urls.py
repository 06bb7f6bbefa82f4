"""Pages: ``path("audit/", include("lantian.web.audit.urls"))``."""

from django.urls import path

from lantian.web.audit import views

urlpatterns = [path("", views.entry_list, name="audit-log")]
