"""AQI forecasts (空气质量预报) as values, and the readers of forecast files (CSV and JSON).

A :class:`Forecast` is what a forecasting centre issues for a city at one moment: for each of the
next up-to-7 days the daily AQI (a value or a range such as ``180-220``), the primary
pollutant(s) and optionally the HJ 633 category; optionally also the AQI of running 24-hour
windows hour by hour (spec warnings.md §1, §3). Its identity is (city, issue time): two forecasts
issued for the same city at the same moment are the same forecast.

Times are aware datetimes in Asia/Shanghai (Beijing time); a file's naive times are read as
Beijing time, times with an offset are converted. A daily value covers the calendar day
00:00–24:00; an hourly value is the AQI of the 24 hours ending at its time (the store's
convention: a time labels the end of what it describes).

File formats: ``docs/emergency_forecasts.md``. A bad file is refused whole with
``file:line: 中文 (English)`` (JSON: ``file:$.path: …``), never half-read.

The modules: :mod:`~lantian.emergency.forecast.values` (the values and their checks),
:mod:`~lantian.emergency.forecast.fields` (one field of a file), :mod:`~lantian.emergency.
forecast.reading` (the error and what both readers share), :mod:`~lantian.emergency.forecast.
csv_reader` and :mod:`~lantian.emergency.forecast.json_reader`.
"""

from __future__ import annotations

from pathlib import Path

from lantian.emergency.forecast.csv_reader import CSV_COLUMNS, read_forecasts_csv
from lantian.emergency.forecast.fields import (
    POLLUTANT_LABEL,
    POLLUTANTS,
    category_text,
    parse_aqi,
    parse_category,
    parse_day,
    parse_pollutants,
    parse_time,
)
from lantian.emergency.forecast.json_reader import parse_forecasts_json, read_forecasts_json
from lantian.emergency.forecast.reading import ForecastError, Locate
from lantian.emergency.forecast.values import (
    AQI_MAX,
    DAY,
    HOUR,
    MAX_DAYS,
    SHANGHAI,
    AQIValue,
    DailyForecast,
    Forecast,
    ForecastId,
    HourlyForecast,
    Problem,
    RangeReading,
)

__all__ = [
    "AQI_MAX",
    "CSV_COLUMNS",
    "DAY",
    "HOUR",
    "MAX_DAYS",
    "POLLUTANTS",
    "POLLUTANT_LABEL",
    "SHANGHAI",
    "AQIValue",
    "DailyForecast",
    "Forecast",
    "ForecastError",
    "ForecastId",
    "HourlyForecast",
    "Locate",
    "Problem",
    "RangeReading",
    "category_text",
    "parse_aqi",
    "parse_category",
    "parse_day",
    "parse_forecasts_json",
    "parse_pollutants",
    "parse_time",
    "read_forecasts",
    "read_forecasts_csv",
    "read_forecasts_json",
]


def read_forecasts(path: str | Path) -> tuple[Forecast, ...]:
    """Read a forecast file (``.csv`` or ``.json``), every forecast in it, in file order."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return read_forecasts_csv(p)
    if suffix == ".json":
        return read_forecasts_json(p)
    raise ForecastError(
        p, None, f"不支持的文件类型 {suffix!r}，应为 .csv 或 .json (unsupported file type)"
    )
