"""Outcome of every odd raw CNEMC file (tests/data/cnemc_raw) and the value flags."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from lantian.airquality.errors import IngestError, IngestWarning
from lantian.airquality.readers import read_cnemc_wide
from lantian.airquality.validation import flag_values

RAW = Path(__file__).resolve().parents[1] / "data" / "cnemc_raw"


def test_20190220_truncated_row_refuses_file() -> None:  # PROVENANCE: line 107, 932 of 1608
    path = RAW / "china_sites_20190220.csv.gz"
    with pytest.raises(IngestError) as err:
        read_cnemc_wide(path)
    assert err.value.path == path and err.value.line == 107
    assert (
        str(err.value)
        == f"{path}:107: 行被截断：932/1608 个字段 (truncated row: 932 of 1608 fields)"
    )


def test_20190601_identical_duplicate_station_collapses_with_warning() -> None:
    with pytest.warns(IngestWarning, match="3207A appears twice") as rec:
        t = read_cnemc_wide(RAW / "china_sites_20190601.csv")
    assert rec[0].message.line == 1  # type: ignore[union-attr]
    df = pl.from_arrow(t)
    assert isinstance(df, pl.DataFrame)
    assert df.filter(pl.col("station_code") == "3207A").height == 2  # hours 0 and 1, once each


def test_differing_duplicate_station_refuses_file(tmp_path: Path) -> None:
    lines = (RAW / "china_sites_20190601.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][: lines[2].rindex(",")] + ",71"  # line 3: PM2.5 of the 2nd 3207A
    p = tmp_path / "china_sites_20190601.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        read_cnemc_wide(p)
    assert err.value.line == 3 and "3207A" in err.value.reason


def test_20190823_partial_day_accepted_with_warning() -> None:
    with pytest.warns(IngestWarning, match=r"partial day: only 1 of 24 hours: 8"):
        t = read_cnemc_wide(RAW / "china_sites_20190823.csv")
    assert t.num_rows == 12  # 11 Beijing stations (1002A all empty) + 3207A, hour 8


def test_flags_keep_values_and_give_reasons() -> None:
    raw = pl.DataFrame(
        {
            "pm25": ["35", "-999", "-3", "abc", "4000", None],
            "co": ["1.2", "800", "0.4", "", "9999", "2"],
        }
    )
    out = flag_values(raw)
    assert out["pm25"].to_list() == [35.0, -999.0, -3.0, None, 4000.0, None]
    assert out["pm25_qc"].to_list() == [
        None,
        "sentinel",
        "negative",
        "non_numeric",
        "magnitude",
        None,
    ]
    assert out["co_qc"].to_list() == [None, "co_unit", None, None, "sentinel", None]
    assert out["so2"].null_count() == 6  # absent pollutant → NULL column
