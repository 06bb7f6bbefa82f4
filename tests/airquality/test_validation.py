"""Outcome of every odd raw CNEMC file (tests/data/cnemc_raw) and the value flags."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from lantian.airquality.errors import IngestError, IngestWarning
from lantian.airquality.readers import read_cnemc_wide, read_noted
from lantian.airquality.readers.cnemc_wide import TYPE_MAP
from lantian.airquality.schema import POLLUTANTS, PUBLISHED
from lantian.airquality.validation import flag_numbers, flag_values

RAW = Path(__file__).resolve().parents[1] / "data" / "cnemc_raw"
DATA = Path(__file__).resolve().parents[1] / "data" / "readers"


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


def _edit_cells(src: Path, dst: Path, edits: dict[tuple[int, int], str]) -> Path:
    """Copy ``src`` to ``dst`` with cell (line, 0-based field) replaced."""
    lines = src.read_text(encoding="utf-8").splitlines()
    for (line, j), value in edits.items():
        fields = lines[line - 1].split(",")
        fields[j] = value
        lines[line - 1] = ",".join(fields)
    dst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dst


def test_wide_file_odd_cells_are_kept_and_flagged(tmp_path: Path) -> None:
    # 20190823 hour 8, station 1001A (field 3): line 3 PM2.5, 7 SO2, 9 NO2, 10 NO2_24h,
    # 11 O3, 15 CO.
    p = _edit_cells(
        RAW / "china_sites_20190823.csv",
        tmp_path / "china_sites_20190823.csv",
        {
            (3, 3): " 9 ",
            (7, 3): "nan",
            (9, 3): "abc",
            (10, 3): "   ",
            (11, 3): "-999",
            (15, 3): "inf",
        },
    )
    df = pl.from_arrow(read_noted(p, None, []))
    assert isinstance(df, pl.DataFrame)
    r = df.filter(pl.col("station_code") == "1001A").row(0, named=True)
    got = {c: (r[c], r[c + "_qc"]) for c in ("pm25", "so2", "no2", "o3", "co")}
    assert got == {
        "pm25": (9.0, None),
        "so2": (None, "non_numeric"),
        "no2": (None, "non_numeric"),
        "o3": (-999.0, "sentinel"),
        "co": (None, "non_numeric"),
    }
    assert (r["pub_no2_24h"], r["pub_aqi"], r["pub_o3_24h"]) == (None, 24.0, 90.0)
    assert df.height == 12


@pytest.mark.parametrize(
    ("edits", "line", "reason"),
    [
        ({(4, 1): "x8"}, 4, "unparseable date or hour"),
        ({(4, 0): "2019082"}, 4, "unparseable date or hour"),
        ({(5, 2): "PM1"}, 5, "unknown type"),
        ({(5, 2): "PM2.5"}, 5, "the same hour and type appear twice"),
        # hour 24 of 08-22 is hour 0 of 08-23... here: hour 32 of 08-22 is hour 8 of 08-23
        ({(6, 0): "20190822", (6, 1): "32", (6, 2): "PM2.5"}, 6, "the same hour and type"),
    ],
)
def test_wide_file_bad_index_rows_refuse_the_file_at_their_line(
    tmp_path: Path, edits: dict[tuple[int, int], str], line: int, reason: str
) -> None:
    p = _edit_cells(RAW / "china_sites_20190823.csv", tmp_path / "x.csv", edits)
    with pytest.raises(IngestError) as err:
        read_cnemc_wide(p)
    assert err.value.line == line and reason in err.value.reason


def test_wide_file_blank_line_inside_or_no_data_refuses(tmp_path: Path) -> None:
    lines = (RAW / "china_sites_20190823.csv").read_text(encoding="utf-8").splitlines()
    p = tmp_path / "blank.csv"
    p.write_text("\n".join([*lines[:5], "", *lines[5:]]) + "\n\n", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        read_cnemc_wide(p)
    assert err.value.line == 6
    p.write_text(lines[0] + "\n", encoding="utf-8")
    with pytest.raises(IngestError, match="no data rows"):
        read_cnemc_wide(p)


def test_every_non_empty_cell_lands_in_exactly_one_value() -> None:
    path = DATA / "china_sites_20190101.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = sum(1 for line in lines[1:] for v in line.split(",")[3:] if v.strip())
    df = pl.from_arrow(read_noted(path, None, []))
    assert isinstance(df, pl.DataFrame)
    values = list(TYPE_MAP.values())
    stored = df.select(pl.sum_horizontal(pl.col(values).is_not_null())).to_series().sum()
    assert stored == cells
    assert df.select(pl.struct("station_code", "ts").is_duplicated().any()).item() is False


def test_flag_values_and_flag_numbers_apply_one_rule() -> None:
    text = ["35", "-999", "-3", "abc", "4000", None, "nan", " 7 ", "inf"]
    by_text = flag_values(pl.DataFrame({"pm25": text, "co": text}))
    nums = pl.DataFrame({p: by_text[p] for p in (*POLLUTANTS, *PUBLISHED)})
    absent = [False] * len(text)
    non_numeric = {p: pl.Series(absent) for p in POLLUTANTS}
    for p in ("pm25", "co"):
        values = by_text[p].to_list()
        non_numeric[p] = pl.Series(
            [
                t is not None and t.strip() != "" and v is None
                for t, v in zip(text, values, strict=True)
            ]
        )
    by_number = flag_numbers(nums, non_numeric)
    for p in POLLUTANTS:
        assert by_number[p + "_qc"].to_list() == by_text[p + "_qc"].to_list()
    assert by_text["pm25"].to_list() == [35.0, -999.0, -3.0, None, 4000.0, None, None, 7.0, None]
    assert by_text["pm25_qc"].to_list()[6:] == ["non_numeric", None, "non_numeric"]
