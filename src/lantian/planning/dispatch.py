"""The weekly dispatch (每周调度): per unit and per area, tasks due, overdue, reports missing and
progress, ranked (rules: ``docs/ledger_rules.md`` §Dispatch).

A unit's tasks are those it leads or is responsible for (its reporting tasks); tasks it only
cooperates on are counted apart (``cooperating``) and do not weigh on its rank. An area's tasks
are those listing it in ``Task.areas`` (its responsible areas); its missing reports are its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from lantian.planning.model import ClosingRequest, ExtensionRequest, Report, Task
from lantian.planning.ranking import competition_rank
from lantian.planning.status import (
    DEFAULT_REPORT_WEEKDAY,
    DEFAULT_WARN_DAYS,
    MissingReport,
    Status,
    TaskState,
    group_by_task,
    last_closed_week,
    missing_reports,
    task_status,
)
from lantian.planning.weeks import IsoWeek


@dataclass(frozen=True)
class LedgerRow:
    """One unit's or area's line of the dispatch.

    ``due_this_week``: open deadlines in the dispatch week (Monday … Sunday of ``as_of``);
    ``reports_missing``: tasks on which this unit or area filed no on-time report of its own
    for the report week;
    ``progress``: share of tasks done or closed, in [0, 1] (0 when there are no tasks);
    ``rank``: competition rank, ``None`` for a unit with no tasks of its own (only cooperating).
    """

    name: str
    tasks: int
    not_started: int
    on_track: int
    at_risk: int
    overdue: int
    done: int
    closed: int
    due_this_week: int
    reports_missing: int
    cooperating: int = 0
    overdue_tasks: tuple[str, ...] = ()
    rank: int | None = None

    @property
    def progress(self) -> float:
        return (self.done + self.closed) / self.tasks if self.tasks else 0.0


def default_rank_key(row: LedgerRow) -> tuple[int, int, float]:
    """Fewer overdue tasks first, then fewer missing reports, then more progress."""
    return (row.overdue, row.reports_missing, -row.progress)


@dataclass(frozen=True)
class Dispatch:
    """The dispatch held on ``as_of``: statuses on that day, missing reports of ``report_week``."""

    as_of: date
    report_week: IsoWeek
    states: Mapping[str, TaskState]
    missing: tuple[MissingReport, ...]
    by_unit: tuple[LedgerRow, ...]
    by_area: tuple[LedgerRow, ...]


def _row(
    name: str,
    tasks: Sequence[Task],
    states: Mapping[str, TaskState],
    missing: set[str],
    week: IsoWeek,
    cooperating: int = 0,
) -> LedgerRow:
    counts = {s: 0 for s in Status}
    due = 0
    for t in tasks:
        st = states[t.number]
        counts[st.status] += 1
        if st.deadline is not None and week.monday <= st.deadline <= week.sunday:
            due += 1
    return LedgerRow(
        name=name,
        tasks=len(tasks),
        not_started=counts[Status.NOT_STARTED],
        on_track=counts[Status.ON_TRACK],
        at_risk=counts[Status.AT_RISK],
        overdue=counts[Status.OVERDUE],
        done=counts[Status.DONE],
        closed=counts[Status.CLOSED],
        due_this_week=due,
        reports_missing=len([t for t in tasks if t.number in missing]),
        cooperating=cooperating,
        overdue_tasks=tuple(t.number for t in tasks if states[t.number].status is Status.OVERDUE),
    )


def _ranked(rows: Iterable[LedgerRow], key: Callable[[LedgerRow], Any]) -> tuple[LedgerRow, ...]:
    """Rows with tasks ranked by ``key``; rows without tasks follow, unranked."""
    rows = list(rows)
    ranked = [
        replace(r, rank=rank) for rank, r in competition_rank([r for r in rows if r.tasks], key)
    ]
    return (*ranked, *[r for r in rows if not r.tasks])


def weekly_dispatch(
    tasks: Sequence[Task],
    reports: Iterable[Report],
    extensions: Iterable[ExtensionRequest],
    closings: Iterable[ClosingRequest],
    as_of: date,
    *,
    weekday: int = DEFAULT_REPORT_WEEKDAY,
    warn_days: int = DEFAULT_WARN_DAYS,
    rank_key: Callable[[LedgerRow], Any] = default_rank_key,
) -> Dispatch:
    """The dispatch on ``as_of``.

    Statuses are taken on ``as_of``; missing reports are those of the report week, the latest
    week whose report day (``weekday``) is before ``as_of``.
    """
    grouped = group_by_task(tasks, reports, extensions, closings)
    states = {t.number: task_status(t, *grouped[t.number], as_of, warn_days) for t in tasks}
    report_week = last_closed_week(as_of, weekday)
    missing = tuple(
        missing_reports(
            tasks,
            [r for rs, _, _ in grouped.values() for r in rs],
            [x for _, xs, _ in grouped.values() for x in xs],
            [c for _, _, cs in grouped.values() for c in cs],
            [report_week],
            as_of,
            weekday,
        )
    )
    missing_by = {m.unit: set(m.tasks) for m in missing}  # by reporter: unit or area
    week = IsoWeek.of(as_of)

    units: list[str] = []
    for t in tasks:
        units += [u for u in t.units if u not in units]
    unit_rows = [
        _row(
            u,
            [t for t in tasks if u in t.reporting_units],
            states,
            missing_by.get(u, set()),
            week,
            cooperating=len(
                [t for t in tasks if u in t.cooperating_units and u not in t.reporting_units]
            ),
        )
        for u in units
    ]
    areas: list[str] = []
    for t in tasks:
        areas += [a for a in t.areas if a not in areas]
    area_rows = [
        _row(a, [t for t in tasks if a in t.areas], states, missing_by.get(a, set()), week)
        for a in areas
    ]
    return Dispatch(
        as_of=as_of,
        report_week=report_week,
        states=states,
        missing=missing,
        by_unit=_ranked(unit_rows, rank_key),
        by_area=_ranked(area_rows, rank_key),
    )
