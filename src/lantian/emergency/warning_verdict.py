"""The verdict on each issued warning (spec warnings.md §4, "Forecast verification"): the level
the warning had in force, day by day, against the level the observed daily AQI series triggers
by the same grading (:func:`lantian.emergency.verification.observed_levels`).

Rules (``docs/emergency_verification.md`` §"The verdict on each warning"):

- **The warning's days.** Each level-setting event of the record (issue, upgrade, downgrade)
  puts its level in force from its start of measures; at any moment the level in force is that
  of the latest such event (in the record's order) whose start has come. The warning ends when
  it is lifted; one not yet lifted is in force until its expected end or ``as_of``, whichever is
  later. A calendar day (Beijing time) in which a level is in force for any part of the day is a
  day of the warning, with the highest level in force that day (the rule
  :func:`~lantian.emergency.verification.day_levels` applies to the observed episodes too).
- **Each day**: hit (the same level), over-warned (the issued level is higher, or the
  observations trigger none), under-warned (lower), or pending when the day has no observed
  daily AQI.
- **The warning**: pending while any of its days has no observation (those days are listed);
  else its highest issued level against the highest observed level over its days: hit, over-
  or under-warned. A warning lifted before its measures began has no day: withdrawn.
- **Missed episodes**: observed episodes that meet a level on none of whose days any warning
  is in force.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from lantian.emergency.forecast import DAY, SHANGHAI
from lantian.emergency.levels import Level
from lantian.emergency.lifecycle import Kind, WarningRecord
from lantian.emergency.schemes import DEFAULT_SCHEME, GradingOptions, Scheme, get_scheme
from lantian.emergency.verification import Observation, day_levels, observed_spans, span_days

#: Observations read either side of the verified days, so that an episode around them is graded
#: whole (as ``lantian warn verify score`` does).
CONTEXT_DAYS = 7

#: Events that put a level in force.
LEVEL_EVENTS = frozenset({Kind.ISSUE, Kind.UPGRADE, Kind.DOWNGRADE})


class Verdict(StrEnum):
    HIT = "hit"
    OVER = "over"
    UNDER = "under"
    PENDING = "pending"
    WITHDRAWN = "withdrawn"


VERDICT_TEXT: dict[Verdict, tuple[str, str]] = {
    Verdict.HIT: ("命中", "hit"),
    Verdict.OVER: ("偏高（过度预警）", "over-warned"),
    Verdict.UNDER: ("偏低（预警不足）", "under-warned"),
    Verdict.PENDING: ("尚无法检验", "not yet verifiable"),
    Verdict.WITHDRAWN: ("措施开始前已解除", "lifted before its measures began"),
}


def compare(issued: Level, observed: Level | None) -> Verdict:
    """Hit, over- or under-warned: ``issued`` against the observed level (``None``: none)."""
    if observed is None or issued > observed:
        return Verdict.OVER
    return Verdict.HIT if issued == observed else Verdict.UNDER


def _level(level: Level | None) -> str | None:
    return None if level is None else level.value


# --------------------------------------------------------------------------- issued levels


def level_changes(record: WarningRecord) -> tuple[tuple[datetime, Level], ...]:
    """(start of measures, level) of each issue, upgrade and downgrade, in the record's order."""
    out: list[tuple[datetime, Level]] = []
    for c in record.history:
        if c.kind in LEVEL_EVENTS and c.level_after is not None and c.measures_start is not None:
            out.append((c.measures_start, c.level_after))
    return tuple(out)


def warning_end(record: WarningRecord, as_of: datetime) -> datetime:
    """When the warning stops being in force: its lift, else its expected end or ``as_of``,
    whichever is later (at least the end of the day its last level starts)."""
    if record.lifted_at is not None:
        return record.lifted_at
    changes = level_changes(record)
    floor = max((s for s, _ in changes), default=as_of) + DAY
    return max(as_of, record.expected_end or as_of, floor)


def issued_spans(record: WarningRecord, as_of: datetime) -> list[tuple[datetime, datetime, Level]]:
    """(start, end, level) of the stretches of time in which each level is in force."""
    changes = level_changes(record)
    end = warning_end(record, as_of)
    cuts = sorted({s for s, _ in changes if s < end})
    spans: list[tuple[datetime, datetime, Level]] = []
    for i, cut in enumerate(cuts):
        nxt = cuts[i + 1] if i + 1 < len(cuts) else end
        level = [lv for s, lv in changes if s <= cut][-1]
        spans.append((cut, nxt, level))
    return spans


def issued_days(record: WarningRecord, as_of: datetime) -> dict[date, Level]:
    """The warning's days, each with the highest level in force that day."""
    return day_levels(issued_spans(record, as_of))


# --------------------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class DayVerdict:
    """One day of a warning: the level in force, the observed daily AQI (``None``: missing) and
    the level the observed series triggers that day (``None``: none)."""

    day: date
    issued: Level
    aqi: int | None
    observed: Level | None
    verdict: Verdict

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "issued": self.issued.value,
            "aqi": self.aqi,
            "observed": _level(self.observed),
            "verdict": self.verdict.value,
        }


@dataclass(frozen=True)
class WarningVerdict:
    """The verdict on one warning; ``key`` is the caller's name for it (the platform's id)."""

    key: str
    city: str
    changes: tuple[tuple[datetime, Level], ...]
    days: tuple[DayVerdict, ...]
    issued: Level | None
    observed: Level | None
    verdict: Verdict

    @property
    def first_day(self) -> date | None:
        return self.days[0].day if self.days else None

    @property
    def last_day(self) -> date | None:
        return self.days[-1].day if self.days else None

    @property
    def missing(self) -> tuple[date, ...]:
        """The days without an observed daily AQI."""
        return tuple(d.day for d in self.days if d.aqi is None)

    def to_dict(self) -> dict[str, Any]:
        zh, en = VERDICT_TEXT[self.verdict]
        return {
            "key": self.key,
            "city": self.city,
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "levels": [
                {"from": s.astimezone(SHANGHAI).isoformat(), "level": lv.value}
                for s, lv in self.changes
            ],
            "issued": _level(self.issued),
            "observed": _level(self.observed),
            "verdict": self.verdict.value,
            "verdict_zh": zh,
            "verdict_en": en,
            "missing_days": [d.isoformat() for d in self.missing],
            "days": [d.to_dict() for d in self.days],
        }


def judge(
    key: str,
    record: WarningRecord,
    observed: Mapping[date, Observation],
    levels: Mapping[date, Level],
    as_of: datetime,
) -> WarningVerdict:
    """The verdict on ``record`` given the observations and the observed levels per day
    (:func:`~lantian.emergency.verification.observed_levels` of the same observations)."""
    days: list[DayVerdict] = []
    for day, issued in sorted(issued_days(record, as_of).items()):
        obs = observed.get(day)
        if obs is None:
            days.append(DayVerdict(day, issued, None, None, Verdict.PENDING))
        else:
            got = levels.get(day)
            days.append(DayVerdict(day, issued, obs.aqi, got, compare(issued, got)))
    changes = level_changes(record)
    if not days:
        return WarningVerdict(key, record.city, changes, (), None, None, Verdict.WITHDRAWN)
    top = max(d.issued for d in days)
    if any(d.aqi is None for d in days):
        return WarningVerdict(key, record.city, changes, tuple(days), top, None, Verdict.PENDING)
    seen = [d.observed for d in days if d.observed is not None]
    observed_top = max(seen) if seen else None
    return WarningVerdict(
        key, record.city, changes, tuple(days), top, observed_top, compare(top, observed_top)
    )


@dataclass(frozen=True)
class MissedEpisode:
    """An observed episode meeting ``level`` with no warning in force on any of its days."""

    first_day: date
    last_day: date
    level: Level
    peak: int

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "days": self.days,
            "level": self.level.value,
            "peak_aqi": self.peak,
        }


def _local_day(moment: datetime) -> date:
    return moment.astimezone(SHANGHAI).date()


def missed_episodes(
    observed: Mapping[date, Observation],
    spans: Sequence[tuple[datetime, datetime, Level]],
    warned: set[date],
    first: date,
    last: date,
) -> tuple[MissedEpisode, ...]:
    """The observed episodes meeting a level (``spans``: :func:`~lantian.emergency.verification.
    observed_spans` of ``observed``) that touch ``first`` … ``last`` and share no day with
    ``warned`` (the days on which some warning is in force)."""
    out: list[MissedEpisode] = []
    for start, end, level in spans:
        a, b = span_days(start, end)
        if b < first or a > last:
            continue
        days = [a + timedelta(days=i) for i in range((b - a).days + 1)]
        if warned.isdisjoint(days):
            peak = max(observed[d].aqi for d in days if d in observed)
            out.append(MissedEpisode(a, b, level, peak))
    return tuple(out)


@dataclass(frozen=True)
class WarningVerification:
    """The verdicts on the warnings with a day in ``first`` … ``last`` (a withdrawn one: issued
    in it) and the missed episodes touching it."""

    first: date
    last: date
    scheme: str
    warnings: tuple[WarningVerdict, ...]
    missed: tuple[MissedEpisode, ...]

    def counts(self) -> dict[str, int]:
        """How many warnings of each verdict (in :class:`Verdict`'s order), and ``missed``
        episodes."""
        out = {v.value: sum(w.verdict is v for w in self.warnings) for v in Verdict}
        out["missed"] = len(self.missed)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "scheme": self.scheme,
            "counts": self.counts(),
            "warnings": [w.to_dict() for w in self.warnings],
            "missed": [m.to_dict() for m in self.missed],
        }


def observation_range(
    records: Sequence[tuple[str, WarningRecord]], first: date, last: date, as_of: datetime
) -> tuple[date, date]:
    """The days whose observations :func:`verify_warnings` needs: the range and the days of the
    warnings that touch it, :data:`CONTEXT_DAYS` either side."""
    lo, hi = first, last
    for _key, record in records:
        days = issued_days(record, as_of)
        if days and min(days) <= last and max(days) >= first:
            lo, hi = min(lo, min(days)), max(hi, max(days))
    margin = timedelta(days=CONTEXT_DAYS)
    return lo - margin, hi + margin


def verify_warnings(
    records: Sequence[tuple[str, WarningRecord]],
    observed: Mapping[date, Observation],
    first: date,
    last: date,
    as_of: datetime,
    scheme: str | Scheme = DEFAULT_SCHEME,
    options: GradingOptions | None = None,
) -> WarningVerification:
    """The verdicts on the issued warnings of one city (``(key, record)``; records never
    issued are skipped) over ``first`` … ``last``, and the missed episodes. ``observed`` should
    cover :func:`observation_range`; every warning of the city should be given, so that an
    episode covered by a warning outside the range is not called missed."""
    sch = get_scheme(scheme) if isinstance(scheme, str) else scheme
    spans = observed_spans(observed, sch, options)
    levels = day_levels(spans)
    verdicts: list[WarningVerdict] = []
    warned: set[date] = set()
    for key, record in records:
        if record.issued_at is None:
            continue
        days = issued_days(record, as_of)
        warned.update(days)
        if days:
            inside = min(days) <= last and max(days) >= first
        else:
            inside = first <= _local_day(record.issued_at) <= last
        if inside:
            verdicts.append(judge(key, record, observed, levels, as_of))
    verdicts.sort(key=lambda v: (v.first_day or date.max, v.key))
    missed = missed_episodes(observed, spans, warned, first, last)
    return WarningVerification(first, last, sch.key, tuple(verdicts), missed)
