"""Pages: ``path("drafts/", include("lantian.web.drafts.urls"))``."""

from django.urls import path

from lantian.web.drafts import pages

urlpatterns = [
    path("", pages.draft_list, name="drafts"),
    path("<int:pk>/", pages.draft_review, name="drafts-review"),
    path("<int:pk>/save/", pages.draft_save, name="drafts-save"),
    path("<int:pk>/discard/", pages.draft_discard, name="drafts-discard"),
]
