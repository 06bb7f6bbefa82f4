"""SQL of year-on-year change (同比, evaluation.md §10) and rankings (§9).

- Concentrations and indices: change % = (C_t − C_t−1) / C_t−1 × 100.
- Ratios (good-day, heavy-pollution): difference in percentage points (百分点).
- Day counts: difference in days.
Changes are taken between the displayed (rounded) values, as published reports do (evaluation.md
§11 E3: 5.07 vs 5.50 → −7.8 %; E5: 48 vs 52 → −7.7 %).

Rankings: competition ranking (RANK(): 1, 2, 2, 4), ascending for concentrations and indices,
descending for the good-day ratio; areas whose data are insufficient (数据不足) are listed with a
NULL rank.
"""

from __future__ import annotations

from collections.abc import Callable

#: Statistics compared as a relative change [%].
RELATIVE: tuple[str, ...] = (
    "pm25",
    "pm10",
    "so2",
    "no2",
    "co_p95",
    "o3_8h_p90",
    "composite",
)
#: Ratios compared in percentage points.
POINTS: tuple[str, ...] = ("good_ratio", "heavy_ratio")
#: Day counts compared in days.
DAYS: tuple[str, ...] = (
    "valid_days",
    "good_days",
    "heavy_pollution_days",
    "days_excellent",
    "days_good",
    "days_light",
    "days_moderate",
    "days_heavy",
    "days_severe",
)
#: Rankable statistics and their order (True = ascending: smaller is better).
RANKABLE: dict[str, bool] = {
    **{s: True for s in RELATIVE},
    "i_pm25": True,
    "good_ratio": False,
    "heavy_ratio": True,
}


def _check_by(by: str) -> None:
    if by not in RANKABLE:
        raise ValueError(
            f"无法按 {by!r} 排名 / cannot rank by {by!r}; known: {', '.join(RANKABLE)}"
        )


def yoy_sql(cur: str, prev: str, rnd: Callable[[str, int], str]) -> str:
    """One row per area of ``cur`` with the previous-year values and the changes; ``rnd``
    rounds a SQL expression to n decimals (the display rule of evaluation.md §6)."""
    cols = ["c.area", "c.period", "p.period AS previous_period", "c.valid", "p.valid AS prev_valid"]
    for s in RELATIVE:
        cols += [f"c.{s}_display AS {s}", f"p.{s}_display AS {s}_prev"]
        cols.append(
            f"CASE WHEN p.{s}_display <> 0 THEN "
            f"{rnd(f'100.0 * (c.{s}_display - p.{s}_display) / p.{s}_display', 1)} END "
            f"AS {s}_change"
        )
    for s in POINTS:
        cols += [f"c.{s}_display AS {s}", f"p.{s}_display AS {s}_prev"]
        cols.append(f"c.{s}_display - p.{s}_display AS {s}_change")
    for s in DAYS:
        cols += [f"c.{s}", f"p.{s} AS {s}_prev", f"c.{s} - p.{s} AS {s}_change"]
    return (
        f"SELECT {', '.join(cols)} FROM ({cur}) c LEFT JOIN ({prev}) p ON c.area = p.area "
        f"ORDER BY c.area"
    )


def rank_sql(stats: str, by: str, on_display: bool, include_insufficient: bool = False) -> str:
    """Competition ranking (1, 2, 2, 4) by ``by``; areas with insufficient data (数据不足) are
    listed unranked unless ``include_insufficient`` (then ranked, still marked by ``validity``)."""
    _check_by(by)
    key = f"{by}_display" if on_display else by
    order = "ASC" if RANKABLE[by] else "DESC"
    ok = f"({key} IS NOT NULL)" if include_insufficient else f"(valid AND {key} IS NOT NULL)"
    return (
        f"SELECT CASE WHEN {ok} THEN RANK() OVER (PARTITION BY {ok} ORDER BY {key} {order}) END "
        f"AS rank, '{by}' AS ranked_by, {key} AS rank_value, * FROM ({stats}) s "
        f"ORDER BY rank NULLS LAST, area"
    )


def rank_improvement_sql(yoy: str, by: str, include_insufficient: bool = False) -> str:
    """变化程度排名 (2017 scheme): rank by the change against the previous year; the most
    improved first (most negative change; for the good-day ratio the largest rise)."""
    _check_by(by)
    if by not in RELATIVE and by not in POINTS:
        raise ValueError(f"no year-on-year change is computed for {by!r}")
    order = "ASC" if RANKABLE[by] else "DESC"
    key = f"{by}_change"
    ok = (
        f"({key} IS NOT NULL)"
        if include_insufficient
        else f"(valid AND prev_valid AND {key} IS NOT NULL)"
    )
    return (
        f"SELECT CASE WHEN {ok} THEN RANK() OVER (PARTITION BY {ok} ORDER BY {key} {order}) END "
        f"AS rank, '{by}' AS ranked_by, {key} AS rank_value, * FROM ({yoy}) y "
        f"ORDER BY rank NULLS LAST, area"
    )
