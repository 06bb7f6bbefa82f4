"""What the command office sends to set up and correct plans, targets and tasks.

The same input for the API (JSON) and the pages (which turn their form fields into it), read by
:mod:`lantian.web.ledger.editing`. These serializers check types, lengths and repeats within one
request; what needs the stored rows (numbering taken, what a reported task keeps) is checked by
the service. ``…PatchSerializer``: every field optional, only the fields sent change.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from lantian.airquality.periods import parse_period
from lantian.airquality.targets import METRICS
from lantian.planning.model import parse_number
from lantian.web.ledger import models as m
from lantian.web.org.models import Area, Unit

#: Largest id accepted: the databases' 64-bit integer range (a larger one is a 400, never an
#: overflow inside the query).
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]+")


class RowField(serializers.PrimaryKeyRelatedField):
    """A row by its id: a whole number (or its digits as text) in the databases' range."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and _DIGITS.fullmatch(data.strip()):
            data = int(data)
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 0 < data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class OptionalFields:
    """Mixin: every top-level field optional (PATCH); nested rows keep their own rules."""

    fields: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


# --- plans and targets --------------------------------------------------------------------------


class PlanInputSerializer(serializers.Serializer):
    """A plan (行动方案): its document, period and area."""

    title = serializers.CharField(max_length=300)
    issuer = serializers.CharField(max_length=200, help_text="issuing body, e.g. 石家庄市人民政府")
    document_number = serializers.CharField(
        max_length=100, allow_blank=True, required=False, help_text="文号, e.g. 石政发〔2019〕3号"
    )
    issued_on = serializers.DateField()
    start = serializers.DateField(help_text="first day of the plan's period")
    end = serializers.DateField(help_text="last day of the plan's period")
    area = RowField(queryset=Area.objects.all(), help_text="id of the area the plan covers")


class PlanPatchSerializer(OptionalFields, PlanInputSerializer):
    """The fields of a plan to change."""


class TargetInputSerializer(serializers.Serializer):
    """A target of a plan, as the air-quality engine's ``Target`` (``docs/targets.md``)."""

    metric = serializers.ChoiceField(choices=list(METRICS))
    area_name = serializers.CharField(max_length=100, help_text="area as the engine names it")
    period = serializers.CharField(max_length=50, help_text="2019, 2019-Q1, 2019-H1, 2019-06, …")
    op = serializers.ChoiceField(choices=m.PlanTarget.OPS)
    bound = serializers.FloatField(help_text="the value, or the change in % when change is true")
    change = serializers.BooleanField(required=False, help_text="bound is a change in % (同比)")
    baseline = serializers.FloatField(required=False, allow_null=True)
    label = serializers.CharField(max_length=200, allow_blank=True, required=False)

    def validate_period(self, value: str) -> str:
        try:
            parse_period(value)
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from exc
        return value.strip()

    def validate_area_name(self, value: str) -> str:
        return value.strip()


class TargetPatchSerializer(OptionalFields, TargetInputSerializer):
    """The fields of a target to change."""


# --- tasks --------------------------------------------------------------------------------------


class TaskUnitInputSerializer(serializers.Serializer):
    unit = RowField(queryset=Unit.objects.all(), help_text="id in the unit directory")
    role = serializers.ChoiceField(choices=m.UnitRole.choices)


class MilestoneInputSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="a milestone of this task (to change it); without: a new milestone",
    )
    due = serializers.DateField()
    label = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")


class IndicatorInputSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="an indicator of this task (to change it); without: a new indicator",
    )
    name = serializers.CharField(max_length=200)
    unit = serializers.CharField(max_length=50, allow_blank=True, required=False, default="")
    target = serializers.FloatField(allow_null=True, required=False, default=None)

    def validate_name(self, value: str) -> str:
        return value.strip()


def _repeated(values: list[Any]) -> Any | None:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return None


class TaskInputSerializer(serializers.Serializer):
    """A task (措施) with its units by role, areas, milestones and indicators.

    ``units``, ``areas``, ``milestones`` and ``indicators`` are the whole list: on a change, a row
    left out is taken off the task (refused once the task has reports or requests).
    """

    plan = RowField(queryset=m.Plan.objects.all())
    number = serializers.CharField(max_length=50, help_text="numbering path, e.g. 三.（一）.1")
    heading = serializers.CharField(max_length=300, allow_blank=True, required=False)
    text = serializers.CharField()
    category = serializers.CharField(max_length=100, allow_blank=True, required=False)
    units = TaskUnitInputSerializer(many=True, help_text="lead / cooperating / responsible units")
    areas = serializers.ListField(
        child=RowField(queryset=Area.objects.all()), required=False, help_text="area ids"
    )
    milestones = MilestoneInputSerializer(many=True, required=False)
    indicators = IndicatorInputSerializer(many=True, required=False)

    def validate_number(self, value: str) -> str:
        try:
            parse_number(value)
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from exc
        return value.strip()

    def validate_units(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        twice = _repeated([row["unit"] for row in rows])
        if twice is not None:
            raise serializers.ValidationError(
                _("%(unit)s is named twice: a unit has one role on a task.") % {"unit": twice}
            )
        return rows

    def validate_areas(self, areas: list[Area]) -> list[Area]:
        return list(dict.fromkeys(areas))  # a repeat adds nothing

    def validate_milestones(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        twice: date | None = _repeated([row["due"] for row in rows])
        if twice is not None:
            raise serializers.ValidationError(
                _("Two milestones are due on %(date)s: one milestone per date.")
                % {"date": twice.isoformat()}
            )
        if _repeated([row["id"] for row in rows if "id" in row]) is not None:
            raise serializers.ValidationError(_("A milestone is listed twice."))
        return rows

    def validate_indicators(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        twice = _repeated([row["name"] for row in rows])
        if twice is not None:
            raise serializers.ValidationError(
                _("The indicator %(name)s is listed twice.") % {"name": twice}
            )
        if _repeated([row["id"] for row in rows if "id" in row]) is not None:
            raise serializers.ValidationError(_("An indicator is listed twice."))
        return rows


class TaskPatchSerializer(OptionalFields, TaskInputSerializer):
    """The fields of a task to change; a task stays in its plan."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.pop("plan")
