"""The ledger's API: plans, tasks with status, reports, requests and the office's decisions.

Querysets come from :mod:`lantian.web.ledger.scopes`; status from :mod:`lantian.web.ledger.core`
(the rules of ``lantian.planning``); every change goes through :mod:`lantian.web.ledger.services`,
which the pages use too.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lantian.planning.status import Status
from lantian.web.ledger import models as m
from lantian.web.ledger import scopes, services
from lantian.web.ledger import serializers as s
from lantian.web.ledger.core import TASK_PREFETCH, state_of
from lantian.web.ledger.edit_views import PlanEditMixin, TaskEditMixin
from lantian.web.ledger.params import api_id, api_on
from lantian.web.ledger.permissions import CanDecide, CanReadLedger

ON_PARAM = OpenApiParameter(
    "on", OpenApiTypes.DATE, description="status on this day (default: today)"
)


class PlanViewSet(PlanEditMixin, viewsets.ReadOnlyModelViewSet):
    """Plans (行动方案) with their targets; the command office creates and changes them."""

    serializer_class = s.PlanSerializer
    permission_classes = (IsAuthenticated, CanReadLedger)

    def get_queryset(self) -> Any:
        return scopes.plans_visible_to(self.request.user).prefetch_related("targets")


@extend_schema(parameters=[ON_PARAM])
class TaskViewSet(TaskEditMixin, viewsets.ReadOnlyModelViewSet):
    """Tasks of the ledger with their status on a day; reports and requests are filed here."""

    permission_classes = (IsAuthenticated, CanReadLedger)

    def get_serializer_class(self) -> Any:
        return s.TaskDetailSerializer if self.action == "retrieve" else s.TaskSerializer

    def get_queryset(self) -> Any:
        tasks = scopes.tasks_visible_to(self.request.user).prefetch_related(*TASK_PREFETCH)
        return tasks.prefetch_related("reports__evidence")

    def _states(self, tasks: list[m.Task]) -> dict[int, Any]:
        on = api_on(self.request.query_params)
        return {t.pk: state_of(t, on) for t in tasks}

    @extend_schema(
        parameters=[
            OpenApiParameter("unit", int, description="tasks naming this unit (any role)"),
            OpenApiParameter("area", int, description="tasks listing this area"),
            OpenApiParameter("status", str, enum=[st.value for st in Status]),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        tasks = self.get_queryset()
        unit = api_id(request.query_params, "unit")
        if unit is not None:
            tasks = tasks.filter(pk__in=m.TaskUnit.objects.filter(unit_id=unit).values("task_id"))
        area = api_id(request.query_params, "area")
        if area is not None:
            tasks = tasks.filter(areas__id=area)
        wanted = request.query_params.get("status")
        if wanted and wanted not in {st.value for st in Status}:
            raise exceptions.ValidationError({"status": [_("Unknown status.")]})
        rows = list(tasks)
        states = self._states(rows)
        if wanted:
            rows = [t for t in rows if states[t.pk].status.value == wanted]
        page = self.paginate_queryset(rows)
        data = s.TaskSerializer(page, many=True, context={"states": states}).data
        return self.get_paginated_response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        task = self.get_object()
        context = {"states": self._states([task]), "request": request}
        return Response(s.TaskDetailSerializer(task, context=context).data)

    @extend_schema(request=s.ReportInputSerializer, responses={201: s.ReportSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path="reports",
        parser_classes=(MultiPartParser, FormParser, JSONParser),
    )
    def reports(self, request: Request, pk: str | None = None) -> Response:
        """File a weekly report (multipart with ``evidence`` files, or JSON without)."""
        report = services.file_report(request.user, self.get_object(), request.data)
        return Response(s.ReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.ExtensionInputSerializer, responses={201: s.ExtensionRequestSerializer}
    )
    @action(detail=True, methods=["post"], url_path="extension-requests")
    def extension_requests(self, request: Request, pk: str | None = None) -> Response:
        """Ask the command office to move a milestone (延期申请)."""
        req = services.file_extension(request.user, self.get_object(), request.data)
        return Response(s.ExtensionRequestSerializer(req).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ClosingInputSerializer, responses={201: s.ClosingRequestSerializer})
    @action(detail=True, methods=["post"], url_path="closing-requests")
    def closing_requests(self, request: Request, pk: str | None = None) -> Response:
        """Ask the command office to close (销号) the task."""
        req = services.file_closing(request.user, self.get_object(), request.data)
        return Response(s.ClosingRequestSerializer(req).data, status=status.HTTP_201_CREATED)


#: ``kind`` in ``/api/requests/<kind>/<id>/decide/`` (``services.REQUEST_MODELS``) → serializer.
REQUEST_SERIALIZERS: dict[str, type[s.serializers.ModelSerializer]] = {
    "extension": s.ExtensionRequestSerializer,
    "closing": s.ClosingRequestSerializer,
}


class DecideView(APIView):
    """The command office approves a request or sends it back with a reason (once)."""

    permission_classes = (IsAuthenticated, CanDecide)

    @extend_schema(request=s.DecisionInputSerializer, responses={200: s.ClosingRequestSerializer})
    def post(self, request: Request, kind: str, pk: int) -> Response:
        req = services.decide(request.user, kind, pk, request.data)
        return Response(REQUEST_SERIALIZERS[kind](req).data)
