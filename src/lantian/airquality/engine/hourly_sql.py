"""SQL of the real-time (hourly) AQI per station-hour (HJ 633 5.1.3; aqi.md §5).

Each profile computes only what it uses (aqi.md §5, standards_2026.md §2.4):

* ``CNEMC_PUBLISHED`` and the HJ 633-2026 method: the six 1-hour values, no window at all;
* ``CNEMC_2014``: adds the O3 8-hour sliding mean;
* ``HJ633_2012``: adds the PM10 and PM2.5 24-hour sliding means.

Sliding means are window functions over an integer hour index with a RANGE frame, so a missing
hour shortens the window instead of shifting it; they need ``sliding_24h_min_hours`` /
``o3_8h_min_hours`` valid values. The SO2 24-hour sliding mean is needed only where SO2 1 h
exceeds 800 µg/m³ (HJ 633-2012 表1 note ⁽²⁾); without other windows it is computed for those rare
rows alone (a second, filtered scan that Parquet statistics usually skip), so ``so2_24h`` is
given only where SO2 1 h > 800 [µg/m³].

Each concentration is rounded to its reporting precision once per row (a ``_s_*`` column) and the
index CASE expressions work on those integers; outputs are compact (SMALLINT indices, TINYINT
level, enumerated labels) so that a whole country's year fits in memory, and
:func:`copy_to_parquet_sql` streams it to a file instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from lantian.airquality.engine.aqi_sql import (
    IndexBuilder,
    aqi_expr,
    by_date,
    hourly_indices,
    published_aqi_expr,
    summary_columns,
)
from lantian.airquality.engine.daily_sql import hour_bounds, sql_list
from lantian.airquality.engine.dialect import Dialect
from lantian.airquality.engine.iaqi_sql import iaqi_case, rounded_scaled
from lantian.airquality.engine.options import EvaluationOptions
from lantian.airquality.engine.versions import AqiVersion
from lantian.airquality.schema import POLLUTANTS, QC_SUFFIX

INDEX_COLUMNS = [
    "iaqi_so2",
    "iaqi_no2",
    "iaqi_co",
    "iaqi_o3_1h",
    "iaqi_o3_8h",
    "iaqi_pm10",
    "iaqi_pm25",
]
#: Sliding means of the output (NULL where the profile does not use them).
SLIDING_COLUMNS = ("so2_24h", "pm10_24h", "pm25_24h", "o3_8h")
#: SO2 1-hour value above which HJ 633-2012 note ⁽²⁾ replaces its index [µg/m³] (pre-filter on
#: the raw value; the exact rounded test is in the index expression).
SO2_SUBSTITUTE_ABOVE = 800
#: Realtime profile name of the single HJ 633-2026 method (same shape as ``CNEMC_PUBLISHED``).
PROFILE_2026 = "HJ633_2026"


class PrescaledBuilder(IndexBuilder):
    """An :class:`IndexBuilder` whose scaled concentrations are columns computed once per row.

    ``scaled(indicator, expr)`` returns the name of a ``_s_<expr>_<ndigits>`` column and records
    its SQL in ``columns``; the caller selects those columns one level below the indices.
    """

    def __init__(
        self,
        d: Dialect,
        v: AqiVersion,
        opts: EvaluationOptions,
        columns: dict[str, str],
        *,
        measured: bool = True,
    ) -> None:
        super().__init__(d, v, opts)
        self.columns = columns
        # Measured 1-h values carry at most six decimals: binary rounding is exact for them.
        # Computed means (daily values) keep the exact-decimal rounding of the base builder.
        self.fast = measured and opts.round_input

    def scaled(self, indicator: str, expr: str) -> tuple[str, int]:
        s, scale = super().scaled(indicator, expr)
        if self.fast:
            s = rounded_scaled(self.d, expr, scale, half_even=self.opts.rounding == "GB/T 8170")
        name = f"_s_{expr}_{scale}"
        self.columns.setdefault(name, s)
        return name, scale

    def iaqi(self, indicator: str, expr: str, above_top: str | None = None) -> str:
        s, scale = self.scaled(indicator, expr)
        table = self.v.tables[indicator]
        return iaqi_case(self.d, s, scale, table, above_top, nonnegative=self.fast)


def realtime_profile(v: AqiVersion, opts: EvaluationOptions) -> str:
    """The real-time profile used on the dates of version ``v``."""
    return opts.realtime_profile if v.realtime_profiles else PROFILE_2026


def active_versions(
    versions: tuple[AqiVersion, ...], start: date, end: date
) -> tuple[AqiVersion, ...]:
    """The versions in force on some day of ``start`` … ``end`` (oldest first; never empty)."""
    out = []
    for k, v in enumerate(versions):
        nxt = versions[k + 1].start if k + 1 < len(versions) else None
        begins_before_end = v.start is None or v.start <= end
        ends_after_start = nxt is None or nxt - timedelta(days=1) >= start
        if begins_before_end and ends_after_start:
            out.append(v)
    return tuple(out) or versions[-1:]


def _valid(p: str) -> str:
    """A valid value: not QC-flagged and not negative (else NULL)."""
    return f"CAST(CASE WHEN {p}{QC_SUFFIX} IS NULL AND {p} >= 0 THEN {p} END AS DOUBLE) AS {p}"


def _base(
    d: Dialect,
    start: date,
    end: date,
    stations: Sequence[str] | None,
    *,
    lookback_hours: int = 0,
    where: str = "",
    hix: bool = False,
) -> str:
    cols = [
        "station_code",
        "ts",
        f"{d.day_of_hour('ts')} AS date",
        *[_valid(p) for p in POLLUTANTS],
        "pub_aqi",
    ]
    if hix:
        cols.append(f"{d.hour_index('ts')} AS hix")
    cond = hour_bounds(d, start, end, lookback_hours)
    if stations is not None:
        cond += f" AND station_code IN ({sql_list(stations) or 'NULL'})"
    if where:
        cond += f" AND {where}"
    return f"SELECT {', '.join(cols)} FROM hourly WHERE {cond}"


def _sliding(d: Dialect, col: str, hours: int, min_n: int, name: str) -> str:
    over = (
        f"OVER (PARTITION BY station_code ORDER BY hix "
        f"RANGE BETWEEN {hours - 1} PRECEDING AND CURRENT ROW)"
    )
    return f"CASE WHEN COUNT({col}) {over} >= {min_n} THEN AVG({col}) {over} END AS {name}"


def _keep(sliding: dict[str, str]) -> str:
    slide = [sliding.get(c, f"CAST(NULL AS DOUBLE) AS {c}") for c in SLIDING_COLUMNS]
    return ", ".join(["station_code, ts, date", *POLLUTANTS, "pub_aqi", *slide])


def _windowed(
    d: Dialect,
    opts: EvaluationOptions,
    start: date,
    end: date,
    stations: Sequence[str] | None,
    pm24: bool,
    o3_8h: bool,
    so2_24h: bool,
) -> str:
    """Rows of the days with the sliding means the profiles need (one window pass)."""
    base = _base(d, start, end, stations, lookback_hours=23, hix=True)
    n24 = opts.sliding_24h_min_hours
    wanted = {  # name: (needed, column, hours, minimum values)
        "so2_24h": (so2_24h, "so2", 24, n24),
        "pm10_24h": (pm24, "pm10", 24, n24),
        "pm25_24h": (pm24, "pm25", 24, n24),
        "o3_8h": (o3_8h, "o3", 8, opts.o3_8h_min_hours),
    }
    exprs = {k: _sliding(d, c, h, n, k) for k, (on, c, h, n) in wanted.items() if on}
    win = f"SELECT *, {', '.join(exprs.values())} FROM ({base}) b"
    names = {k: k for k in exprs}
    return f"SELECT {_keep(names)} FROM ({win}) w WHERE {hour_bounds(d, start, end)}"


def _so2_high_sliding(
    d: Dialect,
    opts: EvaluationOptions,
    start: date,
    end: date,
    stations: Sequence[str] | None,
) -> str:
    """Rows with SO2 1 h > 800 and their SO2 24-hour sliding mean; the other rows without."""
    high = f"so2 > {SO2_SUBSTITUTE_ABOVE} AND so2{QC_SUFFIX} IS NULL"
    low = _base(d, start, end, stations, where=f"NOT COALESCE({high}, FALSE)")
    hi_rows = _base(d, start, end, stations, where=high)
    window = _base(d, start, end, stations, lookback_hours=23)
    means = (
        f"SELECT x.station_code, x.ts, CASE WHEN COUNT(w.so2) >= {opts.sliding_24h_min_hours} "
        f"THEN AVG(w.so2) END AS so2_24h FROM ({hi_rows}) x JOIN ({window}) w "
        f"ON w.station_code = x.station_code AND w.ts <= x.ts "
        f"AND w.ts > x.ts - INTERVAL 24 HOUR GROUP BY x.station_code, x.ts"
    )
    high_part = (
        f"SELECT {_keep({'so2_24h': 'm.so2_24h AS so2_24h'})} FROM ({hi_rows}) h "
        f"LEFT JOIN ({means}) m USING (station_code, ts)"
    )
    return f"SELECT {_keep({})} FROM ({low}) l UNION ALL {high_part}"


def _label(d: Dialect, expr: str, labels: Sequence[str]) -> str:
    """A label column as an enumeration where the engine has one (1 byte per row in DuckDB)."""
    if not d.has_enum:
        return expr
    return f"CAST({expr} AS ENUM({sql_list(list(dict.fromkeys(labels)))}))"


def _hourly_inputs(v: AqiVersion) -> list[str]:
    """Concentration columns of the real-time report of a version with the missing-data rule
    (HJ 633-2026: the six 1-hour values)."""
    return list(POLLUTANTS)


def hourly_aqi_sql(
    d: Dialect,
    versions: tuple[AqiVersion, ...],
    opts: EvaluationOptions,
    start: date,
    end: date,
    stations: Sequence[str] | None,
    *,
    ordered: bool = True,
) -> str:
    """Per station-hour: 1-h values, sliding means used, IAQIs, AQI, level, labels, profile.

    ``ordered=False`` leaves out the final ``ORDER BY station_code, ts`` (for aggregates and
    file exports, where the order does not matter).
    """
    vs = active_versions(versions, start, end)
    profiles = {realtime_profile(v, opts) for v in vs}
    pm24 = "HJ633_2012" in profiles
    o3_8h = bool(profiles & {"HJ633_2012", "CNEMC_2014"})
    so2_24h = any(isinstance(v.so2_1h_above, str) for v in vs)
    if pm24 or o3_8h:
        rows = _windowed(d, opts, start, end, stations, pm24, o3_8h, so2_24h)
    elif so2_24h:
        rows = _so2_high_sliding(d, opts, start, end, stations)
    else:
        rows = f"SELECT {_keep({})} FROM ({_base(d, start, end, stations)}) b"

    scaled: dict[str, str] = {}
    cols = {p: p for p in (*POLLUTANTS, *SLIDING_COLUMNS)}
    built = [(v, hourly_indices(PrescaledBuilder(d, v, opts, scaled), cols)) for v in vs]
    idx = {k: by_date(d, "date", [(v, e[k]) for v, e in built]) for k in built[0][1]}
    names = [v.name for v in vs]
    version = by_date(d, "date", [(v, f"'{v.name}'") for v in vs])
    ind = [f"CAST({idx[k]} AS SMALLINT) AS {k}" for k in INDEX_COLUMNS]
    ind += [f"{idx['beyond_table']} AS beyond_table", f"{_label(d, version, names)} AS aqi_version"]
    pre = f"SELECT *, {', '.join(f'{e} AS {k}' for k, e in scaled.items())} FROM ({rows}) r"
    inner = f"SELECT {_keep({c: c for c in SLIDING_COLUMNS})}, {', '.join(ind)} FROM ({pre}) p"
    published = published_aqi_expr(d, vs, opts, "date", INDEX_COLUMNS, _hourly_inputs)
    computed = f"CAST({aqi_expr(d, INDEX_COLUMNS)} AS SMALLINT)"
    with_aqi = (
        f"SELECT *, {computed} AS computed_aqi, CAST({published} AS SMALLINT) AS aqi "
        f"FROM ({inner}) i"
    )

    summ = summary_columns(d, vs, "date", INDEX_COLUMNS)
    summ["level"] = f"CAST({summ['level']} AS TINYINT)"
    for field, attr in (("category", "category_zh"), ("category_en", "category_en")):
        labels = [str(getattr(lv, attr)) for v in vs for lv in v.levels]
        summ[field] = _label(d, summ[field], labels)
    profile_names = [realtime_profile(v, opts) for v in vs]
    profile = by_date(d, "date", [(v, f"'{realtime_profile(v, opts)}'") for v in vs])
    summ["profile"] = _label(d, profile, profile_names)
    s = ", ".join(f"{e} AS {k}" for k, e in summ.items())
    order = " ORDER BY station_code, ts" if ordered else ""
    return f"SELECT *, {s} FROM ({with_aqi}) a{order}"


def copy_to_parquet_sql(query: str, path: str) -> str:
    """``COPY`` of a query's rows to one Parquet file (DuckDB): streams, never materialises."""
    quoted = path.replace("'", "''")
    return f"COPY ({query}) TO '{quoted}' (FORMAT parquet, COMPRESSION zstd)"
