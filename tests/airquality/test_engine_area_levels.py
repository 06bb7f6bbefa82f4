"""Area levels of the engine (``EvaluationOptions.area_level``): city, district (区/县) and
station, on small hand-made connections, plus the city level on the real 2019 sample.

The same rule makes every level's daily value (evaluation.md §4: mean of the valid station daily
values of the evaluation stations, background stations left out); the hand-computed means below
follow from it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import duckdb
import pytest
from polars.testing import assert_frame_equal

import tests.airquality.test_engine_realdata as realdata
from lantian.airquality.engine import Engine, EvaluationOptions
from tests.airquality.test_engine_sql import full_day, make_con

D = date(2019, 1, 1)
ONE_DAY = "2019-01-01..2019-01-01"

#: The session fixture of the real-data tests (the sample store), used here under its name.
engine = realdata.engine


def with_districts(
    stations: dict[str, tuple[str | None, str, float]], day: date = D
) -> duckdb.DuckDBPyConnection:
    """City C; ``stations``: code → (district, station type, PM2.5 of a whole day)."""
    rows: list[dict[str, Any]] = []
    for code, (_, _, pm25) in stations.items():
        rows += full_day(day, code, pm25=pm25)
    con = make_con(rows, [(code, "C", t) for code, (_, t, _) in stations.items()])
    for code, (district, _, _) in stations.items():
        con.execute("UPDATE stations SET district = ? WHERE station_code = ?", [district, code])
    return con


def level(name: str, **kw: Any) -> EvaluationOptions:
    return EvaluationOptions(area_level=name, **kw)  # type: ignore[arg-type]


TWO_DISTRICTS = {
    "A1": ("甲区", "national", 40.0),
    "A2": ("甲区", "national", 60.0),
    "B1": ("乙县", "national", 80.0),
}


def test_two_districts_hand_computed_means_and_the_city_mean() -> None:
    con = with_districts(TWO_DISTRICTS)
    dist = Engine(con, level("district")).city_daily(D, D)
    got = {r["area"]: (r["pm25"], r["n_stations"], r["city"]) for r in dist.iter_rows(named=True)}
    assert got == {"甲区": (50.0, 2, "C"), "乙县": (80.0, 1, "C")}
    city = Engine(con).city_daily(D, D).row(0, named=True)
    assert (city["city"], city["area"], city["pm25"]) == ("C", "C", 60.0)  # (40 + 60 + 80) / 3
    # the daily AQI is the district's own, from its mean: PM2.5 50 → IAQI 69, 80 → 107
    assert dict(zip(dist["area"], dist["aqi"], strict=True)) == {"甲区": 69, "乙县": 107}


def test_station_without_district_is_left_out_of_district_values() -> None:
    con = with_districts({**TWO_DISTRICTS, "N": (None, "national", 200.0)})
    dist = Engine(con, level("district")).city_daily(D, D)
    assert dict(zip(dist["area"], dist["pm25"], strict=True)) == {"甲区": 50.0, "乙县": 80.0}
    # the city still counts it: (40 + 60 + 80 + 200) / 4
    assert Engine(con).city_daily(D, D)["pm25"][0] == 95.0


def test_background_station_excluded_at_district_level_unless_asked() -> None:
    con = with_districts({**TWO_DISTRICTS, "K": ("甲区", "background", 10.0)})
    dist = Engine(con, level("district")).city_daily(D, D)
    assert dict(zip(dist["area"], dist["pm25"], strict=True)) == {"甲区": 50.0, "乙县": 80.0}
    with_bg = Engine(con, level("district", include_background=True)).city_daily(D, D)
    assert with_bg.filter(with_bg["area"] == "甲区")["pm25"][0] == pytest.approx(110 / 3)


def test_district_period_stats_and_filter_on_district() -> None:
    con = with_districts(TWO_DISTRICTS)
    eng = Engine(con, level("district"))
    stats = eng.period_stats(ONE_DAY)
    assert stats["area"].to_list() == ["乙县", "甲区"]  # sorted by area
    assert stats["pm25"].to_list() == [Decimal(80), Decimal(50)]
    only_b = eng.period_stats(ONE_DAY, areas=["乙县"])
    assert only_b["area"].to_list() == ["乙县"]
    # a city name is not a district: the filter selects on the level's key
    assert eng.period_stats(ONE_DAY, areas=["C"]).height == 0


def test_station_level_ranking_with_a_tie() -> None:
    stations = {
        "S1": ("甲区", "national", 30.0),
        "S2": ("甲区", "national", 50.0),
        "S3": ("乙县", "national", 30.0),
        "K": ("乙县", "background", 5.0),
    }
    r = Engine(with_districts(stations), level("station")).rank(ONE_DAY, by="pm25")
    assert dict(zip(r["area"], r["rank"], strict=True)) == {"S1": 1, "S3": 1, "S2": 3}
    assert r["rank_value"].to_list() == [Decimal(30), Decimal(30), Decimal(50)]


def test_station_level_daily_values_are_the_station_daily_values() -> None:
    rows = full_day(D, "S1", pm25=35.4, pm10=151.0, co=1.25, no2=41.0, so2=9.0)
    rows += full_day(D, "S2", pm25=120.0, pm10=20.0, co=0.4, no2=90.0, so2=3.0)
    for i, r in enumerate(rows):
        r["o3"] = float(40 + (i * 37) % 170)
    rows[5]["pm25"] = None  # 23 valid hours: still a daily mean
    con = make_con(rows, (("S1", "C", "national"), ("S2", "C", "national")))
    cols = ["pm25", "pm10", "co", "no2", "so2", "o3_1h", "o3_8h", "aqi", "primary_pollutant"]
    for method in ("city_hourly_first", "station_mda8_first"):
        # min_city_stations does not apply to a station, its own single area
        eng = Engine(con, level("station", city_o3_method=method, min_city_stations=2))
        per_station = eng.city_daily(D, D).select(["area", *cols])
        sd = eng.station_daily(D, D).rename({"station_code": "area"}).select(["area", *cols])
        assert per_station.equals(sd), method
        assert per_station["aqi"].to_list() != [None, None]


def test_station_level_filter_and_yoy_keyed_by_station() -> None:
    rows = full_day(D, "S1", pm25=40.0) + full_day(D, "S2", pm25=60.0)
    rows += full_day(date(2018, 1, 1), "S1", pm25=50.0) + full_day(
        date(2018, 1, 1), "S2", pm25=60.0
    )
    con = make_con(rows, (("S1", "C", "national"), ("S2", "C", "national")))
    eng = Engine(con, level("station"))
    y = eng.yoy(ONE_DAY, areas=["S1"])
    assert y["area"].to_list() == ["S1"]
    assert (y["pm25"][0], y["pm25_prev"][0], y["pm25_change"][0]) == (
        Decimal(40),
        Decimal(50),
        Decimal("-20.0"),
    )


def test_dust_flags_of_the_city_apply_to_its_districts() -> None:
    con = with_districts(TWO_DISTRICTS)
    con.execute(
        "CREATE TABLE city_daily_flags AS "
        "SELECT 'C' AS city, DATE '2019-01-01' AS date, TRUE AS dust"
    )
    s = Engine(con, level("district", dust_basis="deduct")).period_stats(ONE_DAY)
    assert s["pm25"].to_list() == [None, None]
    assert s["valid_days"].to_list() == [1, 1]  # day counts keep dust days


def test_published_values_exist_for_cities_only() -> None:
    con = with_districts(TWO_DISTRICTS)
    with pytest.raises(ValueError, match="cities only"):
        Engine(con, level("district")).period_stats(ONE_DAY, source="published")


def test_unknown_area_level_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="city, district, station"):
        level("province")


# --- real data: the city level is unchanged ------------------------------------------------------


def test_city_level_on_the_sample_is_the_default_and_the_documented_figures(
    engine: Engine,
) -> None:
    default = engine.period_stats("2019")
    city = Engine(engine.con, level("city")).period_stats("2019")
    # Same rows and columns; floating sums may differ in the last bit between two parallel runs.
    assert_frame_equal(city, default, check_exact=False, rel_tol=1e-12)
    # docs/statistics.md "Real data" table, computed before area levels existed
    got = {r["area"]: r for r in city.iter_rows(named=True)}
    for area, pm25, composite, valid, good in (
        ("石家庄", 64.0, 6.89, 353, 168),
        ("北京", 42.7, 4.76, 351, 230),
        ("郑州", 59.3, 6.09, 353, 175),
    ):
        r = got[area]
        assert float(r["pm25"]) == pytest.approx(pm25, abs=0.05)
        assert float(r["composite"]) == pytest.approx(composite, abs=0.005)
        assert (r["valid_days"], r["good_days"]) == (valid, good)


def test_station_level_on_the_sample_ranks_the_evaluation_stations(engine: Engine) -> None:
    stations = Engine(engine.con, level("station")).rank("2019", include_insufficient=True)
    codes = set(stations["area"].to_list())
    with_data = {
        c
        for (c,) in engine.con.execute(
            "SELECT DISTINCT h.station_code FROM hourly h JOIN stations s USING (station_code) "
            "WHERE s.city IN ('石家庄', '北京', '郑州')"
        ).fetchall()
    }
    # the sample's stations of the three cities without the control stations 定陵, 封龙山, 岗李水库
    background = {"1002A", "1035A", "1324A"}
    assert background <= with_data
    assert codes == with_data - background
    assert stations["rank"].null_count() == 0
    # every city mean of station values lies within its stations' range
    city = {r["area"]: float(r["pm25"]) for r in engine.period_stats("2019").iter_rows(named=True)}
    assert min(float(v) for v in stations["pm25"]) < min(city.values())
    assert max(float(v) for v in stations["pm25"]) > max(city.values())
