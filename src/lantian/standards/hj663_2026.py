"""HJ 663-2026 环境空气质量评价技术规范 — in force from 2026-03-01; text NOT read (spec §3).

Confirmed: the MDA8 validity of §6.1.2 (≥ 14 windows, or above the limit) and the GB 3095-2026
表4 validity values, both the same as in :mod:`lantian.standards.hj663_2013`, whose functions are
re-exported here. UNCONFIRMED and behind explicit options: the three-year sliding average
(:func:`sliding_3yr_mean`), the attainment items (2013 items with limits by stage), the
composite-index S_i and weights, the exceptional-event basis (:mod:`exceptional_events`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeAlias

from lantian.standards import gb3095_2026
from lantian.standards.gb3095_2012 import ZoneClass
from lantian.standards.hj663_2013 import (
    ANNUAL_ITEMS,
    MIN_DAYS_ANNUAL,
    MIN_DAYS_FEBRUARY,
    MIN_DAYS_MONTH,
    MIN_HOURS_8H,
    MIN_HOURS_DAILY,
    MIN_WINDOWS_MDA8,
    PERIOD_STATISTIC,
    PRECISION,
    WEIGHTS,
    Attainment,
    CompositeIndex,
    DayCounts,
    annual_valid,
    change_rate,
    daily_mean,
    day_category,
    day_counts,
    eight_hour_mean,
    mda8,
    monthly_valid,
    percent,
    percentile,
    period_statistic,
    single_index,
)
from lantian.standards.hj663_2013 import annual_attainment as _annual_attainment
from lantian.standards.hj663_2013 import composite_index as _composite_index
from lantian.standards.rounding import Number, to_fraction

__all__ = [
    "ANNUAL_ITEMS",
    "MIN_DAYS_ANNUAL",
    "MIN_DAYS_FEBRUARY",
    "MIN_DAYS_MONTH",
    "MIN_HOURS_8H",
    "MIN_HOURS_DAILY",
    "MIN_WINDOWS_MDA8",
    "PERIOD_STATISTIC",
    "PRECISION",
    "WEIGHTS",
    "Attainment",
    "CompositeIndex",
    "DayCounts",
    "annual_attainment",
    "annual_valid",
    "change_rate",
    "composite_index",
    "composite_s_i",
    "daily_mean",
    "day_category",
    "day_counts",
    "eight_hour_mean",
    "mda8",
    "monthly_valid",
    "percent",
    "percentile",
    "period_statistic",
    "single_index",
    "sliding_3yr_mean",
]

NAME = "HJ 663-2026"


def annual_attainment(
    pollutant: str,
    daily_values: Sequence[Number | None],
    *,
    year: int,
    zone_class: ZoneClass = 2,
) -> Attainment:
    """Attainment of a calendar year with the 2013 items and the GB 3095-2026 stage of that year
    (calendar 2026 → stage 1, standards_2026.md §4.2 rule 4; items UNCONFIRMED for 2026)."""
    stage = gb3095_2026.stage_on(max(date(year, 12, 31), gb3095_2026.IN_FORCE_FROM))

    def limits(p: str, averaging: str, zc: ZoneClass) -> Decimal:
        return gb3095_2026.limit(p, averaging, zone_class=zc, stage=stage)

    return _annual_attainment(pollutant, daily_values, zone_class=zone_class, limits=limits)


SiRule: TypeAlias = Literal["limits-by-date", "2018-fixed"]


def composite_s_i(on: date, *, rule: SiRule = "limits-by-date") -> dict[str, Decimal]:
    """S_i of the composite index: ``"limits-by-date"`` (default; class II annual limits of the
    GB 3095-2026 stage in force, CO 24 h, O3 8 h) or ``"2018-fixed"`` (2012 limits).
    UNCONFIRMED (standards_2026.md §3.7)."""
    if rule == "2018-fixed":
        from lantian.standards.hj663_2013 import COMPOSITE_S_2018

        return dict(COMPOSITE_S_2018)
    stage = gb3095_2026.stage_on(on)
    s = {p: gb3095_2026.limit(p, "annual", stage=stage) for p in ("so2", "no2", "pm10", "pm25")}
    s["co"] = gb3095_2026.limit("co", "24h", stage=stage)
    s["o3"] = gb3095_2026.limit("o3", "8h", stage=stage)
    return s


def composite_index(
    concentrations: Mapping[str, Number],
    *,
    on: date,
    s_i_rule: SiRule = "limits-by-date",
    weights: str = "2018",
) -> CompositeIndex:
    """Composite index with S_i by ``s_i_rule`` on date ``on``; weights ``"2018"`` (default) or
    ``"weighted-3-2-2"`` (UNCONFIRMED)."""
    return _composite_index(concentrations, s_i=composite_s_i(on, rule=s_i_rule), weights=weights)


SlidingMethod: TypeAlias = Literal["mean-of-annual-statistics"]


def sliding_3yr_mean(
    annual: Mapping[int, Number | None],
    year: int,
    *,
    years: int = 3,
    method: SlidingMethod = "mean-of-annual-statistics",
    require_all_years: bool = True,
) -> Fraction | None:
    """三年滑动平均 (UNCONFIRMED formula, standards_2026.md §3.3): S̄(Y) = mean of the annual
    statistics S(Y−2), S(Y−1), S(Y) of consecutive calendar years ending in ``year``.

    ``annual`` maps a year to its statistic (``None`` or absent: the year is not valid under
    GB 3095 表4). With ``require_all_years`` one invalid year makes the result ``None``;
    otherwise the valid years are averaged. Round only the result, for display.
    """
    if method != "mean-of-annual-statistics":
        raise ValueError(f"unknown method {method!r}; known: mean-of-annual-statistics")
    window = [annual.get(y) for y in range(year - years + 1, year + 1)]
    valid = [to_fraction(v) for v in window if v is not None]
    if not valid or (require_all_years and len(valid) < years):
        return None
    return sum(valid, Fraction(0)) / len(valid)
