"""``/api/audit/``: the audit log as JSON, for the command office only."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import BasePermission, IsAuthenticated

from lantian.web.api.pagination import Pagination
from lantian.web.audit.models import AuditEntry
from lantian.web.audit.queries import FILTERS, entries_for
from lantian.web.audit.scopes import can_view_audit_log


class CanViewAuditLog(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return can_view_audit_log(request.user)


class AuditEntrySerializer(serializers.ModelSerializer[AuditEntry]):
    before = serializers.JSONField(read_only=True, allow_null=True)
    after = serializers.JSONField(read_only=True, allow_null=True)

    class Meta:
        model = AuditEntry
        fields = (
            "seq",
            "timestamp",
            "actor_id",
            "actor_name",
            "action",
            "object_type",
            "object_id",
            "before",
            "after",
            "prev_hash",
            "hash",
        )
        read_only_fields = fields


@extend_schema_view(
    get=extend_schema(
        parameters=[OpenApiParameter(name, OpenApiTypes.STR) for name in FILTERS],
    )
)
class AuditEntryList(generics.ListAPIView[AuditEntry]):
    """The audit log, newest first; filter by object, actor or action."""

    serializer_class = AuditEntrySerializer
    permission_classes = (IsAuthenticated, CanViewAuditLog)
    pagination_class = Pagination

    def get_queryset(self) -> Any:
        return entries_for(self.request.user, self.request.query_params)
