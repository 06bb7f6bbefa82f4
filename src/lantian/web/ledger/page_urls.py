"""Pages: ``path("ledger/", include("lantian.web.ledger.page_urls"))``."""

from django.urls import path

from lantian.web.ledger import pages

urlpatterns = [
    path("", pages.ledger_page, name="ledger"),
    path("tasks/<int:pk>/", pages.task_page, name="ledger-task"),
    path("tasks/<int:pk>/report/", pages.report_page, name="ledger-report"),
    path("tasks/<int:pk>/closing/", pages.closing_page, name="ledger-closing"),
    path("tasks/<int:pk>/extension/", pages.extension_page, name="ledger-extension"),
    path("requests/", pages.requests_page, name="ledger-requests"),
    path("requests/<str:kind>/<int:pk>/decide/", pages.decide_page, name="ledger-decide"),
]
