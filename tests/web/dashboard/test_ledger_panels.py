"""The dashboard's ledger panels: status summary, overdue list and warning notices, counted by
hand on the ledger of ``ledger_data`` (its docstring works every value out), for each persona.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

import lantian.web.dashboard
import lantian.web.ledger
from lantian.planning.status import STATUS_TEXT
from lantian.web.dashboard.ledger_panels import STATUS_HEX
from lantian.web.ledger.dispatch_views import RULE_NAMES
from tests.web.dashboard.conftest import LAST_DAY
from tests.web.dashboard.ledger_data import COUNTS, ON, STATUS_ORDER

pytestmark = pytest.mark.usefixtures("small_ledger", "without_store")


def ledger_json(client_for: Any, persona: str, query: str = f"?date={ON}") -> dict[str, Any]:
    response = client_for(persona).get("/api/dashboard/" + query)
    assert response.status_code == 200, response.content[:300]
    body: dict[str, Any] = response.json()
    return body


def counts(body: dict[str, Any]) -> tuple[int, ...]:
    statuses = body["ledger"]["statuses"]
    assert [s["status"] for s in statuses] == list(STATUS_ORDER)
    return tuple(s["count"] for s in statuses)


# --- status summary -----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", sorted(COUNTS))
def test_status_counts_are_over_the_tasks_the_user_may_see(client_for: Any, persona: str) -> None:
    body = ledger_json(client_for, persona)
    assert body["ledger"]["on"] == ON
    assert counts(body) == COUNTS[persona]
    assert body["ledger"]["total"] == sum(COUNTS[persona])


def test_a_department_counts_fewer_tasks_than_the_office(client_for: Any) -> None:
    office = ledger_json(client_for, "office")
    lead = ledger_json(client_for, "lead")
    assert (office["ledger"]["total"], lead["ledger"]["total"]) == (7, 4)
    assert counts(office) != counts(lead)
    # the office's unit's overdue task 27 is counted for the office, not for 市生态环境局
    assert [t["number"] for t in office["ledger"]["overdue"]] == ["24", "27"]
    assert [t["number"] for t in lead["ledger"]["overdue"]] == ["24"]


def test_statuses_carry_the_ledger_labels_colours_and_links(client_for: Any) -> None:
    statuses = ledger_json(client_for, "office")["ledger"]["statuses"]
    overdue = statuses[3]
    assert (overdue["zh"], overdue["en"], overdue["colour"], overdue["hex"]) == (
        "逾期",
        "overdue",
        "red",
        "#c62828",
    )
    assert [s["zh"] for s in statuses] == [
        "未启动",
        "正常推进",
        "临期",
        "逾期",
        "已完成待销号",
        "已销号",
    ]
    assert overdue["url"] == f"/ledger/?status=overdue&on={ON}"


@pytest.mark.parametrize("persona", ["office", "lead", "area"])
def test_each_status_link_lists_as_many_tasks_on_the_ledger(client_for: Any, persona: str) -> None:
    client = client_for(persona)
    for status in ledger_json(client_for, persona)["ledger"]["statuses"]:
        html = client.get(status["url"]).content.decode()
        rows = re.findall(r'<tr id="task-\d+">', html)
        assert len(rows) == status["count"], status["status"]


def test_statuses_are_taken_on_the_as_of_date(client_for: Any) -> None:
    body = ledger_json(client_for, "office", "?date=2019-03-31")
    assert body["ledger"]["on"] == "2019-03-31"
    assert counts(body) == (6, 1, 0, 0, 0, 0)
    assert body["ledger"]["overdue"] == []


def test_without_a_date_nor_a_store_the_statuses_are_taken_today(client_for: Any) -> None:
    body = ledger_json(client_for, "office", "")
    assert body["store"] is False
    assert body["ledger"]["on"] == ON  # the pinned "today"
    assert counts(body) == COUNTS["office"]


def test_with_a_store_the_default_day_is_the_last_day_with_data(
    client_for: Any, with_store: Path
) -> None:
    body = ledger_json(client_for, "office", "")
    assert body["as_of"] == body["ledger"]["on"] == LAST_DAY == "2019-03-31"
    assert counts(body) == (6, 1, 0, 0, 0, 0)


# --- overdue list -------------------------------------------------------------------------------


def test_overdue_list_most_overdue_first(client_for: Any, small_ledger: Any) -> None:
    rows = ledger_json(client_for, "office")["ledger"]["overdue"]
    t24, t27 = small_ledger.tasks["24"], small_ledger.tasks["27"]
    assert rows == [
        {
            "id": t24.pk,
            "number": "24",
            "heading": "压减过剩产能",
            "lead_units": ["市生态环境局"],
            "deadline": "2019-06-30",
            "days_overdue": 68,  # 1 (June 30 → July 1) + 31 + 31 + 5
            "url": f"/ledger/tasks/{t24.pk}/?on={ON}",
        },
        {
            "id": t27.pk,
            "number": "27",
            "heading": "校园周边餐饮油烟整治",
            "lead_units": ["石家庄市大气污染防治攻坚行动指挥部办公室"],
            "deadline": "2019-08-20",
            "days_overdue": 17,
            "url": f"/ledger/tasks/{t27.pk}/?on={ON}",
        },
    ]


def test_an_approved_extension_moves_the_overdue_deadline(
    client_for: Any, small_ledger: Any, personas: Any
) -> None:
    """The ledger's rule decides, not the dashboard: approving 24's extension to 07-31 leaves
    it overdue by 37 days, and 27 (17 days) stays second."""
    from lantian.web.ledger.models import Decision
    from tests.web.ledger.factories import at

    extension = small_ledger.base.extension
    extension.decision = Decision.APPROVED
    extension.decided_by = personas.users["office"]
    extension.decided_at = at("2019-06-20")
    extension.save()
    rows = ledger_json(client_for, "office")["ledger"]["overdue"]
    assert [(r["number"], r["deadline"], r["days_overdue"]) for r in rows] == [
        ("24", "2019-07-31", 37),
        ("27", "2019-08-20", 17),
    ]


def test_overdue_links_open_the_task_page(client_for: Any) -> None:
    client = client_for("other_dept")
    rows = ledger_json(client_for, "other_dept")["ledger"]["overdue"]
    assert [r["number"] for r in rows] == ["27"]
    page = client.get(rows[0]["url"])
    assert page.status_code == 200
    assert "校园周边餐饮油烟整治" in page.content.decode()


# --- warnings -----------------------------------------------------------------------------------


def test_office_sees_every_recent_notice_unacknowledged_first(
    client_for: Any, small_ledger: Any, personas: Any
) -> None:
    notices = ledger_json(client_for, "office")["ledger"]["notices"]
    assert notices["weeks"] == ["2019-W33", "2019-W36"]
    assert notices["unacknowledged"] == 3
    n = small_ledger.notices
    assert [r["id"] for r in notices["rows"]] == [
        n["office_missing"].pk,  # W36, missing_reports before overdue_tasks
        n["eco_overdue"].pk,
        n["changan_bottom"].pk,  # W34
        n["eco_missing"].pk,  # acknowledged: last
    ]
    first = notices["rows"][0]
    office_unit = personas.units["office"].name
    assert (first["week"], first["rule"], first["recipient"], first["acknowledged"]) == (
        "2019-W36",
        "missing_reports",
        office_unit,
        False,
    )
    assert first["reason_zh"] == f"{office_unit}：missing_reports（2019-W36）"
    assert first["url"] == f"/ledger/notices/#notice-{n['office_missing'].pk}"
    assert notices["rows"][-1]["acknowledged"] is True


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("lead", ["eco_overdue", "eco_missing"]),
        ("area", ["changan_bottom"]),
        ("cooperating", []),
        ("other_dept", []),
    ],
)
def test_others_see_only_the_notices_to_them(
    client_for: Any, small_ledger: Any, persona: str, expected: list[str]
) -> None:
    rows = ledger_json(client_for, persona)["ledger"]["notices"]["rows"]
    assert [r["id"] for r in rows] == [small_ledger.notices[k].pk for k in expected]


def test_notices_of_later_weeks_appear_when_the_date_moves(
    client_for: Any, small_ledger: Any
) -> None:
    rows = ledger_json(client_for, "lead", "?date=2019-09-09")["ledger"]["notices"]["rows"]
    assert small_ledger.notices["eco_later"].pk in [r["id"] for r in rows]


def test_the_reason_and_kind_follow_the_language(client_for: Any) -> None:
    """The kind of notice is named as the notices page names it (``RULE_NAMES``)."""
    rows = ledger_json(client_for, "lead", f"?date={ON}&lang=en")["ledger"]["notices"]["rows"]
    assert rows[0]["reason"] == "石家庄市生态环境局: overdue_tasks (2019-W36)"
    assert rows[0]["rule_label"] == "Overdue tasks"
    rows = ledger_json(client_for, "lead", f"?date={ON}&lang=zh-hans")["ledger"]["notices"]["rows"]
    assert rows[0]["reason"] == "石家庄市生态环境局：overdue_tasks（2019-W36）"
    with translation.override("zh-hans"):
        chinese = str(RULE_NAMES["overdue_tasks"])
    assert rows[0]["rule_label"] == chinese != "Overdue tasks"
    notices_page = client_for("lead").get("/ledger/notices/?lang=zh-hans").content.decode()
    assert chinese in notices_page


# --- who gets no ledger at all ------------------------------------------------------------------


def test_an_inspector_gets_the_air_quality_part_only(client_for: Any, with_store: Path) -> None:
    body = ledger_json(client_for, "inspector", "")
    assert "ledger" not in body
    assert body["as_of"] == LAST_DAY and body["ranking"]["rows"]
    html = client_for("inspector").get(f"/dashboard/?date={ON}").content.decode()
    assert 'id="targets"' in html
    for panel in ("ledger-status", "overdue", "warnings", "dashboard-ledger-statuses"):
        assert f'id="{panel}"' not in html
    assert "市生态环境局" not in html


def test_an_inspector_without_a_store_gets_no_ledger_either(client_for: Any) -> None:
    body = ledger_json(client_for, "inspector", "")
    assert body == {"ok": True, "store": False, "store_path": body["store_path"]}


# --- colours ------------------------------------------------------------------------------------


def _css_backgrounds(text: str) -> dict[str, str]:
    found = re.findall(r"\.status-(\w+)\s*\{\s*background:\s*(#[0-9a-fA-F]{3,6})", text)
    return {name: _six(hex_) for name, hex_ in found}


def _six(hex_: str) -> str:
    h = hex_.lower().lstrip("#")
    return "#" + ("".join(c * 2 for c in h) if len(h) == 3 else h)


def test_status_colours_are_the_ledger_pages_colours() -> None:
    ledger_base = Path(lantian.web.__file__).parent / "static/web/site.css"
    ledger = _css_backgrounds(ledger_base.read_text(encoding="utf-8"))
    css = Path(lantian.web.dashboard.__file__).parent / "static/dashboard/dashboard.css"
    ours = _css_backgrounds(css.read_text(encoding="utf-8"))
    names = {colour for _zh, _en, colour in STATUS_TEXT.values()}
    assert set(STATUS_HEX) == names
    for name in names:
        assert STATUS_HEX[name] == ledger[name] == ours[name], name


# --- the page -----------------------------------------------------------------------------------


def status_count(html: str, status: str) -> int:
    item = re.search(rf'<li data-status="{status}".*?</li>', html, re.S)
    assert item is not None, status
    found = re.search(r'<span class="count">(\d+)</span>', item.group(0))
    assert found is not None
    return int(found.group(1))


def test_page_shows_the_three_panels_in_chinese(client_for: Any, small_ledger: Any) -> None:
    html = client_for("office").get(f"/dashboard/?date={ON}").content.decode()
    assert "任务状态与预警通知均按此日期统计" in html and f"<strong>{ON}</strong>" in html
    assert "任务台账状态" in html and "共7项任务" in html
    counted = {s: status_count(html, s) for s in STATUS_ORDER}
    assert tuple(counted.values()) == COUNTS["office"]
    assert f'href="/ledger/?status=overdue&amp;on={ON}"' in html
    assert ">逾期<" in html and ">已完成待销号<" in html
    assert 'class="chip status-red"' in html  # the ledger pages' colour class
    # overdue list: 24 (68 days) before 27 (17 days), each linking to its task page
    t24, t27 = small_ledger.tasks["24"].pk, small_ledger.tasks["27"].pk
    assert html.index(f'id="overdue-{t24}"') < html.index(f'id="overdue-{t27}"')
    assert f'href="/ledger/tasks/{t24}/?on={ON}"' in html
    assert '<td class="num overdue-days">68</td>' in html
    # warnings: three not acknowledged, the acknowledged one last
    n = small_ledger.notices
    order = [html.index(f'id="warning-{n[k].pk}"') for k in ("office_missing", "changan_bottom")]
    assert order == sorted(order)
    assert html.index(f'id="warning-{n["changan_bottom"].pk}"') < html.index(
        f'id="warning-{n["eco_missing"].pk}"'
    )
    assert f'id="warning-{n["eco_old"].pk}"' not in html
    assert "3条未签收" in html and "长安区：bottom_ranking（2019-W34）" in html
    assert 'id="dashboard-ledger-statuses"' in html  # the chart's data
    assert "/static/vendor/echarts-5.6.0.min.js" in html


def test_page_in_english(client_for: Any) -> None:
    html = client_for("lead").get(f"/dashboard/?date={ON}&lang=en").content.decode()
    assert "Task ledger status" in html and "4 tasks" in html
    assert "task statuses and warnings are taken on this date" in html
    assert ">overdue<" in html and ">done, awaiting closing<" in html
    assert "Days overdue" in html and "1 not acknowledged" in html
    assert "石家庄市生态环境局: overdue_tasks (2019-W36)" in html
    assert "逾期" not in html and "任务台账状态" not in html


def test_a_department_page_shows_its_own_tasks_only(client_for: Any, small_ledger: Any) -> None:
    html = client_for("lead").get(f"/dashboard/?date={ON}").content.decode()
    assert tuple(status_count(html, s) for s in STATUS_ORDER) == COUNTS["lead"]
    assert f'id="overdue-{small_ledger.tasks["24"].pk}"' in html
    assert f'id="overdue-{small_ledger.tasks["27"].pk}"' not in html
    assert f'id="warning-{small_ledger.notices["office_missing"].pk}"' not in html
    assert "校园周边餐饮油烟整治" not in html


def test_no_overdue_task_is_said(client_for: Any) -> None:
    html = client_for("office").get("/dashboard/?date=2019-03-31").content.decode()
    assert "该日期没有逾期任务。" in html
    assert 'id="overdue-table"' not in html


def test_without_a_store_the_page_still_shows_the_ledger(client_for: Any) -> None:
    html = client_for("area").get("/dashboard/").content.decode()
    assert "还没有测量数据库" in html
    assert 'id="targets"' not in html and 'id="aqi-calendar"' not in html
    assert 'id="ledger-status"' in html and f"<strong>{ON}</strong>" in html  # pinned today
    assert tuple(status_count(html, s) for s in STATUS_ORDER) == COUNTS["area"]
    assert "/static/vendor/echarts-5.6.0.min.js" in html  # for the status donut
