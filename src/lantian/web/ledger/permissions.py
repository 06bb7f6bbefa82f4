"""DRF permission classes that only forward to ``lantian.web.ledger.scopes``."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from lantian.web.ledger import scopes


class CanReadLedger(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return scopes.can_read_ledger(request.user)


class CanDecide(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return scopes.can_decide(request.user)
