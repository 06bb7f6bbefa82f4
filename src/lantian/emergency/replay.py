"""Replay a period day by day with "perfect" or "persistence" forecasts, as a warning office
would have issued its warnings (issue #4; ``docs/emergency_verification.md``).

For each day D (from the day before the first to the day before the last), a forecast is issued
at 16:00 Beijing time for D+1 … D+k (``horizon`` k = 7):

- ``perfect``: the observed daily AQI and primary pollutant of those days, as if known on D. A
  day without observation cannot be forecast: the forecast stops before it (none when D+1 has no
  observation);
- ``persistence``: D's observed daily AQI repeated over D+1 … D+k (none when D has no
  observation).

Each forecast is graded by :func:`lantian.emergency.decision.decide` (default scheme ``2018``)
and the office acts on the decision (spec warnings.md §3–§4):

- no warning in force: it issues one for the first graded episode that meets a level;
- a warning in force *continues* when the forecast's first episode starts before the lifting
  condition is met (AQI ≤ 200 for less than 36 h in between, §3 step 4) after the warning's
  last day already reached: its expected end, at most D (a warning not yet started: its
  expected end). The expected end becomes that episode's end (the newest forecast's view; a
  warning not yet started also takes its start), and the warning is upgraded when the episode's
  level is higher (升级). Downgrades are not modelled: the remaining tail of an episode always
  grades lower than the whole, so the level holds;
- otherwise the warning is lifted on D (解除); its last day is D or its expected end, whichever
  is earlier (a warning not yet started is withdrawn). A later episode of the same forecast may
  then be issued at once.

A day without a forecast changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from lantian.emergency.decision import Decision, decide
from lantian.emergency.episodes import HEAVY, merges
from lantian.emergency.forecast import SHANGHAI, AQIValue, DailyForecast, Forecast
from lantian.emergency.levels import Level
from lantian.emergency.schemes import DEFAULT_SCHEME, GradingOptions, Note, Scheme, get_scheme
from lantian.emergency.verification import (
    Contingency,
    Observation,
    Verification,
    contingency,
    span_days,
    verify,
)

#: Forecasts are issued at 16:00 Beijing time (the sample forecasts' convention).
ISSUE_HOUR = 16
#: Days forecast ahead (issue #4: "the next 7 days").
HORIZON = 7
ONE_DAY = timedelta(days=1)


class ForecastKind(StrEnum):
    PERFECT = "perfect"
    PERSISTENCE = "persistence"


KIND_TEXT: dict[ForecastKind, tuple[str, str]] = {
    ForecastKind.PERFECT: ("完美预报（实测值）", "perfect (the observed values)"),
    ForecastKind.PERSISTENCE: ("持续性预报（当日实测值延续）", "persistence (today's value kept)"),
}


def issue_time(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, ISSUE_HOUR, tzinfo=SHANGHAI)


def perfect_forecast(
    city: str, observed: Mapping[date, Observation], on: date, horizon: int = HORIZON
) -> Forecast | None:
    """The observed values of ``on``+1 … ``on``+``horizon``, up to the first unobserved day."""
    days: list[DailyForecast] = []
    for k in range(1, horizon + 1):
        obs = observed.get(on + k * ONE_DAY)
        if obs is None:
            break
        days.append(DailyForecast(obs.day, AQIValue.exact(obs.aqi), obs.primary))
    if not days:
        return None
    return Forecast(city, issue_time(on), tuple(days), source=ForecastKind.PERFECT.value)


def persistence_forecast(
    city: str, observed: Mapping[date, Observation], on: date, horizon: int = HORIZON
) -> Forecast | None:
    """``on``'s observed value for ``on``+1 … ``on``+``horizon`` (``None`` without one)."""
    obs = observed.get(on)
    if obs is None:
        return None
    days = tuple(
        DailyForecast(on + k * ONE_DAY, AQIValue.exact(obs.aqi), obs.primary)
        for k in range(1, horizon + 1)
    )
    return Forecast(city, issue_time(on), days, source=ForecastKind.PERSISTENCE.value)


MAKERS = {ForecastKind.PERFECT: perfect_forecast, ForecastKind.PERSISTENCE: persistence_forecast}


# --------------------------------------------------------------------------- the office


@dataclass(frozen=True)
class LevelChange:
    """A warning issued (``upgrade`` False) or upgraded on ``on`` (in force from the next day)."""

    on: date
    level: Level
    upgrade: bool = False


@dataclass(frozen=True)
class ReplayEpisode:
    """A warning as the office issued it: first and last day (inclusive), the highest level, the
    day issued, its level changes and the day it was lifted (``None``: still in force at the
    end of the replay)."""

    level: Level
    start: date
    end: date
    issued: date
    changes: tuple[LevelChange, ...]
    lifted: date | None

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.start + k * ONE_DAY for k in range((self.end - self.start).days + 1))

    @property
    def lead_days(self) -> int:
        """Days between the issue and the first day of the warning."""
        return (self.start - self.issued).days

    def in_force(self, day: date) -> Level | None:
        """The level in force on ``day``: the last change made before it."""
        if not self.start <= day <= self.end:
            return None
        level: Level | None = None
        for change in self.changes:
            if change.on < day:
                level = change.level
        return level

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "level_zh": self.level.zh,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": len(self.days),
            "issued": self.issued.isoformat(),
            "lead_days": self.lead_days,
            "changes": [
                {"on": c.on.isoformat(), "level": c.level.value, "upgrade": c.upgrade}
                for c in self.changes
            ],
            "lifted": self.lifted.isoformat() if self.lifted else None,
        }


@dataclass
class _Open:
    level: Level
    start: date
    end: date
    issued: date
    changes: list[LevelChange] = field(default_factory=list)

    def closed(self, end: date, lifted: date | None) -> ReplayEpisode:
        return ReplayEpisode(self.level, self.start, end, self.issued, tuple(self.changes), lifted)


def office(
    decisions: Sequence[tuple[date, Decision | None]], options: GradingOptions, last_day: date
) -> tuple[tuple[ReplayEpisode, ...], tuple[ReplayEpisode, ...]]:
    """The warnings an office issues from one decision a day (module docstring), and the
    warnings withdrawn before they started. A warning still in force at the end ends at its
    expected end, at most ``last_day``."""
    done: list[ReplayEpisode] = []
    withdrawn: list[ReplayEpisode] = []
    current: _Open | None = None
    for on, decision in decisions:
        if decision is None:
            continue
        graded = [(span_days(g.episode.start, g.episode.end), g.level) for g in decision.grades]
        if current is not None:
            cur = current
            started = cur.start <= on
            # the last day of the warning already reached (its expected end, at most today);
            # a warning not yet started is compared with its whole expected span
            ref = min(cur.end, on) if started else cur.end
            follow = next(
                (
                    (span, level)
                    for span, level in graded
                    if merges(
                        ((span[0] - ref).days - 1) * 24, options.lift_hours, options.lift_inclusive
                    )
                ),
                None,
            )
            if follow is not None:
                (first, last), level = follow
                if not started:
                    cur.start = first
                cur.end = last
                if level is not None and level > cur.level:
                    cur.level = level
                    cur.changes.append(LevelChange(on, level, upgrade=True))
                continue
            if started:
                done.append(cur.closed(ref, on))
            else:
                withdrawn.append(cur.closed(cur.end, on))
            current = None
        pick = next(((span, level) for span, level in graded if level is not None), None)
        if pick is not None:
            (start, end), level = pick
            assert level is not None
            current = _Open(level, start, end, on, [LevelChange(on, level)])
    if current is not None:
        done.append(current.closed(max(current.start, min(current.end, last_day)), None))
    return tuple(done), tuple(withdrawn)


@dataclass(frozen=True)
class Replay:
    """The warnings of a replayed period and what they were issued from."""

    city: str
    first: date
    last: date
    kind: ForecastKind
    scheme: str
    options: GradingOptions
    horizon: int
    episodes: tuple[ReplayEpisode, ...]
    forecasts: tuple[Forecast, ...]
    no_forecast: tuple[date, ...]
    withdrawn: tuple[ReplayEpisode, ...] = ()

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.first + k * ONE_DAY for k in range((self.last - self.first).days + 1))

    def level_on(self, day: date) -> Level | None:
        """The warning level in force on ``day`` (``None``: no warning)."""
        for ep in self.episodes:
            level = ep.in_force(day)
            if level is not None:
                return level
        return None

    def warned_days(self) -> tuple[date, ...]:
        return tuple(d for ep in self.episodes for d in ep.days)

    def count_by_level(self) -> dict[Level, int]:
        """Number of episodes by their highest level, every level of the scheme listed."""
        levels = sorted(
            (r.level for r in get_scheme(self.scheme).rules_for(self.options)),
            key=lambda lv: lv.rank,
        )
        return {lv: sum(ep.level is lv for ep in self.episodes) for lv in levels}

    def to_dict(self) -> dict[str, Any]:
        return {
            "city": self.city,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "forecast": self.kind.value,
            "scheme": self.scheme,
            "horizon_days": self.horizon,
            "issue_hour": ISSUE_HOUR,
            "forecasts": len(self.forecasts),
            "no_forecast": [d.isoformat() for d in self.no_forecast],
            "episodes_by_level": {lv.value: n for lv, n in self.count_by_level().items()},
            "episodes": [ep.to_dict() for ep in self.episodes],
            "withdrawn": [ep.to_dict() for ep in self.withdrawn],
        }


def replay(
    city: str,
    observed: Mapping[date, Observation],
    first: date,
    last: date,
    kind: ForecastKind = ForecastKind.PERFECT,
    scheme: str | Scheme = DEFAULT_SCHEME,
    options: GradingOptions | None = None,
    horizon: int = HORIZON,
) -> Replay:
    """Replay ``first`` … ``last`` (forecasts issued from the day before ``first`` to the day
    before ``last``), with ``observed`` restricted to those days."""
    if last < first:
        raise ValueError(f"末日早于首日：{first}–{last} (the last day is before the first)")
    sch = get_scheme(scheme) if isinstance(scheme, str) else scheme
    opts = options or GradingOptions()
    seen = {d: o for d, o in observed.items() if first <= d <= last}
    make = MAKERS[kind]
    decisions: list[tuple[date, Decision | None]] = []
    forecasts: list[Forecast] = []
    missing: list[date] = []
    on = first - ONE_DAY
    while on < last:
        f = make(city, seen, on, horizon)
        if f is None:
            missing.append(on)
            decisions.append((on, None))
        else:
            forecasts.append(f)
            decisions.append((on, decide(f, sch, opts)))
        on += ONE_DAY
    episodes, withdrawn = office(decisions, opts, last)
    return Replay(
        city=city,
        first=first,
        last=last,
        kind=kind,
        scheme=sch.key,
        options=opts,
        horizon=horizon,
        episodes=episodes,
        forecasts=tuple(forecasts),
        no_forecast=tuple(missing),
        withdrawn=withdrawn,
    )


# --------------------------------------------------------------------------- heavy days


@dataclass(frozen=True)
class DayNote:
    """A day and why it is listed."""

    day: date
    reason: Note


@dataclass(frozen=True)
class HeavyDayMatch:
    """How a replay's warnings cover the heavy-pollution days (observed daily AQI > 200).

    ``heavy_days``: every observed heavy day; ``covered``: those inside a warning;
    ``uncovered``: the others, each with the reason; ``warned_not_heavy``: warning days that are
    not heavy days (merged gaps, days without observation); ``runs``: the runs of two or more
    consecutive heavy days, ``runs_outside`` those not inside one warning; ``bad_ends``:
    warnings that start or end on a day that is not heavy.
    """

    heavy_days: tuple[date, ...]
    covered: tuple[date, ...]
    uncovered: tuple[DayNote, ...]
    warned_not_heavy: tuple[DayNote, ...]
    runs: tuple[tuple[date, date], ...]
    runs_outside: tuple[tuple[date, date], ...]
    bad_ends: tuple[ReplayEpisode, ...]

    @property
    def matches(self) -> bool:
        """The match of docs/emergency_verification.md: every warning starts and ends on a heavy
        day and every run of ≥ 2 heavy days lies inside a warning."""
        return not self.runs_outside and not self.bad_ends

    def to_dict(self) -> dict[str, Any]:
        def notes(items: Sequence[DayNote]) -> list[dict[str, str]]:
            return [{"day": n.day.isoformat(), "zh": n.reason.zh, "en": n.reason.en} for n in items]

        return {
            "heavy_days": len(self.heavy_days),
            "covered": len(self.covered),
            "uncovered": notes(self.uncovered),
            "warned_not_heavy": notes(self.warned_not_heavy),
            "runs": [[a.isoformat(), b.isoformat()] for a, b in self.runs],
            "runs_outside": [[a.isoformat(), b.isoformat()] for a, b in self.runs_outside],
            "matches": self.matches,
        }


def heavy_runs(heavy: Sequence[date]) -> tuple[tuple[date, date], ...]:
    """Runs of consecutive heavy days (first, last), any length."""
    out: list[tuple[date, date]] = []
    for d in sorted(heavy):
        if out and d == out[-1][1] + ONE_DAY:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return tuple(out)


def _uncovered_reason(
    day: date, heavy: set[date], observed: Mapping[date, Observation], replayed: Replay
) -> Note:
    if replayed.kind is ForecastKind.PERSISTENCE:
        before = observed.get(day - ONE_DAY)
        if before is None:
            return Note(
                "前一日无观测日值，无持续性预报",
                "no observation the day before: no persistence forecast",
            )
        return Note(
            f"持续性预报滞后一天：前一日 AQI {before.aqi} 未达预警条件",
            f"persistence lags a day: the day before (AQI {before.aqi}) met no warning level",
        )
    opts = replayed.options
    # the days close enough to merge with ``day`` (gap below the lifting condition)
    far = opts.lift_hours // 24 + 2
    reach = [
        day + k * ONE_DAY
        for k in range(-far, far + 1)
        if k and merges((abs(k) - 1) * 24, opts.lift_hours, opts.lift_inclusive)
    ]
    unobserved = [d for d in reach if d not in observed and replayed.first <= d <= replayed.last]
    if unobserved:
        return Note(
            f"相邻日 {'、'.join(d.isoformat() for d in unobserved)} 无观测日值："
            "完美预报在此截断，无法与前后合并",
            f"the neighbouring day {', '.join(d.isoformat() for d in unobserved)} has no "
            "observation: perfect forecasts stop there and cannot merge across it",
        )
    if not any(d in heavy for d in reach):
        return Note(
            "孤立的单日重污染（24小时）：未达黄色条件 AQI>200 持续48小时，"
            "2018年起无蓝色预警（2017年方案为蓝色）",
            "a single heavy day (24 h): below the yellow condition (AQI>200 for 48 h); no blue "
            "level since 2018 (blue in the 2017 scheme)",
        )
    return Note("未被任何预警覆盖", "not inside any warning")


def match_heavy_days(replayed: Replay, observed: Mapping[date, Observation]) -> HeavyDayMatch:
    """Compare the replay's warnings with the observed heavy days of its period."""
    period = {d: o for d, o in observed.items() if replayed.first <= d <= replayed.last}
    heavy = {d for d, o in period.items() if o.aqi > HEAVY}
    warned = set(replayed.warned_days())
    runs = tuple(r for r in heavy_runs(sorted(heavy)) if r[1] > r[0])
    inside = [(ep.start, ep.end) for ep in replayed.episodes]
    not_heavy: list[DayNote] = []
    for d in sorted(warned - heavy):
        obs = period.get(d)
        reason = (
            Note("无观测日值", "no observed daily AQI")
            if obs is None
            else Note(f"AQI {obs.aqi} ≤ {HEAVY}", f"AQI {obs.aqi} ≤ {HEAVY}")
        )
        not_heavy.append(DayNote(d, reason))
    return HeavyDayMatch(
        heavy_days=tuple(sorted(heavy)),
        covered=tuple(sorted(heavy & warned)),
        uncovered=tuple(
            DayNote(d, _uncovered_reason(d, heavy, period, replayed))
            for d in sorted(heavy - warned)
        ),
        warned_not_heavy=tuple(not_heavy),
        runs=runs,
        runs_outside=tuple(r for r in runs if not any(s <= r[0] and r[1] <= e for s, e in inside)),
        bad_ends=tuple(
            ep for ep in replayed.episodes if ep.start not in heavy or ep.end not in heavy
        ),
    )


# --------------------------------------------------------------------------- comparisons


def against(truth: Replay, candidate: Replay) -> tuple[Contingency, ...]:
    """Day by day over the truth's period, the candidate's warning in force against the
    truth's, for each colour of the scheme: "a warning of at least that colour" (the lowest
    colour is "any warning")."""
    days = truth.days
    pairs = [(candidate.level_on(d), truth.level_on(d)) for d in days]
    return tuple(
        contingency(
            colour.value,
            ((c is not None and c >= colour, t is not None and t >= colour) for c, t in pairs),
        )
        for colour in truth.count_by_level()
    )


def verify_replay(replayed: Replay, observed: Mapping[date, Observation]) -> Verification:
    """The replay's forecasts scored against the observations (verification by lead time)."""
    return verify(replayed.forecasts, observed, replayed.scheme, replayed.options)
