"""The notices of warning events to enterprises: the enterprise's page (its notices, 签收) and the
API (the office and inspectors follow the acknowledgements). The same services
(:mod:`.receipts`) and scopes (:mod:`.scopes`) for both."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions as drf
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lantian.web.emergency import models as m
from lantian.web.emergency import permissions as perm
from lantian.web.emergency import receipts, scopes
from lantian.web.emergency import serializers as s
from lantian.web.emergency.page_utils import form_messages, level_view, page, require

# --- the enterprise's page -----------------------------------------------------------------------


def _notices_page(
    request: HttpRequest, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    rows = [
        {
            "r": r,
            "level": level_view(r.level),
            "kind": r.event.get_kind_display(),
            "lift": r.event.kind == m.EventKind.LIFT,
        }
        for r in scopes.receipts_visible_to(user)
    ]
    context: dict[str, Any] = {
        "enterprise": scopes.enterprise_of(user),
        "rows": rows,
        "unacknowledged": sum(1 for row in rows if row["r"].acknowledged_at is None),
        "errors": errors or [],
    }
    return page(request, "emergency/mine_notices.html", context, status=status)


@login_required
@require_GET
def mine_notices_page(request: HttpRequest) -> HttpResponse:
    """Every notice of the user's enterprise, newest first, each with its 签收 button."""
    require(scopes.is_enterprise, request)
    return _notices_page(request)


@login_required
@require_POST
def acknowledge_page(request: HttpRequest, pk: int) -> HttpResponse:
    require(scopes.is_enterprise, request)
    try:
        receipts.acknowledge(request.user, pk)
    except drf.PermissionDenied:
        raise PermissionDenied from None
    except drf.ValidationError as exc:
        return _notices_page(request, form_messages(exc), status=400)
    messages.success(request, _("The notice was acknowledged."))
    return redirect(f"{reverse('emergency-mine-notices')}#notice-{pk}")


# --- API -----------------------------------------------------------------------------------------


NOTICE_FILTERS = [
    OpenApiParameter("warning", OpenApiTypes.INT, description="one warning's notices"),
    OpenApiParameter(
        "acknowledged", OpenApiTypes.BOOL, description="true: acknowledged only; false: pending"
    ),
]


class NoticeListApi(generics.ListAPIView):
    """The notices of warning events to enterprises: the office and inspectors all, an
    enterprise its own; newest first."""

    serializer_class = s.NoticeReceiptSerializer
    permission_classes = (IsAuthenticated, perm.CanReadReceipts)

    def get_queryset(self) -> Any:
        form = s.NoticeFilterSerializer(data=self.request.query_params.dict())
        form.is_valid(raise_exception=True)
        rows = scopes.receipts_visible_to(self.request.user)
        warning = form.validated_data.get("warning")
        if warning is not None:
            rows = rows.filter(warning_id=warning)
        acknowledged = form.validated_data.get("acknowledged")
        if acknowledged is not None:
            rows = rows.filter(acknowledged_at__isnull=not acknowledged)
        return rows

    @extend_schema(parameters=NOTICE_FILTERS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class NoticeDetailApi(generics.RetrieveAPIView):
    """One notice (another enterprise's is 404)."""

    serializer_class = s.NoticeReceiptSerializer
    permission_classes = (IsAuthenticated, perm.CanReadReceipts)

    def get_queryset(self) -> Any:
        return scopes.receipts_visible_to(self.request.user)


class NoticeAcknowledgeApi(APIView):
    """A user of the notified enterprise acknowledges the notice (签收), once."""

    permission_classes = (IsAuthenticated, perm.CanReadReceipts)

    @extend_schema(request=None, responses={200: s.NoticeReceiptSerializer})
    def post(self, request: Request, pk: int) -> Response:
        return Response(s.NoticeReceiptSerializer(receipts.acknowledge(request.user, pk)).data)
