"""End to end on real data: the 3-city 2019 CNEMC hourly sample (data/sample/), ingested once per
session into a temporary store, through the engine's SQL. See docs/hourly_aqi_match.md and
docs/statistics.md for the published figures and the tolerances."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from lantian.airquality.engine import Engine, EvaluationOptions

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample"
HOURLY = SAMPLE / "sites_2019_beijing_shijiazhuang_zhengzhou_hourly.csv.gz"
STATIONS = SAMPLE / "StationList-2020.01.01.csv"
CITIES = ["石家庄", "北京", "郑州"]
Y2019 = (date(2019, 1, 1), date(2019, 12, 31))


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    if not HOURLY.exists() or not STATIONS.exists():
        pytest.skip(f"sample data absent ({SAMPLE}); copied there by the ingestion helper")
    from lantian.airquality.readers.cnemc_long import read_cnemc_long
    from lantian.airquality.stations import read_station_list
    from lantian.airquality.store import MeasurementStore

    store = MeasurementStore(tmp_path_factory.mktemp("store"))
    with pytest.warns(Warning):  # 3207A is listed twice in the station list
        store.upsert_stations(read_station_list(STATIONS))
    store.ingest_hourly(read_cnemc_long(HOURLY), source=str(HOURLY.name))
    return Engine(store.connect())


@pytest.fixture(scope="session")
def hourly(engine: Engine) -> pl.DataFrame:
    h = engine.hourly_aqi(*Y2019).filter(pl.col("pub_aqi").is_not_null())
    complete = pl.all_horizontal(
        pl.col(p).is_not_null() for p in ("so2", "no2", "co", "o3", "pm10", "pm25")
    )
    return h.with_columns(complete=complete)


def test_hourly_aqi_matches_published(hourly: pl.DataFrame) -> None:
    comp = hourly.filter(pl.col("complete"))
    rate = (comp["aqi"] == comp["pub_aqi"]).mean()
    rate_all = (hourly["aqi"] == hourly["pub_aqi"]).mean()
    print(f"hourly AQI match: complete inputs {rate:.4%} of {comp.height}; all {rate_all:.4%}")
    assert comp.height > 200_000
    assert isinstance(rate, float) and rate >= 0.99


def test_every_complete_mismatch_is_the_national_day_week(hourly: pl.DataFrame) -> None:
    """docs/hourly_aqi_match.md class 1: published AQI one lower, 2019-09-30 21:00…2019-10-08."""
    mm = hourly.filter(pl.col("complete") & (pl.col("aqi") != pl.col("pub_aqi")))
    assert mm.height > 0
    assert ((mm["aqi"] - mm["pub_aqi"]) == 1).all()
    assert mm["date"].min() >= date(2019, 9, 30) and mm["date"].max() <= date(2019, 10, 8)


def test_city_daily_values_are_consistent(engine: Engine) -> None:
    cd = engine.city_daily(*Y2019, cities=CITIES)
    assert set(cd["city"]) == set(CITIES)
    sjz = cd.filter(pl.col("city") == "石家庄")
    assert sjz["n_stations"].max() == 7  # 8 with data, 1035A 封龙山 is the control station
    # 2019-04-08 is absent from the source except its 24th hour (stamped 04-09 00:00): no valid
    # daily value, so no AQI — the day is not a valid day
    apr8 = cd.filter(pl.col("date") == date(2019, 4, 8))
    assert apr8.height == 3 and apr8["aqi"].is_null().all()
    good = cd.filter(pl.col("aqi").is_not_null())
    assert (good["aqi"] >= good["iaqi_pm25"].fill_null(0)).all()


def test_shijiazhuang_2019_against_published(engine: Engine) -> None:
    """Published 2019: PM2.5 63, PM10 118, 综合指数 6.80 (docs/statistics.md §Real data)."""
    s = engine.period_stats("2019", ["石家庄"]).row(0, named=True)
    print({k: s[k] for k in ("pm25", "pm10", "composite", "valid_days", "good_days")})
    assert abs(s["pm25"] - 63) <= 1.5
    assert abs(s["pm10"] - 118) <= 5
    assert abs(s["composite"] - 6.80) <= 0.12
    assert s["valid_days"] >= 345


def test_annual_statistics_of_three_cities(engine: Engine) -> None:
    ps = engine.period_stats("2019", CITIES)
    assert ps.height == 3
    for r in ps.iter_rows(named=True):
        assert r["good_days"] <= r["valid_days"] <= 365
        assert 0 <= r["capture_ratio"] <= 1
        assert r["pm25_p95"] >= r["pm25"]
        assert r["main_pollutant"] in ("PM2.5", "PM10", "O3")
    bj = ps.filter(pl.col("area") == "北京").row(0, named=True)
    assert abs(bj["pm25"] - 42) <= 2  # Beijing published 2019 annual PM2.5: 42 µg/m³
    r = engine.rank("2019", areas=CITIES, by="pm25")
    assert r.filter(pl.col("area") == "北京")["rank_value"][0] == min(r["rank_value"])


def test_background_option_changes_city_values(engine: Engine) -> None:
    with_bg = Engine(engine.con, EvaluationOptions(include_background=True))
    a = engine.period_stats("2019", ["石家庄"])["pm25"][0]
    b = with_bg.period_stats("2019", ["石家庄"])["pm25"][0]
    assert b < a  # the control station 封龙山 is cleaner


def test_stored_station_daily_gives_the_same_2019_statistics(engine: Engine) -> None:
    """The store's materialised station-daily parts and a recomputation from the hours give the
    same city daily values, annual statistics and ranks (docs/statistics.md §Station-daily)."""
    from polars.testing import assert_frame_equal

    hourly = Engine(engine.con, EvaluationOptions(daily_source="hourly"))
    assert engine.stored_daily and not hourly.stored_daily
    assert "FROM station_daily" in engine.period_stats_sql("2019")
    assert "FROM station_daily" not in hourly.period_stats_sql("2019")
    stored, recomputed = engine.period_stats("2019", CITIES), hourly.period_stats("2019", CITIES)
    assert stored.height == 3 and stored["valid_days"].min() >= 345
    assert_frame_equal(stored, recomputed, rel_tol=1e-12, abs_tol=1e-9)
    display = [c for c in stored.columns if c.endswith("_display")]
    assert stored.select(display).equals(recomputed.select(display))
    ranked = [e.rank("2019", areas=CITIES) for e in (engine, hourly)]
    keys = ["area", "rank", "rank_value"]
    assert ranked[0].select(keys).equals(ranked[1].select(keys))
    assert_frame_equal(ranked[0], ranked[1], rel_tol=1e-12, abs_tol=1e-9)
    assert_frame_equal(
        engine.city_daily(*Y2019, cities=CITIES),
        hourly.city_daily(*Y2019, cities=CITIES),
        rel_tol=1e-12,
        abs_tol=1e-9,
    )
    sd, sh = engine.station_daily(*Y2019), hourly.station_daily(*Y2019)
    assert sd.height > 9000
    assert_frame_equal(sd, sh, rel_tol=1e-12, abs_tol=1e-9)
    alt = EvaluationOptions(city_o3_method="station_mda8_first", daily_min_hours=18)
    assert_frame_equal(
        Engine(engine.con, alt).period_stats("2019", CITIES),
        Engine(engine.con, replace(alt, daily_source="hourly")).period_stats("2019", CITIES),
        rel_tol=1e-12,
        abs_tol=1e-9,
    )


def test_hourly_aqi_streamed_to_parquet_equals_the_frame(engine: Engine, tmp_path: Path) -> None:
    """``hourly_aqi_to_parquet`` (the whole-country path) writes exactly the rows of
    ``hourly_aqi``, in any order."""
    out = tmp_path / "hourly_aqi.parquet"
    n = engine.hourly_aqi_to_parquet(str(out), date(2019, 1, 1), date(2019, 12, 31))
    streamed = pl.read_parquet(out)
    hourly = engine.hourly_aqi(date(2019, 1, 1), date(2019, 12, 31))
    assert n == streamed.height == hourly.height > 200_000
    key = ["station_code", "ts"]
    a = streamed.select([*key, "aqi"]).sort(key)
    b = hourly.select([*key, "aqi"]).sort(key)
    assert a.equals(b)
