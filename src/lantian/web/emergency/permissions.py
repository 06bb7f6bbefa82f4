"""DRF permission classes that only forward to ``lantian.web.emergency.scopes``."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from lantian.web.emergency import scopes, verifying


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


class CanReadReceipts(BasePermission):
    """The notices of warning events: the office and inspectors all, an enterprise its own."""

    def has_permission(self, request: Any, view: Any) -> bool:
        return scopes.can_read_receipts(request.user)


class CanReadVerification(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return verifying.can_read(request.user)
