"""Who may upload, review, save and discard plan drafts: the command office only — the rule of
who sets up plans (:func:`lantian.web.ledger.edit_scopes.can_edit_ledger`), asked by the pages,
the API and the services alike. Everyone else sees no draft."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lantian.web.access import register_scope
from lantian.web.drafts.models import PlanDraft
from lantian.web.ledger.edit_scopes import can_edit_ledger


def can_use_drafts(user: Any) -> bool:
    """Only the command office imports plans."""
    return can_edit_ledger(user)


@register_scope(PlanDraft)
def drafts_visible_to(user: Any) -> QuerySet[PlanDraft]:
    """Every draft for the command office (the office is one body), none for anyone else."""
    if not can_use_drafts(user):
        return PlanDraft.objects.none()
    return PlanDraft.objects.all()


def drafts_listed_to(user: Any) -> QuerySet[PlanDraft]:
    """The drafts as the list page and the API list them: who created each, and not the text
    nor the proposal (large, and a list never shows them)."""
    return drafts_visible_to(user).select_related("created_by").defer("source_text", "proposed")
