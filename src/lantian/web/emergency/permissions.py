"""DRF permission classes that only forward to ``lantian.web.emergency.scopes``."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from lantian.web.emergency import scopes


class IsOffice(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return scopes.is_office(request.user)


class CanRespond(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return scopes.can_respond(request.user)


class CanReadListSummary(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return scopes.can_read_list_summary(request.user)


class CanReadEnterprises(BasePermission):
    """The directory (office, inspectors) or one's own enterprise."""

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        return scopes.can_list_enterprises(user) or scopes.is_enterprise(user)


class OfficeOrEnterprise(BasePermission):
    """Changes of the list: the enterprises propose, the office decides."""

    def has_permission(self, request: Any, view: Any) -> bool:
        return scopes.is_office(request.user) or scopes.is_enterprise(request.user)
