"""The ledger's JSON: plans with targets, tasks with status, and the forms units file."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import serializers

from lantian.planning import model as core
from lantian.planning.weeks import IsoWeek
from lantian.web.ledger import clock
from lantian.web.ledger import models as m
from lantian.web.ledger.evidence import check_evidence


class PlanTargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.PlanTarget
        fields = (
            "id",
            "metric",
            "area_name",
            "period",
            "op",
            "bound",
            "change",
            "baseline",
            "label",
        )


class PlanSerializer(serializers.ModelSerializer):
    targets = PlanTargetSerializer(many=True, read_only=True)

    class Meta:
        model = m.Plan
        fields = (
            "id",
            "title",
            "issuer",
            "document_number",
            "issued_on",
            "start",
            "end",
            "area",
            "targets",
        )


class TaskUnitSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = m.TaskUnit
        fields = ("unit", "name", "role")


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.Milestone
        fields = ("id", "due", "label")


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.Indicator
        fields = ("id", "name", "unit", "target")


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.Evidence
        fields = ("id", "name", "size")


class ReportSerializer(serializers.ModelSerializer):
    """A report; ``reporter`` names who filed it: the ``unit`` or, for an area's own report,
    the ``area`` (the other one is null)."""

    unit_name = serializers.CharField(source="unit.name", read_only=True, allow_null=True)
    area_name = serializers.CharField(source="area.name", read_only=True, allow_null=True)
    reporter = serializers.CharField(source="reporter_name", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = m.Report
        fields = (
            "id",
            "reporter",
            "unit",
            "unit_name",
            "area",
            "area_name",
            "week",
            "filed_at",
            "text",
            "indicator_values",
            "milestones_met",
            "complete",
            "evidence",
        )


REQUEST_FIELDS = (
    "id",
    "unit",
    "requested_at",
    "reason",
    "decision",
    "decided_at",
    "decision_reason",
)


class ExtensionRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.ExtensionRequest
        fields = (*REQUEST_FIELDS, "milestone", "new_due")


class ClosingRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.ClosingRequest
        fields = REQUEST_FIELDS


class StateSerializer(serializers.Serializer):
    """Status of the task on ``on`` (rule: ``lantian.planning.status.task_status``)."""

    on = serializers.DateField()
    status = serializers.CharField()
    label = serializers.CharField()
    colour = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    days_left = serializers.IntegerField(allow_null=True)

    @staticmethod
    def describe(state: Any) -> dict[str, Any]:
        return {
            "on": state.on,
            "status": state.status.value,
            "label": state.status.zh if get_language().startswith("zh") else state.status.en,
            "colour": state.status.colour,
            "deadline": state.deadline,
            "days_left": state.days_left,
        }


class TaskSerializer(serializers.ModelSerializer):
    """A task on the ledger list: its units, areas and status (``state`` in the context)."""

    units = TaskUnitSerializer(source="task_units", many=True, read_only=True)
    state = serializers.SerializerMethodField()

    class Meta:
        model = m.Task
        fields = ("id", "plan", "number", "heading", "category", "units", "areas", "state")

    def get_state(self, task: m.Task) -> dict[str, Any]:
        return StateSerializer(StateSerializer.describe(self.context["states"][task.pk])).data


class TaskDetailSerializer(TaskSerializer):
    milestones = MilestoneSerializer(many=True, read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)
    reports = ReportSerializer(many=True, read_only=True)
    extension_requests = ExtensionRequestSerializer(
        source="extensionrequests", many=True, read_only=True
    )
    closing_requests = ClosingRequestSerializer(source="closingrequests", many=True, read_only=True)

    class Meta(TaskSerializer.Meta):
        fields = (
            *TaskSerializer.Meta.fields,
            "text",
            "milestones",
            "indicators",
            "reports",
            "extension_requests",
            "closing_requests",
        )


# --- what units and areas file ----------------------------------------------------------------


class ReportInputSerializer(serializers.Serializer):
    """A weekly report, as a form (multipart, with ``evidence`` files) or JSON (no files).

    ``indicator_values``: a JSON object indicator name → number (in a form, as JSON text);
    ``milestones_met``: due dates of the task's milestones reached.
    """

    week = serializers.CharField(help_text="ISO week, e.g. 2019-W36")
    text = serializers.CharField(allow_blank=True, required=False, default="")
    indicator_values = serializers.JSONField(required=False, default=dict)
    milestones_met = serializers.ListField(
        child=serializers.DateField(), required=False, default=list
    )
    complete = serializers.BooleanField(required=False, default=False)
    evidence = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    def validate_week(self, value: str) -> str:
        try:
            return str(IsoWeek.parse(value))
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from exc

    def validate_indicator_values(self, value: Any) -> dict[str, float]:
        if isinstance(value, str):
            try:
                value = json.loads(value) if value.strip() else {}
            except ValueError as exc:
                raise serializers.ValidationError(_("Not valid JSON.")) from exc
        if not isinstance(value, dict):
            raise serializers.ValidationError(_("Expected an object of indicator values."))
        task: m.Task = self.context["task"]
        known = {i.name for i in task.indicators.all()}
        out: dict[str, float] = {}
        for name, number in value.items():
            if name not in known:
                raise serializers.ValidationError(
                    _("%(name)s is not an indicator of this task.") % {"name": name}
                )
            if isinstance(number, bool) or not isinstance(number, int | float):
                raise serializers.ValidationError(
                    _("%(name)s: a number is expected.") % {"name": name}
                )
            out[str(name)] = float(number)
        return out

    def validate_milestones_met(self, value: list[date]) -> list[str]:
        task: m.Task = self.context["task"]
        dues = {ms.due for ms in task.milestones.all()}
        for d in value:
            if d not in dues:
                raise serializers.ValidationError(
                    _("%(date)s is not a milestone of this task.") % {"date": d.isoformat()}
                )
        return sorted({d.isoformat() for d in value})

    def validate_evidence(self, files: list[Any]) -> list[Any]:
        for f in files:
            f.seek(0)
            head = f.read(16)
            f.seek(0)
            try:
                check_evidence(f.name, f.size, head)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages) from exc
        return files


class ExtensionInputSerializer(serializers.Serializer):
    milestone = serializers.IntegerField(help_text="id of one of the task's milestones")
    new_due = serializers.DateField()
    reason = serializers.CharField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        task: m.Task = self.context["task"]
        milestone = task.milestones.filter(pk=attrs["milestone"]).first()
        if milestone is None:
            raise serializers.ValidationError({"milestone": [_("Not a milestone of this task.")]})
        try:  # the rule (new date later than the old) is the core's
            core.ExtensionRequest(
                task.number, "", milestone.due, attrs["new_due"], clock.today(), attrs["reason"]
            )
        except ValueError as exc:
            raise serializers.ValidationError({"new_due": [str(exc)]}) from exc
        attrs["milestone"] = milestone
        return attrs


class ClosingInputSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="what was done; the evidence is in the reports")


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=m.Decision.choices)
    reason = serializers.CharField(allow_blank=True, required=False, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        try:  # the rule (sending back needs a reason) is the core's
            kind = core.DecisionKind(attrs["decision"])
            core.Decision(kind, clock.today(), reason=attrs["reason"])
        except ValueError as exc:
            raise serializers.ValidationError({"reason": [str(exc)]}) from exc
        return attrs
