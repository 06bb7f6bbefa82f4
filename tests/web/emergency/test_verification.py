"""Verification of the stored warnings and forecasts (docs/emergency_verification.md, "On the
platform"): the page, the API, the desk's panel and a warning's own verdict, on a tiny
measurement store whose daily AQI is chosen day by day.

The store has one station of 石家庄 whose 24 hourly values a day are all equal, PM2.5 alone
deciding the AQI (PM10 50 µg/m³ → IAQI 50; O3 80 → 40; SO2, NO2, CO low). HJ 633 表1, PM2.5 24-h
breakpoints 75/100, 115/150, 150/200, 250/300, 350/400: PM2.5 75 → 100, 136 → 180, 143 → 190,
160 → 210, 180 → 230, 190 → 240, 210 → 260, 230 → 280, 270 → 320. Observed daily AQI:

=====  =====  =====  =====  =====  =====  =====  =====  =====  =====  =====
09-01  …      09-06  09-07  09-08  09-09  09-10  09-11  09-12  09-13  09-14
100    100    100    180    230    260    320    280    190    120    210
=====  =====  =====  =====  =====  =====  =====  =====  =====  =====  =====

09-15: 240, 09-16 … 09-19: 100. Graded (2018 scheme): 09-08 … 09-11, 96 h > 200 and 24 h > 300
→ orange (red needs 48 h > 300); 09-14 … 09-15, 48 h > 200 → yellow.

The orange warning of the sample forecast (issued 09-06, measures from 09-08 00:00) lifted on
09-12 at 10:00 is in force on 09-08 … 09-12: orange on every day; observed orange 09-08 … 09-11,
none on 09-12 (190) → that day over-warned, the warning (orange against orange) a hit. The yellow
episode of 09-14 … 09-15 has no warning: missed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from lantian.airquality.ingest import ingest_paths
from lantian.airquality.stations import read_station_list
from lantian.airquality.store import MeasurementStore
from tests.web.emergency.conftest import Emergency, issue_orange
from tests.web.ledger.factories import at

pytestmark = pytest.mark.django_db

#: PM2.5 [µg/m³] of each day (all hours equal) and the AQI it gives (module docstring).
PM25 = {
    **{date(2019, 9, d): 75 for d in range(1, 7)},
    date(2019, 9, 7): 136,
    date(2019, 9, 8): 180,
    date(2019, 9, 9): 210,
    date(2019, 9, 10): 270,
    date(2019, 9, 11): 230,
    date(2019, 9, 12): 143,
    date(2019, 9, 13): 91,
    date(2019, 9, 14): 160,
    date(2019, 9, 15): 190,
    **{date(2019, 9, d): 75 for d in range(16, 20)},
}
AFTER = at("2019-09-20", 10)


def build_store(base: Path) -> Path:
    stations = base / "stations.csv"
    stations.write_text(
        "监测点编码,监测点名称,城市,经度,纬度\nV001,检验站,石家庄,114.5,38.0\n", encoding="utf-8"
    )
    lines = ["station_code,time,pollutant,value,unit,qc"]
    for day, pm25 in PM25.items():
        start = datetime.combine(day, datetime.min.time())
        for h in range(1, 25):
            ts = (start + timedelta(hours=h)).strftime("%Y-%m-%dT%H:%M")
            for p, v, u in (
                ("pm25", pm25, "ug/m3"),
                ("pm10", 50, "ug/m3"),
                ("so2", 10, "ug/m3"),
                ("no2", 30, "ug/m3"),
                ("co", 0.5, "mg/m3"),
                ("o3", 80, "ug/m3"),
            ):
                lines.append(f"V001,{ts},{p},{v},{u},")
    hours = base / "hours.csv"
    hours.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = MeasurementStore(base / "store")
    store.upsert_stations(read_station_list(stations))
    outcomes = ingest_paths(store, [hours])
    assert [getattr(o, "error", None) for o in outcomes] == [None]
    return base


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("verification-data"))


@pytest.fixture
def with_store(settings: Any, data_dir: Path) -> Path:
    settings.LANTIAN_DATA_DIR = data_dir
    return data_dir


def pin(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    from lantian.web.ledger import clock

    monkeypatch.setattr(clock, "now", lambda: moment)


@pytest.fixture
def lifted(emergency: Emergency, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The orange warning issued on 09-06, lifted 09-12 10:00; "now" then 09-20 10:00."""
    from lantian.web.emergency import desk

    warning = issue_orange(emergency)
    pin(monkeypatch, at("2019-09-12", 10))
    desk.act(emergency.user("office"), warning, {"kind": "lift", "approver": "副指挥长 王某"})
    pin(monkeypatch, AFTER)
    warning.refresh_from_db()
    return warning


def api(user: Any) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


RANGE = {"from": "2019-09-01", "to": "2019-09-20"}


def test_the_store_gives_the_daily_aqi_of_the_docstring(with_store: Path, lifted: Any) -> None:
    from lantian.web.emergency import verifying

    observed, store = verifying.observations(lifted.city, date(2019, 9, 1), date(2019, 9, 30))
    assert store is True
    assert [observed[date(2019, 9, d)].aqi for d in range(5, 17)] == [
        100, 100, 180, 230, 260, 320, 280, 190, 120, 210, 240, 100,
    ]  # fmt: skip
    assert max(observed) == date(2019, 9, 19)  # up to yesterday


def test_the_api_gives_the_verdict_the_missed_episode_and_the_scores(
    with_store: Path, lifted: Any, emergency: Emergency
) -> None:
    response = api(emergency.user("office")).get(
        "/api/emergency/verification/", {"city": emergency.city.pk, **RANGE}
    )
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    assert (body["city"], body["from"], body["to"], body["store"]) == (
        {"id": emergency.city.pk, "name": "石家庄市"},
        "2019-09-01",
        "2019-09-20",
        True,
    )
    assert body["observed_days"] == 19
    assert body["counts"] == {
        "hit": 1,
        "over": 0,
        "under": 0,
        "pending": 0,
        "withdrawn": 0,
        "missed": 1,
    }
    (w,) = body["warnings"]
    assert (w["id"], w["first_day"], w["last_day"], w["issued"], w["observed"]) == (
        lifted.pk,
        "2019-09-08",
        "2019-09-12",
        "orange",
        "orange",
    )
    assert (w["verdict"], w["verdict_zh"], w["missing_days"]) == ("hit", "命中", [])
    assert w["levels"] == [{"level": "orange", "from": "2019-09-08T00:00:00+08:00"}]
    assert [(d["day"][5:], d["aqi"], d["observed"], d["verdict"]) for d in w["days"]] == [
        ("09-08", 230, "orange", "hit"),
        ("09-09", 260, "orange", "hit"),
        ("09-10", 320, "orange", "hit"),
        ("09-11", 280, "orange", "hit"),
        ("09-12", 190, None, "over"),
    ]
    assert body["missed"] == [
        {
            "first_day": "2019-09-14",
            "last_day": "2019-09-15",
            "days": 2,
            "level": "yellow",
            "peak_aqi": 240,
        }
    ]
    # the sample forecast issued 09-06 07:00 (180, 230, 260, 320, 280, 190, 150 for 09-07 …
    # 09-13) against 180, 230, 260, 320, 280, 190, 120: every category right (150 and 120 are
    # both 轻度); persistence repeats 09-06's 100 (良): no category right, one within one level
    # (09-13, 轻度); AQI > 200 on 09-08 … 09-11 forecast and observed, never by persistence
    assert body["forecast_count"] == 1
    scores = body["forecasts"]
    (all_fc,) = [r for r in scores["forecast"] if r["lead"] is None]
    (all_pe,) = [r for r in scores["persistence"] if r["lead"] is None]
    assert [r["lead"] for r in scores["forecast"]] == [1, 2, 3, 4, 5, 6, 7, None]
    assert all_fc["exact_level"]["hits"] == 7 and all_fc["exact_level"]["n"] == 7
    assert (all_pe["exact_level"]["hits"], all_pe["within_one_level"]["hits"]) == (0, 1)
    assert all_fc["primary_pollutant"] == {
        "hits": 7,
        "n": 7,
        "rate": {"value": 1.0, "undefined_zh": None, "undefined_en": None},
    }
    heavy_fc, heavy_pe = all_fc["events"][0], all_pe["events"][0]
    assert [heavy_fc[k] for k in ("hits", "misses", "false_alarms", "correct_negatives")] == [
        4,
        0,
        0,
        3,
    ]
    assert [heavy_pe[k] for k in ("hits", "misses", "false_alarms", "correct_negatives")] == [
        0,
        4,
        0,
        3,
    ]
    assert heavy_pe["far"] == {
        "value": None,
        "undefined_zh": "无预报事件：FAR 无定义",
        "undefined_en": "no forecast event: FAR undefined",
    }
    orange = next(e for e in all_fc["events"] if e["event"] == "orange")
    red = next(e for e in all_fc["events"] if e["event"] == "red")
    assert (orange["hits"], orange["correct_negatives"], red["hits"], red["ts"]["value"]) == (
        4,
        3,
        0,
        None,
    )


def test_the_default_range_is_the_last_90_days_and_the_city_that_of_the_latest_warning(
    with_store: Path, lifted: Any, emergency: Emergency
) -> None:
    body = api(emergency.user("inspector")).get("/api/emergency/verification/").json()
    assert (body["city"]["id"], body["from"], body["to"]) == (
        emergency.city.pk,
        "2019-06-23",
        "2019-09-20",
    )
    assert body["counts"]["hit"] == 1 and body["counts"]["missed"] == 1


def test_a_warning_still_in_force_is_not_yet_verifiable_and_names_its_days(
    with_store: Path, emergency: Emergency, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Orange in force from 09-08 00:00, expected end 09-12 00:00; on 09-10 10:00 the store gives
    days up to 09-09 only (yesterday)."""
    from lantian.web.emergency import verifying

    warning = issue_orange(emergency)
    pin(monkeypatch, at("2019-09-10", 10))
    verdict = verifying.verdict_for(warning)
    assert verdict is not None
    assert (verdict["verdict"], verdict["missing_days"]) == (
        "pending",
        ["2019-09-10", "2019-09-11"],
    )
    # so far the observations show 09-08 and 09-09 above 200 (48 h): yellow, below the orange
    assert [(d["observed"], d["verdict"]) for d in verdict["days"]] == [
        ("yellow", "over"),
        ("yellow", "over"),
        (None, "pending"),
        (None, "pending"),
    ]


def test_a_warnings_own_verdict_for_its_page(with_store: Path, lifted: Any) -> None:
    from django.template.loader import render_to_string

    from lantian.web.emergency import verifying

    verdict = verifying.verdict_for(lifted)
    assert verdict is not None
    assert (verdict["verdict"], verdict["observed"], verdict["store"]) == ("hit", "orange", True)
    html = render_to_string(
        "emergency/warning_verdict.html", {"v": verdict, "w": lifted, "zh": True}
    )
    assert 'data-verdict="hit">命中</span>' in html
    assert 'data-level="orange">橙色预警</span>' in html
    assert f"?city={lifted.city_id}&amp;from=2019-09-08&amp;to=2019-09-12" in html


def test_the_page_shows_verdicts_missed_episodes_and_scores(
    with_store: Path, lifted: Any, client_for: Any
) -> None:
    response = client_for("office").get("/emergency/verification/", RANGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="verdict-{lifted.pk}"' in html
    assert 'data-verdict="hit">命中</span>' in html
    assert 'data-verdict="over">偏高（过度预警）</span>' in html  # 09-12, day by day
    assert 'data-count="missed">漏报 1</span>' in html
    assert '<tr class="missed"><td class="when">2019-09-14</td>' in html
    assert 'id="level-scores"' in html and 'id="event-aqi&gt;200"' in html
    assert "1.00" in html


def test_who_may_read_it(
    with_store: Path, lifted: Any, client_for: Any, emergency: Emergency
) -> None:
    for name in ("office", "inspector"):
        assert client_for(name).get("/emergency/verification/").status_code == 200
        assert api(emergency.user(name)).get("/api/emergency/verification/").status_code == 200
    for name in ("lead", "cooperating", "other_dept", "area", "enterprise"):
        assert client_for(name).get("/emergency/verification/").status_code == 403
        body = api(emergency.user(name)).get("/api/emergency/verification/").json()
        assert (body["ok"], body["status"]) == (False, 403)


def test_anonymous_visitors_go_to_the_login_page_or_get_401(with_store: Path, client: Any) -> None:
    response = client.get("/emergency/verification/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    body = api(None).get("/api/emergency/verification/").json()
    assert (body["ok"], body["status"]) == (False, 401)


def test_bad_queries_name_the_parameter(with_store: Path, emergency: Emergency) -> None:
    office = api(emergency.user("office"))
    bad = office.get("/api/emergency/verification/", {"from": "2019-13-01"}).json()
    assert (bad["status"], list(bad["errors"])) == (400, ["from"])
    assert bad["error"].startswith("from: from")
    reversed_range = office.get(
        "/api/emergency/verification/", {"from": "2019-09-10", "to": "2019-09-01"}
    ).json()
    assert (reversed_range["status"], list(reversed_range["errors"])) == (400, ["from"])
    too_long = office.get(
        "/api/emergency/verification/", {"from": "2017-01-01", "to": "2019-09-01"}
    ).json()
    assert (too_long["status"], list(too_long["errors"])) == (400, ["to"])
    not_an_id = office.get("/api/emergency/verification/", {"city": "x"}).json()
    assert (not_an_id["status"], list(not_an_id["errors"])) == (400, ["city"])


def test_the_page_shows_a_bad_query_with_its_parameter(
    with_store: Path, emergency: Emergency, client_for: Any
) -> None:
    response = client_for("office").get("/emergency/verification/", {"from": "2019-13-01"})
    assert response.status_code == 400
    assert "<li>from 应为 YYYY-MM-DD 格式，收到“2019-13-01”。</li>" in response.content.decode()
    response = client_for("office").get("/emergency/verification/", {"city": "x"})
    assert "<li>city: 应为编号。</li>" in response.content.decode()


def test_a_city_that_is_not_a_city_of_the_platform_is_404(
    with_store: Path, emergency: Emergency, client_for: Any
) -> None:
    district = emergency.personas.areas["changan"].pk
    response = api(emergency.user("office")).get("/api/emergency/verification/", {"city": district})
    assert response.status_code == 404 and response.json()["ok"] is False
    assert client_for("office").get("/emergency/verification/", {"city": 99999}).status_code == 404


def test_without_a_store_every_warning_waits_for_its_observations(
    settings: Any, tmp_path: Path, lifted: Any, emergency: Emergency
) -> None:
    settings.LANTIAN_DATA_DIR = tmp_path
    body = api(emergency.user("office")).get("/api/emergency/verification/", RANGE).json()
    assert (body["store"], body["observed_days"], body["missed"]) == (False, 0, [])
    (w,) = body["warnings"]
    assert w["verdict"] == "pending" and len(w["missing_days"]) == 5


@pytest.fixture
def stale(with_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    store = MeasurementStore(with_store / "store")
    current = store.hourly_version()
    assert current is not None
    monkeypatch.setattr(MeasurementStore, "daily_reflects", lambda self: current - 1)
    return with_store


def test_a_stale_store_is_503_on_the_page_and_the_api_but_not_on_the_desk(
    stale: Path, lifted: Any, client_for: Any, emergency: Emergency
) -> None:
    from lantian.web.emergency import verifying

    assert client_for("office").get("/emergency/verification/").status_code == 503
    body = api(emergency.user("office")).get("/api/emergency/verification/").json()
    assert body["status"] == 503 and "lantian aq refresh" in body["error"]
    panel = verifying.desk_panel(emergency.user("office"))
    assert panel is not None and "lantian aq refresh" in panel["unavailable"]
    assert "lantian aq refresh" in (verifying.verdict_for(lifted) or {})["unavailable"]


def with_panel(monkeypatch: pytest.MonkeyPatch) -> None:
    """The desk's context with the panel, as the line the lead adds to ``pages._desk`` gives it
    (``"verification": verifying.desk_panel(request.user)``)."""
    from lantian.web.emergency import pages, verifying

    original = pages.page

    def page(request: Any, template: str, context: dict[str, Any], status: int = 200) -> Any:
        if template == "emergency/desk.html":
            context.setdefault("verification", verifying.desk_panel(request.user))
        return original(request, template, context, status)

    monkeypatch.setattr(pages, "page", page)


def test_the_desk_panel_counts_the_last_90_days(
    with_store: Path, lifted: Any, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lantian.web.emergency import verifying

    panel = verifying.desk_panel(lifted.opened_by)
    assert panel is not None
    assert (panel["city"], panel["from"], panel["to"]) == (
        lifted.city,
        date(2019, 6, 23),
        date(2019, 9, 20),
    )
    assert panel["counts"] == {
        "hit": 1,
        "over": 0,
        "under": 0,
        "pending": 0,
        "withdrawn": 0,
        "missed": 1,
    }
    with_panel(monkeypatch)
    html = client_for("office").get("/emergency/").content.decode()
    assert 'id="verification-panel"' in html
    assert 'data-count="hit">命中 1</span>' in html and 'data-count="missed">漏报 1</span>' in html
    assert (
        f'href="/emergency/verification/?city={lifted.city_id}&amp;from=2019-06-23&amp;'
        'to=2019-09-20"'
    ) in html


def test_the_panel_is_for_the_office_and_inspectors_only(lifted: Any, emergency: Emergency) -> None:
    from lantian.web.emergency import verifying

    for name in ("lead", "area", "enterprise"):
        assert verifying.desk_panel(emergency.user(name)) is None
