"""Setting up and correcting plans, targets and tasks: the one path the pages and the API share.

Only the command office (:func:`lantian.web.ledger.edit_scopes.can_edit_ledger`). Each function
validates its input (:mod:`lantian.web.ledger.edit_serializers`, then the rules that need the
stored rows, then the core's own rules: ``parse_number``, ``Target``, ``lantian.planning.model
.Task``), and only then writes, in one transaction, every row through
:func:`lantian.web.audit.audited.audited`; links to areas are recorded as a ``set_areas`` entry of
the task, as the demo loader and the Excel import do. A refused change writes nothing.

Plans, targets and tasks are never deleted. Within a task (rules: ``docs/ledger_editing.md``):
units, areas, milestones and indicators can always be added and changed; while the task has no
report and no request they can also be taken off (the audit log keeps the removed row as a
``delete`` entry); once it has one, taking any of them off is refused, and so are changing its
numbering, the date of a milestone reported met or asked to be extended, and the name of an
indicator reports give values for — the reports, requests and notices refer to them.

Refusals are DRF exceptions, as in :mod:`lantian.web.ledger.services`: ``PermissionDenied`` (403)
and ``ValidationError`` (400, ``detail`` names the fields).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.planning import model as core
from lantian.web.audit.audited import audited
from lantian.web.audit.log import record
from lantian.web.ledger import edit_serializers as es
from lantian.web.ledger import models as m
from lantian.web.ledger.edit_scopes import can_edit_ledger

#: The task's own fields an edit may change (``plan`` never changes).
TASK_FIELDS = ("number", "heading", "text", "category")


def editor_or_403(user: Any) -> None:
    if not can_edit_ledger(user):
        raise exceptions.PermissionDenied(
            _("Only the command office sets up and changes plans, targets and tasks.")
        )


def _valid(serializer: type[Any], data: Mapping[str, Any]) -> dict[str, Any]:
    form = serializer(data=data)
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)


def _refuse(errors: dict[str, list[str]]) -> None:
    if errors:
        raise exceptions.ValidationError(errors)


def _full_clean(obj: Model) -> None:
    """The model's own validation, refused as the API refuses (400 naming the fields)."""
    try:
        obj.full_clean()
    except DjangoValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise exceptions.ValidationError(exc.message_dict) from exc
        raise exceptions.ValidationError({"non_field_errors": exc.messages}) from exc


def _save(user: Any, obj: Model, values: Mapping[str, Any]) -> None:
    """Create ``obj`` or bring it to ``values``, validated, through ``audited``."""
    if obj.pk is not None and all(getattr(obj, k) == v for k, v in values.items()):
        return
    with audited(user, obj):
        for k, v in values.items():
            setattr(obj, k, v)
        _full_clean(obj)
        obj.save()


def _remove(user: Any, obj: Model) -> None:
    """Take a row of a task off (only before any report): the log keeps it as ``delete``."""
    with audited(user, obj):
        obj.delete()


def _conflict() -> exceptions.ValidationError:
    return exceptions.ValidationError(
        {
            "non_field_errors": [
                _(
                    "The change conflicts with the stored rows (for example two milestones "
                    "exchanging their dates, or a change saved by someone else at the same "
                    "time); save it in two steps, or reload and try again."
                )
            ]
        }
    )


# --- plans --------------------------------------------------------------------------------------


def _check_plan(values: Mapping[str, Any], plan: m.Plan | None) -> None:
    errors: dict[str, list[str]] = {}
    if values["end"] < values["start"]:
        errors["end"] = [_("The plan ends before it starts.")]
    number = values.get("document_number", "")
    if number:
        others = m.Plan.objects.filter(document_number=number)
        if plan is not None:
            others = others.exclude(pk=plan.pk)
        if others.exists():
            errors["document_number"] = [
                _("Another plan has the document number %(number)s.") % {"number": number}
            ]
    _refuse(errors)


def create_plan(user: Any, data: Mapping[str, Any]) -> m.Plan:
    """A new plan (its targets and tasks are added next)."""
    editor_or_403(user)
    valid = {"document_number": "", **_valid(es.PlanInputSerializer, data)}
    _check_plan(valid, None)
    plan = m.Plan()
    with transaction.atomic():
        _save(user, plan, valid)
    return plan


def update_plan(user: Any, plan: m.Plan, data: Mapping[str, Any]) -> m.Plan:
    """Change the fields sent; one ``update`` entry with before and after."""
    editor_or_403(user)
    valid = _valid(es.PlanPatchSerializer, data)
    with transaction.atomic():
        plan = m.Plan.objects.select_for_update().get(pk=plan.pk)
        current = {f: getattr(plan, f) for f in ("start", "end", "document_number")}
        _check_plan({**current, **valid}, plan)
        _save(user, plan, valid)
    return plan


# --- targets ------------------------------------------------------------------------------------

#: What makes two targets of a plan the same target (the demo loader's natural key too).
TARGET_KEY = ("metric", "area_name", "period", "op", "change")


def _check_target(target: m.PlanTarget) -> None:
    try:
        target.to_target()  # the engine's Target: the one definition of a valid target
    except ValueError as exc:
        raise exceptions.ValidationError({"non_field_errors": [str(exc)]}) from exc
    same = m.PlanTarget.objects.filter(
        plan=target.plan, **{k: getattr(target, k) for k in TARGET_KEY}
    )
    if target.pk is not None:
        same = same.exclude(pk=target.pk)
    if same.exists():
        raise exceptions.ValidationError(
            {
                "non_field_errors": [
                    _("The plan already has this target (%(target)s); change that one instead.")
                    % {"target": same.first()}
                ]
            }
        )


def add_target(user: Any, plan: m.Plan, data: Mapping[str, Any]) -> m.PlanTarget:
    editor_or_403(user)
    valid = {
        "change": False,
        "baseline": None,
        "label": "",
        **_valid(es.TargetInputSerializer, data),
    }
    target = m.PlanTarget(plan=plan, **valid)
    _check_target(target)
    with audited(user, target):  # one transaction: the row and its entry
        _full_clean(target)
        target.save()
    return target


def update_target(user: Any, target: m.PlanTarget, data: Mapping[str, Any]) -> m.PlanTarget:
    """Correct a target (a target is never removed: the plan's document keeps it)."""
    editor_or_403(user)
    valid = _valid(es.TargetPatchSerializer, data)
    with transaction.atomic():
        target = m.PlanTarget.objects.select_for_update().get(pk=target.pk)
        probe = m.PlanTarget.objects.get(pk=target.pk)
        for k, v in valid.items():
            setattr(probe, k, v)
        _check_target(probe)
        _save(user, target, valid)
    return target


# --- tasks --------------------------------------------------------------------------------------


def has_activity(task: m.Task) -> bool:
    """Whether the task has a report or a request: from then on nothing is taken off it."""
    if task.pk is None:
        return False
    return task.reports.exists() or task.extensionrequests.exists() or task.closingrequests.exists()


def create_task(user: Any, data: Mapping[str, Any]) -> m.Task:
    """A new task in ``data["plan"]`` with its units, areas, milestones and indicators."""
    editor_or_403(user)
    valid = _valid(es.TaskInputSerializer, data)
    plan = valid.pop("plan")
    task = m.Task(plan=plan)
    _write_task(user, task, {"heading": "", "category": "", **valid})
    return task


def update_task(user: Any, task: m.Task, data: Mapping[str, Any]) -> m.Task:
    """Change the fields sent; a list sent (units, areas, …) is the task's whole new list."""
    editor_or_403(user)
    valid = _valid(es.TaskPatchSerializer, data)
    with transaction.atomic():
        task = m.Task.objects.select_for_update().get(pk=task.pk)
        _write_task(user, task, valid)
    return task


class _TaskChange:
    """What an edit does to one task, worked out (and refused) before anything is written."""

    def __init__(self, task: m.Task, valid: dict[str, Any]) -> None:
        self.task = task
        self.valid = valid
        self.active = has_activity(task)
        self.errors: dict[str, list[str]] = {}
        self.fields = {f: valid.get(f, getattr(task, f)) for f in TASK_FIELDS}
        new = task.pk is None
        self.units = [] if new else list(task.task_units.select_related("unit"))
        self.areas = [] if new else list(task.areas.all())
        self.milestones = [] if new else list(task.milestones.all())
        self.indicators = [] if new else list(task.indicators.all())

    def refuse(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    # the checks, one per part of the task

    def check_number(self) -> None:
        number = self.fields["number"]
        if number == self.task.number and self.task.pk is not None:
            return
        if self.active:
            self.refuse(
                "number",
                _(
                    "The task has reports or requests: its numbering is fixed (notices and "
                    "briefings cite it)."
                ),
            )
        taken = m.Task.objects.filter(plan=self.task.plan, number=number)
        if self.task.pk is not None:
            taken = taken.exclude(pk=self.task.pk)
        if taken.exists():
            self.refuse(
                "number",
                _("The plan already has a task numbered %(number)s.") % {"number": number},
            )

    def check_units(self) -> None:
        if "units" not in self.valid:
            return
        wanted = {row["unit"].pk for row in self.valid["units"]}
        gone = [tu.unit.name for tu in self.units if tu.unit_id not in wanted]
        if gone and self.active:
            self.refuse(
                "units",
                _(
                    "The task has reports or requests, so no unit can be taken off it "
                    "(%(names)s); units can be added and their roles changed."
                )
                % {"names": "、".join(gone)},
            )
        if not any(row["role"] in m.REPORTING_ROLES for row in self.valid["units"]):
            self.refuse("units", _("A task needs at least one lead or responsible unit."))

    def check_areas(self) -> None:
        if "areas" not in self.valid:
            return
        wanted = {a.pk for a in self.valid["areas"]}
        gone = [a.name for a in self.areas if a.pk not in wanted]
        if gone and self.active:
            self.refuse(
                "areas",
                _(
                    "The task has reports or requests, so no area can be taken off it "
                    "(%(names)s); areas can be added."
                )
                % {"names": "、".join(gone)},
            )

    def check_milestones(self) -> None:
        if "milestones" not in self.valid:
            return
        rows = {ms.pk: ms for ms in self.milestones}
        wanted = {row["id"] for row in self.valid["milestones"] if "id" in row}
        for pk in sorted(wanted - set(rows)):
            self.refuse("milestones", _("%(id)s is not a milestone of this task.") % {"id": pk})
        gone = [ms for ms in self.milestones if ms.pk not in wanted]
        if gone and self.active:
            self.refuse(
                "milestones",
                _(
                    "The task has reports or requests, so no milestone can be taken off it "
                    "(%(dates)s); add one, or move the date of one not yet met."
                )
                % {"dates": "、".join(ms.due.isoformat() for ms in gone)},
            )
        met = (
            {d for r in self.task.reports.all() for d in r.milestones_met} if self.active else set()
        )
        asked = (
            set(self.task.extensionrequests.values_list("milestone_id", flat=True))
            if self.active
            else set()
        )
        for row in self.valid["milestones"]:
            ms = rows.get(row.get("id", 0))
            if ms is None or ms.due == row["due"]:
                continue
            if ms.due.isoformat() in met or ms.pk in asked:
                self.refuse(
                    "milestones",
                    _(
                        "The milestone due %(date)s was reported met or asked to be extended: "
                        "its date is fixed (an extension request moves it)."
                    )
                    % {"date": ms.due.isoformat()},
                )

    def check_indicators(self) -> None:
        if "indicators" not in self.valid:
            return
        rows = {i.pk: i for i in self.indicators}
        wanted = {row["id"] for row in self.valid["indicators"] if "id" in row}
        for pk in sorted(wanted - set(rows)):
            self.refuse("indicators", _("%(id)s is not an indicator of this task.") % {"id": pk})
        gone = [i.name for i in self.indicators if i.pk not in wanted]
        if gone and self.active:
            self.refuse(
                "indicators",
                _(
                    "The task has reports or requests, so no indicator can be taken off it "
                    "(%(names)s); indicators can be added and changed."
                )
                % {"names": "、".join(gone)},
            )
        valued = (
            {k for r in self.task.reports.all() for k in r.indicator_values}
            if self.active
            else set()
        )
        for row in self.valid["indicators"]:
            ind = rows.get(row.get("id", 0))
            if ind is not None and ind.name != row["name"] and ind.name in valued:
                self.refuse(
                    "indicators",
                    _("Reports give values for the indicator %(name)s: its name is fixed.")
                    % {"name": ind.name},
                )

    def check_core(self) -> None:
        """The core's rules on the task as it would be (numbering, text, a reporting unit, …)."""
        if "units" in self.valid:
            units = [(row["role"], row["unit"].name) for row in self.valid["units"]]
        else:
            units = [(tu.role, tu.unit.name) for tu in self.units]
        areas = self.valid.get("areas", self.areas)
        if "milestones" in self.valid:
            milestones = [core.Milestone(r["due"], r["label"]) for r in self.valid["milestones"]]
        else:
            milestones = [core.Milestone(ms.due, ms.label) for ms in self.milestones]
        if "indicators" in self.valid:
            rows = [(r["name"], r["unit"], r["target"]) for r in self.valid["indicators"]]
        else:
            rows = [(i.name, i.unit, i.target) for i in self.indicators]
        try:
            indicators = [core.Indicator(*row) for row in rows]
            core.Task(
                number=self.fields["number"],
                text=self.fields["text"],
                heading=self.fields["heading"],
                category=self.fields["category"],
                lead_units=tuple(n for r, n in units if r == m.UnitRole.LEAD),
                cooperating_units=tuple(n for r, n in units if r == m.UnitRole.COOPERATING),
                responsible_units=tuple(n for r, n in units if r == m.UnitRole.RESPONSIBLE),
                areas=tuple(a.name for a in areas),
                milestones=tuple(milestones),
                indicators=tuple(indicators),
            )
        except ValueError as exc:
            self.refuse("non_field_errors", str(exc))

    def check(self) -> None:
        self.check_number()
        self.check_units()
        self.check_areas()
        self.check_milestones()
        self.check_indicators()
        if not self.errors:
            self.check_core()
        _refuse(self.errors)

    # the writes, in the order that keeps each unique key free

    def write(self, user: Any) -> None:
        task = self.task
        _save(user, task, self.fields)
        if "units" in self.valid:
            wanted = {row["unit"].pk: row for row in self.valid["units"]}
            held = {tu.unit_id: tu for tu in self.units}
            for tu in self.units:
                if tu.unit_id not in wanted:
                    _remove(user, tu)
            for unit_id, row in wanted.items():
                tu = held.get(unit_id) or m.TaskUnit(task=task)
                _save(user, tu, {"unit": row["unit"], "role": row["role"]})
        if "areas" in self.valid:
            present = sorted(a.pk for a in self.areas)
            wanted_areas = sorted(a.pk for a in self.valid["areas"])
            if wanted_areas != present:
                # Many-to-many links are no field of the row: recorded as their own entry.
                task.areas.set(wanted_areas)
                record(
                    user,
                    "set_areas",
                    "ledger.task",
                    task.pk,
                    {"areas": present},
                    {"areas": wanted_areas},
                )
        self._write_rows(user, "milestones", self.milestones, m.Milestone, ("due", "label"))
        self._write_rows(
            user, "indicators", self.indicators, m.Indicator, ("name", "unit", "target")
        )

    def _write_rows(
        self, user: Any, key: str, rows: list[Any], model: type[Model], fields: tuple[str, ...]
    ) -> None:
        if key not in self.valid:
            return
        wanted = self.valid[key]
        by_id = {row.pk: row for row in rows}
        kept = {w["id"] for w in wanted if "id" in w}
        for row in rows:
            if row.pk not in kept:
                _remove(user, row)
        for w in wanted:  # changed rows first: a new row may take a date or name they free
            if "id" in w:
                _save(user, by_id[w["id"]], {f: w[f] for f in fields})
        for w in wanted:
            if "id" not in w:
                _save(user, model(task=self.task), {f: w[f] for f in fields})


def _write_task(user: Any, task: m.Task, valid: dict[str, Any]) -> None:
    change = _TaskChange(task, valid)
    change.check()
    try:
        with transaction.atomic():
            change.write(user)
    except IntegrityError as exc:
        raise _conflict() from exc
