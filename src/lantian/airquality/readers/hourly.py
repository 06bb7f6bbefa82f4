"""Shared last step of the hourly readers: checks, year and the store's Arrow schema."""

from __future__ import annotations

import polars as pl
import pyarrow as pa

from lantian.airquality.schema import HOURLY_SCHEMA
from lantian.airquality.validation import flag_values


def to_hourly(df: pl.DataFrame) -> pa.Table:
    """Finish a reader's frame (``station_code``, ``ts``, ``source`` and the value columns as
    text): every value checked by :func:`~lantian.airquality.validation.flag_values`."""
    return finish_hourly(flag_values(df))


def finish_hourly(df: pl.DataFrame) -> pa.Table:
    """A checked frame (numbers and ``_qc`` columns) → ``HOURLY_SCHEMA``, sorted by station, ts.

    ``ts`` is the hour-ending Beijing-time label; ``year`` is the year of ``date(ts - 1 h)``,
    the calendar day the hour belongs to (schema.py).
    """
    ts = pl.col("ts").cast(pl.Datetime("us"))
    out = df.with_columns(
        ts,
        (ts - pl.duration(hours=1)).dt.year().cast(pl.Int32).alias("year"),
    )
    out = out.select(HOURLY_SCHEMA.names).sort("station_code", "ts")
    return out.to_arrow().cast(HOURLY_SCHEMA)
