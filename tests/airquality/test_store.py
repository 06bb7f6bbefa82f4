"""Store: atomic, idempotent, corrections recorded, late hours insert, flags kept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import polars as pl
import pyarrow as pa
import pytest

from lantian.airquality.readers import read_file
from lantian.airquality.store import MeasurementStore

DATA = Path(__file__).resolve().parents[1] / "data" / "readers"
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture
def day() -> pl.DataFrame:
    df = pl.from_arrow(read_file(DATA / "china_sites_20190101.csv"))
    assert isinstance(df, pl.DataFrame)
    return df


def count(store: MeasurementStore) -> int:
    return int(store.connect().execute("SELECT count(*) FROM hourly").fetchone()[0])  # type: ignore[index]


def test_second_ingest_changes_nothing_and_makes_no_commit(
    tmp_path: Path, day: pl.DataFrame
) -> None:
    s = MeasurementStore(tmp_path)
    first = s.ingest_hourly(day.to_arrow(), source="a")
    assert first.inserted == day.height and first.version == 0
    again = s.ingest_hourly(day.to_arrow(), source="a")
    assert (again.inserted, again.corrected, again.unchanged) == (0, 0, day.height)
    assert again.version is None and s.hourly_version() == 0
    assert count(s) == day.height


def test_correction_replaces_value_and_is_recorded(tmp_path: Path, day: pl.DataFrame) -> None:
    s = MeasurementStore(tmp_path)
    s.ingest_hourly(day.to_arrow(), source="a")
    key = (pl.col("station_code") == "1001A") & (pl.col("ts") == datetime(2019, 1, 1, 0))
    fixed = day.filter(key).with_columns(
        pl.lit(60.0).alias("pm25"), pl.lit("b.csv:2").alias("source")
    )
    rep = s.ingest_hourly(fixed.to_arrow(), source="b")
    assert (rep.corrected, rep.inserted, rep.version) == (1, 0, 1)
    con = s.connect()
    pm = con.sql("SELECT pm25 FROM hourly WHERE station_code='1001A' AND ts='2019-01-01 00:00'")
    assert pm.fetchall() == [(60.0,)]
    c = pl.from_arrow(s.corrections())
    assert isinstance(c, pl.DataFrame)
    assert c.select(
        "station_code", "column", "old", "new", "old_source", "new_source", "revision"
    ).rows() == [("1001A", "pm25", "53.0", "60.0", "china_sites_20190101.csv:2", "b.csv:2", 1)]
    assert con.execute("SELECT count(*) FROM corrections").fetchone() == (1,)


def test_late_hour_just_inserts(tmp_path: Path, day: pl.DataFrame) -> None:
    s = MeasurementStore(tmp_path)
    late = (pl.col("station_code") == "1003A") & (pl.col("ts") == datetime(2019, 1, 1, 5))
    s.ingest_hourly(day.filter(~late).to_arrow(), source="a")
    rep = s.ingest_hourly(day.to_arrow(), source="a")
    assert (rep.inserted, rep.corrected, rep.unchanged) == (1, 0, day.height - 1)
    assert s.corrections().num_rows == 0


def test_crash_in_write_path_leaves_store_unchanged(
    tmp_path: Path, day: pl.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = MeasurementStore(tmp_path)
    s.ingest_hourly(day.head(100).to_arrow(), source="a")

    def crashing(table: pa.Table) -> Iterator[pa.RecordBatch]:
        yield table.slice(0, 10).to_batches()[0]
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(MeasurementStore, "_batches", staticmethod(crashing))
    changed = day.with_columns(pl.col("pm25") + 1)
    with pytest.raises(Exception, match="simulated crash"):
        s.ingest_hourly(changed.to_arrow(), source="b")
    assert s.hourly_version() == 0 and count(s) == 100
    assert s.corrections().num_rows == 0


def test_flagged_values_are_kept(tmp_path: Path, day: pl.DataFrame) -> None:
    s = MeasurementStore(tmp_path)
    bad = day.head(3).with_columns(
        pl.lit(-999.0).alias("pm25"), pl.lit("sentinel").alias("pm25_qc")
    )
    rep = s.ingest_hourly(bad.to_arrow(), source="a")
    assert rep.flagged == 3
    got = s.connect().sql("SELECT pm25, pm25_qc FROM hourly").fetchall()
    assert got == [(-999.0, "sentinel")] * 3


def test_calendar_day_mean_equals_published_24h_at_next_hour_zero(tmp_path: Path) -> None:
    path = SAMPLE / "sites_2019_beijing_shijiazhuang_zhengzhou_hourly.csv.gz"
    s = MeasurementStore(tmp_path)
    s.ingest_hourly(read_file(path), source=path.name)
    con = s.connect()
    res = con.execute(
        """
        WITH d AS (
          SELECT station_code, CAST(ts - INTERVAL 1 HOUR AS DATE) AS day,
                 avg(pm25) AS mean, count(pm25) AS n
          FROM hourly GROUP BY ALL)
        SELECT count(*), sum(CASE WHEN abs(d.mean - h.pub_pm25_24h) <= 1 THEN 1 ELSE 0 END)
        FROM d JOIN hourly h ON h.station_code = d.station_code
          AND h.ts = CAST(d.day + INTERVAL 1 DAY AS TIMESTAMP)
        WHERE d.n = 24 AND h.pub_pm25_24h IS NOT NULL
        """
    ).fetchone()
    assert res is not None
    total, matching = res
    assert total > 5000
    assert matching / total > 0.99
