"""HJ 663-2013 环境空气质量评价技术规范(试行) — in force until 2026-02-28.

Data validity (with GB 3095-2012 表4), the 8-hour and MDA8 statistics, the percentile of 附录A,
period statistics per pollutant, annual attainment, reporting precision (数据修约), day
categories and ratios, and the comprehensive index of the 2018 ranking rules (环办监测〔2018〕19号).
Pollutant keys: ``so2, no2, co, o3, pm10, pm25`` (``o3`` statistics are of the MDA8).
Exact arithmetic throughout: results are :class:`~fractions.Fraction`; round only for output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeAlias

from lantian.standards import gb3095_2012
from lantian.standards.gb3095_2012 import ZoneClass
from lantian.standards.rounding import Number, round_half_even, to_fraction

NAME = "HJ 663-2013"

#: Reporting precision (数据修约, GB/T 8170) [decimals]: whole µg/m³, CO 0.1 mg/m³.
PRECISION: dict[str, int] = {"so2": 0, "no2": 0, "co": 1, "o3": 0, "pm10": 0, "pm25": 0}
#: Precision of single-item and comprehensive indices, and of ratios in % (evaluation.md §6).
INDEX_PRECISION = 2
PERCENT_PRECISION = 1

# --- validity (GB 3095-2012 表4; HJ 663) --------------------------------------------------------
MIN_HOURS_DAILY = 20  #: valid hourly values for a 24-hour mean
MIN_HOURS_8H = 6  #: valid hourly values of 8 for an 8-hour mean
MDA8_WINDOWS = 17  #: 8-hour windows ending 08:00 … 24:00
MIN_WINDOWS_MDA8 = 14  #: valid windows for an MDA8 (fewer: valid only if above the limit)
MIN_DAYS_ANNUAL = 324  #: valid daily values a year
MIN_DAYS_MONTH = 27  #: valid daily values in every month of the year …
MIN_DAYS_FEBRUARY = 25  #: … February 25

#: Monthly-statistic validity: ``"27/25"`` applies the annual rule's month minimum to a monthly
#: statistic (UNCONFIRMED as HJ 663 wording; default), ``"none"`` imposes no minimum.
MonthlyRule: TypeAlias = Literal["27/25", "none"]


def daily_mean(
    hours: Sequence[Number | None], *, min_hours: int = MIN_HOURS_DAILY
) -> Fraction | None:
    """24-hour mean of the valid hourly values, ``None`` with fewer than ``min_hours``."""
    valid = [to_fraction(h) for h in hours if h is not None]
    return sum(valid, Fraction(0)) / len(valid) if valid and len(valid) >= min_hours else None


def eight_hour_mean(hours: Sequence[Number | None]) -> Fraction | None:
    """Mean of 8 consecutive hourly values, valid with ≥ 6 of them (``MIN_HOURS_8H``)."""
    if len(hours) != 8:
        raise ValueError(f"an 8-hour mean needs 8 hourly values, got {len(hours)}")
    return daily_mean(hours, min_hours=MIN_HOURS_8H)


@dataclass(frozen=True)
class MDA8:
    """Daily maximum 8-hour mean (日最大8小时平均) with its validity."""

    value: Fraction | None
    valid_windows: int
    valid: bool


def mda8(hours: Sequence[Number | None], *, limit: Number = 160) -> MDA8:
    """O3 MDA8 of one day [µg/m³] (evaluation.md §3; HJ 663 §6.1.2 validity).

    ``hours``: the 24 hourly values labelled 01:00 … 24:00, or 31 values starting with the 7 hours
    before the day (accepted for convenience; the MDA8 uses only the 17 windows ending 08:00 …
    24:00, all inside the day). Valid with ≥ 14 valid windows, or fewer when the maximum found
    exceeds ``limit`` (class II MDA8 limit by default).
    """
    if len(hours) == 31:
        hours = hours[7:]
    if len(hours) != 24:
        raise ValueError(f"mda8 needs 24 (or 7 + 24) hourly values, got {len(hours)}")
    means = [eight_hour_mean(hours[end - 8 : end]) for end in range(8, 25)]
    valid_means = [m for m in means if m is not None]
    if not valid_means:
        return MDA8(None, 0, False)
    best = max(valid_means)
    ok = len(valid_means) >= MIN_WINDOWS_MDA8 or best > to_fraction(limit)
    return MDA8(best, len(valid_means), ok)


def annual_valid(days_per_month: Mapping[int, int]) -> bool:
    """Annual-mean validity: ≥ 324 valid days **and** ≥ 27 in every month (February ≥ 25)."""
    if sum(days_per_month.values()) < MIN_DAYS_ANNUAL:
        return False
    return all(monthly_valid(days_per_month.get(m, 0), m) for m in range(1, 13))


def monthly_valid(valid_days: int, month: int, *, rule: MonthlyRule = "27/25") -> bool:
    """Validity of a monthly statistic: ≥ 27 valid days (February ≥ 25) under ``"27/25"``."""
    if rule == "none":
        return valid_days > 0
    return valid_days >= (MIN_DAYS_FEBRUARY if month == 2 else MIN_DAYS_MONTH)


# --- percentile and period statistics ------------------------------------------------------------


def percentile(values: Iterable[Number], p: Number) -> Fraction:
    """HJ 663 附录A percentile, exact (= numpy ``method="linear"``, Excel PERCENTILE.INC).

    ``p`` is a fraction (0.95). k = 1 + (n − 1)·p, s = ⌊k⌋; m_p = X(s) + (X(s+1) − X(s))·(k − s).
    """
    xs = sorted(to_fraction(v) for v in values)
    if not xs:
        raise ValueError("percentile of no values")
    pf = to_fraction(p)
    if not 0 <= pf <= 1:
        raise ValueError(f"p must be a fraction in [0, 1], not {p!r}")
    k = 1 + (len(xs) - 1) * pf
    s = int(k)
    if s >= len(xs):
        return xs[-1]
    return xs[s - 1] + (xs[s] - xs[s - 1]) * (k - s)


@dataclass(frozen=True)
class Statistic:
    """A period statistic of daily values: the mean, or a percentile ``p`` (a fraction)."""

    kind: Literal["mean", "percentile"]
    p: Fraction | None = None

    def __call__(self, values: Sequence[Number | None]) -> Fraction | None:
        xs = [to_fraction(v) for v in values if v is not None]
        if not xs:
            return None
        if self.kind == "mean":
            return sum(xs, Fraction(0)) / len(xs)
        assert self.p is not None
        return percentile(xs, self.p)


MEAN = Statistic("mean")
P90 = Statistic("percentile", Fraction(90, 100))
P95 = Statistic("percentile", Fraction(95, 100))
P98 = Statistic("percentile", Fraction(98, 100))

#: Monthly / quarterly / annual statistic per pollutant (evaluation.md §5): means of the daily
#: means; CO 95th percentile of daily means; O3 90th percentile of the MDA8 values.
PERIOD_STATISTIC: dict[str, Statistic] = {
    "so2": MEAN,
    "no2": MEAN,
    "pm10": MEAN,
    "pm25": MEAN,
    "co": P95,
    "o3": P90,
}

#: Annual attainment items (HJ 663 表1): (statistic, GB 3095 averaging of its limit).
ANNUAL_ITEMS: dict[str, tuple[tuple[Statistic, str], ...]] = {
    "so2": ((MEAN, "annual"), (P98, "24h")),
    "no2": ((MEAN, "annual"), (P98, "24h")),
    "pm10": ((MEAN, "annual"), (P95, "24h")),
    "pm25": ((MEAN, "annual"), (P95, "24h")),
    "co": ((P95, "24h"),),
    "o3": ((P90, "8h"),),
}


def period_statistic(pollutant: str, daily_values: Sequence[Number | None]) -> Fraction | None:
    """The period statistic of ``PERIOD_STATISTIC`` over the valid daily values."""
    if pollutant not in PERIOD_STATISTIC:
        raise ValueError(f"unknown pollutant {pollutant!r}; known: {', '.join(PERIOD_STATISTIC)}")
    return PERIOD_STATISTIC[pollutant](daily_values)


#: A limit lookup: (pollutant, averaging, zone_class) → limit.
LimitLookup: TypeAlias = Callable[[str, str, ZoneClass], Decimal]


def _limit_2012(pollutant: str, averaging: str, zone_class: ZoneClass) -> Decimal:
    return gb3095_2012.limit(pollutant, averaging, zone_class=zone_class)


@dataclass(frozen=True)
class Attainment:
    """Annual attainment of one pollutant: each item's (statistic value, limit) and the verdict."""

    pollutant: str
    items: tuple[tuple[str, Fraction | None, Decimal], ...]  # (name, value, limit)
    attains: bool | None  # None: a statistic could not be computed


def annual_attainment(
    pollutant: str,
    daily_values: Sequence[Number | None],
    *,
    zone_class: ZoneClass = 2,
    limits: LimitLookup = _limit_2012,
) -> Attainment:
    """达标: every item of ``ANNUAL_ITEMS`` within its limit (mean and percentile both must hold).

    Statistics are compared unrounded (round for display only; evaluation.md §6).
    """
    items = []
    for stat, averaging in ANNUAL_ITEMS[pollutant]:
        name = "mean" if stat.kind == "mean" else f"P{int(stat.p * 100) if stat.p else 0}"
        items.append((name, stat(daily_values), limits(pollutant, averaging, zone_class)))
    if any(v is None for _, v, _ in items):
        return Attainment(pollutant, tuple(items), None)
    ok = all(v is not None and v <= Fraction(lim) for _, v, lim in items)
    return Attainment(pollutant, tuple(items), ok)


# --- day categories and ratios (evaluation.md §8) -------------------------------------------------

DayCategory: TypeAlias = Literal["excellent", "good", "light", "moderate", "heavy", "severe"]
DAY_CATEGORY_ZH: dict[str, str] = {
    "excellent": "优",
    "good": "良",
    "light": "轻度污染",
    "moderate": "中度污染",
    "heavy": "重度污染",
    "severe": "严重污染",
}


def day_category(aqi: int) -> DayCategory:
    """Category of a day by its daily AQI: ≤ 50, ≤ 100, ≤ 150, ≤ 200, ≤ 300, > 300."""
    for bound, name in (
        (50, "excellent"),
        (100, "good"),
        (150, "light"),
        (200, "moderate"),
        (300, "heavy"),
    ):
        if aqi <= bound:
            return name  # type: ignore[return-value]
    return "severe"


@dataclass(frozen=True)
class DayCounts:
    """Day counts of a period; ``valid`` counts days with a daily AQI."""

    valid: int
    good: int  # 优良天 AQI ≤ 100
    exceedance: int  # 超标天 AQI > 100
    light: int
    moderate: int
    heavy: int
    severe: int

    @property
    def heavy_or_worse(self) -> int:
        """重污染天: AQI > 200."""
        return self.heavy + self.severe

    @property
    def good_ratio(self) -> Fraction | None:
        """优良天数比例 (a fraction; × 100 for %), ``None`` without valid days."""
        return Fraction(self.good, self.valid) if self.valid else None

    @property
    def heavy_ratio(self) -> Fraction | None:
        """重污染天数比例 (a fraction)."""
        return Fraction(self.heavy_or_worse, self.valid) if self.valid else None


def day_counts(daily_aqis: Iterable[int | None]) -> DayCounts:
    """Count days by category; days without a valid AQI (``None``) are left out entirely."""
    cats: list[str] = [day_category(a) for a in daily_aqis if a is not None]
    n = {c: cats.count(c) for c in DAY_CATEGORY_ZH}
    return DayCounts(
        len(cats),
        n["excellent"] + n["good"],
        len(cats) - n["excellent"] - n["good"],
        n["light"],
        n["moderate"],
        n["heavy"],
        n["severe"],
    )


def percent(ratio: Number) -> Decimal:
    """A ratio as % with one decimal (GB/T 8170): 86/91 → 94.5."""
    return round_half_even(to_fraction(ratio) * 100, PERCENT_PRECISION)


def change_rate(current: Number, previous: Number) -> Fraction:
    """同比/环比 change in % = (current − previous) / previous × 100 (evaluation.md §10)."""
    prev = to_fraction(previous)
    if prev == 0:
        raise ZeroDivisionError("change rate against a zero previous value")
    return (to_fraction(current) - prev) / prev * 100


# --- single-item and comprehensive index (环办监测〔2018〕19号) ---

#: S_i of the 2018 ranking rules: class II annual limits (SO2, NO2, PM10, PM2.5), CO 24-h, O3 8-h.
COMPOSITE_S_2018: dict[str, Decimal] = {
    "so2": Decimal(60),
    "no2": Decimal(40),
    "pm10": Decimal(70),
    "pm25": Decimal(35),
    "co": Decimal(4),
    "o3": Decimal(160),
}

#: Weights of the index: ``"2018"`` all 1 (default); ``"weighted-3-2-2"`` PM2.5 ×3, NO2 ×2,
#: O3 ×2 (UNCONFIRMED; attributed to HJ 663-2026 by one source, evaluation.md §9).
WEIGHTS: dict[str, dict[str, int]] = {
    "2018": {"so2": 1, "no2": 1, "pm10": 1, "pm25": 1, "co": 1, "o3": 1},
    "weighted-3-2-2": {"so2": 1, "no2": 2, "pm10": 1, "pm25": 3, "co": 1, "o3": 2},
}


def single_index(
    pollutant: str, c: Number, *, s_i: Mapping[str, Number] = COMPOSITE_S_2018
) -> Fraction:
    """单项指数 I_i = C_i / S_i (> 1: exceeding)."""
    return to_fraction(c) / to_fraction(s_i[pollutant])


@dataclass(frozen=True)
class CompositeIndex:
    """综合指数 I_sum = Σ w_i·C_i/S_i, the single-item indices and the main pollutant(s)."""

    total: Fraction
    indices: dict[str, Fraction]
    main: tuple[str, ...]

    @property
    def rounded(self) -> Decimal:
        """I_sum with two decimals (GB/T 8170)."""
        return round_half_even(self.total, INDEX_PRECISION)


def composite_index(
    concentrations: Mapping[str, Number],
    *,
    s_i: Mapping[str, Number] = COMPOSITE_S_2018,
    weights: str = "2018",
) -> CompositeIndex:
    """Comprehensive index over SO2, NO2, PM10, PM2.5, CO (daily P95) and O3 (MDA8 P90).

    The main pollutant is the one(s) with the largest single-item index I_i (unweighted).
    """
    if weights not in WEIGHTS:
        raise ValueError(f"unknown weights {weights!r}; known: {', '.join(WEIGHTS)}")
    missing = [p for p in WEIGHTS[weights] if p not in concentrations]
    if missing:
        raise ValueError(f"composite index needs all six pollutants; missing: {', '.join(missing)}")
    indices = {p: single_index(p, concentrations[p], s_i=s_i) for p in WEIGHTS[weights]}
    total = sum((WEIGHTS[weights][p] * i for p, i in indices.items()), Fraction(0))
    top = max(indices.values())
    return CompositeIndex(total, indices, tuple(p for p, i in indices.items() if i == top))
