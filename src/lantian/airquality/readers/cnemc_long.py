"""CNEMC long extracts ``sites_2019_*.csv.gz``: one row per station-hour.

Header ``date,hour,station_code,station_name,city,<types...>``; ``date`` is ``YYYY-MM-DD`` and
``hour`` 0–23 is the hour-ending label in Beijing time, as in the daily wide files.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pyarrow as pa

from lantian.airquality.errors import IngestError
from lantian.airquality.readers.cnemc_wide import TYPE_MAP
from lantian.airquality.readers.hourly import to_hourly
from lantian.airquality.readers.textfile import read_table_text

#: Source column → canonical column: the long extracts use the wide files' ``type`` values as
#: column names, so the one mapping of :mod:`cnemc_wide` serves both.
COLUMN_MAP: dict[str, str] = TYPE_MAP

REQUIRED: tuple[str, ...] = ("date", "hour", "station_code")


def read_cnemc_long(path: str | Path) -> pa.Table:
    """Read a long CNEMC extract into ``HOURLY_SCHEMA``; ``source`` is ``file:line``."""
    path = Path(path)
    df = read_table_text(path)
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise IngestError(path, 1, f"缺少列 {missing} (missing columns)")
    df = df.rename({k: v for k, v in COLUMN_MAP.items() if k in df.columns}).with_columns(
        (
            pl.col("date").str.strptime(pl.Datetime("us"), "%Y-%m-%d", strict=False)
            + pl.duration(hours=pl.col("hour").cast(pl.Int64, strict=False))
        ).alias("ts"),
        pl.format("{}:{}", pl.lit(path.name), pl.col("_line")).alias("source"),
    )
    bad = df.filter(pl.col("ts").is_null() | pl.col("station_code").is_null())
    if bad.height:
        raise IngestError(
            path,
            int(bad["_line"][0]),
            "日期、小时或站点编码无法解析 (unparseable date, hour or station code)",
        )
    dup = df.filter(pl.struct("station_code", "ts").is_duplicated())
    if dup.height:
        raise IngestError(path, int(dup["_line"][1]), "站点小时重复 (station-hour appears twice)")
    return to_hourly(df)
