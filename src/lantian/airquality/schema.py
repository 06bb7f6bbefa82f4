"""Canonical names and Arrow schemas of the measurement store.

Every reader maps its source's columns onto these names (docs/nomenclature.md), and the
statistics engine reads only these names. Time convention: ``ts`` is Beijing time (UTC+8, stored
without zone) and labels the **end** of the hour, so the value at ``ts`` is the mean over
``(ts - 1 h, ts]`` (CNEMC convention). The calendar day an hourly value belongs to is therefore
``date(ts - 1 h)``: the value stamped 00:00 of day D+1 is the 24th hour of day D.
"""

from __future__ import annotations

import pyarrow as pa

#: The six pollutants of HJ 633, in the order reports list them. Units: µg/m³, CO mg/m³.
POLLUTANTS: tuple[str, ...] = ("so2", "no2", "co", "o3", "pm10", "pm25")

#: Values published alongside the concentrations (kept as published, never recomputed).
PUBLISHED: tuple[str, ...] = (
    "pub_aqi",
    "pub_pm25_24h",
    "pub_pm10_24h",
    "pub_so2_24h",
    "pub_no2_24h",
    "pub_co_24h",
    "pub_o3_8h",
    "pub_o3_24h",
    "pub_o3_8h_24h",
)

#: Per-pollutant quality flag column: NULL when the value passed every check, otherwise the
#: reason it is suspect (e.g. ``negative``, ``sentinel``, ``co_unit``). Flagged values are kept
#: but are not valid data for statistics.
QC_SUFFIX = "_qc"

STATION_TYPES: tuple[str, ...] = ("national", "provincial", "micro", "background")

HOURLY_SCHEMA = pa.schema(
    [
        pa.field("station_code", pa.string(), nullable=False),
        pa.field("ts", pa.timestamp("s"), nullable=False),
        pa.field("year", pa.int32(), nullable=False),  # year of date(ts - 1 h); partition key
        *[pa.field(p, pa.float64()) for p in POLLUTANTS],
        *[pa.field(p + QC_SUFFIX, pa.string()) for p in POLLUTANTS],
        *[pa.field(p, pa.float64()) for p in PUBLISHED],
        pa.field("source", pa.string()),  # "file:line" the values came from
    ]
)

STATION_SCHEMA = pa.schema(
    [
        pa.field("station_code", pa.string(), nullable=False),
        pa.field("name", pa.string()),
        pa.field("city", pa.string()),
        pa.field("district", pa.string()),
        pa.field("lon", pa.float64()),
        pa.field("lat", pa.float64()),
        pa.field("station_type", pa.string()),  # one of STATION_TYPES
    ]
)

#: City daily values as published by third parties (aqistudy, tianqihoubao) or computed by the
#: engine. ``o3_8h`` is the daily maximum 8-hour mean (MDA8); ``o3_1h`` the daily max 1-hour.
CITY_DAILY_SCHEMA = pa.schema(
    [
        pa.field("city", pa.string(), nullable=False),
        pa.field("date", pa.date32(), nullable=False),
        pa.field("so2", pa.float64()),
        pa.field("no2", pa.float64()),
        pa.field("co", pa.float64()),
        pa.field("o3_1h", pa.float64()),
        pa.field("o3_8h", pa.float64()),
        pa.field("pm10", pa.float64()),
        pa.field("pm25", pa.float64()),
        pa.field("pub_aqi", pa.float64()),
        pa.field("pub_category", pa.string()),
        pa.field("source", pa.string()),
    ]
)
