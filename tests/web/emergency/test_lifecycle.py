"""The warning's life cycle on the platform, driven only through ``lantian.emergency.lifecycle``:
研判 → 发布 → 升级/降级 → 解除, each refusal the core's reason with nothing stored, each event
recorded and audited, the record given back by replaying the stored events."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework import exceptions

from lantian.web.audit.models import AuditEntry
from lantian.web.emergency import core, desk, forecasting
from lantian.web.emergency.models import Warning, WarningEvent
from tests.web.emergency.conftest import ORANGE_FORECAST, Emergency, upload
from tests.web.ledger.factories import at

pytestmark = pytest.mark.django_db

APPROVER = "副指挥长 王某（合成）"


def _assessed(emergency: Emergency) -> Warning:
    office = emergency.user("office")
    forecast = forecasting.import_forecasts(office, upload(ORANGE_FORECAST)).created[0]
    return desk.assess(office, forecast).warning


def _act(emergency: Emergency, warning: Warning, **data: Any) -> Any:
    return desk.act(emergency.user("office"), warning, {"approver": APPROVER, **data})


def _reason(call: Any) -> str:
    with pytest.raises(exceptions.ValidationError) as info:
        call()
    detail = info.value.detail
    assert isinstance(detail, dict)
    (messages,) = detail.values()
    return str(messages[0])


def test_an_assessment_opens_a_warning_with_its_decision(emergency: Emergency) -> None:
    warning = _assessed(emergency)
    assert (warning.state, warning.level, warning.assessed_level) == ("assessed", "", "orange")
    assert warning.decision["rule_zh"] == "AQI>200 持续72小时且AQI>300 达24小时 → 橙色"
    assert (warning.episode_start, warning.episode_end) == (
        at("2019-09-08", 0),
        at("2019-09-12", 0),
    )
    assert warning.required_lead_hours == 24
    (event,) = warning.events.all()
    assert (event.kind, event.level, event.by, event.forecast) == (
        "assess",
        "orange",
        emergency.user("office"),
        warning.forecast,
    )
    assert event.decision == warning.decision
    audited = set(AuditEntry.objects.values_list("object_type", "action"))
    assert {("emergency.warning", "create"), ("emergency.warningevent", "create")} <= audited


def test_issue_needs_an_approver_and_a_start_then_lead_time_is_measured(
    emergency: Emergency,
) -> None:
    warning = _assessed(emergency)
    office = emergency.user("office")
    no_approver = _reason(
        lambda: desk.act(
            office,
            warning,
            {"kind": "issue", "level": "orange", "measures_start": at("2019-09-08", 0)},
        )
    )
    assert no_approver == "发布须有审签人 (an approver is required to be issued)"
    no_start = _reason(lambda: _act(emergency, warning, kind="issue", level="orange"))
    assert no_start.startswith("缺少应急响应开始时间")
    too_early = _reason(
        lambda: _act(
            emergency, warning, kind="issue", level="orange", measures_start=at("2019-09-06", 9)
        )
    )
    assert too_early.startswith("响应开始时间 2019-09-06T09:00+08:00 早于发布时间")
    assert warning.events.count() == 1  # nothing stored by the refusals
    _act(
        emergency,
        warning,
        kind="issue",
        level="orange",
        measures_start=at("2019-09-08", 0),
        expected_end=at("2019-09-12", 0),
    )
    warning.refresh_from_db()
    assert (warning.state, warning.level) == ("issued", "orange")
    assert warning.issued_at == at("2019-09-06", 10)
    assert warning.measures_start == at("2019-09-08", 0)
    # 2019-09-06 10:00 → 2019-09-08 00:00 = 38 h, national requirement 24 h: met
    assert desk.lead_time(warning) == desk.LeadTimeView(38.0, 24, True)
    issue = warning.events.get(kind="issue")
    assert (issue.approver, issue.level_before, issue.level_after) == (APPROVER, "", "orange")


def test_illegal_transitions_are_refused_with_the_cores_reason(emergency: Emergency) -> None:
    warning = _assessed(emergency)
    assert _reason(lambda: _act(emergency, warning, kind="lift")) == (
        "研判中的预警不能解除 (a warning under assessment cannot be lifted)"
    )
    _act(emergency, warning, kind="issue", level="orange", measures_start=at("2019-09-08", 0))
    assert (
        _reason(
            lambda: _act(
                emergency, warning, kind="issue", level="red", measures_start=at("2019-09-08", 0)
            )
        )
        == "生效中的预警不能发布 (a warning in force cannot be issued)"
    )
    assert _reason(
        lambda: _act(
            emergency, warning, kind="upgrade", level="yellow", measures_start=at("2019-09-07", 0)
        )
    ).startswith("升级须高于当前级别（橙色预警），实为黄色预警")
    assert _reason(lambda: _act(emergency, warning, kind="downgrade", level="red")).startswith(
        "降级须低于当前级别（橙色预警），实为红色预警"
    )
    assert _reason(lambda: _act(emergency, warning, kind="assess")) == "未知的操作。"
    assert warning.events.count() == 2


def test_upgrade_downgrade_lift_and_the_replay_gives_the_record_back(
    emergency: Emergency,
) -> None:
    warning = _assessed(emergency)
    _act(emergency, warning, kind="issue", level="orange", measures_start=at("2019-09-08", 0))
    _act(emergency, warning, kind="upgrade", level="red", measures_start=at("2019-09-06", 12))
    _act(emergency, warning, kind="downgrade", level="yellow", note="预报转好")
    _act(emergency, warning, kind="lift", note="AQI≤200 已持续36小时")
    warning.refresh_from_db()
    assert (warning.state, warning.level) == ("lifted", "yellow")
    assert warning.lifted_at == at("2019-09-06", 10)
    kinds = list(warning.events.values_list("kind", "level_before", "level_after"))
    assert kinds == [
        ("assess", "", "orange"),
        ("issue", "", "orange"),
        ("upgrade", "orange", "red"),
        ("downgrade", "red", "yellow"),
        ("lift", "yellow", "yellow"),
    ]
    record = core.record_of(warning)
    assert (record.state.value, record.level.value if record.level else None) == (
        "lifted",
        "yellow",
    )
    assert record.measures_start == warning.measures_start
    # the lead time stays that of the first issue
    assert desk.lead_time(warning) == desk.LeadTimeView(38.0, 24, True)
    lifted = _reason(lambda: _act(emergency, warning, kind="lift"))
    assert lifted == (
        "已解除的预警不能解除 (a warning lifted cannot be lifted)；如需再次预警，请新建 "
        "(open a new warning instead)"
    )
    updates = AuditEntry.objects.filter(object_type="emergency.warning", action="update")
    assert updates.count() == 4


def test_a_new_assessment_goes_to_the_open_warning_and_after_lifting_opens_a_new_one(
    emergency: Emergency,
) -> None:
    office = emergency.user("office")
    warning = _assessed(emergency)
    forecast = warning.forecast
    again = desk.assess(office, forecast, note="复核")
    assert again.warning == warning and warning.events.count() == 2
    _act(emergency, warning, kind="issue", level="orange", measures_start=at("2019-09-08", 0))
    _act(emergency, warning, kind="lift")
    later = desk.assess(office, forecast)
    assert later.warning != warning
    assert Warning.objects.count() == 2


def test_a_forecast_meeting_no_level_opens_no_warning(emergency: Emergency, tmp_path: Any) -> None:
    office = emergency.user("office")
    clean = ORANGE_FORECAST.read_text(encoding="utf-8")
    for high in (",230,", ",260,", ",320,", ",280,"):
        clean = clean.replace(high, ",150,")
    path = tmp_path / "clean.csv"
    path.write_text(clean, encoding="utf-8")
    forecast = forecasting.import_forecasts(office, upload(path)).created[0]
    assert _reason(lambda: desk.assess(office, forecast)) == "该预报未达任何预警级别：不新建预警。"
    assert Warning.objects.count() == 0 and WarningEvent.objects.count() == 0


def test_only_the_office_moves_a_warning(emergency: Emergency) -> None:
    warning = _assessed(emergency)
    for name in ("lead", "area", "inspector", "enterprise"):
        with pytest.raises(exceptions.PermissionDenied):
            desk.act(
                emergency.user(name),
                warning,
                {
                    "kind": "issue",
                    "approver": APPROVER,
                    "level": "orange",
                    "measures_start": at("2019-09-08", 0),
                },
            )
        with pytest.raises(exceptions.PermissionDenied):
            desk.assess(emergency.user(name), warning.forecast)
    assert warning.events.count() == 1
