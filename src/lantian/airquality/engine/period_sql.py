"""SQL of period statistics per area (evaluation.md §5–§9; HJ 663-2013).

From the area's daily values over the period: PM2.5, PM10, SO2, NO2 means; CO daily-mean P95;
O3 MDA8 P90; SO2/NO2 P98 and PM P95 (annual evaluation items); single indices I_i = C_i / S_i and
the composite index Σ w_i·I_i (环办监测〔2018〕19号); main pollutant (largest I_i); day counts per
category, good days (AQI ≤ 100) and ratio, heavy-pollution days (AQI > 200); data capture; the
validity rule (GB 3095 表4: ≥ 324 days a year and ≥ 27 in every month, February ≥ 25).
Statistics are unrounded; ``*_display`` columns are rounded per evaluation.md §6.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from lantian.airquality.engine.dialect import Dialect
from lantian.airquality.engine.options import EvaluationOptions
from lantian.airquality.periods import Period

#: Period statistics: (output column, aggregate kind, source column, percentile).
CONCENTRATION_STATS: tuple[tuple[str, str, float | None], ...] = (
    ("pm25", "pm25", None),
    ("pm10", "pm10", None),
    ("so2", "so2", None),
    ("no2", "no2", None),
    ("co_p95", "co", 0.95),
    ("o3_8h_p90", "o3_8h", 0.90),
    ("so2_p98", "so2", 0.98),
    ("no2_p98", "no2", 0.98),
    ("pm10_p95", "pm10", 0.95),
    ("pm25_p95", "pm25", 0.95),
)
#: Statistic entering the composite index for each pollutant (evaluation.md §9).
COMPOSITE_STAT: dict[str, str] = {
    "so2": "so2",
    "no2": "no2",
    "pm10": "pm10",
    "pm25": "pm25",
    "co": "co_p95",
    "o3": "o3_8h_p90",
}
LABELS: dict[str, str] = {
    "so2": "SO2",
    "no2": "NO2",
    "pm10": "PM10",
    "pm25": "PM2.5",
    "co": "CO",
    "o3": "O3",
}
#: Category day counts: (column, lower AQI bound exclusive, upper inclusive or None).
CATEGORY_DAYS: tuple[tuple[str, int | None, int | None], ...] = (
    ("days_excellent", None, 50),
    ("days_good", 50, 100),
    ("days_light", 100, 150),
    ("days_moderate", 150, 200),
    ("days_heavy", 200, 300),
    ("days_severe", 300, None),
)
#: Display precision (evaluation.md §6): decimals per statistic column.
DISPLAY_DIGITS: dict[str, int] = {
    **{name: (1 if src == "co" else 0) for name, src, _ in CONCENTRATION_STATS},
    **{f"i_{p}": 2 for p in COMPOSITE_STAT},
    "composite": 2,
    "good_ratio": 1,
    "heavy_ratio": 1,
    "capture_ratio": 3,
}


@dataclass(frozen=True)
class Validity:
    """Minimum valid daily values (GB 3095 表4 annual rule, from ``lantian.standards``)."""

    year_days: int
    month_days: int
    february_days: int


def month_requirements(period: Period, v: Validity) -> list[tuple[int, str, int]]:
    """(month key, label, required valid days) of every month the period touches.

    A whole month needs ``month_days`` (February ``february_days``); a month the period covers
    only in part needs the same number of missing days at most:
    ``covered − (length − required)``, never below 0.
    """
    out = []
    for y, m in period.months():
        length = calendar.monthrange(y, m)[1]
        full_req = v.february_days if m == 2 else v.month_days
        first = max(period.start, period.start.replace(year=y, month=m, day=1))
        last = min(period.end, period.start.replace(year=y, month=m, day=length))
        covered = (last - first).days + 1
        out.append((y * 100 + m, f"{y}-{m:02d}", max(0, covered - (length - full_req))))
    return out


def round_display(d: Dialect, opts: EvaluationOptions, x: str, nd: int) -> str:
    if opts.rounding == "GB/T 8170":
        return d.round_half_even(x, nd)
    return d.round_half_up(x, nd)


def period_stats_sql(
    d: Dialect,
    opts: EvaluationOptions,
    period: Period,
    daily: str,
    s_i: Mapping[str, Decimal],
    weights: Mapping[str, int],
    validity: Validity,
) -> str:
    """SELECT of one row per area from ``daily`` (area, date, concentrations, aqi[, dust])."""
    pm_mask = opts.dust_basis == "deduct"

    def conc(p: str) -> str:
        return f"CASE WHEN dust THEN NULL ELSE {p} END" if pm_mask and p in ("pm10", "pm25") else p

    in_period = f"date >= {d.date(period.start)} AND date <= {d.date(period.end)}"
    base = (
        f"SELECT area, date, {d.month_key('date')} AS month_key, so2, no2, co, o3_8h, "
        f"{conc('pm10')} AS pm10, {conc('pm25')} AS pm25, aqi FROM ({daily}) dd WHERE {in_period}"
    )
    aggs = []
    for name, src, pct in CONCENTRATION_STATS:
        aggs.append(f"{d.percentile(src, pct)} AS {name}" if pct else f"AVG({src}) AS {name}")
    for col in ("so2", "no2", "co", "o3_8h", "pm10", "pm25"):
        aggs.append(f"COUNT({col}) AS n_{col}")
    aggs.append("COUNT(aqi) AS valid_days")
    for col, lo, hi in CATEGORY_DAYS:
        cond = " AND ".join(
            c for c in (f"aqi > {lo}" if lo is not None else "", f"aqi <= {hi}" if hi else "") if c
        )
        aggs.append(f"CAST(SUM(CASE WHEN {cond} THEN 1 ELSE 0 END) AS BIGINT) AS {col}")
    aggs.append("CAST(SUM(CASE WHEN aqi <= 100 THEN 1 ELSE 0 END) AS BIGINT) AS good_days")
    aggs.append(
        "CAST(SUM(CASE WHEN aqi > 200 THEN 1 ELSE 0 END) AS BIGINT) AS heavy_pollution_days"
    )
    agg = f"SELECT area, {', '.join(aggs)} FROM b GROUP BY area"

    months = month_requirements(period, validity)
    values = ", ".join(f"({k}, '{label}', {req})" for k, label, req in months)
    n_cols = ["so2", "no2", "co", "o3_8h", "pm10", "pm25"]
    mcount = (
        f"SELECT area, month_key, {', '.join(f'COUNT({p}) AS n_{p}' for p in n_cols)} "
        f"FROM b GROUP BY area, month_key"
    )
    least = "least(" + ", ".join(f"COALESCE(mc.n_{p}, 0)" for p in n_cols) + ")"
    mcheck = (
        f"SELECT a.area, m.label FROM a CROSS JOIN (VALUES {values}) m(month_key, label, req) "
        f"LEFT JOIN ({mcount}) mc ON mc.area = a.area AND mc.month_key = m.month_key "
        f"WHERE {least} < m.req"
    )
    bad = f"SELECT area, {d.string_agg('label', ',')} AS insufficient_months FROM mc2 GROUP BY area"

    idx = [f"a.{COMPOSITE_STAT[p]} / {s_i[p]} AS i_{p}" for p in COMPOSITE_STAT]
    min_n = "least(" + ", ".join(f"a.n_{p}" for p in n_cols) + ")"
    checks = []
    if period.is_calendar_year:
        checks.append(f"{min_n} >= {validity.year_days}")
    if opts.monthly_validity:
        checks.append("bm.insufficient_months IS NULL")
    valid = " AND ".join(checks) if checks else "TRUE"
    days = period.days
    joined = (
        f"SELECT a.*, {', '.join(idx)}, bm.insufficient_months, "
        f"({valid}) AS valid, "
        f"CASE WHEN a.valid_days > 0 THEN 100.0 * a.good_days / a.valid_days END AS good_ratio, "
        f"CASE WHEN a.valid_days > 0 THEN 100.0 * a.heavy_pollution_days / a.valid_days END "
        f"AS heavy_ratio, 1.0 * a.valid_days / {days} AS capture_ratio "
        f"FROM a LEFT JOIN bm ON a.area = bm.area"
    )
    composite = " + ".join(f"{weights[p]} * i_{p}" for p in COMPOSITE_STAT)
    greatest = d.greatest([f"i_{p}" for p in COMPOSITE_STAT])
    main = ", ".join(f"CASE WHEN i_{p} = {greatest} THEN '{LABELS[p]}' END" for p in COMPOSITE_STAT)
    final = (
        f"SELECT *, {composite} AS composite, "
        f"NULLIF(concat_ws(',', {main}), '') AS main_pollutant, "
        f"CASE WHEN valid THEN '有效' ELSE '数据不足' END AS validity "
        f"FROM ({joined}) j"
    )
    display = ", ".join(
        f"{round_display(d, opts, c, nd)} AS {c}_display" for c, nd in DISPLAY_DIGITS.items()
    )
    return (
        f"WITH b AS ({base}), a AS ({agg}), mc2 AS ({mcheck}), bm AS ({bad}) "
        f"SELECT '{period.label}' AS period, {d.date(period.start)} AS period_start, "
        f"{d.date(period.end)} AS period_end, f.*, {display} FROM ({final}) f ORDER BY area"
    )
