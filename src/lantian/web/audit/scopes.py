"""Who may read the audit log, registered with the one access module (``lantian.web.access``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lantian.web.access import register_scope, role_of
from lantian.web.audit.models import AuditEntry
from lantian.web.org.roles import Role


def can_view_audit_log(user: Any) -> bool:
    """Only the command office reads the audit log."""
    return role_of(user) == Role.COMMAND_OFFICE


@register_scope(AuditEntry)
def audit_entries_visible_to(user: Any) -> QuerySet[AuditEntry]:
    """Every entry for the command office; none for anyone else."""
    if can_view_audit_log(user):
        return AuditEntry.objects.all()
    return AuditEntry.objects.none()
