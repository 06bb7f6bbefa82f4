"""API: ``path("api/drafts/", include("lantian.web.drafts.api_urls"))``."""

from django.urls import path

from lantian.web.drafts import api

urlpatterns = [
    path("", api.DraftListView.as_view(), name="drafts-api"),
    path("<int:pk>/", api.DraftDetailView.as_view(), name="drafts-api-detail"),
    path("<int:pk>/save/", api.DraftSaveView.as_view(), name="drafts-api-save"),
    path("<int:pk>/discard/", api.DraftDiscardView.as_view(), name="drafts-api-discard"),
]
