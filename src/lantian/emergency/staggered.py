"""Staggered production (错峰生产) calendars and their combination with warning measures
(performance_grading.md §3).

A calendar is a set of :class:`StaggerPeriod` per line: from ``start`` to ``end`` (both
inclusive) the line stops or limits output by x % of its staggering ``baseline`` (e.g. the
capacity of September 2018 in the 2018-2019 plan; without one, the line's list baseline).
Warning measures apply "on the basis of" staggered production: for each line and day
:func:`combine` keeps the stricter of the two — the one leaving the smaller daily output when
both baselines are known, else the larger reduction share — and the stricter transport part.
It reports conflicts:

- ``stopped_and_limited``: the calendar stops the line while the warning measure is a limit
  (限产, 停产 x %, 出焦时间延长): the list counts a cut on a line that is not running;
- ``overlap``: two periods of one line overlap with different measures;
- ``exempt``: a period stops or limits a 保障类 or exempt line;
- ``unknown_line``: a period for a line the list does not have.

For a page or a publication, :func:`industry_days` sums the calendar per industry and day
(lines stopped, lines limited, the share of the industry's baseline capacity cut),
:func:`meetings` lists where the calendar and a warning's measures meet (which of the two governs
each line on each warning day).

The list "may not be changed at will" (不得随意调整): :class:`CalendarChange` records a change
with its reason, approval and publication; only published changes alter the calendar
(:func:`apply_published`). The approval itself belongs to the web layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cached_property

from lantian.emergency.industries import industries
from lantian.emergency.levels import Level
from lantian.emergency.lines import Line, ReductionList
from lantian.emergency.measures import Kind, Measure, Transport, fraction, strictest


@dataclass(frozen=True)
class StaggerPeriod:
    line_id: str
    start: date
    end: date  # inclusive
    measure: Measure  # 停产 or 限产 x %
    baseline: float | None = None  # staggering baseline output [capacity unit/d]
    source: str = ""  # the plan rule it comes from

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"错峰结束早于开始 / period ends before it starts: {self.line_id}")
        if self.measure.kind not in (Kind.STOP, Kind.LIMIT):
            raise ValueError(
                "错峰生产只能停产或限产 / staggering is a stop or a limit, "
                f"not 「{self.measure.zh}」"
            )
        if self.measure.transport is not Transport.NONE:
            raise ValueError(
                "错峰措施不含运输措施 / a staggering measure has no transport part: "
                f"「{self.measure.zh}」"
            )
        if self.baseline is not None and not self.baseline >= 0:
            raise ValueError("错峰基数不能为负 / baseline cannot be negative")

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    def allowed_output(self) -> float | None:
        if self.baseline is None:
            return None
        return self.baseline * (1.0 - fraction(self.measure))


@dataclass(frozen=True)
class Calendar:
    periods: tuple[StaggerPeriod, ...] = ()

    @cached_property
    def _by_line(self) -> dict[str, list[StaggerPeriod]]:
        index: dict[str, list[StaggerPeriod]] = {}
        for p in self.periods:
            index.setdefault(p.line_id, []).append(p)
        return index

    def for_line(self, line_id: str) -> list[StaggerPeriod]:
        return list(self._by_line.get(line_id, ()))

    def on(self, line_id: str, day: date) -> StaggerPeriod | None:
        """The period in force for the line on ``day`` (the strictest where several are)."""
        hits = [p for p in self.for_line(line_id) if p.covers(day)]
        return max(hits, key=lambda p: fraction(p.measure), default=None)


class Source(StrEnum):
    NONE = "none"
    STAGGERED = "staggered"
    WARNING = "warning"
    BOTH = "both"  # equal strength, or production from one and transport from the other


@dataclass(frozen=True)
class DayMeasure:
    """A line on a day: the measure that governs (``source`` says whose), and the two it was
    chosen from — the staggering period's and the warning's — when the day has them."""

    line_id: str
    day: date
    level: Level | None
    measure: Measure | None
    source: Source
    allowed_output: float | None  # [capacity unit/d] where a baseline is known
    staggered: Measure | None = None  # the measure of the period in force
    warning: Measure | None = None  # the line's measure at ``level``
    stopped_and_limited: bool = False  # :func:`stopped_and_limited` of the two


@dataclass(frozen=True)
class Conflict:
    line_id: str
    kind: str
    start: date | None
    end: date | None
    reason: str


def _allowed(line: Line, lst: ReductionList, measure: Measure | None) -> float | None:
    if line.capacity is None:
        return None
    r = fraction(measure, normal_coking_h=line.normal_coking_h, rule=lst.rule)
    return line.capacity.baseline * (1.0 - r)


def stagger_allowed(line: Line, lst: ReductionList, period: StaggerPeriod) -> float | None:
    """The output the period leaves the line [capacity unit/d]: x % off the period's own
    baseline, or off the line's list baseline when the period has none (None without either)."""
    allowed = period.allowed_output()
    return allowed if allowed is not None else _allowed(line, lst, period.measure)


def _stricter(
    line: Line, lst: ReductionList, period: StaggerPeriod | None, warn: Measure | None
) -> tuple[Measure | None, Source, float | None]:
    if period is None:
        src = Source.WARNING if warn is not None else Source.NONE
        return warn, src, _allowed(line, lst, warn)
    stag = period.measure
    a_stag = stagger_allowed(line, lst, period)
    if warn is None:
        return stag, Source.STAGGERED, a_stag
    a_warn = _allowed(line, lst, warn)
    if a_stag is not None and a_warn is not None:
        take_warn, tie = a_warn < a_stag, a_warn == a_stag
    else:
        r_w = fraction(warn, normal_coking_h=line.normal_coking_h, rule=lst.rule)
        r_s = fraction(stag)
        take_warn, tie = r_w > r_s, r_w == r_s
    production = warn if take_warn else stag
    merged = strictest(
        production,
        Measure(transport=warn.transport),
        normal_coking_h=line.normal_coking_h,
        rule=lst.rule,
    )
    assert merged is not None
    if tie or (merged.transport is not production.transport):
        src = Source.BOTH
    else:
        src = Source.WARNING if take_warn else Source.STAGGERED
    allowed = a_warn if take_warn else a_stag
    return merged, src, allowed


def _runs(days: list[date]) -> list[tuple[date, date]]:
    runs: list[tuple[date, date]] = []
    for d in sorted(days):
        if runs and d - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], d)
        else:
            runs.append((d, d))
    return runs


def stopped_and_limited(period: StaggerPeriod | None, warn: Measure | None) -> bool:
    """The calendar stops the line while the warning measure limits it (限产, 停产 x %,
    出焦时间延长): the list counts a cut on a line that is not running."""
    return (
        period is not None
        and period.measure.kind is Kind.STOP
        and warn is not None
        and warn.kind in (Kind.LIMIT, Kind.STOP_SHARE, Kind.COKING_TIME)
    )


def calendar_conflicts(lst: ReductionList, calendar: Calendar) -> list[Conflict]:
    """Conflicts of the calendar alone: unknown lines, exempt lines, overlapping periods."""
    by_id = {ln.line_id: ln for ln in lst.lines}
    out: list[Conflict] = []
    for p in calendar.periods:
        line = by_id.get(p.line_id)
        if line is None:
            out.append(
                Conflict(
                    p.line_id,
                    "unknown_line",
                    p.start,
                    p.end,
                    f"清单中没有生产线 {p.line_id} / no such line in the list",
                )
            )
            continue
        why = lst.exemption(line)
        if why is not None:
            out.append(
                Conflict(
                    p.line_id,
                    "exempt",
                    p.start,
                    p.end,
                    f"{why}不应采取停限产措施，错峰「{p.measure.zh}」冲突 / exempt line staggered",
                )
            )
    for i, a in enumerate(calendar.periods):
        for b in calendar.periods[i + 1 :]:
            if a.line_id != b.line_id or (a.measure == b.measure and a.baseline == b.baseline):
                continue
            start, end = max(a.start, b.start), min(a.end, b.end)
            if start <= end:
                out.append(
                    Conflict(
                        a.line_id,
                        "overlap",
                        start,
                        end,
                        f"错峰时段重叠且措施不同：「{a.measure.zh}」与「{b.measure.zh}」 / "
                        "overlapping periods with different measures",
                    )
                )
    return out


def combine(
    lst: ReductionList,
    calendar: Calendar,
    warnings: Mapping[date, Level],
    days: Iterable[date],
) -> tuple[list[DayMeasure], list[Conflict]]:
    """The measure of every line on every day of ``days``: the stricter of the staggering
    period in force and the warning measure of the level in force that day (``warnings``:
    day → level; days without a warning have none). Conflicts come grouped in runs of days."""
    days = sorted(set(days))
    out: list[DayMeasure] = []
    stopped_limited: dict[str, list[date]] = {}
    for line in lst.lines:
        for day in days:
            level = warnings.get(day)
            warn = lst.measure(line, level) if level is not None else None
            period = calendar.on(line.line_id, day)
            measure, source, allowed = _stricter(line, lst, period, warn)
            clash = stopped_and_limited(period, warn)
            out.append(
                DayMeasure(
                    line.line_id,
                    day,
                    level,
                    measure,
                    source,
                    allowed,
                    period.measure if period is not None else None,
                    warn,
                    clash,
                )
            )
            if clash:
                stopped_limited.setdefault(line.line_id, []).append(day)
    conflicts = calendar_conflicts(lst, calendar)
    for line_id, hit in stopped_limited.items():
        for start, end in _runs(hit):
            conflicts.append(
                Conflict(
                    line_id,
                    "stopped_and_limited",
                    start,
                    end,
                    f"生产线 {line_id} 错峰停产期间，预警清单仍列限产措施 / the line is stopped "
                    "by staggering but listed with a limit for the warning",
                )
            )
    return out, conflicts


@dataclass(frozen=True)
class Meeting:
    """A run of warning days on which the calendar and the warning's measure meet on a line:
    both give the line a measure, and ``governing`` (from ``source``) is the one that applies."""

    line_id: str
    start: date
    end: date  # inclusive
    level: Level
    staggered: Measure
    warning: Measure
    governing: Measure | None
    source: Source
    allowed_output: float | None
    stopped_and_limited: bool


def meetings(lst: ReductionList, rows: Iterable[DayMeasure]) -> list[Meeting]:
    """Where the calendar and the warnings meet, from :func:`combine`'s rows (of ``lst``): the
    days a line has a staggering period in force and a warning measure, in runs of consecutive
    days with the same measures, by line (the list's order) then day. The rows carry the
    periods' measures."""
    order = {ln.line_id: i for i, ln in enumerate(lst.lines)}
    days = [
        row
        for row in rows
        if row.line_id in order
        and row.level is not None
        and row.staggered is not None
        and row.warning is not None
    ]
    days.sort(key=lambda r: (order[r.line_id], r.day))
    out: list[Meeting] = []
    for row in days:
        assert row.level is not None and row.staggered is not None and row.warning is not None
        meet = Meeting(
            row.line_id,
            row.day,
            row.day,
            row.level,
            row.staggered,
            row.warning,
            row.measure,
            row.source,
            row.allowed_output,
            row.stopped_and_limited,
        )
        last = out[-1] if out else None
        if (
            last is not None
            and last.end + timedelta(days=1) == meet.start
            and replace(last, start=meet.start, end=meet.end) == meet
        ):
            out[-1] = replace(last, end=meet.end)
        else:
            out.append(meet)
    return out


@dataclass(frozen=True)
class IndustryDay:
    """An industry on one day of the calendar: how many of its lines the calendar stops and
    limits, and the output it removes from the industry's baseline capacity.

    ``baseline`` is the sum of the list baselines (:attr:`Capacity.baseline`, daily) of the
    industry's lines that have a capacity, ``cut`` what the periods in force remove from them
    (the baseline minus the output the period allows, never below 0 nor above the baseline);
    both are None where the lines' capacity units differ (the sums would mean nothing).
    """

    industry: str
    day: date
    lines: int
    stopped: int
    limited: int
    baseline: float | None
    cut: float | None
    unit: str

    @property
    def share_cut(self) -> float | None:
        """cut / baseline, the share of the industry's baseline capacity cut that day."""
        if self.cut is None or not self.baseline:
            return None
        return self.cut / self.baseline


def industry_days(
    lst: ReductionList, calendar: Calendar, days: Iterable[date]
) -> list[IndustryDay]:
    """The calendar summed per industry (the order of ``industries.csv``) and day. A period of
    a line the list does not have counts nowhere (it is an ``unknown_line`` conflict)."""
    days = sorted(set(days))
    by_industry: dict[str, list[Line]] = {}
    for ln in lst.lines:
        by_industry.setdefault(ln.industry, []).append(ln)
    known = [c for c in industries() if c in by_industry]
    order = known + sorted(c for c in by_industry if c not in known)
    out: list[IndustryDay] = []
    for code in order:
        lines = by_industry[code]
        units = {ln.capacity.unit for ln in lines if ln.capacity is not None}
        comparable = len(units) == 1
        unit = next(iter(units)) if comparable else ""
        baseline = (
            sum(ln.capacity.baseline for ln in lines if ln.capacity is not None)
            if comparable
            else None
        )
        staggered = [ln for ln in lines if calendar.for_line(ln.line_id)]
        for day in days:
            stopped = limited = 0
            cut = 0.0
            for ln in staggered:
                period = calendar.on(ln.line_id, day)
                if period is None:
                    continue
                if period.measure.kind is Kind.STOP:
                    stopped += 1
                else:
                    limited += 1
                if comparable and ln.capacity is not None:
                    base = ln.capacity.baseline
                    allowed = stagger_allowed(ln, lst, period)
                    kept = base if allowed is None else min(max(allowed, 0.0), base)
                    cut += base - kept
            out.append(
                IndustryDay(
                    code,
                    day,
                    len(lines),
                    stopped,
                    limited,
                    baseline,
                    cut if comparable else None,
                    unit,
                )
            )
    return out


class ChangeAction(StrEnum):
    ADD = "add"
    MODIFY = "modify"
    WITHDRAW = "withdraw"


class ChangeStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"
    PUBLISHED = "published"


@dataclass(frozen=True)
class CalendarChange:
    """A requested change of a calendar, its decision and publication (a value: each step
    returns a new change; nothing is overwritten or deleted)."""

    change_id: str
    action: ChangeAction
    line_id: str
    reason: str
    requested_by: str
    requested_at: datetime
    before: StaggerPeriod | None = None
    after: StaggerPeriod | None = None
    status: ChangeStatus = ChangeStatus.PROPOSED
    decided_by: str | None = None
    decided_at: datetime | None = None
    published_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise ValueError("错峰清单不得随意调整：须说明理由 / a change needs a reason")
        need_before = self.action in (ChangeAction.MODIFY, ChangeAction.WITHDRAW)
        need_after = self.action in (ChangeAction.ADD, ChangeAction.MODIFY)
        if need_before != (self.before is not None) or need_after != (self.after is not None):
            raise ValueError(
                f"{self.action.value}: before/after 不符 / before and after do not fit the action"
            )
        for p in (self.before, self.after):
            if p is not None and p.line_id != self.line_id:
                raise ValueError("时段属于另一条生产线 / period of another line")

    def _decide(self, status: ChangeStatus, by: str, at: datetime) -> CalendarChange:
        if self.status is not ChangeStatus.PROPOSED:
            raise ValueError(f"变更 {self.change_id} 已{self.status.value} / already decided")
        if by == self.requested_by:
            raise ValueError("申请人不能审批自己的变更 / the requester cannot decide")
        return replace(self, status=status, decided_by=by, decided_at=at)

    def approve(self, by: str, at: datetime) -> CalendarChange:
        return self._decide(ChangeStatus.APPROVED, by, at)

    def reject(self, by: str, at: datetime) -> CalendarChange:
        return self._decide(ChangeStatus.REJECTED, by, at)

    def publish(self, at: datetime) -> CalendarChange:
        if self.status is not ChangeStatus.APPROVED:
            raise ValueError(
                f"只能公布已批准的变更 / only an approved change is published ({self.status})"
            )
        return replace(self, status=ChangeStatus.PUBLISHED, published_at=at)


def apply_published(calendar: Calendar, changes: Iterable[CalendarChange]) -> Calendar:
    """The calendar after every published change, in order of publication; proposed, approved
    but unpublished and rejected changes alter nothing. A change whose ``before`` is not in
    the calendar at that point is refused (ValueError)."""
    periods = list(calendar.periods)
    published = [c for c in changes if c.status is ChangeStatus.PUBLISHED]
    for c in sorted(published, key=lambda c: (c.published_at or datetime.min, c.change_id)):
        if c.before is not None:
            if c.before not in periods:
                raise ValueError(
                    f"变更 {c.change_id} 的原时段不在日历中 / the period it changes is not in the "
                    "calendar"
                )
            periods.remove(c.before)
        if c.after is not None:
            periods.append(c.after)
    return Calendar(tuple(periods))
