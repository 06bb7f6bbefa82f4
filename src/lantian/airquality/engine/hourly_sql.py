"""SQL of the real-time (hourly) AQI per station-hour (HJ 633 5.1.3; aqi.md §5).

Sliding means (24-hour for PM and SO2, 8-hour for O3) are window functions over an integer hour
index with a RANGE frame, so a missing hour shortens the window instead of shifting it; they need
``sliding_24h_min_hours`` / ``o3_8h_min_hours`` valid values.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from lantian.airquality.engine.aqi_sql import (
    aqi_expr,
    by_date,
    hourly_indices,
    summary_columns,
    versioned_indices,
)
from lantian.airquality.engine.daily_sql import hour_bounds, valid_hourly
from lantian.airquality.engine.dialect import Dialect
from lantian.airquality.engine.options import EvaluationOptions
from lantian.airquality.engine.versions import AqiVersion

INDEX_COLUMNS = [
    "iaqi_so2",
    "iaqi_no2",
    "iaqi_co",
    "iaqi_o3_1h",
    "iaqi_o3_8h",
    "iaqi_pm10",
    "iaqi_pm25",
]


def _sliding(d: Dialect, col: str, hours: int, min_n: int, name: str) -> str:
    over = (
        f"OVER (PARTITION BY station_code ORDER BY hix "
        f"RANGE BETWEEN {hours - 1} PRECEDING AND CURRENT ROW)"
    )
    return f"CASE WHEN COUNT({col}) {over} >= {min_n} THEN AVG({col}) {over} END AS {name}"


def hourly_aqi_sql(
    d: Dialect,
    versions: tuple[AqiVersion, ...],
    opts: EvaluationOptions,
    start: date,
    end: date,
    stations: Sequence[str] | None,
) -> str:
    h = valid_hourly(
        d,
        start,
        end,
        stations,
        lookback_hours=23,
        extra=[f"{d.hour_index('ts')} AS hix", "pub_aqi"],
    )
    n24 = opts.sliding_24h_min_hours
    sliding = [
        _sliding(d, "so2", 24, n24, "so2_24h"),
        _sliding(d, "pm10", 24, n24, "pm10_24h"),
        _sliding(d, "pm25", 24, n24, "pm25_24h"),
        _sliding(d, "o3", 8, opts.o3_8h_min_hours, "o3_8h"),
    ]
    w = f"SELECT *, {', '.join(sliding)} FROM ({h}) h"
    cols = {p: p for p in ("so2", "no2", "co", "o3", "pm10", "pm25")}
    cols.update({p: p for p in ("so2_24h", "pm10_24h", "pm25_24h", "o3_8h")})
    idx = versioned_indices(d, versions, opts, "date", lambda b: hourly_indices(b, cols))
    keep = (
        "station_code, ts, date, so2, no2, co, o3, pm10, pm25, so2_24h, pm10_24h, pm25_24h, o3_8h"
    )
    ind = ", ".join(f"{e} AS {k}" for k, e in idx.items())
    inner = f"SELECT {keep}, pub_aqi, {ind} FROM ({w}) w WHERE {hour_bounds(d, start, end)}"
    with_aqi = f"SELECT *, {aqi_expr(d, INDEX_COLUMNS)} AS aqi FROM ({inner}) i"
    summ = summary_columns(d, versions, "date", INDEX_COLUMNS)
    s = ", ".join(f"{e} AS {k}" for k, e in summ.items())
    profile = by_date(
        d,
        "date",
        [
            (v, f"'{opts.realtime_profile if v.realtime_profiles else 'HJ633_2026'}'")
            for v in versions
        ],
    )
    return f"SELECT *, {s}, {profile} AS profile FROM ({with_aqi}) a ORDER BY station_code, ts"
