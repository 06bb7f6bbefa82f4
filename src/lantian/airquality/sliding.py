"""Three-year sliding averages (三年滑动平均, HJ 663-2026; formula UNCONFIRMED, see
``lantian.standards.hj663_2026.sliding_3yr_mean`` and standards_2026.md §3.3).

For each area and statistic, the annual statistics of the ``years`` calendar years ending in
``year`` come from the engine (same rules as ``period_stats``); a year whose statistics are flagged
数据不足 counts as invalid. The standards' function then combines them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from lantian.airquality.engine.period_sql import DISPLAY_DIGITS
from lantian.airquality.periods import parse_period
from lantian.standards.hj663_2026 import sliding_3yr_mean
from lantian.standards.rounding import round_half_even

#: Statistics averaged by default: the annual evaluation items of evaluation.md §5 and §9.
DEFAULT_STATS: tuple[str, ...] = ("pm25", "pm10", "so2", "no2", "co_p95", "o3_8h_p90", "composite")


def sliding_means(
    engine: Any,
    year: int,
    areas: Sequence[str] | None = None,
    *,
    stats: Sequence[str] = DEFAULT_STATS,
    years: int = 3,
    require_all_years: bool = True,
    source: str = "computed",
) -> pl.DataFrame:
    """One row per area: each statistic's sliding mean over ``year − years + 1 … year``, the
    per-year values it used and how many of the years were valid."""
    first = year - years + 1
    per_year: dict[int, dict[str, dict[str, Any]]] = {}
    for y in range(first, year + 1):
        frame = engine.period_stats(parse_period(str(y)), areas=areas, source=source)
        per_year[y] = {row["area"]: row for row in frame.iter_rows(named=True)}
    names = sorted({a for rows in per_year.values() for a in rows})
    out = []
    for area in names:
        row: dict[str, Any] = {"area": area, "year": year, "window": f"{first}-{year}"}
        valid_years = [y for y in per_year if per_year[y].get(area, {}).get("valid")]
        row["valid_years"] = len(valid_years)
        for stat in stats:
            annual = {
                y: per_year[y][area][stat]
                for y in valid_years
                if per_year[y][area].get(stat) is not None
            }
            mean = sliding_3yr_mean(annual, year, years=years, require_all_years=require_all_years)
            row[stat] = None if mean is None else float(mean)
            digits = DISPLAY_DIGITS.get(stat)
            if digits is not None:  # evaluation.md §6: GB/T 8170 on output only
                row[f"{stat}_display"] = (
                    None if mean is None else float(round_half_even(mean, digits))
                )
            for y in range(first, year + 1):
                row[f"{stat}_{y}"] = per_year[y].get(area, {}).get(stat)
        out.append(row)
    return pl.DataFrame(out)
