"""Task status on a given day, and missing weekly reports (rules: ``docs/ledger_rules.md``).

The status of a task on day ``on`` is decided in this order (the first rule that applies):

1. **closed** (已销号): a closing request was approved on or before ``on``.
2. **done** (已完成待销号): a report filed on or before ``on`` claims completion, and no closing
   request was sent back on or after that claim (sending back voids the claim).
3. **overdue** (逾期, red): the next open milestone's deadline is before ``on``.
4. **at risk** (临期, yellow): that deadline is ``warn_days`` days or fewer after ``on``.
5. **on track** (正常推进): a report on the task was filed on or before ``on``.
6. **not started** (未启动): no report yet.

A milestone is *open* until a report filed on or before ``on`` lists its (original) due date in
``milestones_met``. Its deadline is the ``until`` of the latest approved extension request for it
decided on or before ``on``, else its own due date. Only the inputs that concern the task
(matching ``task`` number) are used, so callers may pass the whole ledger.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from lantian.planning.model import (
    ClosingRequest,
    DecisionKind,
    ExtensionRequest,
    Milestone,
    Report,
    Task,
)
from lantian.planning.weeks import IsoWeek, weeks_between

#: Days before a deadline when a task turns yellow (at risk), the deadline day itself included.
DEFAULT_WARN_DAYS = 7
#: Weekday (ISO: 1 = Monday … 7 = Sunday) by which each week's report is due.
DEFAULT_REPORT_WEEKDAY = 5


class Status(Enum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"
    DONE = "done"
    CLOSED = "closed"

    @property
    def zh(self) -> str:
        return STATUS_TEXT[self][0]

    @property
    def en(self) -> str:
        return STATUS_TEXT[self][1]

    @property
    def colour(self) -> str:
        return STATUS_TEXT[self][2]


#: status → (Chinese, English, colour on the ledger).
STATUS_TEXT: dict[Status, tuple[str, str, str]] = {
    Status.NOT_STARTED: ("未启动", "not started", "grey"),
    Status.ON_TRACK: ("正常推进", "on track", "green"),
    Status.AT_RISK: ("临期", "at risk", "yellow"),
    Status.OVERDUE: ("逾期", "overdue", "red"),
    Status.DONE: ("已完成待销号", "done, awaiting closing", "blue"),
    Status.CLOSED: ("已销号", "closed", "black"),
}


@dataclass(frozen=True)
class TaskState:
    """Status of one task on ``on``; ``deadline`` is the next open milestone's deadline."""

    task: str
    on: date
    status: Status
    deadline: date | None = None

    @property
    def days_left(self) -> int | None:
        """Days from ``on`` to the deadline (negative when overdue)."""
        return None if self.deadline is None else (self.deadline - self.on).days


def effective_deadlines(
    task: Task, extensions: Iterable[ExtensionRequest], on: date
) -> list[tuple[Milestone, date]]:
    """Each milestone with its deadline on ``on`` (moved by approved extensions)."""
    moved: dict[date, tuple[date, date]] = {}  # original due → (decided on, until)
    for x in extensions:
        d = x.decision
        if x.task != task.number or d is None or d.kind is not DecisionKind.APPROVED or d.on > on:
            continue
        prev = moved.get(x.milestone)
        if prev is None or (d.on, x.until) > prev:
            moved[x.milestone] = (d.on, x.until)
    return [(m, moved[m.due][1] if m.due in moved else m.due) for m in task.milestones]


def task_status(
    task: Task,
    reports: Iterable[Report],
    extensions: Iterable[ExtensionRequest],
    closings: Iterable[ClosingRequest],
    on: date,
    warn_days: int = DEFAULT_WARN_DAYS,
) -> TaskState:
    """The status of ``task`` on ``on`` (rules in the module docstring)."""
    if warn_days < 0:
        raise ValueError("预警天数不能为负 / warn_days must not be negative")
    mine = [r for r in reports if r.task == task.number and r.filed_on <= on]
    closes = [c for c in closings if c.task == task.number and c.decision and c.decision.on <= on]
    if any(c.decision and c.decision.kind is DecisionKind.APPROVED for c in closes):
        return TaskState(task.number, on, Status.CLOSED)
    claims = [r.filed_on for r in mine if r.complete]
    if claims:
        claim = max(claims)
        sent_back = any(
            c.decision and c.decision.kind is DecisionKind.SENT_BACK and c.decision.on >= claim
            for c in closes
        )
        if not sent_back:
            return TaskState(task.number, on, Status.DONE)
    met = {d for r in mine for d in r.milestones_met}
    open_deadlines = sorted(
        until for m, until in effective_deadlines(task, extensions, on) if m.due not in met
    )
    deadline = open_deadlines[0] if open_deadlines else None
    if deadline is not None and deadline < on:
        return TaskState(task.number, on, Status.OVERDUE, deadline)
    if deadline is not None and (deadline - on).days <= warn_days:
        return TaskState(task.number, on, Status.AT_RISK, deadline)
    status = Status.ON_TRACK if mine else Status.NOT_STARTED
    return TaskState(task.number, on, status, deadline)


@dataclass(frozen=True)
class MissingReport:
    """``unit`` filed no report for ``week`` on the listed tasks.

    ``unit`` names the reporter (``Task.reporters``): a lead or responsible unit, or a
    responsible area that owes its own report.
    """

    unit: str
    week: IsoWeek
    tasks: tuple[str, ...]


def report_due(week: IsoWeek, weekday: int = DEFAULT_REPORT_WEEKDAY) -> date:
    """The last day on which the report for ``week`` counts as filed on time."""
    if not 1 <= weekday <= 7:
        raise ValueError("报送日应为 1（周一）到 7（周日）/ weekday must be 1 (Mon) … 7 (Sun)")
    return week.day(weekday)


def last_closed_week(as_of: date, weekday: int = DEFAULT_REPORT_WEEKDAY) -> IsoWeek:
    """The latest week whose report day is before ``as_of`` (its reports can now be missing)."""
    week = IsoWeek.of(as_of)
    return week if report_due(week, weekday) < as_of else week.shift(-1)


def missing_reports(
    tasks: Sequence[Task],
    reports: Iterable[Report],
    extensions: Iterable[ExtensionRequest],
    closings: Iterable[ClosingRequest],
    weeks: Iterable[IsoWeek],
    as_of: date,
    weekday: int = DEFAULT_REPORT_WEEKDAY,
) -> list[MissingReport]:
    """Missing weekly reports, per reporter and week, in week then reporter-name order.

    For each week whose report day (``weekday`` of that week) is before ``as_of``, every
    reporter (lead and responsible units, then responsible areas: ``Task.reporters``) of every
    task not done or closed on the report day owes its own report on the task for that week,
    filed on or before the report day. Another reporter's report does not count for it, and a
    late report does not fill the gap.
    """
    by_task = group_by_task(tasks, reports, extensions, closings)
    on_time = {
        (r.task, r.unit, r.week)
        for rs, _, _ in by_task.values()
        for r in rs
        if r.filed_on <= report_due(r.week, weekday)
    }
    out: list[MissingReport] = []
    for week in sorted(set(weeks)):
        due = report_due(week, weekday)
        if due >= as_of:
            continue
        owed: dict[str, list[str]] = {}
        for t in tasks:
            st = task_status(t, *by_task[t.number], due).status
            if st in (Status.DONE, Status.CLOSED):
                continue
            for reporter in t.reporters:
                if (t.number, reporter, week) not in on_time:
                    owed.setdefault(reporter, []).append(t.number)
        out += [MissingReport(u, week, tuple(ns)) for u, ns in sorted(owed.items())]
    return out


def weeks_since(start: date, as_of: date, weekday: int = DEFAULT_REPORT_WEEKDAY) -> list[IsoWeek]:
    """The weeks from the one holding ``start`` to :func:`last_closed_week` of ``as_of``."""
    return weeks_between(IsoWeek.of(start), last_closed_week(as_of, weekday))


Grouped = dict[str, tuple[list[Report], list[ExtensionRequest], list[ClosingRequest]]]


def group_by_task(
    tasks: Iterable[Task],
    reports: Iterable[Report],
    extensions: Iterable[ExtensionRequest],
    closings: Iterable[ClosingRequest],
) -> Grouped:
    """Reports, extension and closing requests of each task (by number); others are dropped."""
    out: Grouped = {t.number: ([], [], []) for t in tasks}
    for r in reports:
        if r.task in out:
            out[r.task][0].append(r)
    for x in extensions:
        if x.task in out:
            out[x.task][1].append(x)
    for c in closings:
        if c.task in out:
            out[c.task][2].append(c)
    return out
