"""DRF permission classes that only forward to ``lantian.web.access``."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from lantian.web import access


class CanListUnits(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return access.can_list_units(request.user)
