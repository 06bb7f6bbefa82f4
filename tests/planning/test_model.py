"""Validation of the ledger values."""

from __future__ import annotations

from datetime import date

import pytest

from lantian.airquality.periods import parse_period
from lantian.planning.model import (
    Decision,
    DecisionKind,
    ExtensionRequest,
    Plan,
    Target,
    Task,
    parse_number,
)


def test_numbering_paths() -> None:
    assert parse_number("三.（一）.1") == ("三", "（一）", "1")
    assert parse_number("6.(2)") == ("6", "(2)")
    for bad in ("", "三..1", "三.a", "第三条"):
        with pytest.raises(ValueError, match="bad numbering"):
            parse_number(bad)


def test_a_task_needs_text_and_a_unit_or_an_area() -> None:
    with pytest.raises(ValueError, match="empty text"):
        Task(number="1", text=" ", lead_units=("市发改委",))
    with pytest.raises(ValueError, match="no lead unit, responsible unit or area"):
        Task(number="1", text="甲", cooperating_units=("市发改委",))
    # "各县市区政府负责" alone: the areas carry the task out and report
    only_areas = Task(number="1", text="甲", areas=("长安区", "桥西区"))
    assert only_areas.reporters == ("长安区", "桥西区")
    assert only_areas.reporting_units == () and only_areas.units == ()
    t = Task(
        number="1",
        text="甲",
        lead_units=("市发改委", "市工信局"),
        cooperating_units=("市工信局", "市城管局"),
        responsible_units=("各县市区政府", "市发改委"),
    )
    assert t.reporting_units == ("市发改委", "市工信局", "各县市区政府")
    assert t.units == ("市发改委", "市工信局", "各县市区政府", "市城管局")
    assert t.reporters == t.reporting_units  # no areas


def test_reporters_are_the_reporting_units_then_the_areas() -> None:
    # Measure 33 of 石政发〔2019〕3号 as the demo holds it: two lead units, the districts listed.
    t = Task(
        number="四.33",
        text="强化严格执法",
        lead_units=("市生态环境局", "市公安局"),
        cooperating_units=("市城管局",),
        areas=("长安区", "桥西区", "长安区"),
    )
    assert t.reporters == ("市生态环境局", "市公安局", "长安区", "桥西区")
    assert "市城管局" not in t.reporters  # cooperating units do not report


def test_requests_and_decisions_are_checked() -> None:
    with pytest.raises(ValueError, match="needs a reason"):
        Decision(DecisionKind.SENT_BACK, date(2019, 7, 1))
    with pytest.raises(ValueError, match="must be later"):
        ExtensionRequest(
            "1", "市发改委", date(2019, 6, 30), date(2019, 6, 30), date(2019, 6, 1), "x"
        )
    with pytest.raises(ValueError, match="decision before the request"):
        ExtensionRequest(
            "1",
            "市发改委",
            date(2019, 6, 30),
            date(2019, 7, 31),
            date(2019, 6, 20),
            "x",
            Decision(DecisionKind.APPROVED, date(2019, 6, 19)),
        )


def test_a_plan_holds_engine_targets_and_unique_tasks() -> None:
    target = Target("石家庄", "pm25", parse_period("2019"), "<=", 67.0)
    t = Task(number="1", text="甲", lead_units=("市发改委",))
    plan = Plan(
        "石家庄市2019年大气污染防治治理工作方案",
        "石家庄市人民政府",
        "石政发〔2019〕3号",
        date(2019, 6, 26),
        date(2019, 1, 1),
        date(2019, 12, 31),
        "石家庄",
        (target,),
        (t,),
    )
    assert plan.task("1") is t and plan.targets[0].bound == 67.0
    with pytest.raises(ValueError, match="duplicate numbering 1"):
        Plan(
            "p",
            "i",
            "n",
            date(2019, 1, 1),
            date(2019, 1, 1),
            date(2019, 12, 31),
            "石家庄",
            tasks=(t, t),
        )
