"""The emergency response's API (``/api/emergency/``): the same services and scopes as the pages.

Querysets come from :mod:`.scopes`, every change goes through the services (:mod:`.forecasting`,
:mod:`.desk`, :mod:`.response`, :mod:`.listing`, :mod:`.changes`), errors have the API's one
shape. A kind of object a role may not read is 403; an object outside its scope is 404.
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import BaseParser, FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lantian.web.emergency import (
    changes,
    core,
    desk,
    forecasting,
    listing,
    presenters,
    response,
    scopes,
)
from lantian.web.emergency import models as m
from lantian.web.emergency import permissions as perm
from lantian.web.emergency import serializers as s
from lantian.web.emergency import verification_serializers as vs
from lantian.web.ledger.params import api_id

UPLOAD = (MultiPartParser, FormParser)
FORM_OR_JSON = (JSONParser, FormParser, MultiPartParser)


class RawJSONParser(BaseParser):
    """A JSON body handed over as bytes, for the core's reader to parse (so that its refusals
    name the path of the value at fault); at most one byte more than a forecast file may hold
    is read, the size check says the rest."""

    media_type = "application/json"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> bytes:
        data: bytes = stream.read(forecasting.MAX_FORECAST_BYTES + 1) if stream else b""
        return data


def _is_json(request: Request) -> bool:
    return (request.content_type or "").split(";")[0].strip().lower() == "application/json"


def _valid(serializer_class: type[Any], request: Request) -> dict[str, Any]:
    form = serializer_class(data=request.data)
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)


# --- forecasts, rules, directives ---------------------------------------------------------------


class ForecastViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Forecasts (空气质量预报) as uploaded, never overwritten: the command office."""

    serializer_class = s.ForecastSerializer
    permission_classes = (IsAuthenticated, perm.IsOffice)
    # the parsers are chosen before the action is known; only ``create`` reads a body
    parser_classes = (*UPLOAD, RawJSONParser)

    def get_queryset(self) -> Any:
        return scopes.forecasts_visible_to(self.request.user).select_related("city")

    @extend_schema(
        request={
            "multipart/form-data": s.FileInputSerializer,
            "application/json": vs.ForecastBodySerializer,
        },
        responses={201: s.ForecastImportSerializer, 400: s.ErrorSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Upload a forecast file (CSV or JSON, multipart ``file``), or send the forecasts as a
        JSON body in the JSON file's shape; refused whole with ``file:line: reason`` (a body:
        ``request body:$.path: reason``). The same city and issue time again stores nothing;
        other values for a stored forecast are refused."""
        if _is_json(request):
            body = request.data if isinstance(request.data, bytes) else b""
            result = forecasting.import_forecast_body(request.user, body)
        else:
            result = forecasting.import_forecasts(request.user, request.data.get("file"))
        data = s.ForecastImportSerializer(
            {"created": result.created, "existing": result.existing}
        ).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "waiver", str, description="reason for not following a regional directive"
            )
        ],
        responses={200: s.DecisionSerializer},
    )
    @action(detail=True, methods=["get"])
    def decision(self, request: Request, pk: str | None = None) -> Response:
        """The warning decision for the forecast: level, rule, triggering days, episode, notes."""
        waiver = request.query_params.get("waiver", "")
        return Response(forecasting.decide_for(self.get_object(), waiver).to_dict())


class LocalRuleViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Cities' stricter rules (TOML); the latest of a city is in force."""

    serializer_class = s.LocalRuleSerializer
    permission_classes = (IsAuthenticated, perm.IsOffice)
    parser_classes = UPLOAD

    def get_queryset(self) -> Any:
        return scopes.local_rules_visible_to(self.request.user)

    @extend_schema(
        request={"multipart/form-data": s.LocalRuleInputSerializer},
        responses={201: s.LocalRuleSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        valid = _valid(s.LocalRuleInputSerializer, request)
        row = forecasting.upload_local_rule(request.user, valid["city"], valid["file"])
        return Response(s.LocalRuleSerializer(row).data, status=status.HTTP_201_CREATED)


class DirectiveViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Regional directives (区域预警提示信息) recorded by the office."""

    serializer_class = s.DirectiveSerializer
    permission_classes = (IsAuthenticated, perm.IsOffice)

    def get_queryset(self) -> Any:
        return scopes.directives_visible_to(self.request.user)

    @extend_schema(request=s.DirectiveInputSerializer, responses={201: s.DirectiveSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        valid = _valid(s.DirectiveInputSerializer, request)
        row = forecasting.record_directive(request.user, valid.pop("city"), valid)
        return Response(s.DirectiveSerializer(row).data, status=status.HTTP_201_CREATED)


# --- warnings ------------------------------------------------------------------------------------

#: Who may call each action of :class:`WarningViewSet`.
WARNING_PERMISSIONS: dict[str, tuple[type[BasePermission], ...]] = {
    "list": (AllowAny,),
    "retrieve": (AllowAny,),
    "create": (IsAuthenticated, perm.IsOffice),
    "events": (IsAuthenticated, perm.IsOffice),
    "notification_list": (IsAuthenticated, perm.CanRespond),
    "transport_list": (IsAuthenticated, perm.CanRespond),
    "draws": (IsAuthenticated, perm.CanRespond),
    "inspections": (IsAuthenticated, perm.CanRespond),
}


class WarningViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Heavy-pollution warnings: the public reads those in force; the office assesses forecasts
    and moves warnings through their life cycle; the office and inspectors get the notification,
    transport and inspection lists."""

    serializer_class = s.WarningSerializer

    def get_permissions(self) -> Any:
        classes = WARNING_PERMISSIONS.get(getattr(self, "action", "") or "", (IsAuthenticated,))
        return [c() for c in classes]

    def get_queryset(self) -> Any:
        return scopes.warnings_visible_to(self.request.user)

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["record"] = scopes.can_see_warning_record(self.request.user)
        return context

    def _warning(self, data: Any, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(data).data, status=code)

    @extend_schema(request=s.AssessInputSerializer, responses={201: s.WarningSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """研判: assess a forecast; recorded on the city's open warning or on a new one."""
        valid = _valid(s.AssessInputSerializer, request)
        event = desk.assess(request.user, valid["forecast"], valid["waiver"], valid["note"])
        return self._warning(event.warning, status.HTTP_201_CREATED)

    @extend_schema(request=s.EventInputSerializer, responses={201: s.WarningSerializer})
    @action(detail=True, methods=["post"], parser_classes=FORM_OR_JSON)
    def events(self, request: Request, pk: str | None = None) -> Response:
        """Issue, upgrade, downgrade or lift (the life cycle refuses what the state forbids)."""
        warning = self.get_object()
        event = desk.act(request.user, warning, _valid(s.EventInputSerializer, request))
        return self._warning(event.warning, status.HTTP_201_CREATED)

    @extend_schema(responses={200: s.EnterpriseNoticeSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="notification-list")
    def notification_list(self, request: Request, pk: str | None = None) -> Response:
        """Every enterprise to notify, with its lines' measures at the level in force."""
        notices = response.notification_list(self.get_object())
        return Response(s.EnterpriseNoticeSerializer(notices, many=True).data)

    @extend_schema(responses={200: s.TransportSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="transport-list")
    def transport_list(self, request: Request, pk: str | None = None) -> Response:
        """Lines whose measure restricts heavy trucks (orange and above)."""
        rows = response.transport_list(self.get_object())
        data = [{"enterprise": e.pk, "name": e.name, "line": ln} for e, ln in rows]
        return Response(s.TransportSerializer(data, many=True).data)

    @extend_schema(methods=["GET"], request=None, responses={200: s.DrawSerializer(many=True)})
    @extend_schema(
        methods=["POST"], request=s.DrawInputSerializer, responses={201: s.DrawSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def draws(self, request: Request, pk: str | None = None) -> Response:
        """The inspection draws of the warning; POST draws (weighted, seeded, reproducible)."""
        warning = self.get_object()
        if request.method == "GET":
            rows = scopes.draws_visible_to(request.user).filter(warning=warning)
            return Response(s.DrawSerializer(rows, many=True).data)
        valid = _valid(s.DrawInputSerializer, request)
        row = response.draw(request.user, warning, valid["size"], valid["seed"])
        return Response(s.DrawSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"], request=None, responses={200: s.InspectionSerializer(many=True)}
    )
    @extend_schema(
        methods=["POST"],
        request=s.InspectionInputSerializer,
        responses={201: s.InspectionSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def inspections(self, request: Request, pk: str | None = None) -> Response:
        """The inspections recorded during the warning; POST records one."""
        warning = self.get_object()
        if request.method == "GET":
            rows = scopes.inspections_visible_to(request.user).filter(warning=warning)
            return Response(s.InspectionSerializer(rows, many=True).data)
        row = response.record_inspection(
            request.user, warning, _valid(s.InspectionInputSerializer, request)
        )
        return Response(s.InspectionSerializer(row).data, status=status.HTTP_201_CREATED)


# --- the list ------------------------------------------------------------------------------------

CITY_PARAM = OpenApiParameter(
    "city", OpenApiTypes.INT, description="the city (default: the latest imported list's)"
)


class ListImportView(APIView):
    """The office imports a city's list file with its city emissions (all or nothing)."""

    permission_classes = (IsAuthenticated, perm.IsOffice)
    parser_classes = UPLOAD

    @extend_schema(
        request={"multipart/form-data": s.ListImportInputSerializer},
        responses={201: s.ListImportResultSerializer},
    )
    def post(self, request: Request) -> Response:
        valid = _valid(s.ListImportInputSerializer, request)
        summary = listing.import_list(
            request.user, valid["city"], valid["list_file"], valid["city_emissions"]
        )
        body = {
            "created": dict(summary.created),
            "updated": dict(summary.updated),
            "enterprises": summary.enterprises,
            "lines": summary.lines,
            "record": summary.record,
        }
        return Response(s.ListImportResultSerializer(body).data, status=status.HTTP_201_CREATED)


class ListCheckView(APIView):
    """The list check per level and pollutant: achieved, required, shortfall; the lines that
    would close a shortfall for the command office only."""

    permission_classes = (IsAuthenticated, perm.CanReadListSummary)

    @extend_schema(
        parameters=[CITY_PARAM], responses={200: s.ListCheckSerializer, 404: s.ErrorSerializer}
    )
    def get(self, request: Request) -> Response:
        city = listing.city_or_404(api_id(request.query_params, "city"))
        imported, result = listing.check(city)
        body = presenters.check_payload(city, imported, result, scopes.is_office(request.user))
        return Response(s.ListCheckSerializer(body).data)


class EnterpriseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Enterprises of the list with their lines and measures per level: the office and inspectors
    all, an enterprise user its own."""

    permission_classes = (IsAuthenticated, perm.CanReadEnterprises)

    def get_serializer_class(self) -> Any:
        if getattr(self, "action", None) == "retrieve":
            return s.EnterpriseDetailSerializer
        return s.EnterpriseSerializer

    def get_queryset(self) -> Any:
        return scopes.enterprises_visible_to(self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        enterprise = self.get_object()
        context = {"measures": presenters.line_measures(core.enterprise_list(enterprise))}
        return Response(s.EnterpriseDetailSerializer(enterprise, context=context).data)


class ChangeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Changes are listed to the office and to the proposing enterprise; only the office
    decides."""

    def get_permissions(self) -> Any:
        if getattr(self, "action", None) == "decide":
            return [IsAuthenticated(), perm.IsOffice()]
        return [IsAuthenticated(), perm.OfficeOrEnterprise()]


class MeasureChangeViewSet(ChangeViewSet):
    """Own measures (一厂一策) proposed by enterprises; the office decides them."""

    serializer_class = s.MeasureChangeSerializer

    def get_queryset(self) -> Any:
        return scopes.measure_changes_visible_to(self.request.user)

    @extend_schema(request=s.MeasureProposalSerializer, responses={201: s.MeasureChangeSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Propose an own measure for a line at a level; a measure weaker than the industry
        default is refused with the reason."""
        valid = _valid(s.MeasureProposalSerializer, request)
        line = _line_or_404(request.user, valid.pop("line"))
        row = changes.propose_measure(request.user, line, valid)
        return Response(s.MeasureChangeSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ChangeDecisionSerializer, responses={200: s.MeasureChangeSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """The office approves (applies) the change or sends it back with a reason."""
        change = self.get_object()
        valid = _valid(s.ChangeDecisionSerializer, request)
        change = changes.decide(request.user, "measure", change.pk, valid)
        return Response(s.MeasureChangeSerializer(change).data)


class StaggerChangeViewSet(ChangeViewSet):
    """Changes of the staggered-production calendar; approved by the office, then published."""

    serializer_class = s.StaggerChangeSerializer

    def get_queryset(self) -> Any:
        return scopes.stagger_changes_visible_to(self.request.user)

    @extend_schema(request=s.StaggerProposalSerializer, responses={201: s.StaggerChangeSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        valid = _valid(s.StaggerProposalSerializer, request)
        line = _line_or_404(request.user, valid.pop("line"))
        row = changes.propose_stagger(request.user, line, valid)
        return Response(s.StaggerChangeSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ChangeDecisionSerializer, responses={200: s.StaggerChangeSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """The office approves (applies, publishes) the change or sends it back with a reason."""
        change = self.get_object()
        valid = _valid(s.ChangeDecisionSerializer, request)
        change = changes.decide(request.user, "staggered", change.pk, valid)
        return Response(s.StaggerChangeSerializer(change).data)


def _line_or_404(user: Any, line: m.ProductionLine) -> m.ProductionLine:
    """A line the user may see (an id outside the scope is 404, not a hint that it exists)."""
    found: m.ProductionLine = get_object_or_404(
        scopes.lines_visible_to(user).select_related("enterprise"), pk=line.pk
    )
    return found
