from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from lantian.airquality.errors import IngestWarning
from lantian.airquality.stations import background_stations, read_station_list

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "StationList-2020.01.01.csv"


def test_station_list_dedupes_3207a_and_marks_background() -> None:
    with pytest.warns(IngestWarning, match="3207A"):
        t = read_station_list(SAMPLE)
    df = pl.from_arrow(t)
    assert isinstance(df, pl.DataFrame)
    assert df.height == 1640
    bg = set(df.filter(pl.col("station_type") == "background")["station_code"])
    assert {"1002A", "1035A", "1324A", "1027A"} <= bg
    r = df.filter(pl.col("station_code") == "1001A").row(0, named=True)
    assert (r["name"], r["city"], r["lon"], r["station_type"]) == (
        "万寿西宫",
        "北京",
        116.366,
        "national",
    )


def test_background_list_cites_a_source_for_each_station() -> None:
    bg = background_stations()
    assert bg["source"].null_count() == 0
    assert bg["station_code"].is_unique().all()
