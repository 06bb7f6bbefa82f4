"""Who sees which plans and tasks (``lantian.web.ledger.scopes``), and the list filters."""

from __future__ import annotations

from typing import Any

import pytest

from lantian.web import access
from lantian.web.ledger import models as m
from lantian.web.ledger.scopes import reporter_for, reporting_unit
from lantian.web.org.models import User
from lantian.web.org.roles import Role
from tests.web.conftest import Personas
from tests.web.ledger.factories import Ledger, area_task


def numbers(client: Any, query: str = "") -> list[str]:
    return [row["number"] for row in client.get(f"/api/tasks/{query}").json()["results"]]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("office", ["24", "25"]),
        ("lead", ["24"]),
        ("cooperating", ["24"]),
        ("other_dept", []),
        ("area", ["24"]),  # 长安区: task 24 lists it; task 25 is 桥西区's
    ],
)
def test_tasks_visible_by_persona(
    client_for: Any, ledger: Ledger, pin: Any, persona: str, expected: list[str]
) -> None:
    assert numbers(client_for(persona)) == expected


def test_a_city_area_user_sees_the_tasks_of_the_areas_below(
    client: Any, personas: Personas, ledger: Ledger, pin: Any
) -> None:
    city_user = User.objects.create(username="city", role=Role.AREA, area=personas.areas["city"])
    street_user = User.objects.create(
        username="street", role=Role.AREA, area=personas.areas["street"]
    )
    assert list(
        access.visible(city_user, m.Task).order_by("number").values_list("number", flat=True)
    ) == ["24", "25"]
    # a street below 长安区 does not see 长安区's task: areas look down, not up
    assert not access.visible(street_user, m.Task).exists()


def test_enterprise_and_inspector_see_no_ledger(personas: Personas, ledger: Ledger) -> None:
    for persona in ("enterprise", "inspector"):
        user = personas.users[persona]
        assert not access.visible(user, m.Task).exists()
        assert not access.visible(user, m.Plan).exists()
        assert not access.can_view(user, ledger.task)


def test_reporting_unit_is_lead_or_responsible_only(personas: Personas, ledger: Ledger) -> None:
    assert reporting_unit(personas.users["lead"], ledger.task) == personas.units["lead"]
    assert reporting_unit(personas.users["cooperating"], ledger.task) is None
    assert reporting_unit(personas.users["office"], ledger.task) is None
    assert reporting_unit(personas.users["area"], ledger.task) is None
    m.TaskUnit.objects.create(
        task=ledger.hidden, unit=personas.units["other_dept"], role=m.UnitRole.RESPONSIBLE
    )
    assert (
        reporting_unit(personas.users["other_dept"], ledger.hidden) == personas.units["other_dept"]
    )


def test_reporter_is_the_unit_or_the_exact_area_listed(personas: Personas, ledger: Ledger) -> None:
    users, areas = personas.users, personas.areas
    # task 24: 市生态环境局 leads, 市工信局 cooperates, 长安区 is its responsible area
    assert reporter_for(users["lead"], ledger.task) == personas.units["lead"]
    assert reporter_for(users["area"], ledger.task) == areas["changan"]
    for persona in ("cooperating", "office", "inspector", "enterprise"):
        assert reporter_for(users[persona], ledger.task) is None, persona
    # task 25 lists 桥西区: not 长安区's
    assert reporter_for(users["area"], ledger.hidden) is None
    # a town below 长安区 and the city above it do not report for 长安区 …
    street = User.objects.create(username="street", role=Role.AREA, area=areas["street"])
    city = User.objects.create(username="city", role=Role.AREA, area=areas["city"])
    assert reporter_for(street, ledger.task) is None
    assert reporter_for(city, ledger.task) is None
    # … and 长安区 does not report for a town below it
    town_task = area_task(ledger.plan, "27", areas["street"])
    assert reporter_for(users["area"], town_task) is None
    assert reporter_for(street, town_task) == areas["street"]


def test_list_filters_by_unit_area_and_status(
    client_for: Any, personas: Personas, ledger: Ledger, pin: Any
) -> None:
    office = client_for("office")
    assert numbers(office, f"?unit={personas.units['cooperating'].pk}") == ["24"]
    assert numbers(office, f"?unit={personas.units['office'].pk}") == ["25"]
    assert numbers(office, f"?area={personas.areas['qiaoxi'].pk}") == ["25"]
    # on 2019-09-06 task 24's June milestone is past and unreported; 25 has no milestone
    assert numbers(office, "?status=overdue") == ["24"]
    assert numbers(office, "?status=not_started") == ["25"]
    assert numbers(office, "?status=overdue&on=2019-06-01") == []
    bad = office.get("/api/tasks/?status=late")
    assert bad.status_code == 400 and bad.json()["errors"].keys() == {"status"}
    assert office.get("/api/tasks/?on=yesterday").status_code == 400


def test_task_detail_carries_milestones_indicators_reports_and_requests(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    body = client_for("cooperating").get(f"/api/tasks/{ledger.task.pk}/?on=2019-06-23").json()
    assert body["state"] == {
        "on": "2019-06-23",
        "status": "at_risk",
        "label": "临期",
        "colour": "yellow",
        "deadline": "2019-06-30",
        "days_left": 7,
    }
    assert [ms["due"] for ms in body["milestones"]] == ["2019-06-30", "2019-12-31"]
    assert body["indicators"] == [
        {"id": body["indicators"][0]["id"], "name": "压减水泥产能", "unit": "万吨", "target": 260.0}
    ]
    assert {(u["name"], u["role"]) for u in body["units"]} == {
        ("石家庄市生态环境局", "lead"),
        ("石家庄市工业和信息化局", "cooperating"),
    }
    assert len(body["closing_requests"]) == len(body["extension_requests"]) == 1
    assert body["reports"] == []


def test_plan_lists_its_targets(client_for: Any, ledger: Ledger) -> None:
    body = client_for("area").get(f"/api/plans/{ledger.plan.pk}/").json()
    assert body["document_number"] == "石政发〔2019〕3号"
    target = ledger.plan.targets.get().to_target()
    assert (target.metric, target.op, target.bound, target.period.end.isoformat()) == (
        "pm25",
        "<=",
        67,
        "2019-12-31",
    )
    assert [t["metric"] for t in body["targets"]] == ["pm25"]
