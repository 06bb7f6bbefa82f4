"""lantian's canonical long CSV (docs/canonical_csv.md): reader and writer.

``station_code,time,pollutant,value,unit,qc`` — one row per station, hour and quantity.
``time`` is ``YYYY-MM-DDTHH:MM`` Beijing time labelling the END of the hour; ``pollutant`` a
canonical name (``pm25``, ``co``, ``pub_aqi``…); ``unit`` must be the unit of ``UNITS``;
``qc`` optional (empty = not flagged by the sender).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pyarrow as pa

from lantian.airquality.errors import IngestError
from lantian.airquality.readers.hourly import to_hourly
from lantian.airquality.readers.textfile import read_table_text
from lantian.airquality.schema import POLLUTANTS, PUBLISHED, QC_SUFFIX

COLUMNS: tuple[str, ...] = ("station_code", "time", "pollutant", "value", "unit", "qc")

#: Unit required for each quantity (ASCII spelling in the file).
UNITS: dict[str, str] = {
    **{p: "ug/m3" for p in POLLUTANTS},
    "co": "mg/m3",
    **{p: "ug/m3" for p in PUBLISHED},
    "pub_co_24h": "mg/m3",
    "pub_aqi": "1",
}

TIME_FORMAT = "%Y-%m-%dT%H:%M"


def read_canonical(path: str | Path) -> pa.Table:
    """Read a canonical long CSV into ``HOURLY_SCHEMA``; refuses unknown names or wrong units."""
    path = Path(path)
    df = read_table_text(path)
    missing = [c for c in COLUMNS[:5] if c not in df.columns]
    if missing:
        raise IngestError(path, 1, f"缺少列 {missing} (missing columns)")
    if "qc" not in df.columns:
        df = df.with_columns(pl.lit(None, pl.String).alias("qc"))
    unknown = df.filter(~pl.col("pollutant").is_in(list(UNITS)))
    if unknown.height:
        raise IngestError(
            path,
            int(unknown["_line"][0]),
            f"未知项目 {unknown['pollutant'][0]!r} (unknown pollutant)",
        )
    expected = pl.col("pollutant").replace_strict(UNITS)
    wrong = df.filter(pl.col("unit") != expected)
    if wrong.height:
        r = wrong.row(0, named=True)
        raise IngestError(
            path,
            int(r["_line"]),
            f"{r['pollutant']} 单位应为 {UNITS[r['pollutant']]}，实为 {r['unit']} "
            f"(unit of {r['pollutant']} must be {UNITS[r['pollutant']]}, got {r['unit']})",
        )
    df = df.with_columns(pl.col("time").str.strptime(pl.Datetime("us"), TIME_FORMAT, strict=False))
    bad = df.filter(pl.col("time").is_null())
    if bad.height:
        raise IngestError(path, int(bad["_line"][0]), "时间无法解析 (unparseable time)")
    dup = df.filter(pl.struct("station_code", "time", "pollutant").is_duplicated())
    if dup.height:
        raise IngestError(path, int(dup["_line"][1]), "重复的站点-时间-项目 (duplicate row)")
    wide = df.pivot(on="pollutant", index=["station_code", "time"], values="value")
    src = df.group_by("station_code", "time").agg(
        pl.format("{}:{}", pl.lit(path.name), pl.col("_line").min()).alias("source")
    )
    sent_qc = (
        df.filter(pl.col("qc").is_not_null() & (pl.col("qc") != ""))
        .with_columns((pl.col("pollutant") + QC_SUFFIX).alias("q"))
        .pivot(on="q", index=["station_code", "time"], values="qc")
    )
    wide = wide.join(src, on=["station_code", "time"]).rename({"time": "ts"})
    table = to_hourly(wide)
    if sent_qc.height == 0:
        return table
    # A sender's own flags are kept where lantian's checks found nothing.
    merged = pl.from_arrow(table)
    assert isinstance(merged, pl.DataFrame)
    merged = merged.join(
        sent_qc.rename({"time": "ts"}).with_columns(pl.col("ts").cast(merged.schema["ts"])),
        on=["station_code", "ts"],
        how="left",
        suffix="_sent",
    )
    fills = [
        pl.coalesce(pl.col(p + QC_SUFFIX), pl.col(p + QC_SUFFIX + "_sent")).alias(p + QC_SUFFIX)
        for p in POLLUTANTS
        if p + QC_SUFFIX + "_sent" in merged.columns
    ]
    out = merged.with_columns(fills).select(table.schema.names)
    return out.to_arrow().cast(table.schema)


def write_canonical(table: pa.Table, path: str | Path) -> int:
    """Write an ``HOURLY_SCHEMA`` table as canonical long CSV; returns the number of rows."""
    df = pl.from_arrow(table)
    assert isinstance(df, pl.DataFrame)
    names = [c for c in UNITS if c in df.columns]
    parts = []
    for name in names:
        qc = pl.col(name + QC_SUFFIX) if name + QC_SUFFIX in df.columns else pl.lit(None, pl.String)
        parts.append(
            df.filter(pl.col(name).is_not_null()).select(
                "station_code",
                pl.col("ts").dt.strftime(TIME_FORMAT).alias("time"),
                pl.lit(name).alias("pollutant"),
                pl.col(name).alias("value"),
                pl.lit(UNITS[name]).alias("unit"),
                qc.alias("qc"),
            )
        )
    out = pl.concat(parts).sort("station_code", "time")
    out.write_csv(Path(path))
    return out.height
