"""Task status on a pinned day: each rule of docs/ledger_rules.md with a hand-worked case."""

from __future__ import annotations

from datetime import date

import pytest

from lantian.planning.model import (
    ClosingRequest,
    Decision,
    DecisionKind,
    ExtensionRequest,
    Milestone,
    Report,
    Task,
)
from lantian.planning.status import Status, task_status
from lantian.planning.weeks import IsoWeek

ECO = "市生态环境局"
# Measure 24 of 石政发〔2019〕3号: A-level firms by 2019-06-30, B-level by 2019-12-31.
VOCS = Task(
    number="三.（五）.24",
    heading="实施挥发性有机物(VOCs)污染综合治理",
    text="2019年6月底前，完成A级重点监管企业整治任务；2019年12月底前，完成B级重点监管企业整治任务。",
    lead_units=(ECO,),
    milestones=(Milestone(date(2019, 6, 30), "A级企业"), Milestone(date(2019, 12, 31), "B级企业")),
)
JUNE30 = date(2019, 6, 30)


def report(filed: date, **kw: object) -> Report:
    return Report(task=VOCS.number, unit=ECO, week=IsoWeek.of(filed), filed_on=filed, **kw)  # type: ignore[arg-type]


def status(on: date, reports=(), extensions=(), closings=(), warn_days: int = 7):  # type: ignore[no-untyped-def]
    return task_status(VOCS, reports, extensions, closings, on, warn_days)


def test_not_started_without_reports_far_from_the_deadline() -> None:
    st = status(date(2019, 6, 1))
    assert st.status is Status.NOT_STARTED
    assert st.deadline == JUNE30
    assert st.days_left == 29


def test_on_track_once_a_report_is_filed() -> None:
    assert status(date(2019, 6, 1), [report(date(2019, 5, 31))]).status is Status.ON_TRACK


def test_a_report_filed_later_does_not_count_yet() -> None:
    assert status(date(2019, 6, 1), [report(date(2019, 6, 3))]).status is Status.NOT_STARTED


@pytest.mark.parametrize(
    ("on", "expected", "days_left"),
    [
        (date(2019, 6, 22), Status.ON_TRACK, 8),  # 8 days left: still green
        (date(2019, 6, 23), Status.AT_RISK, 7),  # 7 days left: yellow
        (date(2019, 6, 30), Status.AT_RISK, 0),  # the deadline day itself is not late
        (date(2019, 7, 1), Status.OVERDUE, -1),  # the day after: red
    ],
)
def test_the_warning_window_around_a_deadline(on: date, expected: Status, days_left: int) -> None:
    st = status(on, [report(date(2019, 6, 1))])
    assert st.status is expected
    assert st.days_left == days_left


def test_the_warning_window_is_a_parameter() -> None:
    r = [report(date(2019, 6, 1))]
    assert status(date(2019, 6, 20), r, warn_days=10).status is Status.AT_RISK
    assert status(date(2019, 6, 20), r, warn_days=9).status is Status.ON_TRACK
    with pytest.raises(ValueError):
        status(date(2019, 6, 20), r, warn_days=-1)


def test_a_met_milestone_moves_on_to_the_next_deadline() -> None:
    r = report(date(2019, 6, 28), milestones_met=(JUNE30,))
    st = status(date(2019, 7, 1), [r])
    assert st.status is Status.ON_TRACK
    assert st.deadline == date(2019, 12, 31)


def test_an_approved_extension_moves_the_deadline() -> None:
    x = ExtensionRequest(
        task=VOCS.number,
        unit=ECO,
        milestone=JUNE30,
        until=date(2019, 7, 31),
        filed_on=date(2019, 6, 20),
        reason="企业设备到货延迟",
        decision=Decision(DecisionKind.APPROVED, date(2019, 6, 25), by="市大气办"),
    )
    r = [report(date(2019, 6, 1))]
    # Before the decision the old deadline holds.
    assert status(date(2019, 6, 24), r, [x]).deadline == JUNE30
    st = status(date(2019, 7, 1), r, [x])
    assert st.status is Status.ON_TRACK
    assert st.deadline == date(2019, 7, 31)
    assert status(date(2019, 8, 1), r, [x]).status is Status.OVERDUE


def test_a_sent_back_extension_leaves_the_deadline() -> None:
    x = ExtensionRequest(
        task=VOCS.number,
        unit=ECO,
        milestone=JUNE30,
        until=date(2019, 7, 31),
        filed_on=date(2019, 6, 20),
        reason="企业设备到货延迟",
        decision=Decision(DecisionKind.SENT_BACK, date(2019, 6, 25), reason="理由不充分"),
    )
    assert status(date(2019, 7, 1), [report(date(2019, 6, 1))], [x]).status is Status.OVERDUE


def test_the_latest_approved_extension_wins() -> None:
    def ext(until: date, decided: date) -> ExtensionRequest:
        return ExtensionRequest(
            VOCS.number,
            ECO,
            JUNE30,
            until,
            date(2019, 6, 20),
            "延期",
            Decision(DecisionKind.APPROVED, decided),
        )

    xs = [ext(date(2019, 8, 31), date(2019, 7, 20)), ext(date(2019, 7, 15), date(2019, 6, 25))]
    assert status(date(2019, 7, 21), [], xs).deadline == date(2019, 8, 31)
    assert status(date(2019, 7, 1), [], xs).deadline == date(2019, 7, 15)


def test_completion_claim_makes_the_task_done_then_closing_closes_it() -> None:
    claim = report(date(2019, 12, 20), complete=True)
    assert status(date(2019, 12, 21), [claim]).status is Status.DONE
    closing = ClosingRequest(
        VOCS.number,
        ECO,
        filed_on=date(2019, 12, 21),
        evidence=("验收报告.pdf",),
        decision=Decision(DecisionKind.APPROVED, date(2019, 12, 27), by="市大气办"),
    )
    assert status(date(2019, 12, 26), [claim], closings=[closing]).status is Status.DONE
    assert status(date(2019, 12, 27), [claim], closings=[closing]).status is Status.CLOSED
    # Closed stays closed after the last deadline.
    assert status(date(2020, 3, 1), [claim], closings=[closing]).status is Status.CLOSED


def test_a_sent_back_closing_voids_the_claim_until_a_new_one() -> None:
    first = report(date(2019, 12, 20), complete=True, milestones_met=(JUNE30,))
    back = ClosingRequest(
        VOCS.number,
        ECO,
        filed_on=date(2019, 12, 21),
        decision=Decision(DecisionKind.SENT_BACK, date(2019, 12, 23), reason="缺少验收材料"),
    )
    # Back to the deadline rule: 2019-12-31 is 8 days after 12-23 → on track (a report exists).
    assert status(date(2019, 12, 23), [first], closings=[back]).status is Status.ON_TRACK
    assert status(date(2020, 1, 2), [first], closings=[back]).status is Status.OVERDUE
    second = report(date(2020, 1, 3), complete=True)
    assert status(date(2020, 1, 3), [first, second], closings=[back]).status is Status.DONE


def test_a_standing_task_without_deadline_is_never_overdue() -> None:
    t = Task(number="三.（六）.29", text="完善应急减排措施", lead_units=(ECO,))
    st = task_status(t, [], [], [], date(2030, 1, 1))
    assert st.status is Status.NOT_STARTED
    assert st.deadline is None and st.days_left is None


def test_inputs_of_other_tasks_are_ignored() -> None:
    other = Report(
        task="三.（五）.25", unit=ECO, week=IsoWeek(2019, 22), filed_on=date(2019, 5, 31)
    )
    assert status(date(2019, 6, 1), [other]).status is Status.NOT_STARTED


def test_status_texts_are_in_chinese_and_english() -> None:
    assert Status.OVERDUE.zh == "逾期" and Status.OVERDUE.en == "overdue"
    assert Status.OVERDUE.colour == "red" and Status.AT_RISK.colour == "yellow"
    assert Status.CLOSED.zh == "已销号"
