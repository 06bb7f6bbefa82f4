"""Saving a reviewed draft to the ledger (docs/plan_review.md, "Save to the ledger"): the plan
石政发〔2019〕3号 with its targets and 36 tasks, checked by hand against the plan's text; all or
nothing; audited; never twice."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rest_framework.exceptions import ValidationError

from tests.web.drafts.conftest import JINGJINJI, Org, make_draft, task_of, tick_create

pytestmark = pytest.mark.django_db


def saved_draft(org: Org) -> Any:
    from lantian.web.drafts.ledger_save import save_to_ledger

    draft = tick_create(org, make_draft(org))
    return save_to_ledger(org.office, draft)


def units_of(task: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"lead": [], "cooperating": [], "responsible": []}
    for tu in task.task_units.select_related("unit").order_by("pk"):
        out[tu.role].append(tu.unit.name)
    return out


def test_saving_shijiazhuang_creates_the_plan(org: Org) -> None:
    from lantian.web.ledger.models import Plan

    draft = saved_draft(org)
    plan = Plan.objects.get()
    assert plan.title == "石家庄市2019年大气污染防治治理工作方案"
    assert plan.issuer == "石家庄市人民政府"
    assert plan.document_number == "石政发〔2019〕3号"
    assert plan.issued_on == date(2019, 6, 26)
    assert (plan.start, plan.end) == (date(2019, 1, 1), date(2019, 12, 31))
    assert plan.area == org.personas.areas["city"]
    assert plan.tasks.count() == 36
    assert draft.status == "saved"
    assert draft.saved_plan == plan
    assert draft.result["tasks"] == 36


def test_the_plans_targets_as_the_engine_names_its_area(org: Org) -> None:
    from lantian.web.ledger.models import PlanTarget

    saved_draft(org)
    # 二、工作目标: "全市PM2.5平均浓度较2018年下降7%、达到67微克/立方米，综合指数较2018年下降9%、
    # 达到6.85，优良天数比率达到44.7%"
    rows = {
        (t.metric, t.change): (t.area_name, t.period, t.op, t.bound, t.label)
        for t in PlanTarget.objects.all()
    }
    assert rows == {
        ("pm25", True): ("石家庄", "2019", "<=", -7.0, "PM2.5平均浓度较上年下降7%"),
        ("pm25", False): ("石家庄", "2019", "<=", 67.0, "PM2.5平均浓度 ≤ 67µg/m³"),
        ("composite", True): ("石家庄", "2019", "<=", -9.0, "综合指数较上年下降9%"),
        ("composite", False): ("石家庄", "2019", "<=", 6.85, "综合指数 ≤ 6.85"),
        ("good_ratio", False): ("石家庄", "2019", ">=", 44.7, "优良天数比例 ≥ 44.7%"),
    }


def test_target_labels_are_stored_in_chinese_whatever_the_savers_language(org: Org) -> None:
    from django.utils import translation

    from lantian.web.ledger.models import PlanTarget

    with translation.override("en"):
        saved_draft(org)
    labels = {(t.metric, t.change): t.label for t in PlanTarget.objects.all()}
    assert labels[("pm25", True)] == "PM2.5平均浓度较上年下降7%"
    assert labels[("composite", True)] == "综合指数较上年下降9%"


def test_task_1_by_hand(org: Org) -> None:
    """三.（一）.1: "…2019年底，压减水泥产能260万吨，退出炼铁产能48万吨，压减焦炭产能50万吨，淘汰
    火电产能2.8万千瓦。…（市发改委、市工信局牵头，各县市区政府负责，…）"."""
    from lantian.web.ledger.models import Task

    saved_draft(org)
    task = Task.objects.get(number="三.（一）.1")
    assert task.heading == "坚定不移化解过剩产能"
    assert task.text.startswith("坚定不移化解过剩产能。持续压减钢铁、焦化、水泥等过剩产能")
    assert units_of(task) == {
        "lead": ["石家庄市发展和改革委员会", "石家庄市工业和信息化局"],
        "cooperating": [],
        "responsible": [],
    }
    # 各县市区政府负责: every district below 石家庄市 reports for itself
    assert sorted(a.name for a in task.areas.all()) == ["桥西区", "长安区"]
    assert [(ms.due, ms.label) for ms in task.milestones.all()] == [
        (date(2019, 12, 31), "2019年底")
    ]
    assert [(i.name, i.target, i.unit) for i in task.indicators.order_by("pk")] == [
        ("压减水泥产能", 260.0, "万吨"),
        ("退出炼铁产能", 48.0, "万吨"),
        ("压减焦炭产能", 50.0, "万吨"),
        ("淘汰火电产能", 2.8, "万千瓦"),
    ]


def test_task_2_by_hand(org: Org) -> None:
    """三.（一）.2: "…2019年底完成8家企业搬迁改造…（市发改委牵头，市工信局、市自然资源和规划局、
    市投促局、市行政审批局、市生态环境局、市城管局配合）", and task 1's "以下均需各县市区落实"."""
    from lantian.web.ledger.models import Task

    draft = saved_draft(org)
    task = Task.objects.get(number="三.（一）.2")
    assert units_of(task) == {
        "lead": ["石家庄市发展和改革委员会"],
        "cooperating": [
            "石家庄市工业和信息化局",
            "市自然资源和规划局",  # not in the directory: created, as ticked
            "市投促局",
            "市行政审批局",
            "石家庄市生态环境局",
            "市城管局",
        ],
        "responsible": [],
    }
    assert sorted(a.name for a in task.areas.all()) == ["桥西区", "长安区"]
    assert [(ms.due, ms.label) for ms in task.milestones.all()] == [
        (date(2019, 12, 31), "2019年底")
    ]
    assert [(i.name, i.target, i.unit) for i in task.indicators.all()] == [
        ("完成企业搬迁改造", 8.0, "家")
    ]
    assert "市投促局" in draft.result["created_units"]


def test_new_units_are_created_in_the_plans_area_only_when_ticked(org: Org) -> None:
    from lantian.web.org.models import Unit

    draft = saved_draft(org)
    created = Unit.objects.filter(name__in=draft.result["created_units"])
    assert created.count() == len(draft.result["created_units"]) > 0
    assert {u.area for u in created} == {org.personas.areas["city"]}
    assert not Unit.objects.filter(name="各县市区政府").exists()


def test_an_unticked_unknown_unit_is_refused_naming_the_task(org: Org) -> None:
    from lantian.web.drafts.ledger_save import save_to_ledger
    from lantian.web.ledger.models import Plan

    draft = make_draft(org)  # 市投促局 … proposed as new, not ticked
    with pytest.raises(ValidationError) as caught:
        save_to_ledger(org.office, draft)
    messages = [str(m) for m in caught.value.detail["non_field_errors"]]
    assert (
        "任务 三.（一）.2：单位“市自然资源和规划局”不在单位目录中：请选择目录中的单位，或勾选“新建”"
        "；单位“市投促局”不在单位目录中：请选择目录中的单位，或勾选“新建”"
        "；单位“市行政审批局”不在单位目录中：请选择目录中的单位，或勾选“新建”"
        "；单位“市城管局”不在单位目录中：请选择目录中的单位，或勾选“新建”"
    ) in messages
    assert not Plan.objects.exists()


def test_one_bad_task_saves_nothing(org: Org) -> None:
    """A task left without a lead or responsible unit is refused by the ledger's rule; the plan,
    targets, new units and the other 35 tasks are not saved either, nor any audit entry."""
    from lantian.web.audit.models import AuditEntry
    from lantian.web.drafts.ledger_save import save_to_ledger
    from lantian.web.drafts.models import PlanDraft
    from lantian.web.drafts.services import update_review
    from lantian.web.ledger.models import Plan, PlanTarget, Task
    from lantian.web.org.models import Unit

    draft = tick_create(org, make_draft(org))
    review = draft.reviewed
    task = task_of(review, "三.（三）.8")
    task["units"] = [u for u in task["units"] if u["role"] == "cooperating"]
    draft = update_review(org.office, draft, review)
    units, entries = Unit.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        save_to_ledger(org.office, draft)
    assert [str(m) for m in caught.value.detail["non_field_errors"]] == [
        "任务 三.（三）.8：单位：任务至少需要一个牵头单位或责任单位。"
    ]
    assert not Plan.objects.exists() and not PlanTarget.objects.exists()
    assert not Task.objects.exists()
    assert Unit.objects.count() == units
    assert AuditEntry.objects.count() == entries
    assert PlanDraft.objects.get(pk=draft.pk).status == "draft"


def test_a_plan_without_a_known_area_or_date_is_refused(org: Org) -> None:
    from lantian.web.drafts.ledger_save import save_to_ledger
    from lantian.web.ledger.models import Plan

    draft = make_draft(org, JINGJINJI)
    with pytest.raises(ValidationError) as caught:
        save_to_ledger(org.office, draft)
    assert [str(m) for m in caught.value.detail["non_field_errors"]] == [
        "行动方案：缺少发文机关。",
        "行动方案：缺少印发日期。",
        "行动方案：区域目录中没有名为“京津冀及周边地区、汾渭平原”的区域：请先在区域目录中添加，"
        "或填写目录中已有的区域名称。",
    ]
    assert not Plan.objects.exists()


def test_targets_the_ledger_does_not_hold_are_listed_as_not_saved(org: Org) -> None:
    from lantian.web.drafts.ledger_save import save_to_ledger
    from lantian.web.drafts.services import update_review
    from lantian.web.ledger.models import PlanTarget

    draft = tick_create(org, make_draft(org))
    review = draft.reviewed
    review["targets"].append(
        {"metric": "dustfall", "area": "石家庄市", "period": "2019", "op": "<=", "value": 9.0,
         "change": False, "unit": "t/(km²·月)", "text": "降尘量不高于9吨/月·平方公里", "span": None}
    )  # fmt: skip
    draft = save_to_ledger(org.office, update_review(org.office, draft, review))
    assert PlanTarget.objects.count() == 5
    assert draft.result["targets"] == 5
    [skipped] = draft.result["skipped_targets"]
    assert skipped["label"] == "dustfall ≤ 9t/(km²·月)"
    assert skipped["reason"].startswith("台账只保存空气质量统计指标的目标（dustfall 不在其中）")


def test_saving_twice_is_refused(org: Org) -> None:
    from lantian.web.drafts.ledger_save import save_to_ledger
    from lantian.web.ledger.models import Plan

    draft = saved_draft(org)
    with pytest.raises(ValidationError) as caught:
        save_to_ledger(org.office, draft)
    assert str(caught.value.detail["non_field_errors"][0]) == (
        f"该草稿已保存到台账（方案 {draft.saved_plan_id}），不能再修改或再次保存。"
    )
    assert Plan.objects.count() == 1


def test_the_save_is_audited(org: Org) -> None:
    from lantian.web.audit.models import AuditEntry

    draft = saved_draft(org)
    entries = AuditEntry.objects.filter(actor_name="office")
    kinds = [(e.action, e.object_type) for e in entries]
    assert kinds.count(("create", "ledger.plan")) == 1
    assert kinds.count(("create", "ledger.plantarget")) == 5
    assert kinds.count(("create", "ledger.task")) == 36
    assert kinds.count(("create", "org.unit")) == len(draft.result["created_units"])
    last = entries.filter(object_type="drafts.plandraft").order_by("-pk").first()
    assert last is not None and last.action == "update"
    assert last.before["status"] == "draft"
    assert last.after["status"] == "saved"
    assert last.after["saved_plan_id"] == draft.saved_plan_id


def test_a_department_cannot_save(org: Org) -> None:
    from rest_framework.exceptions import PermissionDenied

    from lantian.web.drafts.ledger_save import save_to_ledger
    from lantian.web.ledger.models import Plan

    draft = tick_create(org, make_draft(org))
    with pytest.raises(PermissionDenied):
        save_to_ledger(org.personas.users["lead"], draft)
    assert not Plan.objects.exists()


def test_a_plan_already_in_the_ledger_is_not_imported_again(org: Org) -> None:
    from lantian.web.drafts.ledger_save import save_to_ledger
    from lantian.web.ledger.models import Plan, Task

    saved_draft(org)
    again = tick_create(org, make_draft(org))  # the same file, a second draft
    with pytest.raises(ValidationError) as caught:
        save_to_ledger(org.office, again)
    assert [str(m) for m in caught.value.detail["non_field_errors"]] == [
        "行动方案：台账中已有文号为石政发〔2019〕3号的方案"
        "（石家庄市2019年大气污染防治治理工作方案），不重复导入。"
    ]
    assert (Plan.objects.count(), Task.objects.count()) == (1, 36)
    again.refresh_from_db()
    assert again.status == "draft"
