"""Enterprises propose their own measures (一厂一策) and staggering changes; the core refuses a
weaker measure at submission; the office approves (applied, published) or sends back with a
reason; everything audited."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rest_framework import exceptions

from lantian.emergency.levels import Level
from lantian.web.audit.models import AuditEntry
from lantian.web.emergency import changes, core, response
from lantian.web.emergency.models import (
    Enterprise,
    EnterpriseUser,
    LineMeasure,
    MeasureChange,
    ProductionLine,
    StaggerChange,
    StaggeredPeriod,
)
from tests.web.emergency.conftest import Emergency

pytestmark = pytest.mark.django_db


def _line(line_id: str) -> ProductionLine:
    return ProductionLine.objects.select_related("enterprise").get(line_id=line_id)


def _message(call: Any) -> str:
    with pytest.raises(exceptions.ValidationError) as info:
        call()
    detail = info.value.detail
    assert isinstance(detail, dict)
    (messages,) = detail.values()
    return str(messages[0])


def _propose(emergency: Emergency, line_id: str, level: str, measure: str) -> MeasureChange:
    return changes.propose_measure(
        emergency.user("enterprise"),
        _line(line_id),
        {"level": level, "measure": measure, "reason": "新增脱硝设施，主动从严"},
    )


def test_a_weaker_measure_is_refused_with_the_cores_reason(emergency: Emergency) -> None:
    message = _message(
        lambda: _propose(emergency, "E0001-L1", "orange", "限产10%+国四及以下重型货车停运")
    )
    # the cement C line's default at orange is 停产+国四及以下重型货车停运 (r = 1); 限产10% is 0.1.
    # NOx 1667.4 t/a ÷ 365 = 4.568 t/d: 0.4568 < 4.568 t/d
    assert message.startswith(
        "生产线 E0001-L1 橙色预警措施「限产10%+国四及以下重型货车停运」弱于行业默认"
        "「停产+国四及以下重型货车停运」(so2: 0.01348 < 0.1348 t/d; nox: 0.4568 < 4.568 t/d"
    )
    assert _message(lambda: _propose(emergency, "E0001-L1", "orange", "停产")).startswith(
        "生产线 E0001-L1 橙色预警运输措施「无」弱于行业默认「国四及以下重型货车停运」"
    )
    assert _message(lambda: _propose(emergency, "E0001-L1", "orange", "限产")).startswith(
        "无法识别的措施 / unknown measure '限产'"
    )
    assert MeasureChange.objects.count() == 0


def test_a_stricter_measure_waits_for_the_office_then_applies(emergency: Emergency) -> None:
    change = _propose(emergency, "E0001-L2", "orange", "停产+国四及以下重型货车停运")
    assert (change.status, change.before, change.text) == (
        "pending",
        "限产20%+国四及以下重型货车停运",
        "停产+国四及以下重型货车停运",
    )
    assert (change.kind, change.value, change.transport) == ("stop", None, "truck_ban")
    # not applied before the office approves
    assert LineMeasure.objects.get(line__line_id="E0001-L2", level="orange").text == (
        "限产20%+国四及以下重型货车停运"
    )
    assert (
        _message(lambda: _propose(emergency, "E0001-L2", "orange", "停产+停止公路运输"))
        == "该措施已有一项变更等待办公室审核。"
    )
    office = emergency.user("office")
    changes.decide(office, "measure", change.pk, {"decision": "approved", "reason": ""})
    change.refresh_from_db()
    assert (change.status, change.decided_by) == ("approved", office)
    applied = LineMeasure.objects.get(line__line_id="E0001-L2", level="orange")
    assert (applied.text, applied.active) == ("停产+国四及以下重型货车停运", True)
    lst = core.enterprise_list(emergency.enterprise)
    kiln = next(ln for ln in lst.lines if ln.line_id == "E0001-L2")
    assert lst.r(kiln, Level.ORANGE) == 1.0
    actions = set(AuditEntry.objects.values_list("object_type", "action"))
    assert {
        ("emergency.measurechange", "create"),
        ("emergency.measurechange", "decide_measure_change"),
        ("emergency.linemeasure", "update"),
    } <= actions
    with pytest.raises(exceptions.ValidationError):  # decided once
        changes.decide(office, "measure", change.pk, {"decision": "sent_back", "reason": "x"})


def test_an_approved_measure_for_a_line_at_its_default_creates_its_own(
    emergency: Emergency,
) -> None:
    change = _propose(emergency, "E0001-L1", "red", "停产+停止公路运输")
    changes.decide(emergency.user("office"), "measure", change.pk, {"decision": "approved"})
    own = LineMeasure.objects.get(line__line_id="E0001-L1", level="red")
    assert (own.text, own.kind, own.transport) == ("停产+停止公路运输", "stop", "no_road")
    entry = AuditEntry.objects.get(object_type="emergency.linemeasure", object_id=str(own.pk))
    assert (entry.action, entry.actor_name) == ("create", "office")


def test_sending_back_needs_a_reason_and_applies_nothing(emergency: Emergency) -> None:
    change = _propose(emergency, "E0001-L3", "red", "停产+国四及以下重型货车停运")
    office = emergency.user("office")
    assert (
        _message(
            lambda: changes.decide(
                office, "measure", change.pk, {"decision": "sent_back", "reason": " "}
            )
        )
        == "退回变更须说明理由。"
    )
    changes.decide(
        office, "measure", change.pk, {"decision": "sent_back", "reason": "请附检测报告"}
    )
    change.refresh_from_db()
    assert (change.status, change.decision_reason) == ("sent_back", "请附检测报告")
    assert LineMeasure.objects.get(line__line_id="E0001-L3", level="red").text == (
        "限产30%+国四及以下重型货车停运"
    )


def test_a_guaranteed_line_takes_no_stop_or_limit(emergency: Emergency) -> None:
    boiler = _line("E0012-L1")
    EnterpriseUser.objects.filter(user=emergency.user("enterprise")).update(
        enterprise=boiler.enterprise
    )
    message = _message(lambda: _propose(emergency, "E0012-L1", "red", "限产50%"))
    assert message.startswith(
        "生产线 E0012-L1 属保障类，不应采取停限产措施，红色预警措施「限产50%」被拒绝"
    )


def test_only_the_lines_enterprise_proposes_and_only_the_office_decides(
    emergency: Emergency,
) -> None:
    other = _line("E0002-L1")
    with pytest.raises(exceptions.PermissionDenied):
        changes.propose_measure(
            emergency.user("enterprise"), other, {"level": "red", "measure": "停产", "reason": "x"}
        )
    with pytest.raises(exceptions.PermissionDenied):  # the office decides, it does not propose
        changes.propose_measure(
            emergency.user("office"),
            _line("E0001-L1"),
            {"level": "red", "measure": "停产", "reason": "x"},
        )
    change = _propose(emergency, "E0001-L3", "red", "停产+国四及以下重型货车停运")
    for name in ("enterprise", "inspector", "lead", "area"):
        with pytest.raises(exceptions.PermissionDenied):
            changes.decide(emergency.user(name), "measure", change.pk, {"decision": "approved"})
    with pytest.raises(exceptions.NotFound):
        changes.decide(emergency.user("office"), "nonsense", change.pk, {"decision": "approved"})


def _stagger(emergency: Emergency, user: str = "enterprise", **data: Any) -> StaggerChange:
    values = {
        "action": "add",
        "start": date(2019, 11, 15),
        "end": date(2020, 3, 15),
        "kind": "limit",
        "value": 30.0,
        "reason": "采暖季错峰生产（合成）",
        **data,
    }
    line = _line(values.pop("line", "E0001-L2"))
    return changes.propose_stagger(emergency.user(user), line, values)


def test_a_staggering_change_is_applied_only_when_approved_and_published(
    emergency: Emergency,
) -> None:
    change = _stagger(emergency)
    assert StaggeredPeriod.objects.count() == 0
    office = emergency.user("office")
    changes.decide(office, "staggered", change.pk, {"decision": "approved"})
    change.refresh_from_db()
    period = StaggeredPeriod.objects.get()
    assert (change.status, change.result, change.published_at is not None) == (
        "approved",
        period,
        True,
    )
    assert (period.start, period.end, period.kind, period.value, period.active) == (
        date(2019, 11, 15),
        date(2020, 3, 15),
        "limit",
        30.0,
        True,
    )
    withdraw = _stagger(emergency, action="withdraw", before=period, reason="产能置换后不再错峰")
    changes.decide(office, "staggered", withdraw.pk, {"decision": "approved"})
    period.refresh_from_db()
    assert period.active is False and StaggeredPeriod.objects.count() == 1  # kept
    assert AuditEntry.objects.filter(object_type="emergency.staggeredperiod").count() == 2


def test_a_staggering_change_needs_a_reason_and_its_requester_cannot_approve_it(
    emergency: Emergency,
) -> None:
    assert _message(lambda: _stagger(emergency, reason=" ")).startswith(
        "错峰清单不得随意调整：须说明理由"
    )
    by_office = _stagger(emergency, user="office")
    assert (
        _message(
            lambda: changes.decide(
                emergency.user("office"), "staggered", by_office.pk, {"decision": "approved"}
            )
        )
        == "申请人不能审批自己的变更 / the requester cannot decide"
    )
    assert StaggeredPeriod.objects.count() == 0


def test_staggering_an_exempt_line_is_refused(emergency: Emergency) -> None:
    message = _message(lambda: _stagger(emergency, user="office", line="E0012-L1", kind="stop"))
    assert message.startswith("保障类不应采取停限产措施，错峰「停产」冲突")
    assert StaggerChange.objects.count() == 0


def test_the_notification_list_follows_an_approved_change(emergency: Emergency) -> None:
    from tests.web.emergency.conftest import issue_orange

    warning = issue_orange(emergency)
    change = _propose(emergency, "E0001-L2", "orange", "停产+国四及以下重型货车停运")
    changes.decide(emergency.user("office"), "measure", change.pk, {"decision": "approved"})
    e0001 = next(
        n for n in response.notification_list(warning) if n.enterprise == emergency.enterprise
    )
    assert [(ln.line_id, ln.measure, ln.own) for ln in e0001.lines][1] == (
        "E0001-L2",
        "停产+国四及以下重型货车停运",
        True,
    )
    assert Enterprise.objects.count() == 7
