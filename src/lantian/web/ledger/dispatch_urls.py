"""Dispatch and notice pages: ``path("ledger/", include("lantian.web.ledger.dispatch_urls"))``."""

from django.urls import path

from lantian.web.ledger import dispatch_views as v

urlpatterns = [
    path("dispatch/", v.dispatch_page, name="ledger-dispatch"),
    path("dispatch/notices/", v.generate_page, name="ledger-notices-generate"),
    path("notices/", v.notices_page, name="ledger-notices"),
    path("notices/<int:pk>/acknowledge/", v.acknowledge_page, name="ledger-notice-acknowledge"),
]
