"""Station registry: the national station list and the built-in list of background stations.

Background/control stations (对照点) are kept in the registry with ``station_type``
``"background"`` so the engine can leave them out of city averages (spec/evaluation.md §4).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import polars as pl
import pyarrow as pa

from lantian.airquality.errors import IngestError, IngestWarning, Notes, warn_all
from lantian.airquality.readers.textfile import read_table_text
from lantian.airquality.schema import STATION_SCHEMA, STATION_TYPES

#: StationList-2020.01.01.csv column → canonical column.
STATION_LIST_MAP: dict[str, str] = {
    "监测点编码": "station_code",
    "监测点名称": "name",
    "城市": "city",
    "经度": "lon",
    "纬度": "lat",
    "区县": "district",
}


def background_stations() -> pl.DataFrame:
    """The built-in ``data/background_stations.csv`` (code, name, city, source of the fact)."""
    text = resources.files("lantian.airquality").joinpath("data/background_stations.csv")
    return pl.read_csv(text.read_bytes(), infer_schema=False)


def read_station_list_noted(
    path: str | Path, notes: Notes, *, station_type: str = "national"
) -> pa.Table:
    """Read a CNEMC station list into ``STATION_SCHEMA``.

    Every station gets ``station_type`` (default ``"national"``: the list is the national
    network's) except those in :func:`background_stations`, which become ``"background"``. A code
    listed twice with the same name, city and place keeps its first row (3207A in the 2020 list
    differs only in the start-date note of its name) and warns; a code listed twice at two
    different places refuses the file.
    """
    if station_type not in STATION_TYPES:
        raise ValueError(f"unknown station_type {station_type!r}; known: {STATION_TYPES}")
    path = Path(path)
    df = read_table_text(path)
    mapping = {k: v for k, v in STATION_LIST_MAP.items() if k in df.columns}
    if "监测点编码" not in mapping:
        raise IngestError(path, 1, "缺少列 监测点编码 (missing column station code)")
    df = df.rename(mapping).with_columns(
        pl.col(c).cast(pl.Float64, strict=False) for c in ("lon", "lat") if c in mapping.values()
    )
    dups = df.filter(pl.col("station_code").is_duplicated())
    for code, group in dups.group_by("station_code", maintain_order=True):
        places = group.select([c for c in ("city", "lon", "lat") if c in group.columns]).unique()
        lines = ",".join(str(x) for x in group["_line"])
        if places.height > 1:
            raise IngestError(
                path,
                int(group["_line"][1]),
                f"站点 {code[0]} 重复且位置不同（行 {lines}） (station listed twice at two places)",
            )
        notes.append(
            IngestWarning(
                path,
                int(group["_line"][1]),
                f"站点 {code[0]} 重复（行 {lines}），保留第一行 "
                f"(station listed twice, lines {lines}; first kept)",
            )
        )
    df = df.unique(subset="station_code", keep="first", maintain_order=True)
    bg = background_stations()["station_code"].to_list()
    df = df.with_columns(
        pl.when(pl.col("station_code").is_in(bg))
        .then(pl.lit("background"))
        .otherwise(pl.lit(station_type))
        .alias("station_type")
    )
    for c in STATION_SCHEMA.names:
        if c not in df.columns:
            df = df.with_columns(pl.lit(None, pl.String).alias(c))
    return df.select(STATION_SCHEMA.names).to_arrow().cast(STATION_SCHEMA)


def read_station_list(path: str | Path, *, station_type: str = "national") -> pa.Table:
    """:func:`read_station_list_noted` issuing its warnings through :mod:`warnings`."""
    notes: Notes = []
    table = read_station_list_noted(path, notes, station_type=station_type)
    warn_all(notes)
    return table
