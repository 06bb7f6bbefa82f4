"""The dashboard's numbers are the engine's: targets, calendar and ranking on the sample store."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lantian.airquality.engine import Engine
from lantian.airquality.periods import Period
from lantian.airquality.store import MeasurementStore
from tests.web.dashboard.conftest import LAST_DAY

AS_OF = date(2019, 2, 28)


@pytest.fixture(scope="module")
def engine(sample_data_dir: Path) -> Engine:
    return Engine(MeasurementStore(sample_data_dir / "store").connect())


def get_json(client: Any, query: str = "") -> dict[str, Any]:
    response = client.get("/api/dashboard/" + query)
    assert response.status_code == 200, response.content[:300]
    body: dict[str, Any] = response.json()
    return body


def test_as_of_defaults_to_the_last_day_with_data(client_for: Any, with_store: Path) -> None:
    body = get_json(client_for("office"))
    assert (body["as_of"], body["last_day"], body["city"]) == (LAST_DAY, LAST_DAY, "石家庄")


def test_pm25_target_value_and_remaining_average(
    client_for: Any, with_store: Path, engine: Engine
) -> None:
    body = get_json(client_for("lead"), f"?date={AS_OF}")
    pm25 = next(t for t in body["targets"] if t["label"].startswith("全市PM2.5"))
    stats = engine.period_stats(Period(date(2019, 1, 1), AS_OF), areas=["石家庄"]).row(
        0, named=True
    )
    assert pm25["value"] == float(stats["pm25_display"])
    assert (pm25["days_elapsed"], pm25["days_total"], pm25["bound"]) == (59, 365, 67.0)
    # evaluation.md §10: with n valid days averaging V, the 365 − 59 days to come must average
    # (67·(n + 306) − V·n) / 306.
    n, v = stats["n_pm25"], stats["pm25"]
    assert pm25["required"] == pytest.approx((67 * (n + 306) - v * n) / 306, abs=0.005)
    assert pm25["required"] < 67  # a winter above the annual target leaves less for the rest
    assert pm25["op_sign"] == "≤"
    assert pm25["status"] in ("on_track", "at_risk")


def test_every_target_of_the_file_is_shown(client_for: Any, with_store: Path) -> None:
    body = get_json(client_for("area"), f"?date={AS_OF}")
    metrics = [t["metric"] for t in body["targets"]]
    assert metrics == ["pm25", "pm25", "composite", "composite", "good_ratio"]
    good = body["targets"][-1]
    assert (good["op_sign"], good["bound"], good["unit"]) == ("≥", 44.7, "%")


def test_calendar_days_are_the_engine_daily_aqi(
    client_for: Any, with_store: Path, engine: Engine
) -> None:
    cal = get_json(client_for("office"), f"?date={AS_OF}")["calendar"]
    daily = engine.city_daily(date(2019, 1, 1), AS_OF, cities=["石家庄"])
    expected = [
        [d.isoformat(), aqi, level]
        for d, aqi, level in daily.select("date", "aqi", "level").iter_rows()
        if aqi is not None
    ]
    assert cal["days"] == expected
    assert (cal["start"], cal["end"], cal["city"]) == ("2019-01-01", "2019-02-28", "石家庄")
    assert all(1 <= level <= 6 for _d, _aqi, level in cal["days"])


def test_calendar_levels_carry_the_hj633_colours(client_for: Any, with_store: Path) -> None:
    levels = get_json(client_for("office"))["calendar"]["levels"]
    # HJ 633-2012 附录A 表A.1: green, yellow, orange, red, purple, maroon.
    assert [lv["colour"] for lv in levels] == [
        "#00E400",
        "#FFFF00",
        "#FF7E00",
        "#FF0000",
        "#99004C",
        "#7E0023",
    ]
    assert [(lv["aqi_lo"], lv["aqi_hi"]) for lv in levels][:2] == [(0, 50), (51, 100)]
    assert levels[-1]["aqi_hi"] is None


def test_ranking_is_the_engine_composite_ranking(
    client_for: Any, with_store: Path, engine: Engine
) -> None:
    ranking = get_json(client_for("office"), f"?date={AS_OF}")["ranking"]
    assert (ranking["by"], ranking["period"]) == ("composite", "2019-01-01..2019-02-28")
    rows = ranking["rows"]
    assert {r["area"] for r in rows} == {"北京", "石家庄", "郑州"}
    composites = [r["composite"] for r in rows]
    assert composites == sorted(composites)
    assert [r["rank"] for r in rows] == [1, 2, 3]
    stats = engine.period_stats(Period(date(2019, 1, 1), AS_OF), areas=["北京"]).row(0, named=True)
    beijing = next(r for r in rows if r["area"] == "北京")
    assert beijing["composite"] == float(stats["composite_display"])


def test_city_parameter_moves_the_calendar(client_for: Any, with_store: Path) -> None:
    body = get_json(client_for("office"), f"?date={AS_OF}&city=北京")
    assert body["calendar"]["city"] == "北京"
    assert body["targets"] == []  # the targets file has none for 北京


def test_a_bad_date_is_refused_with_the_error_shape(client_for: Any, with_store: Path) -> None:
    response = client_for("office").get("/api/dashboard/?date=2019-02-30")
    assert response.status_code == 400
    body = response.json()
    assert (body["ok"], body["status"]) == (False, 400)
    assert "2019-02-30" in body["error"]
