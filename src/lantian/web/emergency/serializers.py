"""The emergency response's JSON: what the API answers, and the forms it takes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lantian.emergency.industries import industries
from lantian.web.emergency import models as m
from lantian.web.emergency.desk import lead_time
from lantian.web.emergency.response import MAX_DRAW
from lantian.web.ledger.edit_serializers import MAX_ID, RowField
from lantian.web.org.models import Area

#: The levels as the models name them (one choice set, one enum in the description).
LEVELS = m.Level.choices
#: Approve or send back: the same choice set as the ledger's decisions.
DECISIONS = [
    (m.ChangeStatus.APPROVED.value, m.ChangeStatus.APPROVED.label),
    (m.ChangeStatus.SENT_BACK.value, m.ChangeStatus.SENT_BACK.label),
]


class ErrorSerializer(serializers.Serializer):
    """The API's one error shape (``lantian.web.api.errors``), to document an answer the
    description would not otherwise list (the ``Error`` component)."""

    ok = serializers.BooleanField()
    error = serializers.CharField()
    status = serializers.IntegerField()


# --- forecasts, rules, directives ----------------------------------------------------------------


class ForecastSerializer(serializers.ModelSerializer):
    city_area = serializers.CharField(source="city.name", read_only=True)

    class Meta:
        model = m.Forecast
        fields = (
            "id",
            "city",
            "city_area",
            "city_name",
            "issued",
            "days",
            "hours",
            "source",
            "file_name",
            "uploaded_at",
        )


class ForecastImportSerializer(serializers.Serializer):
    created = ForecastSerializer(many=True)
    existing = ForecastSerializer(many=True)


class FileInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV or JSON forecast file (docs/emergency_forecasts.md)"
    )


class NoteSerializer(serializers.Serializer):
    zh = serializers.CharField()
    en = serializers.CharField()


class EpisodeSerializer(serializers.Serializer):
    start = serializers.CharField()
    end = serializers.CharField()
    level = serializers.CharField(allow_null=True)
    rule_zh = serializers.CharField()
    rule_en = serializers.CharField()
    d200_hours = serializers.IntegerField()
    peak_aqi = serializers.IntegerField()
    open_end = serializers.BooleanField()


class DecisionSerializer(serializers.Serializer):
    """The decision for a forecast (``Decision.to_dict()`` of the core), with the rule that fired
    and the forecast days or hours behind it."""

    forecast = serializers.IntegerField()
    city = serializers.CharField()
    issued = serializers.CharField()
    scheme = serializers.CharField()
    level = serializers.ChoiceField(choices=LEVELS, allow_null=True)
    level_zh = serializers.CharField()
    basis = serializers.CharField()
    rule_zh = serializers.CharField()
    rule_en = serializers.CharField()
    observed_zh = serializers.CharField(allow_null=True)
    observed_en = serializers.CharField(allow_null=True)
    trigger = serializers.ListField(child=serializers.CharField())
    start = serializers.CharField(allow_null=True)
    end = serializers.CharField(allow_null=True)
    d200_hours = serializers.IntegerField()
    national_level = serializers.CharField(allow_null=True)
    local_rule = serializers.CharField(allow_null=True)
    directive = serializers.DictField(allow_null=True)
    waiver = serializers.CharField(allow_null=True)
    lead_time_required_hours = serializers.IntegerField()
    episodes = EpisodeSerializer(many=True)
    notes = NoteSerializer(many=True)


class LocalRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.LocalRule
        fields = ("id", "city", "name", "text", "file_name", "uploaded_at")


class LocalRuleInputSerializer(serializers.Serializer):
    city = RowField(queryset=Area.objects.all())
    file = serializers.FileField(help_text="local stricter rule, TOML (docs/emergency_warnings.md)")


class DirectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.RegionalDirective
        fields = (
            "id",
            "city",
            "issuer",
            "level",
            "start",
            "end",
            "reference",
            "note",
            "recorded_at",
        )


class DirectiveInputSerializer(serializers.Serializer):
    city = RowField(queryset=Area.objects.all())
    issuer = serializers.CharField(max_length=200)
    level = serializers.ChoiceField(choices=LEVELS)
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    reference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data["end"] <= data["start"]:
            raise serializers.ValidationError({"end": [_("The period ends before it starts.")]})
        return data


# --- warnings ------------------------------------------------------------------------------------


class EventSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.get_username", read_only=True)

    class Meta:
        model = m.WarningEvent
        fields = (
            "id",
            "kind",
            "at",
            "by",
            "approver",
            "level",
            "level_before",
            "level_after",
            "measures_start",
            "expected_end",
            "forecast",
            "note",
        )


class LeadTimeSerializer(serializers.Serializer):
    achieved_hours = serializers.FloatField()
    required_hours = serializers.IntegerField()
    met = serializers.BooleanField()


class WarningSerializer(serializers.ModelSerializer):
    """A warning. ``events``, ``decision`` and ``lead_time`` are given to the administration's
    roles (``docs/access.md`` §Emergency); others get them empty."""

    city_name = serializers.CharField(source="city.name", read_only=True)
    rule_zh = serializers.SerializerMethodField()
    rule_en = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()
    lead_time = serializers.SerializerMethodField()

    class Meta:
        model = m.Warning
        fields = (
            "id",
            "city",
            "city_name",
            "state",
            "level",
            "assessed_level",
            "rule_zh",
            "rule_en",
            "episode_start",
            "episode_end",
            "issued_at",
            "measures_start",
            "expected_end",
            "lifted_at",
            "required_lead_hours",
            "lead_time",
            "decision",
            "events",
        )

    def _record(self) -> bool:
        return bool(self.context.get("record"))

    def get_rule_zh(self, obj: m.Warning) -> str:
        return str((obj.decision or {}).get("rule_zh", ""))

    def get_rule_en(self, obj: m.Warning) -> str:
        return str((obj.decision or {}).get("rule_en", ""))

    @extend_schema_field(EventSerializer(many=True))
    def get_events(self, obj: m.Warning) -> list[dict[str, Any]]:
        if not self._record():
            return []
        return list(EventSerializer(obj.events.select_related("by"), many=True).data)

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_decision(self, obj: m.Warning) -> dict[str, Any] | None:
        return dict(obj.decision) if self._record() and obj.decision else None

    @extend_schema_field(LeadTimeSerializer(allow_null=True))
    def get_lead_time(self, obj: m.Warning) -> dict[str, Any] | None:
        lt = lead_time(obj) if self._record() else None
        return dict(LeadTimeSerializer(lt).data) if lt is not None else None


class AssessInputSerializer(serializers.Serializer):
    forecast = RowField(queryset=m.Forecast.objects.all())
    waiver = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="the office's reason for not following a regional directive",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EventInputSerializer(serializers.Serializer):
    """An action on a warning; the core refuses what the warning's state does not allow."""

    kind = serializers.ChoiceField(choices=["issue", "upgrade", "downgrade", "lift"])
    approver = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default="", help_text="审签人"
    )
    level = serializers.ChoiceField(choices=LEVELS, required=False, allow_blank=True, default="")
    measures_start = serializers.DateTimeField(required=False, allow_null=True, default=None)
    expected_end = serializers.DateTimeField(required=False, allow_null=True, default=None)
    forecast = RowField(
        queryset=m.Forecast.objects.all(), required=False, allow_null=True, default=None
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


# --- the list ------------------------------------------------------------------------------------


class LineMeasureSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=LEVELS)
    measure = serializers.CharField(allow_blank=True, help_text="empty: no measure")
    own = serializers.BooleanField(help_text="the enterprise's own measure (一厂一策)")
    share = serializers.FloatField(help_text="share of the baseline emission removed")


class LineSerializer(serializers.ModelSerializer):
    industry_zh = serializers.SerializerMethodField()
    measures = serializers.SerializerMethodField()

    class Meta:
        model = m.ProductionLine
        fields = (
            "id",
            "line_id",
            "name",
            "industry",
            "industry_zh",
            "grade",
            "category",
            "capacity_unit",
            "eia_capacity",
            "permit_capacity",
            "actual_output",
            "normal_coking_h",
            "so2_t_a",
            "nox_t_a",
            "pm_t_a",
            "vocs_t_a",
            "synthetic",
            "active",
            "measures",
        )

    def get_industry_zh(self, obj: m.ProductionLine) -> str:
        ind = industries().get(obj.industry)
        return ind.zh if ind is not None else obj.industry

    @extend_schema_field(LineMeasureSerializer(many=True))
    def get_measures(self, obj: m.ProductionLine) -> list[dict[str, Any]]:
        return list(self.context.get("measures", {}).get(obj.line_id, []))


class EnterpriseSerializer(serializers.ModelSerializer):
    city_name = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = m.Enterprise
        fields = ("id", "list_id", "name", "credit_code", "area", "city_name", "synthetic")


class EnterpriseDetailSerializer(EnterpriseSerializer):
    lines = serializers.SerializerMethodField()

    class Meta(EnterpriseSerializer.Meta):
        fields = (*EnterpriseSerializer.Meta.fields, "lines")

    @extend_schema_field(LineSerializer(many=True))
    def get_lines(self, obj: m.Enterprise) -> list[dict[str, Any]]:
        rows = obj.lines.filter(active=True).order_by("line_id")
        return list(LineSerializer(rows, many=True, context=self.context).data)


class ListImportSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.ListImport
        fields = (
            "id",
            "city",
            "file_name",
            "city_file_name",
            "unit",
            "city_emissions",
            "enterprises",
            "lines",
            "measures",
            "imported_at",
        )


class ListImportInputSerializer(serializers.Serializer):
    city = RowField(queryset=Area.objects.all())
    list_file = serializers.FileField(
        help_text="the list file, .csv or .xlsx (docs/emergency_list.md)"
    )
    city_emissions = serializers.FileField(
        help_text="the city's emissions, .csv or .xlsx (columns pollutant and t_a, or t_d)"
    )


class ListImportResultSerializer(serializers.Serializer):
    created = serializers.DictField(child=serializers.IntegerField())
    updated = serializers.DictField(child=serializers.IntegerField())
    enterprises = serializers.IntegerField()
    lines = serializers.IntegerField()
    record = ListImportSerializer(allow_null=True)


class CloserSerializer(serializers.Serializer):
    line_id = serializers.CharField()
    label = serializers.CharField()
    current = serializers.CharField()
    proposed = serializers.CharField()
    extra = serializers.FloatField(help_text="additional reduction [t/d]")


class PollutantCheckSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=LEVELS)
    pollutant = serializers.CharField()
    city = serializers.FloatField(help_text="city emission [t/d]")
    ratio = serializers.FloatField()
    required = serializers.FloatField(help_text="[t/d]")
    achieved = serializers.FloatField(help_text="[t/d]")
    passes = serializers.BooleanField()
    shortfall = serializers.FloatField(help_text="[t/d]")
    closable = serializers.BooleanField()
    closers = CloserSerializer(many=True, help_text="the command office only")


class ListCheckSerializer(serializers.Serializer):
    city = serializers.IntegerField()
    city_name = serializers.CharField()
    imported = ListImportSerializer()
    basis = serializers.CharField()
    passes = serializers.BooleanField()
    results = PollutantCheckSerializer(many=True)
    without_measure = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="level → lines with no measure (the command office only)",
    )


# --- changes -------------------------------------------------------------------------------------


class MeasureChangeSerializer(serializers.ModelSerializer):
    line_id = serializers.CharField(source="line.line_id", read_only=True)
    enterprise = serializers.IntegerField(source="line.enterprise_id", read_only=True)

    class Meta:
        model = m.MeasureChange
        fields = (
            "id",
            "line",
            "line_id",
            "enterprise",
            "level",
            "before",
            "text",
            "kind",
            "value",
            "transport",
            "reason",
            "requested_at",
            "status",
            "decided_at",
            "decision_reason",
        )


class MeasureProposalSerializer(serializers.Serializer):
    line = RowField(queryset=m.ProductionLine.objects.all())
    level = serializers.ChoiceField(choices=LEVELS)
    measure = serializers.CharField(max_length=100, help_text="e.g. 限产30%+国四及以下重型货车停运")
    reason = serializers.CharField()


class StaggerChangeSerializer(serializers.ModelSerializer):
    line_id = serializers.CharField(source="line.line_id", read_only=True)
    enterprise = serializers.IntegerField(source="line.enterprise_id", read_only=True)

    class Meta:
        model = m.StaggerChange
        fields = (
            "id",
            "line",
            "line_id",
            "enterprise",
            "action",
            "before",
            "start",
            "end",
            "kind",
            "value",
            "baseline",
            "reason",
            "requested_at",
            "status",
            "decided_at",
            "decision_reason",
            "published_at",
            "result",
        )


class StaggerProposalSerializer(serializers.Serializer):
    line = RowField(queryset=m.ProductionLine.objects.all())
    action = serializers.ChoiceField(choices=m.StaggerAction.values)
    before = RowField(
        queryset=m.StaggeredPeriod.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="the period changed or withdrawn",
    )
    start = serializers.DateField(required=False, allow_null=True, default=None)
    end = serializers.DateField(required=False, allow_null=True, default=None)
    kind = serializers.ChoiceField(
        choices=m.StaggerKind.values, required=False, allow_blank=True, default=""
    )
    value = serializers.FloatField(required=False, allow_null=True, default=None)
    baseline = serializers.FloatField(required=False, allow_null=True, default=None, min_value=0)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ChangeDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=DECISIONS)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


# --- response ------------------------------------------------------------------------------------


class LineNoticeSerializer(serializers.Serializer):
    """A line's measure at a level (:class:`~.response.LineNotice`)."""

    line_id = serializers.CharField()
    name = serializers.CharField()
    industry = serializers.CharField()
    grade = serializers.CharField()
    measure = serializers.CharField(allow_blank=True)
    own = serializers.BooleanField(help_text="the enterprise's own measure (一厂一策)")
    share = serializers.FloatField(help_text="share of the baseline emission removed")
    reductions = serializers.DictField(child=serializers.FloatField(), help_text="[t/d]")
    allowed_output = serializers.FloatField(allow_null=True)
    capacity_unit = serializers.CharField(allow_blank=True)
    transport = serializers.CharField(allow_blank=True)


class EnterpriseNoticeSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(source="enterprise.pk")
    list_id = serializers.CharField(source="enterprise.list_id")
    name = serializers.CharField(source="enterprise.name")
    synthetic = serializers.BooleanField(source="enterprise.synthetic")
    lines = LineNoticeSerializer(many=True)


class TransportSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField()
    name = serializers.CharField()
    line = LineNoticeSerializer()


class DrawSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.InspectionDraw
        fields = ("id", "warning", "level", "seed", "size", "population", "drawn", "drawn_at")


class DrawInputSerializer(serializers.Serializer):
    size = serializers.IntegerField(min_value=1, max_value=MAX_DRAW)
    seed = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        max_value=MAX_ID,
        help_text="to repeat a draw; without: chosen at random and stored",
    )


class InspectionSerializer(serializers.ModelSerializer):
    inspector = serializers.CharField(source="inspector.get_username", read_only=True)

    class Meta:
        model = m.Inspection
        fields = (
            "id",
            "warning",
            "enterprise",
            "line",
            "inspector",
            "at",
            "compliant",
            "findings",
            "recorded_at",
        )


class InspectionInputSerializer(serializers.Serializer):
    enterprise = RowField(queryset=m.Enterprise.objects.all())
    line = RowField(
        queryset=m.ProductionLine.objects.all(), required=False, allow_null=True, default=None
    )
    at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    compliant = serializers.BooleanField()
    findings = serializers.CharField(required=False, allow_blank=True, default="")


# --- notices to enterprises and their acknowledgement ---------------------------------------------


class NoticeLineSerializer(LineNoticeSerializer):
    """A line's measure as the notice said it (a snapshot: later list changes leave it), without
    the reductions."""

    reductions = None


class NoticeReceiptSerializer(serializers.ModelSerializer):
    """A warning event's notice to an enterprise and its acknowledgement (签收)."""

    city_name = serializers.CharField(source="warning.city.name", read_only=True)
    kind = serializers.ChoiceField(
        source="event.kind", choices=m.EventKind.choices, read_only=True, help_text="the event"
    )
    event_at = serializers.DateTimeField(source="event.at", read_only=True)
    list_id = serializers.CharField(source="enterprise.list_id", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    lines = NoticeLineSerializer(many=True, read_only=True)
    acknowledged = serializers.SerializerMethodField()
    acknowledged_by = serializers.SerializerMethodField()

    class Meta:
        model = m.NoticeReceipt
        fields = (
            "id",
            "warning",
            "city_name",
            "event",
            "kind",
            "event_at",
            "enterprise",
            "list_id",
            "enterprise_name",
            "level",
            "lines",
            "measures_start",
            "expected_end",
            "created_at",
            "acknowledged",
            "acknowledged_by",
            "acknowledged_at",
        )

    def get_acknowledged(self, obj: m.NoticeReceipt) -> bool:
        return obj.acknowledged_at is not None

    def get_acknowledged_by(self, obj: m.NoticeReceipt) -> str | None:
        return obj.acknowledged_by.get_username() if obj.acknowledged_by else None


class NoticeFilterSerializer(serializers.Serializer):
    """``GET /api/emergency/notices/`` query: one warning's notices, acknowledged or not."""

    warning = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=MAX_ID
    )
    acknowledged = serializers.BooleanField(required=False, allow_null=True, default=None)
