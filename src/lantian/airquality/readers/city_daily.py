"""City daily tables republished by third parties: aqistudy.cn and tianqihoubao.com.

Both are de-duplicated on (city, date): identical repeated rows collapse silently-with-a-warning;
conflicting repeats keep the first row and warn with both line numbers. A concentration of 0
means "missing at the source" (PROVENANCE.md of both sets) and is stored as NULL, with a warning
giving the count.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pyarrow as pa

from lantian.airquality.errors import IngestError, IngestWarning, Notes, warn_all
from lantian.airquality.readers.textfile import read_table_text
from lantian.airquality.schema import CITY_DAILY_SCHEMA

#: aqistudy ``city_daily.csv`` column → canonical column. ``O3_8h`` is the MDA8.
AQISTUDY_MAP: dict[str, str] = {
    "city": "city",
    "date": "date",
    "AQI": "pub_aqi",
    "quality_level": "pub_category",
    "PM2.5": "pm25",
    "PM10": "pm10",
    "SO2": "so2",
    "CO": "co",
    "NO2": "no2",
    "O3_8h": "o3_8h",
}

#: tianqihoubao ``capitals_daily.csv`` column → canonical column (``O3`` believed MDA8).
TIANQIHOUBAO_MAP: dict[str, str] = {
    "city": "city",
    "date": "date",
    "AQI": "pub_aqi",
    "quality_level": "pub_category",
    "PM2.5": "pm25",
    "PM10": "pm10",
    "SO2": "so2",
    "NO2": "no2",
    "CO": "co",
    "O3": "o3_8h",
}

CONCENTRATIONS: tuple[str, ...] = ("so2", "no2", "co", "o3_1h", "o3_8h", "pm10", "pm25")


def read_aqistudy(path: str | Path) -> pa.Table:
    """Read aqistudy ``city_daily.csv(.gz)`` into ``CITY_DAILY_SCHEMA``; warns."""
    notes: Notes = []
    table = read_aqistudy_noted(path, notes)
    warn_all(notes)
    return table


def read_tianqihoubao(path: str | Path) -> pa.Table:
    """Read tianqihoubao ``capitals_daily.csv(.gz)`` into ``CITY_DAILY_SCHEMA``; warns."""
    notes: Notes = []
    table = read_tianqihoubao_noted(path, notes)
    warn_all(notes)
    return table


def read_aqistudy_noted(path: str | Path, notes: Notes) -> pa.Table:
    """:func:`read_aqistudy` that appends its warnings to ``notes`` instead of issuing them."""
    return _read(path, AQISTUDY_MAP, notes)


def read_tianqihoubao_noted(path: str | Path, notes: Notes) -> pa.Table:
    """:func:`read_tianqihoubao` that appends its warnings to ``notes``."""
    return _read(path, TIANQIHOUBAO_MAP, notes)


def _read(path: str | Path, mapping: dict[str, str], notes: Notes) -> pa.Table:
    path = Path(path)
    df = read_table_text(path)
    missing = [c for c in mapping if c not in df.columns]
    if missing:
        raise IngestError(path, 1, f"缺少列 {missing} (missing columns)")
    df = df.select("_line", *[pl.col(k).alias(v) for k, v in mapping.items()])
    numeric = [c for c in ("pub_aqi", *CONCENTRATIONS) if c in df.columns]
    df = df.with_columns(
        pl.col("date").str.strptime(pl.Date, "%Y-%m-%d", strict=False),
        *[pl.col(c).str.strip_chars().cast(pl.Float64, strict=False) for c in numeric],
        pl.format("{}:{}", pl.lit(path.name), pl.col("_line")).alias("source"),
    )
    bad = df.filter(pl.col("date").is_null() | pl.col("city").is_null())
    if bad.height:
        raise IngestError(
            path, int(bad["_line"][0]), "日期或城市无法解析 (unparseable date or city)"
        )
    df = _dedupe(path, df, notes)
    conc = [c for c in CONCENTRATIONS if c in df.columns]
    zeros = int(
        df.select(pl.sum_horizontal([(pl.col(c) == 0).cast(pl.Int64) for c in conc]).sum()).item()
    )
    if zeros:
        notes.append(
            IngestWarning(
                path,
                None,
                f"{zeros} 个浓度为 0，视为缺测 (zero concentrations treated as missing: {zeros})",
            )
        )
        df = df.with_columns(
            [pl.when(pl.col(c) == 0).then(None).otherwise(pl.col(c)).alias(c) for c in conc]
        )
    for c in CITY_DAILY_SCHEMA.names:
        if c not in df.columns:
            df = df.with_columns(pl.lit(None).alias(c))
    out = df.select(CITY_DAILY_SCHEMA.names).sort("city", "date")
    return out.to_arrow().cast(CITY_DAILY_SCHEMA)


def _dedupe(path: Path, df: pl.DataFrame, notes: Notes) -> pl.DataFrame:
    values = [c for c in df.columns if c not in ("_line", "source")]
    key = ["city", "date"]
    before = df.height
    df = df.unique(subset=values, keep="first", maintain_order=True)
    if df.height < before:
        n = before - df.height
        notes.append(
            IngestWarning(
                path,
                None,
                f"{n} 行与前一行完全相同，已合并 (identical duplicate rows collapsed: {n})",
            )
        )
    conflicts = df.filter(pl.struct(key).is_duplicated())
    if conflicts.height:
        first = conflicts.group_by(key, maintain_order=True).agg(pl.col("_line"))
        for row in first.head(20).iter_rows(named=True):
            lines = ",".join(str(x) for x in row["_line"])
            notes.append(
                IngestWarning(
                    path,
                    row["_line"][1],
                    f"{row['city']} {row['date']} 重复且数值不同（行 {lines}），保留第一行 "
                    f"(conflicting duplicate rows {lines}; the first is kept)",
                )
            )
        if first.height > 20:
            notes.append(
                IngestWarning(
                    path,
                    None,
                    f"另有 {first.height - 20} 组冲突重复 (and {first.height - 20} more conflicts)",
                )
            )
        df = df.unique(subset=key, keep="first", maintain_order=True)
    return df
