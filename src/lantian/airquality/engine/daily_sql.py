"""SQL of daily values: 24-hour means, O3 daily maximum 1-hour and MDA8 (GB 3095 表4, HJ 663).

Time convention (schema.py, evaluation.md §3): ``ts`` labels the end of the hour and the day of a
value is ``date(ts − 1 h)``; its position in the day is ``hpos`` = 1 … 24 (00:00 of D+1 is hour 24
of D). Only valid values enter: a value with a QC flag (``<p>_qc`` not NULL) is kept in the store
but is NULL here.

MDA8 in one pass: the 24 hourly O3 values of a day are pivoted into 24 columns inside the same
GROUP BY as the daily means, and the 17 windows ending 08:00 … 24:00 (hours k−7 … k, all inside
the day) are plain column expressions — no self-join, no dense hour grid, and a missing row is
simply a missing value.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from lantian.airquality.engine.dialect import Dialect
from lantian.airquality.engine.options import EvaluationOptions
from lantian.airquality.schema import POLLUTANTS, QC_SUFFIX

#: Pollutants with a 24-hour mean (GB 3095 表4: ≥ 20 hourly values).
MEAN_POLLUTANTS: tuple[str, ...] = ("so2", "no2", "co", "pm10", "pm25")
#: Hour positions at which an 8-hour window of the day ends (evaluation.md §3).
WINDOW_ENDS: tuple[int, ...] = tuple(range(8, 25))
#: The day's hourly O3 values pivoted into columns (hour position 1 … 24).
O3_HOURS: tuple[str, ...] = tuple(f"o3_h{k}" for k in range(1, 25))


def sql_list(values: Sequence[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def hour_bounds(d: Dialect, start: date, end: date, lookback_hours: int = 0) -> str:
    """WHERE condition on ``ts`` selecting the hours of days ``start`` … ``end`` (inclusive)."""
    lo = datetime.combine(start, time()) - timedelta(hours=lookback_hours)
    hi = datetime.combine(end + timedelta(days=1), time())
    return f"ts > {d.timestamp(lo)} AND ts <= {d.timestamp(hi)}"


def valid_hourly(
    d: Dialect,
    start: date,
    end: date,
    stations: Sequence[str] | None = None,
    lookback_hours: int = 0,
    extra: Sequence[str] = (),
) -> str:
    """SELECT of the valid hourly values with ``date`` and ``hpos`` (hour 1 … 24 of the day)."""
    cols = [
        f"CAST(CASE WHEN {p}{QC_SUFFIX} IS NULL THEN {p} END AS DOUBLE) AS {p}" for p in POLLUTANTS
    ]
    where = hour_bounds(d, start, end, lookback_hours)
    if stations is not None:
        where += f" AND station_code IN ({sql_list(stations) or 'NULL'})"
    return (
        f"SELECT station_code, ts, {d.day_of_hour('ts')} AS date, "
        f"{d.hour_of_day('ts')} AS hpos, {', '.join([*cols, *extra])} "
        f"FROM hourly WHERE {where}"
    )


def o3_pivot(value: str = "o3") -> list[str]:
    """Aggregates placing the day's hourly O3 into columns o3_h1 … o3_h24."""
    return [f"MAX(CASE WHEN hpos = {k} THEN {value} END) AS o3_h{k}" for k in range(1, 25)]


def o3_window_columns(opts: EvaluationOptions) -> list[str]:
    """8-hour means ending at hour k (k = 8 … 24) from the pivoted columns, NULL when fewer
    than ``o3_8h_min_hours`` values (GB 3095 表4: 6 of 8)."""
    out = []
    for k in WINDOW_ENDS:
        hours = range(k - 7, k + 1)
        n = " + ".join(f"CASE WHEN o3_h{j} IS NULL THEN 0 ELSE 1 END" for j in hours)
        s = " + ".join(f"COALESCE(o3_h{j}, 0)" for j in hours)
        out.append(f"CASE WHEN ({n}) >= {opts.o3_8h_min_hours} THEN ({s}) / ({n}) END AS o3_w{k}")
    return out


def mda8_columns(d: Dialect, opts: EvaluationOptions, mda8_limit: int) -> list[str]:
    """MDA8 and its window count, over a relation holding o3_w8 … o3_w24.

    Valid with ≥ ``mda8_min_windows`` windows, or (``mda8_valid_if_exceeds``) when the maximum
    found exceeds the MDA8 limit (HJ 663 §6.1.2)."""
    windows = [f"o3_w{k}" for k in WINDOW_ENDS]
    n = " + ".join(f"CASE WHEN {w} IS NULL THEN 0 ELSE 1 END" for w in windows)
    mx = d.greatest(windows)
    cond = f"({n}) >= {opts.mda8_min_windows}"
    if opts.mda8_valid_if_exceeds:
        cond += f" OR {mx} > {mda8_limit}"
    return [f"CASE WHEN {cond} THEN {mx} END AS o3_8h", f"({n}) AS n_o3_8h"]


def daily_mean_aggregates(pollutants: Sequence[str]) -> list[str]:
    """Means of the day's valid hourly values and their counts (no threshold: see
    :func:`thresholded_means`)."""
    out = []
    for p in pollutants:
        out += [f"AVG({p}) AS {p}", f"COUNT({p}) AS n_{p}"]
    return out


def o3_daily_aggregates() -> list[str]:
    return ["MAX(o3) AS o3_max", "COUNT(o3) AS n_o3", *o3_pivot()]


#: Columns of the station-daily *parts*: what the hours of one station-day reduce to before any
#: rule of ``EvaluationOptions`` applies (the store keeps exactly these, docs/statistics.md).
PART_COLUMNS: tuple[str, ...] = (
    *[c for p in MEAN_POLLUTANTS for c in (p, f"n_{p}")],
    "o3_max",
    "n_o3",
    *O3_HOURS,
)


def station_daily_parts(
    d: Dialect, start: date, end: date, stations: Sequence[str] | None = None
) -> str:
    """SELECT station_code, date, PART_COLUMNS from the hourly relation: unthresholded means and
    valid counts of the five 24-hour pollutants, O3 daily maximum and count, and the day's 24
    hourly O3 values. Option-free, so it can be materialised (the store's ``station_daily``)."""
    agg = [*daily_mean_aggregates(MEAN_POLLUTANTS), *o3_daily_aggregates()]
    return (
        f"SELECT station_code, date, {', '.join(agg)} "
        f"FROM ({valid_hourly(d, start, end, stations)}) h GROUP BY station_code, date"
    )


def stored_daily_parts(
    d: Dialect, start: date, end: date, stations: Sequence[str] | None = None
) -> str:
    """SELECT station_code, date, PART_COLUMNS from the materialised relation ``station_daily``
    (same rows and values as :func:`station_daily_parts` over the same hours)."""
    where = f"date >= {d.date(start)} AND date <= {d.date(end)}"
    if stations is not None:
        where += f" AND station_code IN ({sql_list(stations) or 'NULL'})"
    return f"SELECT station_code, date, {', '.join(PART_COLUMNS)} FROM station_daily WHERE {where}"


def daily_parts(
    d: Dialect, start: date, end: date, stations: Sequence[str] | None, stored: bool
) -> str:
    """The station-daily parts from the store's ``station_daily`` (``stored``) or from hours."""
    build = stored_daily_parts if stored else station_daily_parts
    return build(d, start, end, stations)


def thresholded_means(opts: EvaluationOptions) -> list[str]:
    """24-hour means of the parts, NULL below ``daily_min_hours`` valid values (GB 3095 表4)."""
    return [
        f"CASE WHEN n_{p} >= {opts.daily_min_hours} THEN {p} END AS {p}" for p in MEAN_POLLUTANTS
    ]


def station_daily_concentrations(
    d: Dialect,
    opts: EvaluationOptions,
    parts: str,
    mda8_limit: int,
    carry: Sequence[str] = (),
) -> str:
    """SELECT of per station-day concentrations, counts and validity flags (no indices) from a
    relation of station-daily parts (:func:`daily_parts`); ``carry``: part columns passed
    through unchanged (the city's hourly O3 needs the pivoted hours)."""
    counts = [f"n_{p}" for p in MEAN_POLLUTANTS]
    keep = ["station_code", "date", *thresholded_means(opts), *counts, "n_o3", *carry]
    keep.append(f"CASE WHEN n_o3 >= {opts.o3_1h_min_hours} THEN o3_max END AS o3_1h")
    windows = f"SELECT {', '.join(keep)}, {', '.join(o3_window_columns(opts))} FROM ({parts}) b"
    flags = ", ".join(
        [
            *[f"CASE WHEN {p} IS NULL THEN '{p}' END" for p in MEAN_POLLUTANTS],
            "CASE WHEN o3_1h IS NULL THEN 'o3_1h' END",
            "CASE WHEN o3_8h IS NULL THEN 'o3_8h' END",
        ]
    )
    inner = (
        f"SELECT station_code, date, {', '.join(MEAN_POLLUTANTS)}, o3_1h, "
        f"{', '.join(mda8_columns(d, opts, mda8_limit))}, "
        f"{', '.join([*counts, 'n_o3', *carry])} FROM ({windows}) w"
    )
    return f"SELECT *, NULLIF(concat_ws(',', {flags}), '') AS insufficient FROM ({inner}) i"
