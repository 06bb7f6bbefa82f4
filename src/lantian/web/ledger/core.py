"""Rows → the values of :mod:`lantian.planning.model`, and the status rule applied to them.

The web layer decides nothing about status itself: it builds the core values and calls
:func:`lantian.planning.status.task_status`. Units and areas are known to the rules by their
name; a report's ``unit`` is its reporter's name (a unit, or the area that filed it).
"""

from __future__ import annotations

from datetime import date

from lantian.planning import model as core
from lantian.planning.status import DEFAULT_WARN_DAYS, TaskState, task_status
from lantian.planning.weeks import IsoWeek
from lantian.web.ledger import models as m
from lantian.web.ledger.clock import local_date

#: Prefetch these on a Task queryset before converting many tasks.
TASK_PREFETCH = (
    "task_units__unit",
    "areas",
    "milestones",
    "indicators",
    "reports__unit",
    "reports__area",
    "extensionrequests__unit",
    "extensionrequests__milestone",
    "closingrequests__unit",
)


def _units(task: m.Task, role: str) -> tuple[str, ...]:
    return tuple(tu.unit.name for tu in task.task_units.all() if tu.role == role)


def to_core_task(task: m.Task) -> core.Task:
    """The task as the rules see it (raises ``ValueError`` where the row breaks a rule)."""
    return core.Task(
        number=task.number,
        text=task.text,
        heading=task.heading,
        category=task.category,
        lead_units=_units(task, m.UnitRole.LEAD),
        cooperating_units=_units(task, m.UnitRole.COOPERATING),
        responsible_units=_units(task, m.UnitRole.RESPONSIBLE),
        areas=tuple(a.name for a in task.areas.all()),
        milestones=tuple(core.Milestone(ms.due, ms.label) for ms in task.milestones.all()),
        indicators=tuple(core.Indicator(i.name, i.unit, i.target) for i in task.indicators.all()),
    )


def to_core_report(report: m.Report) -> core.Report:
    return core.Report(
        task=report.task.number,
        unit=report.reporter_name,
        week=IsoWeek.parse(report.week),
        filed_on=local_date(report.filed_at),
        text=report.text,
        indicator_values={str(k): float(v) for k, v in report.indicator_values.items()},
        milestones_met=tuple(date.fromisoformat(d) for d in report.milestones_met),
        complete=report.complete,
    )


def to_core_decision(request: m.Request) -> core.Decision | None:
    if not request.decision or request.decided_at is None:
        return None
    return core.Decision(
        kind=core.DecisionKind(request.decision),
        on=local_date(request.decided_at),
        by=request.decided_by.get_username() if request.decided_by else "",
        reason=request.decision_reason,
    )


def to_core_extension(request: m.ExtensionRequest) -> core.ExtensionRequest:
    return core.ExtensionRequest(
        task=request.task.number,
        unit=request.unit.name,
        milestone=request.milestone.due,
        until=request.new_due,
        filed_on=local_date(request.requested_at),
        reason=request.reason,
        decision=to_core_decision(request),
    )


def to_core_closing(request: m.ClosingRequest) -> core.ClosingRequest:
    return core.ClosingRequest(
        task=request.task.number,
        unit=request.unit.name,
        filed_on=local_date(request.requested_at),
        text=request.reason,
        decision=to_core_decision(request),
    )


def state_of(task: m.Task, on: date, warn_days: int = DEFAULT_WARN_DAYS) -> TaskState:
    """The status of ``task`` on ``on`` (rule: :func:`lantian.planning.status.task_status`)."""
    return task_status(
        to_core_task(task),
        [to_core_report(r) for r in task.reports.all()],
        [to_core_extension(x) for x in task.extensionrequests.all()],
        [to_core_closing(c) for c in task.closingrequests.all()],
        on,
        warn_days,
    )
