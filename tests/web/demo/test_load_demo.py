"""``lantian web load_demo``: what it creates, that a second run changes nothing, who sees what,
and its refusal outside development.

Expected counts are worked from data/sample/shijiazhuang_2019_tasks.csv: 36 measures; 25
distinct unit names across lead/cooperating/responsible (市大气办 among them) plus the unrelated
市教育局; 21 measures with one deadline and measure 24 with two = 23 milestones; 市生态环境局 is
named on 26 measures (``grep -c``), 各县市区政府 on 7 (1, 31–36).
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
from lantian.web.ledger.models import Milestone, Plan, PlanTarget, Task, TaskUnit
from lantian.web.org.models import Area, Unit, User
from lantian.web.org.roles import Role

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
    assert counts["Area"] == 1 + 22  # 石家庄市 and its 22 districts, counties and cities
    names_in_fixture = {
        name
        for row in _fixture_rows()
        for column in ("lead", "cooperating", "responsible")
        for name in row[column].split("、")
        if name
    }
    assert len(names_in_fixture) == 25
    assert set(Unit.objects.values_list("name", flat=True)) == names_in_fixture | {"市教育局"}
    # one TaskUnit per (measure, named unit): count the names in the fixture
    assert counts["TaskUnit"] == sum(
        len([n for n in row[c].split("、") if n])
        for row in _fixture_rows()
        for c in ("lead", "cooperating", "responsible")
    )

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
    # a measure for 各县市区政府 covers every district; one without covers none
    assert Task.objects.get(number="四.34").areas.count() == 22
    assert Task.objects.get(number="三.（二）.4").areas.count() == 0


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
    assert seen["changan"] == named("各县市区政府")
    assert len(seen["changan"]) == 7
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
