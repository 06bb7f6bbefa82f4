"""``lantian web load_demo``: what it creates, that a second run changes nothing, who sees what,
and its refusal outside development.

Expected counts are worked from data/sample/shijiazhuang_2019_tasks.csv: 36 measures; 25
distinct names across lead/cooperating/responsible (市大气办 among them), of which 各县市区政府
is no unit but the 22 districts as responsible areas: 24 units plus the unrelated 市教育局;
21 measures with one deadline and measure 24 with two = 23 milestones; 市生态环境局 is named on
26 measures (``grep -c``), 各县市区政府 on 7 (1, 31–36).
"""

from __future__ import annotations

import csv
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from lantian.web.access import can_view, visible
from lantian.web.audit.models import AuditEntry
from lantian.web.demo import sample
from lantian.web.ledger.models import Milestone, Plan, PlanTarget, Report, Task, TaskUnit
from lantian.web.ledger.scopes import reporter_for
from lantian.web.org.models import Area, Unit, User
from lantian.web.org.roles import AreaLevel, Role
from tests.web.ledger.factories import at

COUNTIES = sample.ALL_COUNTY_GOVERNMENTS
#: The measures "各县市区政府负责": the districts report on them.
COUNTY_MEASURES = {"三.（一）.1", "四.31", "四.32", "四.33", "四.34", "四.35", "四.36"}

pytestmark = pytest.mark.django_db


def _fixture_rows() -> list[dict[str, str]]:
    with sample.TASKS_CSV.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _load(settings: Any, *args: str) -> str:
    settings.DEVELOPMENT = True
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    models = (Area, Unit, User, Plan, PlanTarget, Task, TaskUnit, Milestone, AuditEntry)
    return {model.__name__: model.objects.count() for model in models}


def test_sample_copy_is_the_planning_fixture() -> None:
    from pathlib import Path

    fixture = Path(__file__).parents[2] / "planning" / "data" / "shijiazhuang_2019_tasks.csv"
    assert sample.TASKS_CSV.read_bytes() == fixture.read_bytes()


def test_creates_the_plan_its_tasks_units_areas_and_users(settings: Any) -> None:
    _load(settings)
    counts = _counts()
    assert counts["Task"] == 36
    assert counts["Milestone"] == 23
    assert counts["PlanTarget"] == 5
    # 石家庄市, its 22 districts, counties and cities, and the 16 towns and streets of 长安区
    assert counts["Area"] == 1 + 22 + 16
    names_in_fixture = {
        name
        for row in _fixture_rows()
        for column in ("lead", "cooperating", "responsible")
        for name in row[column].split("、")
        if name
    }
    assert len(names_in_fixture) == 25
    units = set(Unit.objects.values_list("name", flat=True))
    assert units == (names_in_fixture - {COUNTIES}) | {"市教育局"}
    assert "市政府有关部门" in units  # measures 31 and 32: still a responsible unit
    # one TaskUnit per (measure, named unit): the names in the fixture but the collective's 7
    named = [
        n
        for row in _fixture_rows()
        for c in ("lead", "cooperating", "responsible")
        for n in row[c].split("、")
        if n
    ]
    assert named.count(COUNTIES) == 7
    assert counts["TaskUnit"] == len(named) - 7

    plan = Plan.objects.get()
    assert (plan.document_number, plan.issuer, plan.issued_on) == (
        "石政发〔2019〕3号",
        "石家庄市人民政府",
        date(2019, 6, 26),
    )
    assert (plan.start, plan.end, plan.area.name) == (
        date(2019, 1, 1),
        date(2019, 12, 31),
        "石家庄市",
    )
    pm25 = PlanTarget.objects.get(metric="pm25", change=False)
    assert (pm25.op, pm25.bound, pm25.period, pm25.area_name) == ("<=", 67.0, "2019", "石家庄")
    assert PlanTarget.objects.get(metric="composite", change=True).baseline == 7.53

    # measure 4: lead 市生态环境局, four cooperating units, due 2019-08-31
    four = Task.objects.get(number="三.（二）.4")
    assert four.category == "着力打好散煤整治和清洁替代攻坚战"
    roles = {(tu.unit.name, tu.role) for tu in four.task_units.all()}
    assert roles == {
        ("市生态环境局", "lead"),
        ("市工信局", "cooperating"),
        ("市发改委", "cooperating"),
        ("市城管局", "cooperating"),
        ("市市场监管局", "cooperating"),
    }
    assert [ms.due for ms in four.milestones.all()] == [date(2019, 8, 31)]
    assert [ms.due for ms in Task.objects.get(number="三.（五）.24").milestones.all()] == [
        date(2019, 6, 30),
        date(2019, 12, 31),
    ]
    # a measure for 各县市区政府 lists every district as a responsible area; one without none
    assert Task.objects.get(number="四.34").areas.count() == 22
    assert Task.objects.get(number="三.（二）.4").areas.count() == 0
    assert set(Task.objects.filter(areas__name="长安区").values_list("number", flat=True)) == (
        COUNTY_MEASURES
    )
    thirty_one = Task.objects.get(number="四.31")
    assert [(tu.unit.name, tu.role) for tu in thirty_one.task_units.all()] == [
        ("市政府有关部门", "responsible")
    ]
    # the measure's full text from the CSV's text column
    one = Task.objects.get(number="三.（一）.1")
    assert one.heading == "坚定不移化解过剩产能"
    assert one.text.startswith("坚定不移化解过剩产能。持续压减钢铁、焦化、水泥等过剩产能")
    assert "压减水泥产能260万吨" in one.text


def test_the_towns_of_changan_sit_below_it(settings: Any) -> None:
    _load(settings)
    changan = Area.objects.get(code="130102")
    towns = Area.objects.filter(parent=changan)
    assert towns.count() == 16
    assert set(towns.values_list("level", flat=True)) == {AreaLevel.TOWN}
    assert (towns.get(code="130102001").name, towns.get(code="130102103").name) == (
        "建北街道",
        "桃园镇",
    )
    assert towns.get(name="中山东路街道").code == "130102012"
    assert all(a.code.startswith("130102") and len(a.code) == 9 for a in towns)


def test_the_text_falls_back_to_the_heading(tmp_path: Any) -> None:
    head = "number,heading,lead,cooperating,responsible,deadline"
    row = "四.31,强化组织领导,,,各县市区政府、市政府有关部门,"
    without = tmp_path / "without.csv"
    without.write_text(f"{head}\n{row}\n", encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text(f"{head},text\n{row}, \n", encoding="utf-8")
    for path in (without, empty):
        (task,) = sample.read_tasks(path)
        assert (task.text, task.responsible_units) == ("强化组织领导", ("市政府有关部门",))
        assert task.areas == tuple(name for name, _ in sample.DISTRICTS)
        assert task.reporters == ("市政府有关部门", *task.areas)


def test_one_user_per_role_with_its_unit_or_area(settings: Any) -> None:
    _load(settings)
    users = {u.username: u for u in User.objects.all()}
    expected = {
        "office": (Role.COMMAND_OFFICE, "市大气办", None),
        "eco": (Role.DEPARTMENT, "市生态环境局", None),
        "miit": (Role.DEPARTMENT, "市工信局", None),
        "edu": (Role.DEPARTMENT, "市教育局", None),
        "changan": (Role.AREA, None, "长安区"),
        "inspector": (Role.INSPECTOR, None, None),
        "enterprise": (Role.ENTERPRISE, None, "长安区"),
    }
    got = {
        name: (u.role, u.unit.name if u.unit else None, u.area.name if u.area else None)
        for name, u in users.items()
    }
    assert got == expected
    for demo in sample.DEMO_USERS:
        assert users[demo.username].check_password(demo.password)
        assert not users[demo.username].check_password(demo.password + "x")


def test_second_run_changes_nothing(settings: Any) -> None:
    _load(settings)
    before = _counts()
    hashes = dict(User.objects.values_list("username", "password"))
    out = _load(settings)
    assert "nothing changed" in out
    assert _counts() == before  # audit entries included: nothing was recorded
    assert dict(User.objects.values_list("username", "password")) == hashes


def test_a_drifted_row_is_restored_and_audited(settings: Any) -> None:
    _load(settings)
    Task.objects.filter(number="四.36").update(heading="edited")
    entries = AuditEntry.objects.count()
    _load(settings)
    assert Task.objects.get(number="四.36").heading == "加强宣传教育和舆论引导"
    last = AuditEntry.objects.order_by("-seq").first()
    assert AuditEntry.objects.count() == entries + 1
    assert last is not None and last.action == "update" and last.actor_name == "system"
    assert last.before is not None and last.after is not None
    assert (last.before["heading"], last.after["heading"]) == ("edited", "加强宣传教育和舆论引导")


def test_reset_passwords_sets_them_again(settings: Any) -> None:
    _load(settings)
    eco = User.objects.get(username="eco")
    eco.set_password("changed-by-the-user-123")
    eco.save()
    _load(settings)
    assert User.objects.get(username="eco").check_password("changed-by-the-user-123")
    _load(settings, "--reset-passwords")
    assert User.objects.get(username="eco").check_password("lantian-demo-eco")


def test_the_lead_department_sees_its_tasks_and_the_unrelated_none(settings: Any) -> None:
    _load(settings)
    users = {u.username: u for u in User.objects.all()}
    rows = _fixture_rows()

    def named(unit: str) -> set[str]:
        return {
            r["number"]
            for r in rows
            if any(unit in r[c].split("、") for c in ("lead", "cooperating", "responsible"))
        }

    seen = {u: set(visible(users[u], Task).values_list("number", flat=True)) for u in users}
    assert seen["eco"] == named("市生态环境局")
    assert len(seen["eco"]) == 26
    assert seen["miit"] == named("市工信局")
    assert seen["edu"] == set()
    assert len(seen["office"]) == 36
    # the area user sees the measures given to 各县市区政府 (1, 31–36)
    assert seen["changan"] == named(COUNTIES) == COUNTY_MEASURES
    assert seen["inspector"] == seen["enterprise"] == set()
    four = Task.objects.get(number="三.（二）.4")
    assert can_view(users["miit"], four) and not can_view(users["edu"], four)


def test_refused_outside_development(settings: Any) -> None:
    settings.DEVELOPMENT = False
    with pytest.raises(CommandError, match="LANTIAN_ENV=development"):
        call_command("load_demo", stdout=StringIO())
    assert Task.objects.count() == 0 and User.objects.count() == 0
    call_command("load_demo", "--force", stdout=StringIO())
    assert Task.objects.count() == 36


def test_the_area_user_reports_on_its_districts_measures(
    settings: Any, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """长安区 files its W36 report on measure 34 on Friday 2019-09-06; on Saturday the dispatch's
    report week is W36 and 长安区's row misses 6 reports instead of 7 (1, 31–36)."""
    from lantian.web.ledger import clock

    _load(settings)
    monkeypatch.setattr(clock, "now", lambda: at("2019-09-06"))
    changan = User.objects.get(username="changan")
    tasks = visible(changan, Task)
    assert {t.number for t in tasks if reporter_for(changan, t) is not None} == COUNTY_MEASURES
    client.force_login(changan)

    def missing() -> int:
        rows = client.get("/api/dispatch/?on=2019-09-07").json()["areas"]
        assert [r["name"] for r in rows] == ["长安区"]  # its towns are listed on no measure
        count: int = rows[0]["reports_missing"]
        return count

    assert missing() == 7
    thirty_four = Task.objects.get(number="四.34")
    response = client.post(
        f"/api/tasks/{thirty_four.pk}/reports/",
        {"week": "2019-W36", "text": "区内国控站点周边巡查12次"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["reporter"] == "长安区"
    assert Report.objects.get().area == Area.objects.get(code="130102")
    assert missing() == 6
    # reports only: extension and closing requests are the units'
    closing = client.post(f"/api/tasks/{thirty_four.pk}/closing-requests/", {"reason": "完成"})
    assert closing.status_code == 403
