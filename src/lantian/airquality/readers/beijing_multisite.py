"""Beijing Multi-Site Air-Quality Data (UCI, "PRSA") files, one station per file.

CO is published in µg/m³ and converted here to mg/m³ (÷1000); ``NA`` is missing. The
publisher does not say whether ``hour`` labels the beginning or the end of the hour:
``hour_convention`` makes the choice explicit. Default ``"ending"`` (as the CNEMC release,
which the Beijing stations feed; UNCONFIRMED for this data set).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import polars as pl
import pyarrow as pa

from lantian.airquality.errors import IngestError
from lantian.airquality.readers.hourly import to_hourly
from lantian.airquality.readers.textfile import read_table_text

#: Source column → canonical column.
COLUMN_MAP: dict[str, str] = {
    "PM2.5": "pm25",
    "PM10": "pm10",
    "SO2": "so2",
    "NO2": "no2",
    "CO": "co",
    "O3": "o3",
}

#: PRSA ``station`` name → national-network code (StationList-2020.01.01.csv).
STATION_CODES: dict[str, str] = {
    "Wanshouxigong": "1001A",
    "Dingling": "1002A",
    "Dongsi": "1003A",
    "Tiantan": "1004A",
    "Nongzhanguan": "1005A",
    "Guanyuan": "1006A",
    "Wanliu": "1007A",
    "Shunyi": "1008A",
    "Huairou": "1009A",
    "Changping": "1010A",
    "Aotizhongxin": "1011A",
    "Gucheng": "1012A",
}

#: CO in the source [µg/m³] → canonical [mg/m³].
CO_FACTOR: float = 1e-3

HourConvention = Literal["ending", "beginning"]
_OFFSET_HOURS: dict[str, int] = {"ending": 0, "beginning": 1}


def read_beijing_multisite(
    path: str | Path, *, hour_convention: HourConvention = "ending"
) -> pa.Table:
    """Read one ``PRSA_Data_<Station>_*.csv(.gz)`` file into ``HOURLY_SCHEMA``.

    ``hour_convention="ending"`` takes ``hour`` h as the label of the hour ending at h:00;
    ``"beginning"`` as the hour starting at h:00 (stored then as ending at h+1:00).
    """
    path = Path(path)
    if hour_convention not in _OFFSET_HOURS:
        raise ValueError(
            f"unknown hour_convention {hour_convention!r}; known: {sorted(_OFFSET_HOURS)}"
        )
    df = read_table_text(path, null_values=["NA"])
    unknown = df.filter(~pl.col("station").is_in(list(STATION_CODES)))
    if unknown.height:
        raise IngestError(
            path,
            int(unknown["_line"][0]),
            f"未知站点 {unknown['station'][0]!r} (unknown station)",
        )
    offset = _OFFSET_HOURS[hour_convention]
    df = df.rename(COLUMN_MAP).with_columns(
        (
            pl.datetime(
                pl.col("year").cast(pl.Int32),
                pl.col("month").cast(pl.Int8),
                pl.col("day").cast(pl.Int8),
            ).dt.cast_time_unit("us")
            + pl.duration(hours=pl.col("hour").cast(pl.Int64) + offset)
        ).alias("ts"),
        pl.col("station").replace_strict(STATION_CODES).alias("station_code"),
        (pl.col("co").cast(pl.Float64, strict=False) * CO_FACTOR).alias("co_mg"),
        pl.format("{}:{}", pl.lit(path.name), pl.col("_line")).alias("source"),
    )
    return _finish(df)


def _finish(df: pl.DataFrame) -> pa.Table:
    # Non-numeric CO text would become NULL above; keep the text so validation flags it.
    co = (
        pl.when(pl.col("co_mg").is_null())
        .then(pl.col("co"))
        .otherwise(pl.col("co_mg").cast(pl.String))
    )
    return to_hourly(df.with_columns(co.alias("co")).drop("co_mg"))
