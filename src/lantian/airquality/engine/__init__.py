"""The statistics engine: hourly and daily AQI, station and city daily values, period statistics,
year-on-year change and rankings, each computed by one SQL statement over whole columns.

The engine reads only the relations ``hourly`` (HOURLY_SCHEMA), ``stations`` (STATION_SCHEMA)
and, optionally, ``city_daily_published`` (CITY_DAILY_SCHEMA) and ``city_daily_flags`` (city,
date, dust) from the connection it is given. See docs/statistics.md.
"""

from __future__ import annotations

from lantian.airquality.engine.core import Engine
from lantian.airquality.engine.options import EvaluationOptions

__all__ = ["Engine", "EvaluationOptions"]
