"""The weekly dispatch from the stored ledger, worked by hand (``docs/ledger.md`` §Dispatch).

The ledger of ``factories.make_ledger`` plus task 26, on Friday 2019-09-06 (reports due on
Fridays, so the report week is 2019-W35 and the dispatch week 2019-W36):

- 24 (市生态环境局 leads, 市工信局 cooperates, 长安区): milestone 2019-06-30 open → overdue;
  no report for W35 → missing;
- 25 (the office's unit leads, 桥西区): no milestone, no report → not started; missing;
- 26 (市生态环境局 leads, 长安区): milestone 2019-09-08, two days away → at risk and due this
  week; reported on time for W35.

Units, ranked by (overdue, missing, −progress): the office's unit (0, 1, 0) first, 市生态环境局
(1, 1, 0) second; 市工信局 only cooperates, so it is unranked. Areas: 桥西区 (0, 1) first,
长安区 (1, 1) second.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.web.ledger.factories import Ledger, at


@pytest.fixture
def dispatch_ledger(ledger: Ledger, personas: Any) -> Ledger:
    from lantian.web.ledger import models as m

    task = m.Task.objects.create(plan=ledger.plan, number="26", text="完成道路扬尘治理。")
    task.areas.add(personas.areas["changan"])
    m.TaskUnit.objects.create(task=task, unit=personas.units["lead"], role=m.UnitRole.LEAD)
    m.Milestone.objects.create(task=task, due=date(2019, 9, 8), label="九月")
    m.Report.objects.create(
        task=task,
        unit=personas.units["lead"],
        week="2019-W35",
        filed_at=at("2019-08-30"),
        text="已完成主干道清扫。",
        filed_by=personas.users["lead"],
    )
    return ledger


def rows_by_name(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in rows}


def test_office_sees_every_row_counted_and_ranked(
    client_for: Any, dispatch_ledger: Ledger, personas: Any, pin: Any
) -> None:
    data = client_for("office").get("/api/dispatch/?on=2019-09-06").json()
    assert (data["week"], data["report_week"]) == ("2019-W36", "2019-W35")
    units = rows_by_name(data["units"])
    office_unit = personas.units["office"].name
    assert set(units) == {office_unit, "石家庄市生态环境局", "石家庄市工业和信息化局"}
    eco = units["石家庄市生态环境局"]
    assert (eco["tasks"], eco["overdue"], eco["at_risk"], eco["due_this_week"]) == (2, 1, 1, 1)
    assert (eco["reports_missing"], eco["progress"], eco["rank"]) == (1, 0.0, 2)
    assert eco["overdue_tasks"] == ["24"]
    own = units[office_unit]
    assert (own["tasks"], own["not_started"], own["reports_missing"], own["rank"]) == (1, 1, 1, 1)
    coop = units["石家庄市工业和信息化局"]
    assert (coop["tasks"], coop["cooperating"], coop["rank"]) == (0, 1, None)
    areas = rows_by_name(data["areas"])
    assert set(areas) == {"长安区", "桥西区"}
    assert (areas["长安区"]["tasks"], areas["长安区"]["overdue"], areas["长安区"]["rank"]) == (
        2,
        1,
        2,
    )
    assert (areas["桥西区"]["reports_missing"], areas["桥西区"]["rank"]) == (1, 1)


def test_without_a_store_the_air_quality_ranking_is_said_to_be_absent(
    client_for: Any, dispatch_ledger: Ledger, pin: Any
) -> None:
    data = client_for("office").get("/api/dispatch/?on=2019-09-06").json()
    assert data["air_quality"] == {
        "store": False,
        "week": "2019-W35",
        "by": "composite",
        "ranking": None,
    }
    assert all(a["air_rank"] is None for a in data["areas"])
    page = client_for("office").get("/ledger/dispatch/?on=2019-09-06")
    assert page.status_code == 200
    assert 'id="dispatch-no-store"' in page.content.decode()


def test_a_department_sees_only_its_own_row(
    client_for: Any, dispatch_ledger: Ledger, pin: Any
) -> None:
    data = client_for("lead").get("/api/dispatch/?on=2019-09-06").json()
    assert [r["name"] for r in data["units"]] == ["石家庄市生态环境局"]
    assert data["units"][0]["rank"] == 2  # its rank among all units, not among the rows it sees
    assert data["areas"] == []
    other = client_for("other_dept").get("/api/dispatch/?on=2019-09-06").json()
    assert (other["units"], other["areas"]) == ([], [])


def test_an_area_sees_only_its_own_area(client_for: Any, dispatch_ledger: Ledger, pin: Any) -> None:
    data = client_for("area").get("/api/dispatch/?on=2019-09-06").json()
    assert data["units"] == []
    assert [(r["name"], r["rank"]) for r in data["areas"]] == [("长安区", 2)]


def test_the_page_shows_the_rows(client_for: Any, dispatch_ledger: Ledger, pin: Any) -> None:
    html = client_for("office").get("/ledger/dispatch/?on=2019-09-06").content.decode()
    assert 'id="dispatch-units"' in html and "石家庄市生态环境局" in html
    assert "(24)" in html  # the overdue task is cited
    assert 'id="generate-notices"' in html
    assert "每周调度" in html and "尚无监测数据库" in html  # Chinese by default
    lead_html = client_for("lead").get("/ledger/dispatch/?on=2019-09-06").content.decode()
    assert 'id="generate-notices"' not in lead_html


def test_a_bad_day_is_refused(client_for: Any, dispatch_ledger: Ledger, pin: Any) -> None:
    assert client_for("office").get("/api/dispatch/?on=2019-13-01").status_code == 400
    page = client_for("office").get("/ledger/dispatch/?on=yesterday")
    assert page.status_code == 400
    assert "yesterday" in page.content.decode()


def test_without_on_the_dispatch_is_held_today(
    client_for: Any, dispatch_ledger: Ledger, pin: Any
) -> None:
    pin("2019-09-07")
    data = client_for("office").get("/api/dispatch/").json()
    assert (data["on"], data["report_week"]) == ("2019-09-07", "2019-W36")


def test_the_page_is_available_in_english(
    client_for: Any, dispatch_ledger: Ledger, pin: Any, settings: Any
) -> None:
    client = client_for("office")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/ledger/dispatch/?on=2019-09-06").content.decode()
    assert "Weekly dispatch" in html and "No measurement store exists yet" in html
