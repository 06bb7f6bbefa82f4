"""Shared last step of the hourly readers: checks, year and the store's Arrow schema."""

from __future__ import annotations

import polars as pl
import pyarrow as pa

from lantian.airquality.schema import HOURLY_SCHEMA
from lantian.airquality.validation import flag_values


def to_hourly(df: pl.DataFrame) -> pa.Table:
    """Finish a reader's frame (``station_code``, ``ts``, ``source`` and the value columns).

    ``ts`` is the hour-ending Beijing-time label; ``year`` is the year of ``date(ts - 1 h)``,
    the calendar day the hour belongs to (schema.py).
    """
    out = flag_values(df).with_columns(
        pl.col("ts").cast(pl.Datetime("us")),
    )
    out = out.with_columns(
        (pl.col("ts") - pl.duration(hours=1)).dt.year().cast(pl.Int32).alias("year")
    )
    out = out.select(HOURLY_SCHEMA.names).sort("station_code", "ts")
    return out.to_arrow().cast(HOURLY_SCHEMA)
