"""Excel export and import of a plan's tasks.

Included as ``path("ledger/", include("lantian.web.ledger.excel_urls"))``.
"""

from django.urls import path

from lantian.web.ledger import excel_views

urlpatterns = [
    path("plans/<int:pk>/export.xlsx", excel_views.export_view, name="ledger-export"),
    path("plans/<int:pk>/import/", excel_views.import_view, name="ledger-import"),
]
