"""The site navigation: the pages a user may open, asked of the same checks the pages use.

A context processor, so every page (the home page, the ledger, the dashboard, the audit log)
shows the same menu, and a link appears only when following it would not be refused.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def nav_links(user: Any) -> list[dict[str, str]]:
    """(label, url) of the pages ``user`` may open, in menu order."""
    from lantian.web.audit.scopes import can_view_audit_log
    from lantian.web.dashboard.scopes import can_view_dashboard
    from lantian.web.drafts.scopes import can_use_drafts
    from lantian.web.emergency import scopes as emergency
    from lantian.web.ledger import scopes as ledger
    from lantian.web.ledger.edit_scopes import can_edit_ledger

    links: list[tuple[bool, str, str]] = [
        (can_view_dashboard(user), _("Dashboard"), reverse("dashboard")),
        (ledger.can_read_ledger(user), _("Task ledger"), reverse("ledger")),
        (ledger.can_read_ledger(user), _("Weekly dispatch"), reverse("ledger-dispatch")),
        (ledger.can_read_ledger(user), _("Warning notices"), reverse("ledger-notices")),
        (ledger.can_decide(user), _("Open requests"), reverse("ledger-requests")),
        (can_edit_ledger(user), _("Plans"), reverse("ledger-plans")),
        (can_use_drafts(user), _("Plan import"), reverse("drafts")),
        (emergency.is_office(user), _("Warning desk"), reverse("emergency-desk")),
        (
            not emergency.is_office(user) and not emergency.is_enterprise(user),
            _("Warnings"),
            reverse("emergency-warnings"),
        ),
        (emergency.is_enterprise(user), _("My emergency measures"), reverse("emergency-mine")),
        (emergency.can_read_list_summary(user), _("Reduction list"), reverse("emergency-list")),
        (emergency.can_list_enterprises(user), _("Enterprises"), reverse("emergency-enterprises")),
        (
            emergency.can_read_list_summary(user) or emergency.is_enterprise(user),
            _("Staggered production calendar"),
            reverse("emergency-calendar"),
        ),
        (
            emergency.can_respond(user) and not emergency.is_office(user),
            _("Inspections"),
            reverse("emergency-inspections"),
        ),
        (emergency.is_office(user), _("Change requests"), reverse("emergency-changes")),
        (can_view_audit_log(user), _("Audit log"), reverse("audit-log")),
    ]
    return [{"label": label, "url": url} for ok, label, url in links if ok]


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Template context: ``nav_links`` for the logged-in user (none for anonymous visitors)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": []}
    return {"nav_links": nav_links(user)}
