"""The values of the ledger: plans, tasks, progress reports and requests to the command office.

Everything is a frozen dataclass of plain values (strings, dates, numbers, tuples), so a model
layer can build them from rows and the rules can be tested without a database. A task is known
by its numbering path (``Task.number``, e.g. ``"三.（一）.1"``), unique within its plan.

Targets are the air-quality engine's :class:`lantian.airquality.targets.Target` (metric, area,
period, op, bound): a plan holds them as they are, so progress comes from one definition.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from lantian.airquality.targets import Target
from lantian.planning.weeks import IsoWeek

__all__ = [
    "ClosingRequest",
    "Decision",
    "DecisionKind",
    "ExtensionRequest",
    "Indicator",
    "Milestone",
    "Plan",
    "Report",
    "Target",
    "Task",
    "parse_number",
]

#: A numbering path: segments joined by ".", each a Chinese or Arabic numeral, optionally in
#: full-width or ASCII brackets: "三", "（一）", "1", "(2)".
_SEGMENT = re.compile(r"^(?:[（(][0-9一二三四五六七八九十百]+[）)]|[0-9一二三四五六七八九十百]+)$")


def parse_number(text: str) -> tuple[str, ...]:
    """Split a numbering path ``"三.（一）.1"`` into its segments; a malformed one is refused."""
    parts = tuple(p.strip() for p in text.strip().split("."))
    if not text.strip() or not all(_SEGMENT.match(p) for p in parts):
        raise ValueError(
            f"序号格式错误 / bad numbering {text!r}: 应为以点分隔的编号，如 三.（一）.1 "
            "(segments joined by '.', e.g. 三.（一）.1)"
        )
    return parts


@dataclass(frozen=True)
class Milestone:
    """A deadline of a task (完成时限); ``label`` names what is due (may be empty)."""

    due: date
    label: str = ""


@dataclass(frozen=True)
class Indicator:
    """A quantitative indicator (量化指标): name, unit, target value (压减水泥产能, 万吨, 260)."""

    name: str
    unit: str = ""
    target: float | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("量化指标名称为空 / indicator name is empty")


@dataclass(frozen=True)
class Task:
    """One task (措施) of a plan.

    ``lead_units`` 牵头单位, ``cooperating_units`` 配合单位, ``responsible_units`` 责任单位;
    ``areas`` its responsible areas (责任地区): each area listed carries the task out locally and
    files its own weekly report ("各县市区政府负责" lists every district and county; the plan's
    collective name is no unit). ``milestones`` may be empty for a standing task (持续推进) with
    no deadline. Units and areas are known by their names, which must not coincide.
    """

    number: str
    text: str
    heading: str = ""
    category: str = ""
    lead_units: tuple[str, ...] = ()
    cooperating_units: tuple[str, ...] = ()
    responsible_units: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    indicators: tuple[Indicator, ...] = ()

    def __post_init__(self) -> None:
        parse_number(self.number)
        if not self.text.strip():
            raise ValueError(f"任务 {self.number} 的具体内容为空 / task {self.number}: empty text")
        if not self.lead_units and not self.responsible_units and not self.areas:
            raise ValueError(
                f"任务 {self.number} 没有牵头单位、责任单位或责任地区 / task {self.number}: "
                "no lead unit, responsible unit or area"
            )

    @property
    def path(self) -> tuple[str, ...]:
        return parse_number(self.number)

    @property
    def reporting_units(self) -> tuple[str, ...]:
        """Units that file the weekly report: lead units, then responsible units (no repeats).

        Cooperating units (配合单位) contribute through the lead unit and do not report.
        """
        out: list[str] = []
        for u in (*self.lead_units, *self.responsible_units):
            if u not in out:
                out.append(u)
        return tuple(out)

    @property
    def reporters(self) -> tuple[str, ...]:
        """Who files a weekly report on the task: the reporting units, then the responsible
        areas (no repeats). Each reporter owes its own report every week."""
        out = list(self.reporting_units)
        for a in self.areas:
            if a not in out:
                out.append(a)
        return tuple(out)

    @property
    def units(self) -> tuple[str, ...]:
        """Every unit named on the task (lead, responsible, cooperating; no repeats)."""
        out = list(self.reporting_units)
        for u in self.cooperating_units:
            if u not in out:
                out.append(u)
        return tuple(out)


@dataclass(frozen=True)
class Plan:
    """An action plan (行动方案): its document, period, area, targets and tasks."""

    title: str
    issuer: str
    document_number: str
    issued_on: date
    start: date
    end: date
    area: str
    targets: tuple[Target, ...] = ()
    tasks: tuple[Task, ...] = ()

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("方案结束早于开始 / plan ends before it starts")
        seen: set[str] = set()
        for t in self.tasks:
            if t.number in seen:
                raise ValueError(f"序号重复 / duplicate numbering {t.number}")
            seen.add(t.number)

    def task(self, number: str) -> Task:
        for t in self.tasks:
            if t.number == number:
                return t
        raise KeyError(number)


@dataclass(frozen=True)
class Report:
    """A weekly progress report (进展报告) by one reporter on one task.

    ``unit`` names the reporter (one of ``Task.reporters``): a lead or responsible unit, or,
    for an area's own report, a responsible area. ``week`` is the ISO week reported on,
    ``filed_on`` the day it was filed.
    ``complete`` states the task is finished (completion claim: the task becomes *done*,
    awaiting closing); ``milestones_met`` lists the due dates of milestones reached.
    """

    task: str
    unit: str
    week: IsoWeek
    filed_on: date
    text: str = ""
    indicator_values: Mapping[str, float] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()
    milestones_met: tuple[date, ...] = ()
    complete: bool = False


class DecisionKind(Enum):
    APPROVED = "approved"  # 同意
    SENT_BACK = "sent_back"  # 退回


@dataclass(frozen=True)
class Decision:
    """The command office's answer to a request; sending back needs a reason."""

    kind: DecisionKind
    on: date
    by: str = ""
    reason: str = ""

    def __post_init__(self) -> None:
        if self.kind is DecisionKind.SENT_BACK and not self.reason.strip():
            raise ValueError("退回必须说明理由 / sending back needs a reason")


@dataclass(frozen=True)
class ExtensionRequest:
    """A request to move a milestone of ``task`` from ``milestone`` to ``until`` (延期申请)."""

    task: str
    unit: str
    milestone: date
    until: date
    filed_on: date
    reason: str
    decision: Decision | None = None

    def __post_init__(self) -> None:
        if self.until <= self.milestone:
            raise ValueError("延期后的时限须晚于原时限 / the new deadline must be later")
        if self.decision is not None and self.decision.on < self.filed_on:
            raise ValueError("决定早于申请 / decision before the request")


@dataclass(frozen=True)
class ClosingRequest:
    """A request to close (销号) a finished ``task``, with its evidence."""

    task: str
    unit: str
    filed_on: date
    text: str = ""
    evidence: tuple[str, ...] = ()
    decision: Decision | None = None

    def __post_init__(self) -> None:
        if self.decision is not None and self.decision.on < self.filed_on:
            raise ValueError("决定早于申请 / decision before the request")
