"""The calendar's API: ``GET /api/emergency/calendar/`` (the page's data as JSON, the same
scopes) and ``POST /api/emergency/calendar/import/`` (the office; multipart ``city``, ``file``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lantian.web.emergency import calendar, calendar_import
from lantian.web.emergency import permissions as perm
from lantian.web.emergency.api import UPLOAD
from lantian.web.emergency.serializers import ErrorSerializer
from lantian.web.ledger.edit_serializers import RowField
from lantian.web.org.models import Area


class CalendarImportInputSerializer(serializers.Serializer):
    city = RowField(queryset=Area.objects.all())
    file = serializers.FileField(help_text="the calendar file, .csv or .xlsx")


class CalendarImportResultSerializer(serializers.Serializer):
    file = serializers.CharField()
    sha256 = serializers.CharField()
    season = serializers.ListField(child=serializers.DateField())
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    kept = serializers.IntegerField()
    withdrawn = serializers.ListField(child=serializers.IntegerField(), help_text="period ids")
    calendar_import = serializers.IntegerField(
        allow_null=True, help_text="the import's record; null when the same file changed nothing"
    )


def _local(moment: datetime | None) -> str | None:
    """A time in the platform's zone (Beijing), as the API's serializers give them."""
    return None if moment is None else timezone.localtime(moment).isoformat()


def _measure(kind: str, value: float | None) -> dict[str, Any]:
    return {"kind": kind, "value": value}


def payload(data: calendar.CalendarData) -> dict[str, Any]:
    """The calendar as JSON: the summary per industry and day for everyone who sees it; the
    lines, their periods, the conflicts, the meetings with the warnings and the change log for
    the office, inspectors and (its own) an enterprise; the city's calendar imports for the office
    and inspectors."""
    q = data.query
    body: dict[str, Any] = {
        "city": q.city.pk if q.city is not None else None,
        "city_name": q.city.name if q.city is not None else "",
        "start": q.start,
        "end": q.end,
        "industry": q.industry,
        "enterprise": q.enterprise.pk if q.enterprise is not None else None,
        "scope": data.scope.value,
        "warning_days": [
            {"day": d, "level": lv.value} for d, lv in sorted(data.warning_days.items())
        ],
        "industries": [
            {
                "industry": r.industry,
                "day": r.day,
                "lines": r.lines,
                "stopped": r.stopped,
                "limited": r.limited,
                "baseline": r.baseline,
                "cut": r.cut,
                "unit": r.unit,
                "share_cut": r.share_cut,
            }
            for r in data.industry_days
        ],
        "conflict_counts": data.conflict_counts,
    }
    if not data.detail:
        return body
    body["lines"] = [
        {
            "id": v.row.pk,
            "line_id": v.row.line_id,
            "name": v.row.name,
            "enterprise": v.row.enterprise.pk,
            "enterprise_id": v.row.enterprise.list_id,
            "enterprise_name": v.row.enterprise.name,
            "industry": v.row.industry,
            "synthetic": v.row.synthetic,
            "periods": [
                {
                    "id": p.pk,
                    "start": p.start,
                    "end": p.end,
                    **_measure(p.kind, p.value),
                    "baseline": p.baseline,
                    "source": p.source,
                }
                for p in v.periods
            ],
        }
        for v in data.lines
    ]
    body["conflicts"] = [
        {"line_id": c.line_id, "kind": c.kind, "start": c.start, "end": c.end, "reason": c.reason}
        for c in data.conflicts
    ]
    body["meetings"] = [
        {
            "line_id": mt.line_id,
            "start": mt.start,
            "end": mt.end,
            "level": mt.level.value,
            "staggered": mt.staggered.zh,
            "warning": mt.warning.zh,
            "governing": mt.governing.zh if mt.governing is not None else None,
            "source": mt.source.value,
            "allowed_output": mt.allowed_output,
            "stopped_and_limited": mt.stopped_and_limited,
        }
        for mt in data.meetings
    ]
    body["changes"] = [
        {
            "id": c.pk,
            "line_id": c.line.line_id,
            "enterprise_id": c.line.enterprise.list_id,
            "action": c.action,
            "before": None
            if c.before is None
            else {
                "start": c.before.start,
                "end": c.before.end,
                **_measure(c.before.kind, c.before.value),
            },
            "after": None
            if c.start is None
            else {"start": c.start, "end": c.end, **_measure(c.kind, c.value)},
            "reason": c.reason,
            "requested_by": c.requested_by.get_username(),
            "requested_at": _local(c.requested_at),
            "decided_by": c.decided_by.get_username() if c.decided_by is not None else None,
            "decided_at": _local(c.decided_at),
            "published_at": _local(c.published_at),
        }
        for c in data.changes
    ]
    if data.scope is calendar.Scope.FULL:
        body["imports"] = [
            {
                "id": i.pk,
                "file": i.file_name,
                "sha256": i.sha256,
                "season": [i.season_start, i.season_end],
                "rows": i.rows,
                "created": i.created,
                "kept": i.kept,
                "withdrawn": i.withdrawn,
                "imported_by": i.imported_by.get_username() if i.imported_by is not None else None,
                "imported_at": _local(i.imported_at),
            }
            for i in data.imports
        ]
    return body


QUERY = [
    OpenApiParameter("area", OpenApiTypes.INT, description="the city (default: the latest list's)"),
    OpenApiParameter("start", OpenApiTypes.DATE, description="default: the heating season"),
    OpenApiParameter("end", OpenApiTypes.DATE, description="inclusive; at most 366 days"),
    OpenApiParameter("industry", str, description="an industry code of industries.csv"),
    OpenApiParameter("enterprise", OpenApiTypes.INT, description="an enterprise id"),
]


class CalendarView(APIView):
    """The staggered-production calendar (错峰生产日历): per industry and day for the internal
    roles; with lines, conflicts, warnings met and the change log for the office, inspectors
    and an enterprise (its own); with the city's calendar imports for the office and
    inspectors."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(parameters=QUERY, responses={200: OpenApiTypes.OBJECT, 404: ErrorSerializer})
    def get(self, request: Request) -> Response:
        scope = calendar.scope_of(request.user)
        query = calendar.parse_query(request.user, scope, request.query_params)
        return Response(payload(calendar.calendar_data(request.user, query, scope)))


class CalendarImportView(APIView):
    """The office imports a city's calendar file (whole or refused; see the page)."""

    permission_classes = (IsAuthenticated, perm.IsOffice)
    parser_classes = UPLOAD

    @extend_schema(
        request={"multipart/form-data": CalendarImportInputSerializer},
        responses={201: CalendarImportResultSerializer},
    )
    def post(self, request: Request) -> Response:
        form = CalendarImportInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        valid = form.validated_data
        summary = calendar_import.import_calendar(request.user, valid["city"], valid["file"])
        body = {
            "file": summary.file_name,
            "sha256": summary.sha256,
            "season": list(summary.season),
            "rows": summary.rows,
            "created": len(summary.created),
            "kept": summary.kept,
            "withdrawn": [p.pk for p in summary.withdrawn],
            "calendar_import": summary.record.pk if summary.record is not None else None,
        }
        return Response(CalendarImportResultSerializer(body).data, status=status.HTTP_201_CREATED)
