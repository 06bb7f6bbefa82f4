"""``/dashboard/`` (page) and ``/api/dashboard/`` (JSON): one access rule, one summary.

Query parameters of both: ``date`` (as of, YYYY-MM-DD; default the last day with data) and
``city`` (default the area of the first target). Settings: ``LANTIAN_DATA_DIR`` (the store is
its ``store/``) and ``LANTIAN_TARGETS`` (the targets CSV).

Both call :func:`dashboard_data`: the air-quality part (:mod:`.summary`, no Django) and, for the
ledger's readers, the ledger part (:mod:`.ledger_panels`) with statuses on the same as-of date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lantian.sample_data import SAMPLE_TARGETS
from lantian.web.dashboard.ledger_panels import ledger_panels
from lantian.web.dashboard.scopes import can_view_dashboard
from lantian.web.dashboard.summary import DashboardRequest, dashboard_summary
from lantian.web.ledger import clock


class BadQuery(ValueError):
    """A query parameter the dashboard cannot use; the message is for the user."""


def summary_request(params: Any) -> DashboardRequest:
    """The store, targets file, date and city a request asks for."""
    text = (params.get("date") or "").strip()
    as_of: date | None = None
    if text:
        try:
            as_of = date.fromisoformat(text)
        except ValueError:
            raise BadQuery(_("date must be YYYY-MM-DD, got “%(text)s”.") % {"text": text}) from None
    return DashboardRequest(
        store=Path(settings.LANTIAN_DATA_DIR) / "store",
        targets=Path(getattr(settings, "LANTIAN_TARGETS", SAMPLE_TARGETS)),
        as_of=as_of,
        city=(params.get("city") or "").strip() or None,
        today=clock.today(),
    )


def ledger_day(data: dict[str, Any], req: DashboardRequest) -> date:
    """The day of the ledger's statuses: the dashboard's as-of date; without measurements, the
    ``date`` asked for, else today."""
    if data.get("as_of"):
        return date.fromisoformat(data["as_of"])
    return req.as_of or clock.today()


def dashboard_data(user: Any, req: DashboardRequest) -> dict[str, Any]:
    """What ``user`` sees: the air-quality summary, plus ``ledger`` for the ledger's readers."""
    data = dashboard_summary(req)
    panels = ledger_panels(user, ledger_day(data, req))
    if panels is not None:
        data["ledger"] = panels
    return data


@login_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    if not can_view_dashboard(request.user):
        raise PermissionDenied
    try:
        req = summary_request(request.GET)
    except BadQuery as exc:
        context = {"error": str(exc), "data": None}
        return render(request, "dashboard/dashboard.html", context, status=400)
    data = dashboard_data(request.user, req)
    return render(request, "dashboard/dashboard.html", {"data": data, "error": None})


class CanViewDashboard(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return can_view_dashboard(request.user)


class DashboardApi(APIView):
    """The dashboard's data: target progress, the city's daily AQI calendar, the area ranking;
    for the ledger's readers also ``ledger`` (status summary, overdue tasks, warning notices)."""

    permission_classes = (IsAuthenticated, CanViewDashboard)

    @extend_schema(
        parameters=[
            OpenApiParameter("date", OpenApiTypes.DATE, description="as of (default: last day)"),
            OpenApiParameter("city", OpenApiTypes.STR, description="city of the calendar"),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        try:
            req = summary_request(request.query_params)
        except BadQuery as exc:
            raise ValidationError({"date": [str(exc)]}) from exc
        return Response({"ok": True, **dashboard_data(request.user, req)})
