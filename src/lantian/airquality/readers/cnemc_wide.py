"""CNEMC daily wide files ``china_sites_YYYYMMDD.csv``: one row per (hour, type), one column per
station. Pivoted to one row per station-hour.

Time: ``date`` + ``hour`` is the hour-ending label in Beijing time (hour 0 of day D is the mean
over 23:00–24:00 of D−1), so ``ts = date + hour h`` (schema.py).

O3 columns: in the 2019 files ``O3`` is the current 1-hour value, ``O3_24h`` its running
24-hour maximum, ``O3_8h`` the current 8-hour mean and ``O3_8h_24h`` its running maximum (checked
on 2019-06-01: ``O3 <= O3_24h`` always and ``O3_24h`` steps up exactly to ``O3`` when a new
maximum is reached). The swap described in spec/aqi.md §5 concerns later feeds, not these files.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

import polars as pl
import pyarrow as pa

from lantian.airquality.errors import IngestError, IngestWarning
from lantian.airquality.readers.hourly import to_hourly
from lantian.airquality.readers.textfile import read_text
from lantian.airquality.validation import check_duplicate_columns, check_field_counts

#: Source ``type`` value → canonical column (docs/nomenclature.md).
TYPE_MAP: dict[str, str] = {
    "AQI": "pub_aqi",
    "PM2.5": "pm25",
    "PM2.5_24h": "pub_pm25_24h",
    "PM10": "pm10",
    "PM10_24h": "pub_pm10_24h",
    "SO2": "so2",
    "SO2_24h": "pub_so2_24h",
    "NO2": "no2",
    "NO2_24h": "pub_no2_24h",
    "O3": "o3",
    "O3_24h": "pub_o3_24h",
    "O3_8h": "pub_o3_8h",
    "O3_8h_24h": "pub_o3_8h_24h",
    "CO": "co",
    "CO_24h": "pub_co_24h",
}

INDEX_COLUMNS: tuple[str, ...] = ("date", "hour", "type")

_NAME_DATE = re.compile(r"(\d{8})")


def parse_cnemc_wide(path: str | Path) -> pl.DataFrame:
    """Checked long frame (station_code, ts, source, raw value columns as text); warns."""
    path = Path(path)
    lines = read_text(path).splitlines()
    if not lines:
        raise IngestError(path, 1, "空文件 (empty file)")
    header = lines[0].split(",")
    if tuple(header[:3]) != INDEX_COLUMNS:
        raise IngestError(path, 1, "表头不是 date,hour,type,… (header is not date,hour,type,…)")
    check_field_counts(path, lines, len(header))
    names = [f"c{j}" for j in range(len(header))]
    raw = pl.read_csv(
        io.StringIO("\n".join(lines[1:])),
        has_header=False,
        new_columns=names,
        infer_schema=False,
    ).with_row_index("_line", offset=2)
    drop, collapsed = check_duplicate_columns(path, header, raw)
    for code, j in collapsed:
        warnings.warn(
            IngestWarning(
                path,
                1,
                f"站点 {code} 出现两次（第 {j + 1} 列），数值相同，已合并 "
                f"(station {code} appears twice, column {j + 1}; identical values collapsed)",
            ),
            stacklevel=2,
        )
    raw = raw.rename({"c0": "date", "c1": "hour", "c2": "type"})
    unknown = raw.filter(~pl.col("type").is_in(list(TYPE_MAP)))
    if unknown.height:
        raise IngestError(
            path,
            int(unknown["_line"][0]),
            f"未知的监测项目 {unknown['type'][0]!r} (unknown type)",
        )
    dup = raw.filter(pl.struct("date", "hour", "type").is_duplicated())
    if dup.height:
        raise IngestError(
            path,
            int(dup["_line"][1]),
            "同一小时同一项目重复出现 (the same hour and type appear twice)",
        )
    raw = raw.with_columns(
        (
            pl.col("date").str.strptime(pl.Datetime("us"), "%Y%m%d", strict=False)
            + pl.duration(hours=pl.col("hour").cast(pl.Int64, strict=False))
        ).alias("ts")
    )
    bad = raw.filter(pl.col("ts").is_null())
    if bad.height:
        raise IngestError(
            path, int(bad["_line"][0]), "日期或小时无法解析 (unparseable date or hour)"
        )
    _warn_partial_day(path, raw)
    source = (
        raw.group_by("ts")
        .agg(pl.col("_line").min())
        .with_columns(pl.format("{}:{}", pl.lit(path.name), pl.col("_line")).alias("source"))
    )
    station_cols = {f"c{j}": header[j] for j in range(3, len(header)) if j not in drop}
    long = (
        raw.select("ts", "type", *station_cols)
        .rename(station_cols)
        .unpivot(index=["ts", "type"], variable_name="station_code", value_name="v")
        .filter(pl.col("v").is_not_null() & (pl.col("v") != ""))
        .with_columns(pl.col("type").replace_strict(TYPE_MAP))
    )
    wide = long.pivot(on="type", index=["station_code", "ts"], values="v")
    return wide.join(source.select("ts", "source"), on="ts", how="left")


def _warn_partial_day(path: Path, raw: pl.DataFrame) -> None:
    hours = sorted(set(raw["hour"].cast(pl.Int64, strict=False).drop_nulls().to_list()))
    dates = sorted(set(raw["date"].to_list()))
    m = _NAME_DATE.search(path.name)
    if m and dates and dates != [m.group(1)]:
        warnings.warn(
            IngestWarning(
                path,
                2,
                f"文件名日期 {m.group(1)} 与内容日期 {','.join(dates)} 不符 "
                "(file name date differs from the dates inside)",
            ),
            stacklevel=3,
        )
    if len(hours) < 24:
        shown = ",".join(str(h) for h in hours)
        warnings.warn(
            IngestWarning(
                path,
                None,
                f"部分日：仅有 {len(hours)}/24 个小时（{shown}） "
                f"(partial day: only {len(hours)} of 24 hours: {shown})",
            ),
            stacklevel=3,
        )


def read_cnemc_wide(path: str | Path) -> pa.Table:
    """Read one ``china_sites_YYYYMMDD.csv(.gz)`` file into ``HOURLY_SCHEMA``.

    Refuses the file (:class:`IngestError`) on a truncated row, a station column repeated with
    different values, an unknown type or a repeated (hour, type) row. Warns
    (:class:`IngestWarning`) on identical repeated columns (collapsed) and partial days.
    """
    return to_hourly(parse_cnemc_wide(path))
