"""SQL of area (city, district or station) daily concentrations from the area's evaluation
stations (evaluation.md §4).

Area value of a pollutant for a day = arithmetic mean of the valid station daily values, valid
with ≥ ``min_city_stations`` stations. Background/control stations (对照点) are left out unless
``include_background``. The area is keyed by the ``stations`` column of
``EvaluationOptions.area_level`` (``options.AREA_KEYS``: city, district or station_code); the same
rules make every level's values. O3 by ``city_o3_method``:

- ``city_hourly_first`` (default): area hourly O3 = mean of the valid station hourly values; the
  area's daily maximum 1-hour value and MDA8 come from that series with the station rules.
- ``station_mda8_first``: mean of the station MDA8s and of the station daily 1-hour maxima.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from lantian.airquality.engine.daily_sql import (
    MEAN_POLLUTANTS,
    O3_HOURS,
    mda8_columns,
    o3_window_columns,
    sql_list,
    station_daily_concentrations,
)
from lantian.airquality.engine.dialect import Dialect
from lantian.airquality.engine.options import AREA_KEYS, EvaluationOptions


def evaluation_stations(opts: EvaluationOptions, areas: Sequence[str] | None) -> str:
    """SELECT station_code, city, area of the stations whose values make area values: area =
    the column of ``opts.area_level``; stations without it (no city, no district) are left out;
    ``areas`` filters on it."""
    key = AREA_KEYS[opts.area_level]
    types = list(opts.city_station_types)
    if opts.include_background:
        types.append("background")
    where = f"COALESCE(station_type, 'national') IN ({sql_list(types)}) AND {key} IS NOT NULL"
    if areas is not None:
        where += f" AND {key} IN ({sql_list(areas) or 'NULL'})"
    return f"SELECT station_code, city, {key} AS area FROM stations WHERE {where}"


def _min_stations(opts: EvaluationOptions, col: str, agg: str) -> str:
    """``agg`` when ≥ ``min_city_stations`` valid station values (with 1, or at station level:
    the aggregate alone, which is already NULL without any value)."""
    if opts.min_city_stations <= 1 or opts.area_level == "station":
        return agg
    return f"CASE WHEN COUNT({col}) >= {opts.min_city_stations} THEN {agg} END"


def city_daily_concentrations(
    d: Dialect,
    opts: EvaluationOptions,
    parts: str,
    areas: Sequence[str] | None,
    mda8_limit: int,
) -> str:
    """SELECT area, city, date, so2, no2, co, pm10, pm25, o3_1h, o3_8h, n_stations from a
    relation of station-daily parts (``daily_sql.daily_parts``): one join with the evaluation
    stations and one GROUP BY area, date. ``city`` is the area's city (at district level the
    first in sort order, should a district name occur in two cities)."""
    st = evaluation_stations(opts, areas)
    means = [f"{_min_stations(opts, f'sd.{p}', f'AVG(sd.{p})')} AS {p}" for p in MEAN_POLLUTANTS]
    any_valid = " OR ".join(f"sd.{p} IS NOT NULL" for p in (*MEAN_POLLUTANTS, "o3_8h"))
    n_st = f"COUNT(CASE WHEN {any_valid} THEN 1 END) AS n_stations"
    keys = "st.area, MIN(st.city) AS city, sd.date"
    if opts.city_o3_method == "station_mda8_first":
        sd = station_daily_concentrations(d, opts, parts, mda8_limit)
        o3 = [
            f"{_min_stations(opts, 'sd.o3_1h', 'AVG(sd.o3_1h)')} AS o3_1h",
            f"{_min_stations(opts, 'sd.o3_8h', 'AVG(sd.o3_8h)')} AS o3_8h",
        ]
        return (
            f"SELECT {keys}, {', '.join(means)}, {', '.join(o3)}, {n_st} "
            f"FROM ({sd}) sd JOIN ({st}) st ON sd.station_code = st.station_code "
            f"GROUP BY st.area, sd.date"
        )
    hourly = [f"{_min_stations(opts, f'sd.{h}', f'AVG(sd.{h})')} AS {h}" for h in O3_HOURS]
    sd = station_daily_concentrations(d, opts, parts, mda8_limit, carry=O3_HOURS)
    day = (
        f"SELECT {keys}, {', '.join(means)}, {n_st}, {', '.join(hourly)} "
        f"FROM ({sd}) sd JOIN ({st}) st ON sd.station_code = st.station_code "
        f"GROUP BY st.area, sd.date"
    )
    return city_o3_hourly_first(d, opts, day, mda8_limit)


def city_o3_hourly_first(d: Dialect, opts: EvaluationOptions, day: str, mda8_limit: int) -> str:
    """Area O3 daily max 1 h and MDA8 from the area hourly mean series o3_h1 … o3_h24 of ``day``
    (area hourly O3 = mean of the valid station values of that hour), with the station rules."""
    hours = list(O3_HOURS)
    n = " + ".join(f"CASE WHEN {h} IS NULL THEN 0 ELSE 1 END" for h in hours)
    keep = ", ".join([*MEAN_POLLUTANTS, "n_stations"])
    win = (
        f"SELECT area, city, date, {keep}, "
        f"CASE WHEN ({n}) >= {opts.o3_1h_min_hours} THEN {d.greatest(hours)} END AS o3_1h, "
        f"{', '.join(o3_window_columns(opts))} FROM ({day}) dd"
    )
    return (
        f"SELECT area, city, date, {', '.join(MEAN_POLLUTANTS)}, o3_1h, "
        f"{mda8_columns(d, opts, mda8_limit)[0]}, n_stations FROM ({win}) w"
    )


def published_city_daily(cities: Sequence[str] | None, start: date, end: date, d: Dialect) -> str:
    """SELECT of ``city_daily_published`` in the shape of the computed city daily values; one row
    per city-day (the first source in sort order where several publishers overlap)."""
    where = f"date >= {d.date(start)} AND date <= {d.date(end)}"
    if cities is not None:
        where += f" AND city IN ({sql_list(cities) or 'NULL'})"
    ranked = (
        "SELECT *, ROW_NUMBER() OVER (PARTITION BY city, date ORDER BY source) AS rn "
        f"FROM city_daily_published WHERE {where}"
    )
    return (
        "SELECT city AS area, city, date, so2, no2, co, pm10, pm25, o3_1h, o3_8h, "
        "CAST(NULL AS BIGINT) AS n_stations, pub_aqi, pub_category "
        f"FROM ({ranked}) p WHERE rn = 1"
    )
