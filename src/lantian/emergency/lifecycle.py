"""The life cycle of a heavy-pollution warning (spec warnings.md §4) as a pure state machine.

研判 assessed → 发布 issued → 升级 / 降级 upgraded / downgraded (still issued) → 解除 lifted.

Each :class:`Event` says who did it and when (and who approved it, 审签);
:meth:`WarningRecord.apply` returns the new record, with the change appended to its history, or
raises :class:`TransitionError` with the reason. Nothing is stored or overwritten here: the web
layer keeps the events; replaying them gives the record back.

Lead time (提前量) = start of the measures − issue time, against the required lead time: 24 h
nationally (原则上提前1天(24小时)发布), a parameter for stricter plans (Shijiazhuang 2019: at
least 3 days, 72 h).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from lantian.emergency.forecast import ForecastId
from lantian.emergency.levels import Level
from lantian.emergency.schemes import NATIONAL_LEAD_HOURS


class State(StrEnum):
    ASSESSED = "assessed"
    ISSUED = "issued"
    LIFTED = "lifted"


STATE_TEXT: dict[State, tuple[str, str]] = {
    State.ASSESSED: ("研判中", "under assessment"),
    State.ISSUED: ("生效中", "in force"),
    State.LIFTED: ("已解除", "lifted"),
}


class Kind(StrEnum):
    ASSESS = "assess"
    ISSUE = "issue"
    UPGRADE = "upgrade"
    DOWNGRADE = "downgrade"
    LIFT = "lift"


KIND_TEXT: dict[Kind, tuple[str, str]] = {
    Kind.ASSESS: ("研判", "assessed"),
    Kind.ISSUE: ("发布", "issued"),
    Kind.UPGRADE: ("升级", "upgraded"),
    Kind.DOWNGRADE: ("降级", "downgraded"),
    Kind.LIFT: ("解除", "lifted"),
}

#: The events each state accepts.
ALLOWED: dict[State, frozenset[Kind]] = {
    State.ASSESSED: frozenset({Kind.ASSESS, Kind.ISSUE}),
    State.ISSUED: frozenset({Kind.ASSESS, Kind.UPGRADE, Kind.DOWNGRADE, Kind.LIFT}),
    State.LIFTED: frozenset(),
}
#: Events that need an approver (审签).
NEEDS_APPROVER = frozenset({Kind.ISSUE, Kind.UPGRADE, Kind.DOWNGRADE, Kind.LIFT})


class TransitionError(ValueError):
    """An event the warning cannot take in its state; ``reason`` is ``中文 (English)``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Event:
    """Something done to a warning.

    ``level``: the level assessed (``None``: no level met), issued, or changed to.
    ``measures_start``: when the response starts (issue and upgrade: required; downgrade: when
    the lower level applies, default ``at``). ``expected_end``: the expected end of the episode.
    ``forecast``: the forecast the event relied on. ``approver``: who signed (审签).
    """

    kind: Kind
    at: datetime
    by: str
    level: Level | None = None
    measures_start: datetime | None = None
    expected_end: datetime | None = None
    approver: str = ""
    forecast: ForecastId | None = None
    reason: str = ""


def assess(
    at: datetime,
    by: str,
    level: Level | None,
    *,
    forecast: ForecastId | None = None,
    expected_end: datetime | None = None,
    reason: str = "",
) -> Event:
    """研判: the level a forecast meets (``None``: none) — recorded, nothing in force."""
    return Event(
        Kind.ASSESS, at, by, level, expected_end=expected_end, forecast=forecast, reason=reason
    )


def issue(
    at: datetime,
    by: str,
    level: Level,
    measures_start: datetime,
    *,
    approver: str,
    expected_end: datetime | None = None,
    forecast: ForecastId | None = None,
    reason: str = "",
) -> Event:
    """发布: the warning is issued; the response starts at ``measures_start``."""
    return Event(
        Kind.ISSUE, at, by, level, measures_start, expected_end, approver, forecast, reason
    )


def upgrade(
    at: datetime,
    by: str,
    level: Level,
    measures_start: datetime,
    *,
    approver: str,
    expected_end: datetime | None = None,
    forecast: ForecastId | None = None,
    reason: str = "",
) -> Event:
    """升级: a new forecast meets a higher level; the new response starts at ``measures_start``."""
    return Event(
        Kind.UPGRADE, at, by, level, measures_start, expected_end, approver, forecast, reason
    )


def downgrade(
    at: datetime,
    by: str,
    level: Level,
    *,
    approver: str,
    measures_start: datetime | None = None,
    expected_end: datetime | None = None,
    forecast: ForecastId | None = None,
    reason: str = "",
) -> Event:
    """降级: a new forecast only meets a lower level."""
    return Event(
        Kind.DOWNGRADE, at, by, level, measures_start, expected_end, approver, forecast, reason
    )


def lift(
    at: datetime,
    by: str,
    *,
    approver: str,
    forecast: ForecastId | None = None,
    reason: str = "",
) -> Event:
    """解除: air quality is below the yellow condition and forecast to stay so for 36 h."""
    return Event(Kind.LIFT, at, by, approver=approver, forecast=forecast, reason=reason)


@dataclass(frozen=True)
class Change:
    """One line of a warning's record (§4 "record"): what changed, when, by whom, approved by
    whom, on which forecast, and the level before and after."""

    kind: Kind
    at: datetime
    by: str
    approver: str
    level_before: Level | None
    level_after: Level | None
    measures_start: datetime | None
    expected_end: datetime | None
    forecast: ForecastId | None
    reason: str

    @property
    def text(self) -> str:
        zh, en = KIND_TEXT[self.kind]
        return f"{zh} {en}"


@dataclass(frozen=True)
class LeadTime:
    """Lead time achieved against the required one."""

    achieved: timedelta
    required: timedelta

    @property
    def met(self) -> bool:
        return self.achieved >= self.required

    @property
    def hours(self) -> float:
        return self.achieved.total_seconds() / 3600


@dataclass(frozen=True)
class WarningRecord:
    """A warning for one city through its life; build it with :meth:`open` and :meth:`apply`.

    ``issued_at``: time of the first issue; ``measures_start``: the start of the response at the
    current level; ``assessed_level``: the level of the latest assessment.
    """

    city: str
    state: State
    level: Level | None
    assessed_level: Level | None
    issued_at: datetime | None
    first_measures_start: datetime | None
    measures_start: datetime | None
    expected_end: datetime | None
    lifted_at: datetime | None
    history: tuple[Change, ...]

    @classmethod
    def open(cls, city: str, event: Event) -> WarningRecord:
        """A new warning, opened by an assessment (研判)."""
        if not city.strip():
            raise TransitionError("城市为空 (empty city)")
        if event.kind is not Kind.ASSESS:
            zh, en = KIND_TEXT[event.kind]
            raise TransitionError(
                f"预警须从研判开始，不能直接{zh} (a warning starts with an assessment, "
                f"it cannot be {en} first)"
            )
        _check_common(event, None)
        record = cls(
            city=city,
            state=State.ASSESSED,
            level=None,
            assessed_level=event.level,
            issued_at=None,
            first_measures_start=None,
            measures_start=None,
            expected_end=event.expected_end,
            lifted_at=None,
            history=(),
        )
        return record._recorded(event, None)

    @classmethod
    def replay(cls, city: str, events: Iterable[Event]) -> WarningRecord:
        """The record the events give, in order."""
        it = iter(events)
        try:
            record = cls.open(city, next(it))
        except StopIteration:
            raise TransitionError("没有事件 (no events)") from None
        for event in it:
            record = record.apply(event)
        return record

    def apply(self, event: Event) -> WarningRecord:
        """The record after ``event``; raises :class:`TransitionError` if it is not allowed."""
        if event.kind not in ALLOWED[self.state]:
            zh, en = KIND_TEXT[event.kind]
            szh, sen = STATE_TEXT[self.state]
            raise TransitionError(
                f"{szh}的预警不能{zh} (a warning {sen} cannot be {en})"
                + (
                    "；如需再次预警，请新建 (open a new warning instead)"
                    if self.state is State.LIFTED
                    else ""
                )
            )
        _check_common(event, self.history[-1].at if self.history else None)
        if event.kind is Kind.ASSESS:
            return replace(self, assessed_level=event.level)._recorded(event, self.level)
        if event.kind is Kind.LIFT:
            return replace(self, state=State.LIFTED, lifted_at=event.at)._recorded(
                event, self.level
            )
        level = event.level
        if level is None:
            raise TransitionError("缺少预警级别 (level missing)")
        start = event.measures_start
        if event.kind in (Kind.ISSUE, Kind.UPGRADE) and start is None:
            raise TransitionError(
                "缺少应急响应开始时间 (the start of the response measures is missing)"
            )
        if start is None:
            start = event.at
        if start < event.at:
            raise TransitionError(
                f"响应开始时间 {_t(start)} 早于{KIND_TEXT[event.kind][0]}时间 {_t(event.at)} "
                f"(measures cannot start before the warning is {KIND_TEXT[event.kind][1]})"
            )
        end = event.expected_end or self.expected_end
        if end is not None and end <= start:
            raise TransitionError(
                f"预计结束时间 {_t(end)} 不晚于响应开始时间 {_t(start)} "
                "(the expected end is not after the start of the measures)"
            )
        if event.kind is Kind.UPGRADE and self.level is not None and level <= self.level:
            raise TransitionError(
                f"升级须高于当前级别（{self.level.zh}），实为{level.zh} "
                f"(an upgrade must be above the current {self.level.value}, got {level.value})"
            )
        if event.kind is Kind.DOWNGRADE and self.level is not None and level >= self.level:
            raise TransitionError(
                f"降级须低于当前级别（{self.level.zh}），实为{level.zh} "
                f"(a downgrade must be below the current {self.level.value}, got {level.value})"
            )
        first = self.issued_at is None
        return replace(
            self,
            state=State.ISSUED,
            level=level,
            issued_at=event.at if first else self.issued_at,
            first_measures_start=start if first else self.first_measures_start,
            measures_start=start,
            expected_end=end,
        )._recorded(event, self.level)

    def lead_time(self, required_hours: int = NATIONAL_LEAD_HOURS) -> LeadTime | None:
        """Lead time of the issue: first start of the measures − issue time (None before)."""
        if self.issued_at is None or self.first_measures_start is None:
            return None
        return LeadTime(self.first_measures_start - self.issued_at, timedelta(hours=required_hours))

    def _recorded(self, event: Event, before: Level | None) -> WarningRecord:
        after = event.level if event.kind is Kind.ASSESS else self.level
        change = Change(
            kind=event.kind,
            at=event.at,
            by=event.by.strip(),
            approver=event.approver.strip(),
            level_before=before,
            level_after=after,
            measures_start=self.measures_start if event.kind is not Kind.ASSESS else None,
            expected_end=self.expected_end,
            forecast=event.forecast,
            reason=event.reason,
        )
        return replace(self, history=(*self.history, change))


def _t(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def _check_common(event: Event, last: datetime | None) -> None:
    if not event.by.strip():
        raise TransitionError("缺少操作人 (who did it is missing)")
    for moment in (event.at, event.measures_start, event.expected_end):
        if moment is not None and moment.tzinfo is None:
            raise TransitionError("时间缺少时区 (time is not time-zone aware)")
    if event.kind in NEEDS_APPROVER and not event.approver.strip():
        zh, en = KIND_TEXT[event.kind]
        raise TransitionError(f"{zh}须有审签人 (an approver is required to be {en})")
    if last is not None and event.at < last:
        raise TransitionError(
            f"事件时间 {_t(event.at)} 早于上一事件 {_t(last)} "
            f"(event at {_t(event.at)} is before the previous one at {_t(last)})"
        )
