"""The store's ``station_daily`` table: kept current by ingest (late hours, corrections),
repaired on connect after a crash or in an older store, and read by the engine with the same
results as a recomputation from the hours."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest

from lantian.airquality.engine import Engine, EvaluationOptions
from lantian.airquality.readers import read_file
from lantian.airquality.store import MeasurementStore

REPO = Path(__file__).resolve().parents[2]
DAY_FILE = REPO / "tests" / "data" / "readers" / "china_sites_20190101.csv"
STATIONS = REPO / "data" / "sample" / "StationList-2020.01.01.csv"
D = date(2019, 1, 1)
HOURLY = EvaluationOptions(daily_source="hourly")
STATION = "1003A"  # 北京, all 24 hours in the file
HOUR = (pl.col("station_code") == STATION) & (pl.col("ts") == datetime(2019, 1, 1, 5))


@pytest.fixture
def day() -> pl.DataFrame:
    df = pl.from_arrow(read_file(DAY_FILE))
    assert isinstance(df, pl.DataFrame)
    return df


def _store(root: Path) -> MeasurementStore:
    if not STATIONS.exists():
        pytest.skip(f"station list absent ({STATIONS})")
    from lantian.airquality.stations import read_station_list

    store = MeasurementStore(root)
    with pytest.warns(Warning):  # 3207A is listed twice in the station list
        store.upsert_stations(read_station_list(STATIONS))
    return store


def _expected_pm25(frame: pl.DataFrame) -> float:
    """Mean of the station's valid PM2.5 hours of 2019-01-01 (ts in (00:00, 24:00])."""
    hours = frame.filter(
        (pl.col("station_code") == STATION)
        & (pl.col("ts") > datetime(2019, 1, 1, 0))
        & pl.col("pm25_qc").is_null()
    )
    assert hours.height >= 20
    return float(hours["pm25"].mean())  # type: ignore[arg-type]


def _state(store: MeasurementStore) -> tuple[float, float, int]:
    """(station daily PM2.5 from the store, Beijing PM2.5 of 2019, Beijing stations with a
    valid daily PM2.5), checked against the recomputation from the hours."""
    con = store.connect()
    eng, hourly = Engine(con), Engine(con, HOURLY)
    assert eng.stored_daily
    daily = eng.station_daily(D, D, [STATION])["pm25"][0]
    assert daily == pytest.approx(hourly.station_daily(D, D, [STATION])["pm25"][0], abs=1e-12)
    annual = eng.period_stats("2019", ["北京"])["pm25"][0]
    assert annual == pytest.approx(hourly.period_stats("2019", ["北京"])["pm25"][0], abs=1e-12)
    bj = [
        r[0]
        for r in con.execute("SELECT station_code FROM stations WHERE city = '北京'").fetchall()
    ]
    n = eng.station_daily(D, D, bj).filter(pl.col("pm25").is_not_null()).height
    return daily, annual, n


def test_late_hour_rederives_its_day_and_the_annual_value(
    tmp_path: Path, day: pl.DataFrame
) -> None:
    store = _store(tmp_path)
    first = store.ingest_hourly(day.filter(~HOUR).to_arrow(), source="a")
    assert first.daily_rederived == day.select("station_code").n_unique() * 2  # Dec 31 and Jan 1
    daily0, annual0, n = _state(store)
    assert daily0 == pytest.approx(_expected_pm25(day.filter(~HOUR)))

    rep = store.ingest_hourly(day.to_arrow(), source="b")
    assert (rep.inserted, rep.daily_rederived) == (1, 1)
    daily1, annual1, n1 = _state(store)
    assert daily1 == pytest.approx(_expected_pm25(day)) and daily1 != daily0
    assert n1 == n
    assert annual1 - annual0 == pytest.approx((daily1 - daily0) / n)


def test_corrected_value_changes_the_daily_and_annual_value(
    tmp_path: Path, day: pl.DataFrame
) -> None:
    store = _store(tmp_path)
    store.ingest_hourly(day.to_arrow(), source="a")
    daily0, annual0, n = _state(store)
    fixed = day.filter(HOUR).with_columns(pl.col("pm25") + 46, pl.lit("b.csv:2").alias("source"))
    rep = store.ingest_hourly(fixed.to_arrow(), source="b")
    assert (rep.corrected, rep.daily_rederived) == (1, 1)
    daily1, annual1, _ = _state(store)
    n_hours = 23  # hours 01:00 … 23:00 of the file; 24:00 is in the next day's file
    assert daily1 == pytest.approx(_expected_pm25(day.update(fixed, on=["station_code", "ts"])))
    assert daily1 - daily0 == pytest.approx(46 / n_hours)
    assert annual1 - annual0 == pytest.approx(46 / n_hours / n)


def test_crash_between_hourly_and_daily_commit_is_repaired_on_connect(
    tmp_path: Path, day: pl.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path)
    store.ingest_hourly(day.to_arrow(), source="a")
    daily0, _, _ = _state(store)
    v0 = store.hourly_version()
    assert v0 is not None and store.daily_reflects() == v0

    def crash(*args: object) -> int:
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(MeasurementStore, "_derive_daily", crash)
    fixed = day.filter(HOUR).with_columns(pl.col("pm25") + 46, pl.lit("b.csv:2").alias("source"))
    with pytest.raises(RuntimeError, match="simulated crash"):
        store.ingest_hourly(fixed.to_arrow(), source="b")
    monkeypatch.undo()
    assert store.hourly_version() == v0 + 1 and store.daily_reflects() == v0  # stale

    daily1, _, _ = _state(store)  # connect() re-derives the station-days of the new files
    assert store.daily_reflects() == v0 + 1
    assert daily1 - daily0 == pytest.approx(46 / 23)


def test_read_only_connect_refuses_a_stale_store_and_writes_nothing(
    tmp_path: Path, day: pl.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from lantian.airquality.store import StaleStoreError
    from lantian.cli import app

    store = _store(tmp_path)
    store.ingest_hourly(day.to_arrow(), source="a")
    v0 = store.hourly_version()
    assert v0 is not None
    store.connect(refresh=False).close()  # current: opens without writing

    def crash(*args: object) -> int:
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(MeasurementStore, "_derive_daily", crash)
    fixed = day.filter(HOUR).with_columns(pl.col("pm25") + 46, pl.lit("b.csv:2").alias("source"))
    with pytest.raises(RuntimeError, match="simulated crash"):
        store.ingest_hourly(fixed.to_arrow(), source="b")
    monkeypatch.undo()

    with pytest.raises(StaleStoreError, match=r"lantian aq refresh --store") as info:
        store.connect(refresh=False)
    assert (info.value.hourly, info.value.reflects) == (v0 + 1, v0)
    assert store.daily_reflects() == v0  # nothing written

    result = CliRunner().invoke(app, ["aq", "refresh", "--store", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 station-days re-derived" in result.output
    assert store.daily_reflects() == v0 + 1
    store.connect(refresh=False).close()


def test_older_store_without_station_daily_is_derived_on_connect(
    tmp_path: Path, day: pl.DataFrame
) -> None:
    store = _store(tmp_path)
    store.ingest_hourly(day.to_arrow(), source="a")
    stored = store.connect().sql("SELECT * FROM station_daily ORDER BY ALL").pl()
    shutil.rmtree(store.station_daily_path)
    assert store.daily_reflects() is None
    con = store.connect()
    assert store.daily_reflects() == store.hourly_version()
    again = con.sql("SELECT * FROM station_daily ORDER BY ALL").pl()
    assert again.height == day.select("station_code").n_unique() * 2
    assert again.equals(stored)
    assert store.refresh_daily() == 0  # current: nothing re-derived


def test_second_identical_ingest_leaves_station_daily_alone(
    tmp_path: Path, day: pl.DataFrame
) -> None:
    store = MeasurementStore(tmp_path)
    store.ingest_hourly(day.to_arrow(), source="a")
    assert store.ingest_hourly(day.to_arrow(), source="a").daily_rederived == 0
    assert store.daily_reflects() == store.hourly_version() == 0


def test_corrections_view_matches_corrections(tmp_path: Path, day: pl.DataFrame) -> None:
    store = MeasurementStore(tmp_path)
    store.ingest_hourly(day.to_arrow(), source="a")
    for bump in (46, 50):
        fixed = day.filter(HOUR).with_columns(pl.col("pm25") + bump, pl.col("no2") + bump)
        store.ingest_hourly(fixed.to_arrow(), source=f"fix{bump}")
    view = store.connect().sql("SELECT * FROM corrections").pl()
    table = pl.from_arrow(store.corrections())
    assert isinstance(table, pl.DataFrame)
    assert view.height == 4
    assert view.cast(table.schema).equals(table)  # type: ignore[arg-type]


def test_unknown_daily_source_is_refused() -> None:
    with pytest.raises(ValueError, match="daily_source"):
        EvaluationOptions(daily_source="cache")  # type: ignore[arg-type]
