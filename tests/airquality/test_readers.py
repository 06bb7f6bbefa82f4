"""Each reader on its trimmed real fixture (tests/data/readers, PROVENANCE.md there)."""

from __future__ import annotations

import warnings
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest

from lantian.airquality.errors import IngestWarning
from lantian.airquality.readers import (
    read_aqistudy,
    read_beijing_multisite,
    read_canonical,
    read_file,
    read_noted,
    read_tianqihoubao,
    sniff_format,
    write_canonical,
)
from lantian.airquality.schema import CITY_DAILY_SCHEMA, HOURLY_SCHEMA

DATA = Path(__file__).resolve().parents[1] / "data" / "readers"


def frame(table: object) -> pl.DataFrame:
    df = pl.from_arrow(table)  # type: ignore[arg-type]
    assert isinstance(df, pl.DataFrame)
    return df


def row(df: pl.DataFrame, code: str, ts: datetime) -> dict[str, object]:
    hit = df.filter((pl.col("station_code") == code) & (pl.col("ts") == ts))
    assert hit.height == 1
    return hit.row(0, named=True)


def test_cnemc_wide_pivots_station_hours_with_hour_ending_timestamps() -> None:
    t = read_file(DATA / "china_sites_20190101.csv")
    assert t.schema == HOURLY_SCHEMA
    df = frame(t)
    # 20190101, hour 0, 1001A: AQI 73, PM2.5 53, PM2.5_24h 44, CO 1.2 (same values in the long file)
    r = row(df, "1001A", datetime(2019, 1, 1, 0))
    assert (r["pub_aqi"], r["pm25"], r["pub_pm25_24h"], r["co"]) == (73.0, 53.0, 44.0, 1.2)
    assert r["year"] == 2018  # hour 0 of 2019-01-01 is the 24th hour of 2018-12-31
    assert r["source"] == "china_sites_20190101.csv:2"
    assert df["ts"].dt.hour().n_unique() == 24


def test_cnemc_wide_o3_columns_as_published() -> None:
    df = frame(read_file(DATA / "china_sites_20190101.csv"))
    # O3 is the current 1-h value: never above its running 24-h maximum O3_24h
    both = df.drop_nulls(["o3", "pub_o3_24h"])
    assert both.height > 100
    assert (both["o3"] <= both["pub_o3_24h"]).all()


def test_cnemc_long_matches_wide() -> None:
    long = frame(read_file(DATA / "sites_2019_long.csv.gz"))
    wide = frame(read_file(DATA / "china_sites_20190101.csv"))
    assert sniff_format(DATA / "sites_2019_long.csv.gz") == "cnemc_long"
    cols = ["pm25", "co", "o3", "pub_aqi", "pub_pm25_24h"]
    both = long.join(wide, on=["station_code", "ts"], suffix="_w")
    assert both.height >= 20
    for c in cols:
        assert both[c].eq_missing(both[c + "_w"]).all()
    assert row(long, "1001A", datetime(2019, 1, 1, 0))["source"] == "sites_2019_long.csv.gz:2"


def test_beijing_multisite_converts_co_and_reads_na() -> None:
    t = read_beijing_multisite(DATA / "PRSA_Data_Dingling_head.csv")
    df = frame(t)
    # line 2: 2013-03-01 hour 0, PM2.5 4, NO2 NA, CO 200 µg/m³ → 0.2 mg/m³, O3 82
    r = row(df, "1002A", datetime(2013, 3, 1, 0))
    assert (r["pm25"], r["no2"], r["o3"]) == (4.0, None, 82.0)
    assert r["co"] == pytest.approx(0.2)
    assert df.height == 72
    begin = frame(
        read_beijing_multisite(DATA / "PRSA_Data_Dingling_head.csv", hour_convention="beginning")
    )
    assert row(begin, "1002A", datetime(2013, 3, 1, 1))["pm25"] == 4.0
    with pytest.raises(ValueError, match="hour_convention"):
        read_beijing_multisite(DATA / "PRSA_Data_Dingling_head.csv", hour_convention="middle")  # type: ignore[arg-type]


def test_aqistudy_reads_city_days_and_nulls_source_zeros() -> None:
    with pytest.warns(IngestWarning, match="视为缺测"):
        t = read_aqistudy(DATA / "aqistudy_zhengzhou_201601.csv")
    assert t.schema == CITY_DAILY_SCHEMA
    df = frame(t)
    zz = df.filter(pl.col("city") == "郑州")
    assert zz.height == 31
    qth = df.filter(pl.col("city") == "七台河").row(0, named=True)
    assert qth["pm10"] is None and qth["pm25"] == 29.9 and qth["pub_aqi"] == 43.0


def test_tianqihoubao_collapses_identical_duplicates() -> None:
    with pytest.warns(IngestWarning, match="identical duplicate rows collapsed: 1"):
        t = read_tianqihoubao(DATA / "tianqihoubao_shijiazhuang.csv")
    df = frame(t)
    assert df.height == 12
    r = df.filter(pl.col("date") == date(2019, 4, 29)).row(0, named=True)
    assert (r["pub_aqi"], r["pm25"], r["pm10"], r["co"], r["o3_8h"]) == (
        125.0,
        94.0,
        141.0,
        1.13,
        90.0,
    )
    assert r["pub_category"] == "轻度污染"


def test_tianqihoubao_conflicting_duplicates_are_reported(tmp_path: Path) -> None:
    text = (DATA / "tianqihoubao_shijiazhuang.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[-1] = lines[-1].replace(",79", ",80")  # a conflicting copy of 2017-04-23
    p = tmp_path / "dup.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = frame(read_tianqihoubao(p))
    msgs = [str(w.message) for w in caught]
    assert any(m.startswith(f"{p}:14: ") and "13,14" in m for m in msgs)
    assert df.filter(pl.col("date") == date(2017, 4, 23))["o3_8h"].to_list() == [79.0]


def test_canonical_round_trip(tmp_path: Path) -> None:
    t = read_file(DATA / "china_sites_20190102.csv")
    out = tmp_path / "c.csv"
    assert write_canonical(t, out) > 0
    assert sniff_format(out) == "canonical"
    back = read_canonical(out)
    assert back.drop(["source"]).equals(t.drop(["source"]))


def test_read_noted_returns_the_warnings_read_file_issues() -> None:
    path = DATA / "tianqihoubao_shijiazhuang.csv"
    notes: list[IngestWarning] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = read_noted(path, None, notes)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert read_file(path).equals(t)
    assert [str(n) for n in notes] == [str(w.message) for w in caught]
    assert [n.reason for n in notes] == [
        "1 行与前一行完全相同，已合并 (identical duplicate rows collapsed: 1)"
    ]
