"""Forecast verification (预报准确率): daily AQI forecasts against the observed daily AQI, by lead
time, with persistence as the baseline (issue #4; definitions in
``docs/emergency_verification.md``).

A *pair* is one forecast day and the observed daily AQI of that day; its lead time is the
forecast day minus the issue day (Beijing time): a forecast issued on the 10th for the 11th has
lead 1. For each lead, and for all leads together:

- **exact level**: the forecast names one HJ 633 category (a value, or a range inside one
  category) and it is the observed one;
- **within range**: the observed category is among the categories of the forecast range
  (``180-220`` → 中度污染–重度污染); for a single value the same as exact;
- **within one level**: the observed category is at most one category outside the forecast's;
- **primary pollutant**: the forecast names a pollutant that is among the observed primary
  pollutants (scored only when both exist: the observed AQI > 50 and the forecast names one);
- **events**, each a 2×2 contingency table (hits, misses, false alarms, correct negatives) with
  POD = hits / (hits + misses), FAR = false alarms / (hits + false alarms) and
  TS (CSI) = hits / (hits + misses + false alarms):
  ``AQI>200`` (the forecast value read as the grading reads it, the upper end of a range by
  default) and, for each warning colour of the scheme, "the warning level of the day is at least
  that colour" — forecast: the level :func:`lantian.emergency.decision.decide` gives the
  episode the day belongs to in that forecast; observed: the level the same grading gives on the
  observed daily series (spec warnings.md §4 "Forecast verification").

Persistence issued on day I repeats I's observed daily AQI and primary pollutant over the same
forecast days; it is scored on the same pairs. A pair is left out (and counted, with the reason)
when the day has no observation or when the issue day has none (no persistence to compare).
A ratio whose denominator is zero is ``None`` with the reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from lantian.emergency.episodes import HEAVY, Window, windows
from lantian.emergency.forecast import (
    AQI_MAX,
    DAY,
    SHANGHAI,
    AQIValue,
    DailyForecast,
    Forecast,
    parse_pollutants,
)
from lantian.emergency.grading import grade_all
from lantian.emergency.levels import Level
from lantian.emergency.schemes import DEFAULT_SCHEME, GradingOptions, Note, Scheme, get_scheme
from lantian.standards.aqi_result import level_of
from lantian.standards.hj633_2012 import LEVELS as AQI_LEVELS

if TYPE_CHECKING:
    from lantian.airquality.engine import Engine

#: The event "heavy pollution" (重污染): daily AQI > 200.
EVENT_HEAVY = "aqi>200"


@dataclass(frozen=True)
class Observation:
    """The observed daily AQI of a city on ``day`` and its primary pollutant(s) (forecast codes:
    ``pm25``, ``o3`` …; empty when AQI ≤ 50)."""

    day: date
    aqi: int
    primary: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.aqi <= AQI_MAX:
            raise ValueError(f"观测 AQI 应在 0–{AQI_MAX} 之间 (observed AQI out of range: {self})")


def observed_daily(engine: Engine, city: str, start: date, end: date) -> dict[date, Observation]:
    """The city's observed daily AQI from the statistics engine (``Engine.city_daily``), first to
    last day inclusive; days without a valid daily AQI are absent."""
    frame = engine.city_daily(start, end, cities=[city])
    out: dict[date, Observation] = {}
    for row in frame.iter_rows(named=True):
        if row["aqi"] is None:
            continue
        out[row["date"]] = Observation(
            row["date"],
            min(int(row["aqi"]), AQI_MAX),
            parse_pollutants(row["primary_pollutant"] or ""),
        )
    return out


# --------------------------------------------------------------------------- levels


def category(aqi: int) -> int:
    """HJ 633 category number of an AQI: 1 (优) … 6 (严重污染)."""
    lv = level_of(aqi, AQI_LEVELS)
    assert lv is not None
    return lv.number


def categories(value: AQIValue) -> tuple[int, int]:
    """The categories of the two ends of a forecast value."""
    return category(value.lo), category(value.hi)


def exact_hit(value: AQIValue, observed: int) -> bool:
    lo, hi = categories(value)
    return lo == hi == category(observed)


def range_hit(value: AQIValue, observed: int) -> bool:
    lo, hi = categories(value)
    return lo <= category(observed) <= hi


def near_hit(value: AQIValue, observed: int) -> bool:
    """Within one category of the forecast's categories."""
    lo, hi = categories(value)
    return lo - 1 <= category(observed) <= hi + 1


def primary_hit(forecast: Sequence[str], observed: Sequence[str]) -> bool | None:
    """``None`` when not scored (either side names no primary pollutant)."""
    if not forecast or not observed:
        return None
    return bool(set(forecast) & set(observed))


def day_levels(spans: Iterable[tuple[datetime, datetime, Level]]) -> dict[date, Level]:
    """Each calendar day that meets a span gets the span's level (the highest if several)."""
    out: dict[date, Level] = {}
    for start, end, level in spans:
        day = start.astimezone(SHANGHAI).date()
        while _day_start(day) < end:
            if day not in out or level > out[day]:
                out[day] = level
            day += timedelta(days=1)
    return out


def _day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)


def span_days(start: datetime, end: datetime) -> tuple[date, date]:
    """First and last calendar day (Beijing time) of the span ``start`` … ``end`` (exclusive)."""
    return start.astimezone(SHANGHAI).date(), (end - timedelta(seconds=1)).astimezone(
        SHANGHAI
    ).date()


def forecast_levels(
    forecast: Forecast, scheme: str | Scheme = DEFAULT_SCHEME, options: GradingOptions | None = None
) -> dict[date, Level]:
    """The warning level of each day of the forecast: the level of the graded episode the day
    belongs to (days of episodes below every level, and clean days, are absent). The episodes
    are graded as :func:`~lantian.emergency.decision.decide` grades them nationally (its
    ``grades`` without a local rule), without its notes and directive."""
    sch = get_scheme(scheme) if isinstance(scheme, str) else scheme
    opts = options or GradingOptions()
    grades = grade_all(
        windows(forecast, opts.range_reading),
        sch.rules_for(opts),
        opts.lift_hours,
        opts.lift_inclusive,
    )
    return day_levels(
        (g.episode.start, g.episode.end, g.level) for g in grades if g.level is not None
    )


def observed_windows(observed: Mapping[date, Observation]) -> list[list[Window]]:
    """The observed days as daily windows, split where a day has no observation."""
    segments: list[list[Window]] = []
    previous: date | None = None
    for day in sorted(observed):
        obs = observed[day]
        start = _day_start(day)
        w = Window(start, start + DAY, obs.aqi, day.isoformat(), str(obs.aqi), obs.primary)
        if previous is None or day != previous + timedelta(days=1):
            segments.append([])
        segments[-1].append(w)
        previous = day
    return segments


def observed_spans(
    observed: Mapping[date, Observation],
    scheme: str | Scheme = DEFAULT_SCHEME,
    options: GradingOptions | None = None,
) -> list[tuple[datetime, datetime, Level]]:
    """The observed episodes that meet a level: (start, end, level) of each, in time order
    (spec §4: the same algorithm on observations). A day without observation splits the
    series; an episode below every level is left out."""
    sch = get_scheme(scheme) if isinstance(scheme, str) else scheme
    opts = options or GradingOptions()
    rules = sch.rules_for(opts)
    return [
        (g.episode.start, g.episode.end, g.level)
        for ws in observed_windows(observed)
        for g in grade_all(ws, rules, opts.lift_hours, opts.lift_inclusive)
        if g.level is not None
    ]


def observed_levels(
    observed: Mapping[date, Observation],
    scheme: str | Scheme = DEFAULT_SCHEME,
    options: GradingOptions | None = None,
) -> dict[date, Level]:
    """The warning level the grading gives on the observed series, per day: the days of each
    graded episode (:func:`observed_spans`, merged gaps included) take its level."""
    return day_levels(observed_spans(observed, scheme, options))


def persistence(forecast: Forecast, observed: Observation) -> Forecast:
    """The persistence forecast for ``forecast``'s days: the issue day's observation repeated."""
    days = tuple(
        DailyForecast(d.day, AQIValue.exact(observed.aqi), observed.primary) for d in forecast.days
    )
    return Forecast(forecast.city, forecast.issued, days, source="persistence")


# --------------------------------------------------------------------------- scores


_NO_PAIR = Note("无可评估的预报日", "no forecast day to score")


@dataclass(frozen=True)
class Ratio:
    """A score: ``value`` in [0, 1], or ``None`` with the ``reason`` it is undefined."""

    value: float | None
    reason: Note | None = None

    def text(self, digits: int = 2) -> str:
        return "—" if self.value is None else f"{self.value:.{digits}f}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "undefined_zh": self.reason.zh if self.reason else None,
            "undefined_en": self.reason.en if self.reason else None,
        }


def ratio(numerator: int, denominator: int, reason: Note) -> Ratio:
    return Ratio(numerator / denominator) if denominator else Ratio(None, reason)


@dataclass(frozen=True)
class Rate:
    """``hits`` out of ``n`` scored pairs."""

    hits: int
    n: int

    @property
    def ratio(self) -> Ratio:
        return ratio(self.hits, self.n, _NO_PAIR)

    def to_dict(self) -> dict[str, Any]:
        return {"hits": self.hits, "n": self.n, "rate": self.ratio.to_dict()}


_NO_OBSERVED = Note("无观测事件：POD 无定义", "no observed event: POD undefined")
_NO_FORECAST = Note("无预报事件：FAR 无定义", "no forecast event: FAR undefined")
_NO_EVENT = Note("预报与观测均无事件：TS 无定义", "no event forecast or observed: TS undefined")


@dataclass(frozen=True)
class Contingency:
    """The 2×2 table of one event: forecast yes/no against observed yes/no."""

    event: str
    hits: int
    misses: int
    false_alarms: int
    correct_negatives: int

    @property
    def n(self) -> int:
        return self.hits + self.misses + self.false_alarms + self.correct_negatives

    @property
    def pod(self) -> Ratio:
        """Probability of detection 命中率 = hits / (hits + misses)."""
        return ratio(self.hits, self.hits + self.misses, _NO_OBSERVED)

    @property
    def far(self) -> Ratio:
        """False-alarm ratio 空报率 = false alarms / (hits + false alarms)."""
        return ratio(self.false_alarms, self.hits + self.false_alarms, _NO_FORECAST)

    @property
    def ts(self) -> Ratio:
        """Threat score TS (CSI) = hits / (hits + misses + false alarms)."""
        return ratio(self.hits, self.hits + self.misses + self.false_alarms, _NO_EVENT)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "hits": self.hits,
            "misses": self.misses,
            "false_alarms": self.false_alarms,
            "correct_negatives": self.correct_negatives,
            "n": self.n,
            "pod": self.pod.to_dict(),
            "far": self.far.to_dict(),
            "ts": self.ts.to_dict(),
        }


def contingency(event: str, pairs: Iterable[tuple[bool, bool]]) -> Contingency:
    """The table of (forecast, observed) event flags."""
    c = Counter((bool(f), bool(o)) for f, o in pairs)
    return Contingency(
        event, c[(True, True)], c[(False, True)], c[(True, False)], c[(False, False)]
    )


def event_label(event: str) -> tuple[str, str]:
    """``aqi>200`` → (``AQI>200``, ``AQI>200``); ``orange`` → (``≥橙色``, ``orange or higher``)."""
    if event == EVENT_HEAVY:
        return "AQI>200", "AQI>200"
    level = Level(event)
    return f"≥{level.zh[:2]}", f"{level.value} or higher"


@dataclass(frozen=True)
class Pair:
    """One forecast day against its observation, with the warning levels of the day."""

    issued: datetime
    day: date
    lead: int
    value: AQIValue
    graded: int
    primary: tuple[str, ...]
    level: Level | None
    observed: Observation
    observed_level: Level | None


@dataclass(frozen=True)
class LeadScores:
    """The scores of the pairs of one lead time (``lead`` ``None``: all leads together)."""

    lead: int | None
    n: int
    exact: Rate
    within_range: Rate
    within_one: Rate
    primary: Rate
    events: tuple[Contingency, ...]

    def event(self, key: str) -> Contingency:
        return next(c for c in self.events if c.event == key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "lead": self.lead,
            "n": self.n,
            "exact_level": self.exact.to_dict(),
            "within_range": self.within_range.to_dict(),
            "within_one_level": self.within_one.to_dict(),
            "primary_pollutant": self.primary.to_dict(),
            "events": [c.to_dict() for c in self.events],
        }


def score(pairs: Sequence[Pair], lead: int | None, colours: Sequence[Level]) -> LeadScores:
    """The scores of ``pairs`` (already the pairs of one lead, or all)."""
    primary = [h for p in pairs if (h := primary_hit(p.primary, p.observed.primary)) is not None]
    events = [contingency(EVENT_HEAVY, ((p.graded > HEAVY, p.observed.aqi > HEAVY) for p in pairs))]
    for colour in colours:
        events.append(
            contingency(
                colour.value,
                (
                    (
                        p.level is not None and p.level >= colour,
                        p.observed_level is not None and p.observed_level >= colour,
                    )
                    for p in pairs
                ),
            )
        )
    return LeadScores(
        lead=lead,
        n=len(pairs),
        exact=Rate(sum(exact_hit(p.value, p.observed.aqi) for p in pairs), len(pairs)),
        within_range=Rate(sum(range_hit(p.value, p.observed.aqi) for p in pairs), len(pairs)),
        within_one=Rate(sum(near_hit(p.value, p.observed.aqi) for p in pairs), len(pairs)),
        primary=Rate(sum(primary), len(primary)),
        events=tuple(events),
    )


def by_lead(pairs: Sequence[Pair], colours: Sequence[Level]) -> tuple[LeadScores, ...]:
    """One row per lead time present, then all leads together."""
    leads = sorted({p.lead for p in pairs})
    rows = [score([p for p in pairs if p.lead == lead], lead, colours) for lead in leads]
    rows.append(score(pairs, None, colours))
    return tuple(rows)


EXCLUDED_NO_OBSERVATION = Note("预报日无观测日值", "no observed daily AQI on the forecast day")
EXCLUDED_NO_PERSISTENCE = Note(
    "发布日无观测日值（无持续性预报可比）",
    "no observed daily AQI on the issue day (no persistence to compare)",
)
EXCLUDED_HOURLY_ONLY = Note(
    "仅有小时值的预报（无日值可检验），按预报计",
    "forecasts with hourly values only (no daily value to verify), counted as forecasts",
)


@dataclass(frozen=True)
class Verification:
    """Scores of a set of forecasts of one city and of persistence on the same pairs."""

    city: str
    scheme: str
    colours: tuple[Level, ...]
    forecasts: int
    forecast: tuple[LeadScores, ...]
    persistence: tuple[LeadScores, ...]
    excluded: tuple[tuple[Note, int], ...]
    pairs: tuple[Pair, ...]

    def lead(self, lead: int | None, baseline: bool = False) -> LeadScores:
        rows = self.persistence if baseline else self.forecast
        return next(r for r in rows if r.lead == lead)

    def to_dict(self) -> dict[str, Any]:
        return {
            "city": self.city,
            "scheme": self.scheme,
            "colours": [c.value for c in self.colours],
            "forecasts": self.forecasts,
            "pairs": len(self.pairs),
            "forecast": [r.to_dict() for r in self.forecast],
            "persistence": [r.to_dict() for r in self.persistence],
            "excluded": [{"zh": n.zh, "en": n.en, "count": k} for n, k in self.excluded],
        }


def verify(
    forecasts: Sequence[Forecast],
    observed: Mapping[date, Observation],
    scheme: str | Scheme = DEFAULT_SCHEME,
    options: GradingOptions | None = None,
) -> Verification:
    """Verify the daily values of ``forecasts`` (one city) against ``observed``, by lead time,
    with persistence scored on the same pairs (module docstring; docs/emergency_verification.md).
    """
    sch = get_scheme(scheme) if isinstance(scheme, str) else scheme
    opts = options or GradingOptions()
    cities = sorted({f.city for f in forecasts})
    if len(cities) > 1:
        raise ValueError(
            f"一次只检验一个城市的预报，文件中有：{'、'.join(cities)} "
            f"(verify one city at a time; the forecasts are for: {', '.join(cities)})"
        )
    colours = tuple(sorted((r.level for r in sch.rules_for(opts)), key=lambda lv: lv.rank))
    obs_levels = observed_levels(observed, sch, opts)
    excluded: Counter[Note] = Counter()
    pairs: list[Pair] = []
    baseline: list[Pair] = []
    for f in forecasts:
        if not f.days:
            excluded[EXCLUDED_HOURLY_ONLY] += 1
            continue
        issue_day = f.issued.astimezone(SHANGHAI).date()
        base_obs = observed.get(issue_day)
        levels = forecast_levels(f, sch, opts)
        pf = persistence(f, base_obs) if base_obs is not None else None
        p_levels = forecast_levels(pf, sch, opts) if pf is not None else {}
        for i, d in enumerate(f.days):
            obs = observed.get(d.day)
            if obs is None:
                excluded[EXCLUDED_NO_OBSERVATION] += 1
                continue
            if pf is None:
                excluded[EXCLUDED_NO_PERSISTENCE] += 1
                continue
            lead = (d.day - issue_day).days
            for out, day, lv in ((pairs, d, levels), (baseline, pf.days[i], p_levels)):
                out.append(
                    Pair(
                        issued=f.issued,
                        day=d.day,
                        lead=lead,
                        value=day.aqi,
                        graded=day.aqi.read(opts.range_reading),
                        primary=day.primary,
                        level=lv.get(d.day),
                        observed=obs,
                        observed_level=obs_levels.get(d.day),
                    )
                )
    return Verification(
        city=cities[0] if cities else "",
        scheme=sch.key,
        colours=colours,
        forecasts=len(forecasts),
        forecast=by_lead(pairs, colours),
        persistence=by_lead(baseline, colours),
        excluded=tuple((n, k) for n, k in excluded.items()),
        pairs=tuple(pairs),
    )
