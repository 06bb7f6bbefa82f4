"""The statistics engine through its SQL path, on small hand-made DuckDB tables.

Worked examples of spec/aqi.md §7 and spec/evaluation.md §11 (E1–E5), MDA8 window edge cases,
the day boundary, ranking ties, and properties compared with the scalar ``lantian.standards`` API.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lantian.airquality.engine import Engine, EvaluationOptions
from lantian.airquality.schema import CITY_DAILY_SCHEMA, HOURLY_SCHEMA, STATION_SCHEMA
from lantian.standards import hj633_2012, hj663_2013


def hour(d: date, h: int) -> datetime:
    """End-of-hour timestamp of hour position h (1…24) of day d."""
    return datetime(d.year, d.month, d.day) + timedelta(hours=h)


def make_con(
    rows: Iterable[Mapping[str, Any]],
    stations: Iterable[tuple[str, str, str]] = (("S1", "C", "national"),),
    city_daily: Iterable[Mapping[str, Any]] = (),
) -> duckdb.DuckDBPyConnection:
    """A connection with ``hourly`` (HOURLY_SCHEMA), ``stations`` and ``city_daily_published``."""
    recs = []
    for r in rows:
        rec: dict[str, Any] = {f.name: None for f in HOURLY_SCHEMA}
        rec.update(r)
        rec["station_code"] = rec["station_code"] or "S1"
        rec["year"] = (rec["ts"] - timedelta(hours=1)).year
        recs.append(rec)
    con = duckdb.connect()
    hourly = pa.Table.from_pylist(recs, schema=HOURLY_SCHEMA)
    st_rows = [
        {"station_code": c, "name": c, "city": city, "station_type": t} for c, city, t in stations
    ]
    st_tab = pa.Table.from_pylist(st_rows, schema=STATION_SCHEMA)
    cd = pa.Table.from_pylist(list(city_daily), schema=CITY_DAILY_SCHEMA)
    con.register("hourly_src", hourly)
    con.register("stations_src", st_tab)
    con.register("cd_src", cd)
    con.sql("CREATE TABLE hourly AS SELECT * FROM hourly_src")
    con.sql("CREATE TABLE stations AS SELECT * FROM stations_src")
    con.sql("CREATE TABLE city_daily_published AS SELECT * FROM cd_src")
    return con


def full_day(d: date, station: str = "S1", **values: float | None) -> list[dict[str, Any]]:
    return [{"station_code": station, "ts": hour(d, h), **values} for h in range(1, 25)]


def published_days(city: str, start: date, values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"city": city, "date": start + timedelta(days=i), "source": "test", **v}
        for i, v in enumerate(values)
    ]


D = date(2019, 1, 1)


# --- aqi.md §7 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pollutant", "value", "column", "expected"),
    [
        ("pm25", 80.0, "iaqi_pm25", 107),
        ("pm25", 75.0, "iaqi_pm25", 100),
        ("pm25", 75.4, "iaqi_pm25", 100),  # rounded to 75 first
        ("pm10", 200.0, "iaqi_pm10", 125),
        ("co", 2.2, "iaqi_co", 55),  # float code would give 56
        ("so2", 300.0, "iaqi_so2", 124),
    ],
)
def test_daily_iaqi_worked_examples(
    pollutant: str, value: float, column: str, expected: int
) -> None:
    con = make_con(full_day(D, **{pollutant: value}))
    row = Engine(con).station_daily(D, D).row(0, named=True)
    assert row[column] == expected


def test_o3_8h_worked_examples() -> None:
    # O3 8h = 180 → 119 (whole day at 180: every window 180)
    con = make_con(full_day(D, o3=180.0))
    assert Engine(con).station_daily(D, D)["iaqi_o3_8h"][0] == 119
    # O3 8h 900 > 800: use the O3 1-h index; O3 1 h 1100 → 450
    con = make_con([*full_day(D, o3=900.0)[:-1], {"ts": hour(D, 24), "o3": 1100.0}])
    row = Engine(con).station_daily(D, D).row(0, named=True)
    assert row["iaqi_o3_1h"] == 450
    assert row["iaqi_o3_8h"] == 450


def test_daily_aqi_example_of_aqi_md() -> None:
    rows = full_day(D, so2=12.0, no2=46.0, pm10=138.0, pm25=96.0, co=1.4, o3=98.0)
    rows[12]["o3"] = 120.0  # the day's maximum 1-hour value
    rows[11]["o3"] = rows[13]["o3"] = 98.0
    con = make_con(rows)
    r = Engine(con).station_daily(D, D).row(0, named=True)
    got = [
        r[k] for k in ("iaqi_so2", "iaqi_no2", "iaqi_pm10", "iaqi_pm25", "iaqi_co", "iaqi_o3_1h")
    ]
    assert got == [12, 58, 94, 127, 35, 38]
    assert (r["aqi"], r["level"], r["category"]) == (127, 3, "轻度污染")
    assert (r["primary_pollutant"], r["exceedance"]) == ("PM2.5", "PM2.5")


def test_tie_example_primary_together_no_exceedance() -> None:
    con = make_con(full_day(D, pm25=75.0, pm10=150.0))
    r = Engine(con).station_daily(D, D).row(0, named=True)
    assert r["aqi"] == 100
    assert set(r["primary_pollutant"].split(",")) == {"PM2.5", "PM10"}
    assert r["exceedance"] is None


def test_hourly_example_cnemc_published() -> None:
    ts = datetime(2022, 1, 4, 16)
    con = make_con([{"ts": ts, "pm25": 54.0, "pm10": 79.0, "no2": 61.0}])
    r = Engine(con).hourly_aqi(ts.date(), ts.date()).row(0, named=True)
    assert (r["iaqi_pm25"], r["iaqi_pm10"], r["iaqi_no2"]) == (74, 65, 31)
    assert (r["aqi"], r["primary_pollutant"], r["profile"]) == (74, "PM2.5", "CNEMC_PUBLISHED")


def test_hourly_so2_above_800_uses_24h_index() -> None:
    rows = [{"ts": hour(D, h), "so2": 300.0} for h in range(1, 24)]
    rows.append({"ts": hour(D, 24), "so2": 900.0})
    con = make_con(rows)
    df = Engine(con).hourly_aqi(D, D)
    last = df.row(df.height - 1, named=True)
    # 24-h sliding mean = (23*300 + 900)/24 = 325 → 150 + ... (SO2 24h table 150–475 → 100–150)
    assert last["so2_24h"] == pytest.approx(325.0)
    assert last["iaqi_so2"] == hj633_2012.iaqi("so2_24h", 325).value


def test_hourly_profiles_o3_8h_term() -> None:
    ts = datetime(2022, 6, 20, 16)
    rows = [{"ts": ts - timedelta(hours=k), "o3": 246.0} for k in range(1, 8)]
    rows.append({"ts": ts, "o3": 253.0})
    con = make_con(rows)
    pub = Engine(con).hourly_aqi(ts.date(), ts.date()).row(-1, named=True)
    assert (pub["iaqi_o3_1h"], pub["aqi"], pub["primary_pollutant"]) == (127, 127, "O3_1h")
    lit = Engine(con, EvaluationOptions(realtime_profile="CNEMC_2014")).hourly_aqi(
        ts.date(), ts.date()
    )
    r = lit.row(-1, named=True)
    assert r["aqi"] == hj633_2012.iaqi("o3_8h", r["o3_8h"]).value > 127


def test_hourly_2026_version_by_date() -> None:
    # standards_2026.md §2.10 real-time example re-run: PM2.5 54 → 88 under HJ 633-2026. SO2, CO
    # and O3 are missing and 88 ≤ 100, so 5.3.1 withholds the AQI (NA); the maximum stays known.
    ts = datetime(2026, 3, 2, 10)
    con = make_con([{"ts": ts, "pm25": 54.0, "pm10": 79.0, "no2": 61.0}])
    r = Engine(con).hourly_aqi(ts.date(), ts.date()).row(0, named=True)
    assert (r["computed_aqi"], r["aqi_version"], r["profile"]) == (88, "HJ 633-2026", "HJ633_2026")
    assert r["aqi"] is None
    off = EvaluationOptions(withhold_incomplete_aqi=False)
    r = Engine(con, off).hourly_aqi(ts.date(), ts.date()).row(0, named=True)
    assert r["aqi"] == 88


@pytest.mark.parametrize(
    ("pm25", "co", "expected"),
    [
        (60.0, None, None),  # AQI 100 with CO missing: withheld (5.3.1)
        (61.0, None, 101),  # 100 + 1×50/55 → 101 > 100: published although CO is missing
        (60.0, 1.0, 100),  # complete: published
    ],
)
def test_daily_2026_missing_indicator_rule_matches_scalar(
    pm25: float, co: float | None, expected: int | None
) -> None:
    from lantian.standards import hj633_2026

    d = date(2026, 3, 10)
    rows = full_day(d, so2=10.0, no2=30.0, pm10=50.0, pm25=pm25, co=co, o3=60.0)
    r = Engine(make_con(rows)).station_daily(d, d).row(0, named=True)
    scalar = hj633_2026.daily_aqi(
        so2_24h=10, no2_24h=30, pm10_24h=50, pm25_24h=pm25, co_24h=co, o3_8h=60
    )
    assert r["aqi"] == scalar.aqi == expected
    assert r["computed_aqi"] == scalar.computed_aqi


def test_2012_keeps_the_aqi_of_the_available_indicators() -> None:
    # HJ 633-2012 5.1.1: an AQI is published from the others, the missing items stated.
    d = date(2019, 3, 10)
    rows = full_day(d, so2=10.0, no2=30.0, pm10=50.0, pm25=60.0, o3=60.0)
    r = Engine(make_con(rows)).station_daily(d, d).row(0, named=True)
    assert r["aqi"] == r["computed_aqi"] == 82


def test_daily_2026_example_and_boundary() -> None:
    d26 = date(2026, 3, 1)
    d12 = date(2026, 2, 28)
    vals = {"so2": 12.0, "no2": 46.0, "pm10": 138.0, "pm25": 96.0, "co": 1.4, "o3": 98.0}
    con = make_con(full_day(d12, **vals) + full_day(d26, **vals))
    df = Engine(con).station_daily(d12, d26)
    old, new = df.row(0, named=True), df.row(1, named=True)
    assert (old["aqi"], old["aqi_version"]) == (127, "HJ 633-2012")
    assert (new["aqi"], new["aqi_version"], new["iaqi_pm10"]) == (133, "HJ 633-2026", 107)
    assert new["exceedance"] is None and new["iaqi_o3_1h"] is None
    fixed = Engine(con, EvaluationOptions(aqi_version="HJ 633-2012")).station_daily(d26, d26)
    assert fixed["aqi"][0] == 127


# --- day boundary, validity, MDA8 -----------------------------------------------------------------


def test_midnight_value_belongs_to_previous_day() -> None:
    rows = full_day(D, pm25=10.0)
    rows[-1]["pm25"] = 250.0  # stamped 2019-01-02 00:00 = hour 24 of 2019-01-01
    con = make_con(rows)
    df = Engine(con).station_daily(D, D + timedelta(days=1))
    assert df.height == 1 and df["date"][0] == D
    assert df["pm25"][0] == pytest.approx((23 * 10 + 250) / 24)


def test_daily_mean_needs_20_hours_and_qc_flag_invalidates() -> None:
    rows = full_day(D, pm25=50.0, so2=10.0)
    for r in rows[:5]:
        r["pm25_qc"] = "negative"  # 19 valid PM2.5 hours left
    con = make_con(rows)
    r = Engine(con).station_daily(D, D).row(0, named=True)
    assert r["n_pm25"] == 19 and r["pm25"] is None
    assert "pm25" in r["insufficient"]
    assert r["so2"] == 10.0
    r20 = Engine(con, EvaluationOptions(daily_min_hours=19)).station_daily(D, D).row(0, named=True)
    assert r20["pm25"] == 50.0


def _o3_day(values: dict[int, float]) -> duckdb.DuckDBPyConnection:
    return make_con([{"ts": hour(D, h), "o3": v} for h, v in values.items()])


def test_mda8_uses_windows_inside_the_day_only() -> None:
    # high values in hours 1-5 alone never form a window of ≥ 6 values inside the day:
    # the first window (hours 1-8) has hours 1..8; put highs on 1..5 and lows on 6..24.
    vals = {h: (300.0 if h <= 5 else 100.0) for h in range(1, 25)}
    r = Engine(_o3_day(vals)).station_daily(D, D).row(0, named=True)
    assert r["o3_8h"] == pytest.approx((5 * 300 + 3 * 100) / 8)  # window ending 08:00
    assert r["n_o3_8h"] == 17


def test_mda8_window_needs_six_values() -> None:
    vals = {h: 100.0 for h in range(1, 25)}
    for h in (10, 11, 12):  # windows ending 10…19 contain ≥1 gap; ending 12…17 contain all 3
        del vals[h]
    r = Engine(_o3_day(vals)).station_daily(D, D).row(0, named=True)
    # windows containing all three gaps have 5 values → invalid: ends 12..17 → 6 invalid
    assert r["n_o3_8h"] == 17 - 6
    assert r["o3_8h"] is None  # 11 < 14 windows, and 100 ≤ 160


def test_mda8_fewer_windows_valid_when_exceeding() -> None:
    vals = {h: 200.0 for h in range(1, 13)}  # hours 13-24 missing: windows ending 8..14 valid
    r = Engine(_o3_day(vals)).station_daily(D, D).row(0, named=True)
    assert r["n_o3_8h"] == 7
    assert r["o3_8h"] == pytest.approx(200.0)
    strict = EvaluationOptions(mda8_valid_if_exceeds=False)
    assert Engine(_o3_day(vals), strict).station_daily(D, D)["o3_8h"][0] is None


def test_mda8_matches_scalar_standard() -> None:
    vals = {h: float((h * 37) % 190) for h in range(1, 25) if h not in (3, 9, 20)}
    r = Engine(_o3_day(vals)).station_daily(D, D).row(0, named=True)
    ref = hj663_2013.mda8([vals.get(h) for h in range(1, 25)])
    assert r["o3_8h"] == pytest.approx(float(ref.value))
    assert r["n_o3_8h"] == ref.valid_windows


# --- city values ----------------------------------------------------------------------------------


def test_city_excludes_background_and_aqi_from_city_concentrations() -> None:
    stations = (("A", "C", "national"), ("B", "C", "national"), ("K", "C", "background"))
    rows = full_day(D, "A", pm25=70.0) + full_day(D, "B", pm25=90.0) + full_day(D, "K", pm25=10.0)
    con = make_con(rows, stations)
    r = Engine(con).city_daily(D, D).row(0, named=True)
    assert (r["pm25"], r["n_stations"]) == (80.0, 2)
    # AQI of the city mean 80 → 107, not the mean of station AQIs (94+119)/2
    assert r["aqi"] == 107
    with_bg = Engine(con, EvaluationOptions(include_background=True)).city_daily(D, D)
    assert with_bg["pm25"][0] == pytest.approx(170 / 3)


def test_city_o3_methods_differ_as_documented() -> None:
    stations = (("A", "C", "national"), ("B", "C", "national"))
    a = {h: (200.0 if 9 <= h <= 16 else 50.0) for h in range(1, 25)}
    b = {h: (200.0 if 13 <= h <= 20 else 50.0) for h in range(1, 25)}
    rows = [{"station_code": "A", "ts": hour(D, h), "o3": v} for h, v in a.items()]
    rows += [{"station_code": "B", "ts": hour(D, h), "o3": v} for h, v in b.items()]
    con = make_con(rows, stations)
    city_first = Engine(con).city_daily(D, D)["o3_8h"][0]
    station_first = Engine(con, EvaluationOptions(city_o3_method="station_mda8_first")).city_daily(
        D, D
    )["o3_8h"][0]
    assert station_first == pytest.approx(200.0)
    assert city_first == pytest.approx(162.5)  # city hourly: 9-12 and 17-20 at 125, 13-16 at 200


# --- evaluation.md §11 ---


def test_e1_percentile_o3_p90() -> None:
    mda8 = [120, 135, 98, 160, 172, 110, 145, 188, 150, 130]
    days = [{"o3_8h": float(v), "pm25": 30.0} for v in mda8]
    con = make_con([], city_daily=published_days("C", D, days))
    s = Engine(con).period_stats("2019-01-01..2019-01-10", source="published").row(0, named=True)
    assert s["o3_8h_p90"] == Decimal("173.6")
    assert s["o3_8h_p90_display"] == Decimal("174")


def test_e2_co_p95_half_even_vs_half_up() -> None:
    co = [1.0 + 0.01 * i for i in range(28)] + [2.0, 2.1, 2.5]
    days = [{"co": v} for v in co]
    con = make_con([], city_daily=published_days("C", D, days))
    period = "2019-01"
    even = Engine(con).period_stats(period, source="published").row(0, named=True)
    assert even["co_p95"] == Decimal("2.05")
    assert even["co_p95_display"] == Decimal("2.0")
    up = Engine(con, EvaluationOptions(rounding="half-up")).period_stats(period, source="published")
    assert up["co_p95_display"][0] == Decimal("2.1")


def _month(city: str, start: date, n: int, **v: float) -> list[dict[str, Any]]:
    return published_days(city, start, [dict(v) for _ in range(n)])


def test_e3_composite_index_and_main_pollutant() -> None:
    # constant daily values give means and percentiles equal to the values
    vals = {"pm25": 48.0, "pm10": 85.0, "so2": 12.0, "no2": 38.0, "co": 1.6, "o3_8h": 150.0}
    con = make_con([], city_daily=_month("C", date(2019, 3, 1), 31, **vals))
    s = Engine(con).period_stats("2019-03", source="published").row(0, named=True)
    assert s["composite"] == pytest.approx(5.0732, abs=5e-5)
    assert s["composite_display"] == Decimal("5.07")
    assert s["main_pollutant"] == "PM2.5"
    assert s["valid"] and s["validity"] == "有效"


def test_e4_published_heyuan_within_tolerance() -> None:
    vals = {"so2": 3.0, "no2": 13.0, "pm10": 16.0, "pm25": 13.0, "co": 0.9, "o3_8h": 87.0}
    con = make_con([], city_daily=_month("河源", date(2022, 2, 1), 28, **vals))
    s = Engine(con).period_stats("2022-02", source="published").row(0, named=True)
    assert s["composite_display"] == Decimal("1.74")
    assert abs(float(s["composite_display"]) - 1.73) <= 0.02


def test_e5_good_day_ratio_and_yoy() -> None:
    # this year: 31-day March, 1 day without AQI, 21 good of 30; PM2.5 mean 48
    cur = [{"pm25": 48.0, "pub_aqi": 80.0 if i < 21 else 120.0} for i in range(30)]
    cur.append({"pm25": None, "pub_aqi": None})
    # last year: good-day ratio 65.5 % is 19 of 29 (65.517…) → 65.5; PM2.5 52
    prev = [{"pm25": 52.0, "pub_aqi": 80.0 if i < 19 else 120.0} for i in range(29)]
    prev += [{"pm25": None, "pub_aqi": None}] * 2
    rows = published_days("C", date(2019, 3, 1), cur) + published_days("C", date(2018, 3, 1), prev)
    con = make_con([], city_daily=rows)
    e = Engine(con)
    s = e.period_stats("2019-03", source="published").row(0, named=True)
    assert (s["valid_days"], s["good_days"], s["good_ratio_display"]) == (30, 21, Decimal("70.0"))
    y = e.yoy("2019-03", source="published").row(0, named=True)
    assert y["good_ratio_prev"] == Decimal("65.5")
    assert y["good_ratio_change"] == Decimal("4.5")
    assert y["pm25_change"] == Decimal("-7.7")
    assert y["good_days_change"] == 2


def test_rank_ties_competition_and_insufficient_unranked() -> None:
    rows: list[dict[str, Any]] = []
    base = {"so2": 10.0, "no2": 30.0, "pm10": 70.0, "co": 1.0, "o3_8h": 150.0}
    for city, pm25 in (("A", 30.0), ("B", 40.0), ("C", 40.0), ("D", 50.0)):
        rows += _month(city, date(2019, 3, 1), 31, pm25=pm25, **base)
    rows += _month("E", date(2019, 3, 1), 20, pm25=10.0, **base)  # 20 < 27 days
    con = make_con([], city_daily=rows)
    r = Engine(con).rank("2019-03", source="published")
    ranks = dict(zip(r["area"], r["rank"], strict=True))
    assert ranks == {"A": 1, "B": 2, "C": 2, "D": 4, "E": None}
    e_row = r.filter(r["area"] == "E").row(0, named=True)
    assert e_row["validity"] == "数据不足" and e_row["insufficient_months"] == "2019-03"
    by_pm = Engine(con).rank("2019-03", by="good_ratio", source="published")
    assert by_pm["rank"].to_list()[:4] == [1, 1, 1, 1]


def test_rank_improvement_by_change() -> None:
    base = {"so2": 10.0, "no2": 30.0, "pm10": 70.0, "co": 1.0, "o3_8h": 150.0}
    rows: list[dict[str, Any]] = []
    for city, now, before in (("A", 30.0, 30.0), ("B", 40.0, 50.0), ("C", 45.0, 40.0)):
        rows += _month(city, date(2019, 3, 1), 31, pm25=now, **base)
        rows += _month(city, date(2018, 3, 1), 31, pm25=before, **base)
    con = make_con([], city_daily=rows)
    r = Engine(con).rank("2019-03", improvement=True, source="published")
    assert r["area"].to_list() == ["B", "A", "C"]
    assert r["rank"].to_list() == [1, 2, 3]


def test_unknown_rank_stat_is_refused() -> None:
    con = make_con([], city_daily=_month("A", date(2019, 3, 1), 3, pm25=1.0))
    with pytest.raises(ValueError, match="cannot rank"):
        Engine(con).rank("2019-03", by="colour", source="published")


def test_annual_validity_324_days_and_months() -> None:
    base = {"so2": 10.0, "no2": 30.0, "pm10": 70.0, "pm25": 35.0, "co": 1.0, "o3_8h": 150.0}

    def year(skip_feb_after: int, skip_jul_after: int) -> list[dict[str, Any]]:
        rows = []
        d = date(2019, 1, 1)
        while d.year == 2019:
            if not (d.month == 2 and d.day > skip_feb_after) and not (
                d.month == 7 and d.day > skip_jul_after
            ):
                rows.append({"city": "A", "date": d, "source": "t", **base})
            d += timedelta(days=1)
        return rows

    ok = Engine(make_con([], city_daily=year(25, 27))).period_stats("2019", source="published")
    s = ok.row(0, named=True)
    assert s["valid_days"] == 365 - 3 - 4
    assert s["valid"] and s["insufficient_months"] is None
    bad = Engine(make_con([], city_daily=year(24, 26))).period_stats("2019", source="published")
    b = bad.row(0, named=True)
    assert not b["valid"] and b["insufficient_months"] == "2019-02,2019-07"
    assert b["validity"] == "数据不足"


# --- properties ---

conc = st.one_of(st.none(), st.integers(0, 5200).map(lambda x: x / 10))
co_conc = st.one_of(st.none(), st.integers(0, 700).map(lambda x: x / 10))


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(conc, conc, co_conc, conc, conc, conc), min_size=1, max_size=40))
def test_sql_daily_aqi_equals_scalar_standard(days: list[tuple[float | None, ...]]) -> None:
    """Whole-day constant values: 24-h means, O3 max 1 h and MDA8 equal the value; the SQL
    indices must equal ``hj633_2012.daily_aqi`` (exact arithmetic, ceiling)."""
    rows = []
    stations = []
    for i, (so2, no2, co, o3, pm10, pm25) in enumerate(days):
        code = f"S{i}"
        stations.append((code, "C", "national"))
        rows += full_day(D, code, so2=so2, no2=no2, co=co, o3=o3, pm10=pm10, pm25=pm25)
    df = Engine(make_con(rows, stations)).station_daily(D, D)
    got = {r["station_code"]: r for r in df.iter_rows(named=True)}
    for i, (so2, no2, co, o3, pm10, pm25) in enumerate(days):
        ref = hj633_2012.daily_aqi(
            so2_24h=so2, no2_24h=no2, co_24h=co, o3_1h=o3, o3_8h=o3, pm10_24h=pm10, pm25_24h=pm25
        )
        r = got[f"S{i}"]
        assert r["aqi"] == ref.aqi
        assert r["iaqi_pm25"] == ref.iaqis["pm25_24h"].value
        assert r["iaqi_co"] == ref.iaqis["co_24h"].value
        assert r["iaqi_o3_8h"] == ref.iaqis["o3_8h"].value
        assert (r["primary_pollutant"] is None) == (len(ref.primary) == 0)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(conc, conc, co_conc, conc, conc, conc), min_size=1, max_size=40))
def test_sql_hourly_aqi_equals_scalar_standard(hours: list[tuple[float | None, ...]]) -> None:
    rows = []
    stations = []
    ts = datetime(2019, 5, 1, 12)
    for i, (so2, no2, co, o3, pm10, pm25) in enumerate(hours):
        stations.append((f"S{i}", "C", "national"))
        so2 = None if so2 is not None and so2 > 800 else so2  # > 800 needs a 24-h mean
        rows.append({"station_code": f"S{i}", "ts": ts, "so2": so2, "no2": no2, "co": co,
                     "o3": o3, "pm10": pm10, "pm25": pm25})  # fmt: skip
    df = Engine(make_con(rows, stations)).hourly_aqi(ts.date(), ts.date())
    got = {r["station_code"]: r for r in df.iter_rows(named=True)}
    for r0 in rows:
        ref = hj633_2012.hourly_aqi(
            so2_1h=r0["so2"], no2_1h=r0["no2"], co_1h=r0["co"], o3_1h=r0["o3"],
            pm10_1h=r0["pm10"], pm25_1h=r0["pm25"],
        )  # fmt: skip
        assert got[r0["station_code"]]["aqi"] == ref.aqi


@settings(max_examples=10, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 400), st.integers(1, 300), st.integers(2, 60)),
        min_size=5,
        max_size=31,
    )
)
def test_period_properties(days: list[tuple[int, int, int]]) -> None:
    vals = [
        {"pm25": float(a), "pm10": float(a + b), "so2": 5.0, "no2": 20.0, "co": c / 10,
         "o3_8h": float(b), "pub_aqi": float(a + b // 2)}
        for a, b, c in days
    ]  # fmt: skip
    con = make_con([], city_daily=published_days("C", date(2019, 1, 1), vals))
    s = Engine(con).period_stats("2019-01", source="published").row(0, named=True)
    assert 0 <= s["good_days"] <= s["valid_days"] <= 31
    assert 0 <= s["capture_ratio"] <= 1
    assert s["heavy_pollution_days"] <= s["valid_days"] - s["good_days"]
    pm = [v["pm25"] for v in vals]
    assert min(pm) <= s["pm25"] <= max(pm)
    assert Decimal(str(min(pm))) <= s["pm25_p95"] <= Decimal(str(max(pm)))
    co = sorted(v["co"] for v in vals)
    assert Decimal(str(co[0])) <= s["co_p95"] <= Decimal(str(co[-1]))
    cats = sum(s[k] for k in ("days_excellent", "days_good", "days_light", "days_moderate",
                              "days_heavy", "days_severe"))  # fmt: skip
    assert cats == s["valid_days"]


# --- hourly AQI fast path (profiles compute only what they use; compact outputs) -----------------


def test_hourly_half_even_input_rounding_and_co_exact() -> None:
    ts = datetime(2019, 5, 1, 12)
    rows = [
        {"station_code": "A", "ts": ts, "pm25": 60.5, "co": 2.25},  # → 60 (even), CO → 2.2
        {"station_code": "B", "ts": ts, "pm25": 61.5, "co": 2.05},  # → 62, CO → 2.0
        {"station_code": "C", "ts": ts, "co": 2.2},  # 1-h table: 50 × 2.2 / 5 = 22 exactly
    ]
    stations = (("A", "C", "national"), ("B", "C", "national"), ("C", "C", "national"))
    df = Engine(make_con(rows, stations)).hourly_aqi(ts.date(), ts.date())
    got = {r["station_code"]: r for r in df.iter_rows(named=True)}
    for code, r0 in zip("ABC", rows, strict=True):
        ref = hj633_2012.hourly_aqi(pm25_1h=r0.get("pm25"), co_1h=r0["co"])
        assert got[code]["iaqi_pm25"] == ref.iaqis["pm25_1h"].value
        assert got[code]["iaqi_co"] == ref.iaqis["co_1h"].value
    assert got["A"]["iaqi_pm25"] == hj633_2012.iaqi("pm25_24h", 60).value
    assert got["B"]["iaqi_pm25"] == hj633_2012.iaqi("pm25_24h", 62).value
    assert got["C"]["iaqi_co"] == 22  # binary 2.2 × 10 would give 22.000000000000004 → 23


def test_hourly_output_types_are_compact() -> None:
    import polars as pl

    ts = datetime(2019, 5, 1, 12)
    df = Engine(make_con([{"ts": ts, "pm25": 80.0}])).hourly_aqi(ts.date(), ts.date())
    assert df.schema["aqi"] == pl.Int16 and df.schema["iaqi_pm25"] == pl.Int16
    assert df.schema["level"] == pl.Int8
    r = df.row(0, named=True)
    assert (r["aqi"], r["level"], r["category"], r["category_en"]) == (
        107,
        3,
        "轻度污染",
        "lightly polluted",
    )


def _series(hours: int, **values: float) -> list[dict[str, Any]]:
    start = datetime(2019, 5, 1, 1)
    return [{"ts": start + timedelta(hours=k), **values} for k in range(hours)]


def test_published_profile_computes_no_window() -> None:
    rows = _series(30, so2=300.0, pm25=80.0, pm10=100.0, o3=150.0)
    df = Engine(make_con(rows)).hourly_aqi(date(2019, 5, 1), date(2019, 5, 2))
    for c in ("so2_24h", "pm10_24h", "pm25_24h", "o3_8h"):
        assert df[c].null_count() == df.height  # SO2 ≤ 800: no sliding mean needed
    assert (df["iaqi_o3_8h"].is_null()).all()


def test_hj633_2012_profile_uses_pm_24h_sliding_means() -> None:
    rows = _series(24, pm25=50.0)
    rows += [{"ts": rows[-1]["ts"] + timedelta(hours=1), "pm25": 290.0}]
    opts = EvaluationOptions(realtime_profile="HJ633_2012")
    df = Engine(make_con(rows), opts).hourly_aqi(date(2019, 5, 1), date(2019, 5, 2))
    last = df.row(df.height - 1, named=True)
    mean = (23 * 50.0 + 290.0) / 24  # 60 µg/m³ over the 24 hours ending at the last one
    assert last["pm25_24h"] == pytest.approx(mean)
    assert last["iaqi_pm25"] == hj633_2012.iaqi("pm25_24h", mean).value
    assert df["so2_24h"].null_count() == df.height
    pub = Engine(make_con(rows)).hourly_aqi(date(2019, 5, 1), date(2019, 5, 2))
    assert (
        pub.row(pub.height - 1, named=True)["iaqi_pm25"] == hj633_2012.iaqi("pm25_24h", 290).value
    )


@settings(max_examples=10, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.integers(0, 3000).map(lambda x: x / 10)), min_size=8, max_size=40
    ),
    st.sampled_from(["HJ633_2012", "CNEMC_2014"]),
)
def test_sql_windowed_profiles_equal_scalar(values: list[float | None], profile: str) -> None:
    """Sliding means from the SQL window, indices equal the scalar standard fed those means."""
    rows = [{**r, "pm25": v, "o3": v} for r, v in zip(_series(len(values)), values, strict=True)]
    opts = EvaluationOptions(realtime_profile=profile)  # type: ignore[arg-type]
    df = Engine(make_con(rows), opts).hourly_aqi(date(2019, 5, 1), date(2019, 5, 3))
    for r in df.iter_rows(named=True):
        ref = hj633_2012.hourly_aqi(
            o3_1h=r["o3"], pm25_1h=r["pm25"], o3_8h=r["o3_8h"], pm25_24h=r["pm25_24h"],
            profile=profile,  # type: ignore[arg-type]
        )  # fmt: skip
        assert r["aqi"] == ref.aqi


def test_unordered_and_copy_give_the_same_rows(tmp_path: Any) -> None:
    from lantian.airquality.engine.hourly_sql import copy_to_parquet_sql, hourly_aqi_sql

    other = {"station_code": "B", "ts": datetime(2019, 5, 1, 3), "pm25": 20.0}
    rows = [*_series(30, so2=900.0, pm25=80.0), other]
    con = make_con(rows, (("S1", "C", "national"), ("B", "C", "national")))
    e = Engine(con)
    d0, d1 = date(2019, 5, 1), date(2019, 5, 2)
    ordered = e.hourly_aqi(d0, d1)
    sql = hourly_aqi_sql(e.dialect, e.versions, e.options, d0, d1, None, ordered=False)
    path = tmp_path / "h.parquet"
    con.execute(copy_to_parquet_sql(sql, str(path)))
    import polars as pl

    copied = pl.read_parquet(path).sort("station_code", "ts")
    assert copied["aqi"].to_list() == ordered["aqi"].to_list()
    assert copied["so2_24h"].to_list() == ordered["so2_24h"].to_list()
    s1 = ordered.filter(pl.col("station_code") == "S1")
    assert s1["so2_24h"].null_count() == 19  # fewer than 20 valid hours in the first 19
    assert s1["so2_24h"].drop_nulls().to_list() == [900.0] * 11


def test_hourly_versions_switch_inside_one_query() -> None:
    from lantian.airquality.engine.hourly_sql import active_versions

    e = Engine(make_con([]))
    assert [v.name for v in active_versions(e.versions, date(2019, 1, 1), date(2019, 12, 31))] == [
        "HJ 633-2012"
    ]
    both = active_versions(e.versions, date(2026, 2, 28), date(2026, 3, 1))
    assert [v.name for v in both] == ["HJ 633-2012", "HJ 633-2026"]
    rows = [
        {"ts": datetime(2026, 2, 28, 12), "pm25": 70.0, "so2": 900.0},
        {"ts": datetime(2026, 3, 1, 12), "pm25": 70.0, "so2": 900.0},
    ]
    df = Engine(make_con(rows)).hourly_aqi(date(2026, 2, 28), date(2026, 3, 1))
    old, new = df.row(0, named=True), df.row(1, named=True)
    assert (old["aqi_version"], old["iaqi_pm25"]) == ("HJ 633-2012", 94)
    # 2026 表3: PM2.5 60 → 100, 115 → 150, so 70 → ⌈109.09⌉; SO2 1 h > 800 → 200 (note b)
    assert (new["aqi_version"], new["iaqi_pm25"], new["iaqi_so2"]) == ("HJ 633-2026", 110, 200)
