"""约谈 candidates on the demo's real data: 石家庄's monthly PM2.5 change, 2019 against 2018.

The store is the dashboard tests' sample (``tests/web/dashboard/conftest.py``: January–March 2019
station hours of ``data/sample`` plus the tianqihoubao city daily values 2013–2019), the plan
targets those of ``data/sample/targets_shijiazhuang_2019.csv`` (PM2.5 −7 %, composite index
−9 %, as ``lantian web load_demo`` stores them; the factory's PM2.5 ≤ 67 is no change target).
2019 months are computed from the station hours; 2018 has no station hours, so its months come
from the published city daily values.

Worked by hand in :func:`hand_pm25` (no engine):

- February 2019: the 27 days with a valid daily mean at the seven city stations (the background
  station 1035A 封龙山 is no city station) average 118.18 → 118; February 2018 published: 28 days
  averaging 93.43 → 93. (118 − 93) / 93 = +26.88 % → +26.9 %, short of −7 % → candidate.
- March 2019: 61.82 → 62 against March 2018: 103.0 → 103: (62 − 103) / 103 = −39.8 %, met.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from tests.web.dashboard.conftest import SAMPLE, TARGETS, sample_data_dir  # noqa: F401
from tests.web.ledger.factories import Ledger

#: The background station (对照点) of 石家庄, left out of city values (evaluation.md §4).
BACKGROUND = "1035A"


def hand_pm25(year: int, month: int) -> float:
    """石家庄's mean PM2.5 of a month: from the station hours for 2019 (a station day counts
    with ≥ 20 hourly values; hour 0 closes the previous day; the city day is the mean of its
    stations' days), from the published city daily values before (one row per day)."""
    first = date(year, month, 1)
    last = date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)
    if year == 2019:
        hours = pl.read_csv(
            SAMPLE / "sites_2019_beijing_shijiazhuang_zhengzhou_hourly.csv.gz",
            columns=["date", "hour", "station_code", "city", "PM2.5"],
            schema_overrides={"PM2.5": pl.Float64},
        ).filter((pl.col("city") == "石家庄") & (pl.col("station_code") != BACKGROUND))
        day = pl.col("date").str.to_date() - pl.duration(days=(pl.col("hour") == 0).cast(pl.Int32))
        stations = (
            hours.filter(pl.col("PM2.5").is_not_null())
            .with_columns(day=day)
            .group_by("station_code", "day")
            .agg(pm25=pl.col("PM2.5").mean(), n=pl.len())
            .filter(pl.col("n") >= 20)
        )
        days = stations.group_by("day").agg(pl.col("pm25").mean())
    else:
        daily = pl.read_csv(
            SAMPLE / "tianqihoubao_3cities_daily_2013_2019.csv.gz",
            columns=["city", "date", "PM2.5"],
            schema_overrides={"PM2.5": pl.Float64},
        ).filter(pl.col("city") == "石家庄")
        days = (
            daily.rename({"PM2.5": "pm25"})
            .with_columns(day=pl.col("date").str.to_date())
            .unique("day", keep="first")
        )
    month_days = days.filter((pl.col("day") >= first) & (pl.col("day") < last))
    return float(month_days["pm25"].mean())  # type: ignore[arg-type]


def test_the_hand_worked_means() -> None:
    assert hand_pm25(2019, 2) == pytest.approx(118.18, abs=0.005)
    assert hand_pm25(2018, 2) == pytest.approx(93.43, abs=0.005)
    assert hand_pm25(2019, 3) == pytest.approx(61.82, abs=0.005)
    assert hand_pm25(2018, 3) == pytest.approx(103.0, abs=0.005)


@pytest.fixture
def demo(
    ledger: Ledger,
    settings: Any,
    sample_data_dir: Path,  # noqa: F811 (the imported fixture)
    pin: Any,
) -> Ledger:
    from lantian.airquality.targets import read_targets
    from lantian.web.ledger.models import PlanTarget

    settings.LANTIAN_DATA_DIR = sample_data_dir
    for t in read_targets(TARGETS):
        PlanTarget.objects.create(
            plan=ledger.plan,
            metric=t.metric,
            area_name=t.area,
            period=t.period.label,
            op=t.op,
            bound=t.bound,
            change=t.change,
            baseline=t.baseline,
            label=t.label,
        )
    return ledger


def checks_on(client: Any, on: str) -> dict[str, Any]:
    body = client.get(f"/api/dispatch/?on={on}").json()["interview"]
    assert body["store"] is True
    return {c["metric"]: c for c in body["checks"]} | {"candidates": body["candidates"]}


def test_february_2019_falls_short_march_meets(client_for: Any, demo: Ledger) -> None:
    from lantian.planning.notices import change_percent

    client = client_for("office")
    feb = checks_on(client, "2019-03-08")
    pm25 = feb["pm25"]
    assert (pm25["area"], pm25["engine_area"]) == ("石家庄市", "石家庄")
    assert (pm25["value"], pm25["last_year"]) == (
        round(hand_pm25(2019, 2)),
        round(hand_pm25(2018, 2)),
    )
    assert (pm25["value"], pm25["last_year"], pm25["change"]) == (118, 93, 26.9)
    assert (pm25["valid_days"], pm25["source"]) == (27, "computed")
    assert (pm25["last_year_valid_days"], pm25["last_year_source"]) == (28, "published")
    assert pm25["candidate"] is True
    # The composite index (engine values): 8.83 against 7.64 → +15.6 %, short of −9 %.
    comp = feb["composite"]
    assert (comp["value"], comp["last_year"], comp["change"], comp["candidate"]) == (
        8.83,
        7.64,
        15.6,
        True,
    )
    assert change_percent(8.83, 7.64) == 15.6
    assert feb["candidates"] == ["石家庄市"]

    march = checks_on(client, "2019-04-05")
    assert (march["pm25"]["value"], march["pm25"]["last_year"]) == (62, 103)
    assert (march["pm25"]["change"], march["pm25"]["candidate"]) == (-39.8, False)
    assert march["composite"]["candidate"] is False
    assert march["candidates"] == []


def test_the_demo_candidate_is_one_notice_citing_both_targets(
    client_for: Any, demo: Ledger, personas: Any
) -> None:
    from lantian.web.ledger.models import Notice

    client_for("office").post("/api/notices/generate/?on=2019-03-08")
    notice = Notice.objects.get(rule="interview")
    assert (notice.recipient, notice.area, notice.refs) == (
        "石家庄市",
        personas.areas["city"],
        ["2019-02"],
    )
    assert notice.reason_zh == (
        "石家庄市2019年2月PM2.5平均浓度同比变化+26.9%，未达到-7.0%的改善目标；"
        "综合指数同比变化+15.6%，未达到-9.0%的改善目标，建议约谈属地主要负责同志"
    )
    assert notice.reason_en.startswith("石家庄市, 2019-02: PM2.5 mean changed +26.9% year on year")
