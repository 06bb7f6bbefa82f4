"""Target progress and 约谈 candidates on the dispatch, on the tiny store of ``air_store.py``.

The ledger of ``test_dispatch.py`` with these plan targets besides the factory's "石家庄 PM2.5 ≤ 67
in 2019": PM2.5 −7 % (石家庄, 长安, 鹿泉), PM10 −5 % (石家庄) in 2019, and PM2.5 −7 % for 石家庄 in
2020. Dispatch on Friday 2019-09-06: the judged month is 2019-08, against 2018-08.

Hand-worked, from the August means of ``air_store.py`` (evaluation.md §10: change on the display
values, to 0.1 %):

- 石家庄 PM2.5 (42 − 49) / 49 = −14.29 % → −14.3 %, meets −7 %;
- 石家庄 PM10 (85 − 85) / 85 = 0.0 %, short of −5 % → candidate;
- 长安 PM2.5 (60 − 62) / 62 = −3.23 % → −3.2 %, short of −7 % → candidate;
- 鹿泉 PM2.5 (45 − 40) / 40 = +12.5 %, short → candidate, but no ledger area is 鹿泉;
- the 2020 target does not hold August 2019 and is not judged.

Engine areas are ledger areas by name, then name + 市/区/县: 石家庄 → 石家庄市, 长安 → 长安区.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.web.ledger.air_store import build
from tests.web.ledger.factories import Ledger
from tests.web.ledger.test_dispatch import dispatch_ledger  # noqa: F401 (the fixture)


@pytest.fixture(scope="module")
def air_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("dispatch-air"))


@pytest.fixture
def with_air(settings: Any, air_dir: Path) -> Path:
    settings.LANTIAN_DATA_DIR = air_dir
    return air_dir


@pytest.fixture
def targets(dispatch_ledger: Ledger) -> Ledger:  # noqa: F811 (the imported fixture)
    from lantian.web.ledger.models import PlanTarget

    def add(area: str, metric: str, bound: float, period: str = "2019", label: str = "") -> None:
        PlanTarget.objects.create(
            plan=dispatch_ledger.plan,
            metric=metric,
            area_name=area,
            period=period,
            op="<=",
            bound=bound,
            change=True,
            label=label,
        )

    add("石家庄", "pm25", -7, label="PM2.5平均浓度较2018年下降7%")
    add("石家庄", "pm10", -5)
    add("长安", "pm25", -7)
    add("鹿泉", "pm25", -7)
    add("石家庄", "pm25", -7, period="2020")
    return dispatch_ledger


pytestmark = pytest.mark.usefixtures("targets", "pin")


def dispatch(client: Any, on: str = "2019-09-06") -> dict[str, Any]:
    response = client.get(f"/api/dispatch/?on={on}")
    assert response.status_code == 200, response.content[:300]
    body: dict[str, Any] = response.json()
    return body


def test_target_progress_per_area(client_for: Any, with_air: Path) -> None:
    """On 2019-09-06 (day 249 of 365; 116 days left) with the two valid August days of 2019.

    石家庄 PM2.5 ≤ 67: mean 42 over n = 2 days → the rest must average (67·118 − 42·2) / 116 =
    67.43. PM2.5 −7 %: last year's 1 Jan–6 Sep is 49 → bound 49 × 0.93 = 45.57, required
    (45.57·118 − 84) / 116 = 45.63. PM10 −5 %: bound 85 × 0.95 = 80.75 < 85 → at risk, required
    (80.75·118 − 170) / 116 = 80.68. 长安 PM2.5 −7 %: bound 62 × 0.93 = 57.66, one day at 60 →
    (57.66·117 − 60) / 116 = 57.64, at risk.
    """
    body = dispatch(client_for("office"))["target_progress"]
    assert (body["store"], body["as_of"]) == (True, "2019-09-06")
    groups = {g["area"]: g for g in body["areas"]}
    assert [(g["area"], g["engine_area"], g["matched"]) for g in body["areas"]] == [
        ("石家庄市", "石家庄", True),
        ("长安区", "长安", True),
        ("鹿泉", "鹿泉", False),
    ]
    rows = [
        (t["metric"], t["period"], t["value"], t["bound"], t["required"], t["status"])
        for t in groups["石家庄市"]["targets"]
    ]
    assert rows == [
        ("pm25", "2019", 42, 67, 67.43, "on_track"),
        ("pm25", "2019", 42, 45.57, 45.63, "on_track"),
        ("pm10", "2019", 85, 80.75, 80.68, "at_risk"),
        ("pm25", "2020", None, None, None, "no_data"),
    ]
    (changan,) = groups["长安区"]["targets"]
    assert (changan["value"], changan["bound"], changan["required"], changan["status"]) == (
        60,
        57.66,
        57.64,
        "at_risk",
    )
    assert (changan["days_elapsed"], changan["days_total"], changan["valid_days"]) == (249, 365, 1)


def test_every_reader_sees_the_target_progress(client_for: Any, with_air: Path) -> None:
    for persona in ("lead", "area"):
        body = dispatch(client_for(persona))["target_progress"]
        assert [g["area"] for g in body["areas"]] == ["石家庄市", "长安区", "鹿泉"]
    html = client_for("lead").get("/ledger/dispatch/?on=2019-09-06").content.decode()
    assert 'id="dispatch-targets"' in html and "67.43" in html


def test_the_office_sees_the_monthly_changes_and_the_candidates(
    client_for: Any, with_air: Path
) -> None:
    body = dispatch(client_for("office"))["interview"]
    assert (body["store"], body["every"], body["period"], body["previous_period"]) == (
        True,
        "month",
        "2019-08",
        "2018-08",
    )
    keys = ("area", "metric", "value", "last_year", "change", "required", "candidate")
    checks = [tuple(c[k] for k in keys) for c in body["checks"]]
    assert checks == [
        ("石家庄市", "pm25", 42, 49, -14.3, -7, False),
        ("石家庄市", "pm10", 85, 85, 0.0, -5, True),
        ("长安区", "pm25", 60, 62, -3.2, -7, True),
        ("鹿泉", "pm25", 45, 40, 12.5, -7, True),
    ]
    assert body["candidates"] == ["石家庄市", "长安区", "鹿泉"]
    first = body["checks"][0]
    assert (first["valid_days"], first["source"], first["last_year_valid_days"]) == (
        2,
        "computed",
        2,
    )
    html = client_for("office").get("/ledger/dispatch/?on=2019-09-06").content.decode()
    assert 'id="dispatch-interview"' in html and "约谈" in html
    assert 'class="interview-candidate"' in html and "-3.2%" in html
    assert "各地区目标进度" in html and "约谈候选" in html  # Chinese by default


def test_the_sections_are_available_in_english(
    client_for: Any, with_air: Path, settings: Any
) -> None:
    client = client_for("office")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/ledger/dispatch/?on=2019-09-06").content.decode()
    assert "Target progress by area" in html and "Interview candidates (约谈)" in html
    assert "at risk" in html and "Candidates:" in html


@pytest.mark.parametrize("persona", ["lead", "other_dept", "area"])
def test_departments_and_areas_do_not_see_the_candidates(
    client_for: Any, with_air: Path, persona: str
) -> None:
    assert dispatch(client_for(persona))["interview"] is None
    html = client_for(persona).get("/ledger/dispatch/?on=2019-09-06").content.decode()
    assert 'id="dispatch-interview"' not in html
    assert "-3.2%" not in html


def test_without_a_store_the_office_is_told(client_for: Any) -> None:
    body = dispatch(client_for("office"))
    assert body["target_progress"] == {"store": False, "as_of": "2019-09-06", "areas": None}
    assert body["interview"] == {
        "store": False,
        "every": "month",
        "period": "2019-08",
        "previous_period": "2018-08",
        "checks": None,
        "candidates": None,
    }
    html = client_for("office").get("/ledger/dispatch/?on=2019-09-06").content.decode()
    assert 'id="dispatch-targets-no-store"' in html and 'id="dispatch-interview-no-store"' in html


def test_the_air_rank_of_an_area_row_is_found_by_the_matching_rule(
    client_for: Any, with_air: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lantian.web.ledger import dispatch as disp

    monkeypatch.setattr(disp, "air_ranking", lambda week, air: {"长安": 1, "桥西区": 2, "鹿泉": 3})
    body = dispatch(client_for("office"))
    ranks = {r["name"]: r["air_rank"] for r in body["areas"]}
    assert ranks == {"长安区": 1, "桥西区": 2}  # 长安 + 区; 桥西区 exactly
    # the ranking itself keeps the engine's names
    assert [r["area"] for r in body["air_quality"]["ranking"]] == ["长安", "桥西区", "鹿泉"]


def stored_interviews() -> list[tuple[str, str, str | None, list[str], str]]:
    from lantian.web.ledger.models import Notice

    return [
        (n.week, n.recipient, n.area.name if n.area else None, n.refs, n.reason_zh)
        for n in Notice.objects.filter(rule="interview").order_by("week", "recipient")
    ]


def test_candidates_become_notices_once_per_month(client_for: Any, with_air: Path) -> None:
    client = client_for("office")
    first = client.post("/api/notices/generate/?on=2019-09-06")
    assert first.status_code == 201
    assert first.json()["unmatched"] == ["鹿泉"]
    expected = [
        (
            "2019-W36",
            "石家庄市",
            "石家庄市",
            ["2019-08"],
            "石家庄市2019年8月PM10平均浓度同比变化+0.0%，未达到-5.0%的改善目标，"
            "建议约谈属地主要负责同志",
        ),
        (
            "2019-W36",
            "长安区",
            "长安区",
            ["2019-08"],
            "长安区2019年8月PM2.5平均浓度同比变化-3.2%，未达到-7.0%的改善目标，"
            "建议约谈属地主要负责同志",
        ),
    ]
    assert stored_interviews() == expected
    again = client.post("/api/notices/generate/?on=2019-09-06")
    assert again.status_code == 200 and again.json()["created"] == []
    assert stored_interviews() == expected
    # A week later the judged month is still August: no second 约谈 notice for it.
    later = client.post("/api/notices/generate/?on=2019-09-13").json()
    assert [n for n in later["created"] if n["rule"] == "interview"] == []
    assert stored_interviews() == expected


def test_an_area_sees_and_acknowledges_its_interview_notice(
    client_for: Any, with_air: Path, personas: Any
) -> None:
    from lantian.web.ledger.models import Notice

    client_for("office").post("/api/notices/generate/?on=2019-09-06")
    mine = Notice.objects.get(rule="interview", recipient="长安区")
    client = client_for("area")
    listed = client.get("/api/notices/").json()["results"]
    assert mine.pk in [n["id"] for n in listed]
    assert "石家庄市" not in [n["recipient"] for n in listed]
    html = client.get("/ledger/notices/").content.decode()
    assert "约谈候选" in html and f'id="acknowledge-{mine.pk}"' in html
    assert client.post(f"/api/notices/{mine.pk}/acknowledge/").status_code == 200
    lead = client_for("lead")
    assert lead.post(f"/api/notices/{mine.pk}/acknowledge/").status_code == 404


def test_the_judged_period_may_be_a_quarter(with_air: Path) -> None:
    """The regional plan's quarter: on 2019-10-08 the last full quarter is 2019-Q3, whose only
    days are the August ones, so the changes are August's."""
    from lantian.web.ledger import dispatch as disp
    from lantian.web.ledger import target_progress as tp
    from lantian.web.ledger.area_match import area_matcher

    targets = tp.plan_targets()
    stats = disp.engine_stats(disp.air_data(), targets)
    assert stats is not None
    result = tp.interview_checks(stats, targets, date(2019, 10, 8), area_matcher(), "quarter")
    assert (result.period.label, result.previous.label) == ("2019-Q3", "2018-Q3")
    assert [(c.area, c.change, c.short) for c in result.checks] == [
        ("石家庄市", -14.3, False),
        ("石家庄市", 0.0, True),
        ("长安区", -3.2, True),
        ("鹿泉", 12.5, True),
    ]
    shijiazhuang, changan, lugu = result.notices()
    assert lugu.recipient == "鹿泉"  # a candidate of the rule; no ledger area receives it
    assert changan.reason_zh.startswith("长安区2019年第3季度PM2.5平均浓度同比变化-3.2%")
    assert shijiazhuang.refs == ("2019-Q3",)
