"""Pages: ``path("ledger/", include("lantian.web.ledger.page_urls"))``."""

from django.urls import path

from lantian.web.ledger import edit_pages, evidence_views, pages

urlpatterns = [
    path("", pages.ledger_page, name="ledger"),
    path("tasks/<int:pk>/", pages.task_page, name="ledger-task"),
    path("tasks/<int:pk>/report/", pages.report_page, name="ledger-report"),
    path("tasks/<int:pk>/closing/", pages.closing_page, name="ledger-closing"),
    path("tasks/<int:pk>/extension/", pages.extension_page, name="ledger-extension"),
    path("requests/", pages.requests_page, name="ledger-requests"),
    path("requests/<str:kind>/<int:pk>/decide/", pages.decide_page, name="ledger-decide"),
    # the command office sets up plans, targets and tasks (docs/ledger_editing.md)
    path("plans/", edit_pages.plan_list, name="ledger-plans"),
    path("plans/new/", edit_pages.plan_new, name="ledger-plan-new"),
    path("plans/<int:pk>/", edit_pages.plan_page, name="ledger-plan"),
    path("plans/<int:pk>/edit/", edit_pages.plan_edit, name="ledger-plan-edit"),
    path("plans/<int:pk>/targets/new/", edit_pages.target_new, name="ledger-target-new"),
    path("targets/<int:pk>/edit/", edit_pages.target_edit, name="ledger-target-edit"),
    path("plans/<int:pk>/tasks/new/", edit_pages.task_new, name="ledger-task-new"),
    path("tasks/<int:pk>/edit/", edit_pages.task_edit, name="ledger-task-edit"),
    path("evidence/<int:pk>/", evidence_views.evidence_page, name="ledger-evidence"),
]
