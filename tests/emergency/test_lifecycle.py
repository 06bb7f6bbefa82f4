"""The warning's life cycle (warnings.md §4): 研判 → 发布 → 升级/降级 → 解除, who and when,
refused transitions with their reasons, and the lead time against the required one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from lantian.emergency.forecast import SHANGHAI, ForecastId
from lantian.emergency.levels import Level
from lantian.emergency.lifecycle import (
    Kind,
    State,
    TransitionError,
    WarningRecord,
    assess,
    downgrade,
    issue,
    lift,
    upgrade,
)


def t(day: int, hour: int = 0) -> datetime:
    return datetime(2019, 11, day, hour, tzinfo=SHANGHAI)


FC1 = ForecastId("淄博", t(2, 16))
FC2 = ForecastId("淄博", t(4, 16))


def issued() -> WarningRecord:
    """Zibo-style: orange issued 3 Nov 09:00, Level II response from 4 Nov 00:00 (§4)."""
    w = WarningRecord.open("淄博", assess(t(3, 8), "值班员", Level.ORANGE, forecast=FC1))
    return w.apply(
        issue(
            t(3, 9),
            "大气办",
            Level.ORANGE,
            t(4),
            approver="副市长",
            expected_end=t(7),
            forecast=FC1,
        )
    )


def test_a_warning_through_its_whole_life() -> None:
    w = issued()
    assert (w.state, w.level, w.issued_at, w.measures_start) == (
        State.ISSUED,
        Level.ORANGE,
        t(3, 9),
        t(4),
    )
    w = w.apply(upgrade(t(4, 17), "大气办", Level.RED, t(4, 18), approver="市长", forecast=FC2))
    w = w.apply(downgrade(t(6, 10), "大气办", Level.YELLOW, approver="副市长"))
    w = w.apply(lift(t(7, 12), "大气办", approver="副市长", reason="低于黄色条件持续36小时"))
    assert w.state is State.LIFTED and w.lifted_at == t(7, 12)
    assert [(c.kind, c.level_before, c.level_after) for c in w.history] == [
        (Kind.ASSESS, None, Level.ORANGE),
        (Kind.ISSUE, None, Level.ORANGE),
        (Kind.UPGRADE, Level.ORANGE, Level.RED),
        (Kind.DOWNGRADE, Level.RED, Level.YELLOW),
        (Kind.LIFT, Level.YELLOW, Level.YELLOW),
    ]
    # the record keeps who, who approved, the forecast used, the start and the expected end
    up = w.history[2]
    assert (up.by, up.approver, up.forecast, up.measures_start, up.expected_end) == (
        "大气办",
        "市长",
        FC2,
        t(4, 18),
        t(7),
    )
    assert w.history[3].measures_start == t(6, 10)  # a downgrade applies from its own time
    assert w.history[4].reason == "低于黄色条件持续36小时"
    assert w.history[1].text == "发布 issued"


def test_replaying_the_events_gives_the_same_record() -> None:
    events = [
        assess(t(3, 8), "值班员", Level.ORANGE),
        issue(t(3, 9), "大气办", Level.ORANGE, t(4), approver="副市长"),
        lift(t(5), "大气办", approver="副市长"),
    ]
    w = WarningRecord.replay("淄博", events)
    assert w.state is State.LIFTED and len(w.history) == 3


def test_lead_time_against_national_and_local_requirements() -> None:
    lead = issued().lead_time()
    assert lead is not None
    assert lead.achieved == timedelta(hours=15) and not lead.met  # 09:00 → 00:00 next day
    w = WarningRecord.open("石家庄", assess(t(1, 8), "值班员", Level.ORANGE)).apply(
        issue(t(1, 9), "大气办", Level.ORANGE, t(4, 9), approver="副市长")
    )
    national = w.lead_time()
    shijiazhuang = w.lead_time(required_hours=72)  # 2019 plan item 29: at least 3 days
    assert national is not None and shijiazhuang is not None
    assert national.hours == 72 and national.met and shijiazhuang.met
    later = w.apply(upgrade(t(3, 9), "大气办", Level.RED, t(3, 10), approver="市长"))
    assert later.lead_time() == national  # the lead time is that of the first issue
    assert WarningRecord.open("石家庄", assess(t(1), "值班员", None)).lead_time() is None


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (
            lambda w: w.apply(upgrade(t(4), "大气办", Level.ORANGE, t(4), approver="市长")),
            "升级须高于当前级别（橙色预警），实为橙色预警 "
            "(an upgrade must be above the current orange, got orange)",
        ),
        (
            lambda w: w.apply(downgrade(t(4), "大气办", Level.RED, approver="市长")),
            "降级须低于当前级别（橙色预警），实为红色预警 "
            "(a downgrade must be below the current orange, got red)",
        ),
        (
            lambda w: w.apply(issue(t(4), "大气办", Level.RED, t(4), approver="市长")),
            "生效中的预警不能发布 (a warning in force cannot be issued)",
        ),
        (
            lambda w: w.apply(lift(t(3, 8), "大气办", approver="副市长")),
            "事件时间 2019-11-03T08:00+08:00 早于上一事件 2019-11-03T09:00+08:00 "
            "(event at 2019-11-03T08:00+08:00 is before the previous one at "
            "2019-11-03T09:00+08:00)",
        ),
        (
            lambda w: w.apply(lift(t(5), "大气办", approver="")),
            "解除须有审签人 (an approver is required to be lifted)",
        ),
        (
            lambda w: w.apply(upgrade(t(5), "大气办", Level.RED, t(4), approver="市长")),
            "响应开始时间 2019-11-04T00:00+08:00 早于升级时间 2019-11-05T00:00+08:00 "
            "(measures cannot start before the warning is upgraded)",
        ),
        (
            lambda w: w.apply(lift(t(5), "大气办", approver="副市长")).apply(
                upgrade(t(6), "大气办", Level.RED, t(6), approver="市长")
            ),
            "已解除的预警不能升级 (a warning lifted cannot be upgraded)；如需再次预警，请新建 "
            "(open a new warning instead)",
        ),
        (
            lambda w: w.apply(assess(t(5), " ", Level.RED)),
            "缺少操作人 (who did it is missing)",
        ),
    ],
)
def test_illegal_transitions_are_refused_with_a_reason(
    make: Callable[[WarningRecord], WarningRecord], reason: str
) -> None:
    with pytest.raises(TransitionError) as info:
        make(issued())
    assert info.value.reason == reason


def test_a_warning_starts_with_an_assessment_and_is_issued_with_a_start() -> None:
    with pytest.raises(TransitionError, match="starts with an assessment"):
        WarningRecord.open("淄博", issue(t(3, 9), "大气办", Level.ORANGE, t(4), approver="x"))
    w = WarningRecord.open("淄博", assess(t(3, 8), "值班员", Level.YELLOW))
    with pytest.raises(TransitionError, match="a warning under assessment cannot be lifted"):
        w.apply(lift(t(3, 9), "大气办", approver="副市长"))
    with pytest.raises(TransitionError, match="expected end is not after the start"):
        w.apply(issue(t(3, 9), "大气办", Level.YELLOW, t(4), approver="副市长", expected_end=t(4)))
    naive = datetime(2019, 11, 3, 9)
    with pytest.raises(TransitionError, match="not time-zone aware"):
        w.apply(issue(naive, "大气办", Level.YELLOW, t(4), approver="副市长"))


def test_assessments_while_in_force_are_recorded_without_changing_the_level() -> None:
    w = issued().apply(assess(t(4, 16), "值班员", Level.RED, forecast=FC2))
    assert w.level is Level.ORANGE and w.assessed_level is Level.RED
    assert w.history[-1].kind is Kind.ASSESS and w.history[-1].forecast == FC2
