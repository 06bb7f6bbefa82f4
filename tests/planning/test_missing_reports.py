"""Missing weekly reports per unit and week (report day a parameter)."""

from __future__ import annotations

from datetime import date

from lantian.planning.model import Milestone, Report, Task
from lantian.planning.status import MissingReport, last_closed_week, missing_reports, weeks_since
from lantian.planning.weeks import IsoWeek

LEAD, RESP, COOP = "区环保局", "各街道办事处", "区工商质监局"
# Zhengzhou Zhongyuan 2017, measure 3: 牵头单位 区环保局 / 责任单位 各街道办事处.
TASK = Task(
    number="三.（二）.3",
    text="强化高污染燃料禁燃区建设、管理",
    lead_units=(LEAD,),
    cooperating_units=(COOP,),
    responsible_units=(RESP,),
    milestones=(Milestone(date(2017, 10, 31)),),
)
W40, W41 = IsoWeek(2017, 40), IsoWeek(2017, 41)  # W40: 10-02…10-08; W41: 10-09…10-15


def rep(unit: str, week: IsoWeek, filed: date, complete: bool = False) -> Report:
    return Report(TASK.number, unit, week, filed, complete=complete)


def test_on_time_late_and_cooperating_units() -> None:
    reports = [
        rep(LEAD, W40, date(2017, 10, 6)),  # Friday: on time
        rep(RESP, W40, date(2017, 10, 7)),  # Saturday: late, the gap stays
    ]
    got = missing_reports([TASK], reports, [], [], [W40, W41], as_of=date(2017, 10, 16))
    assert got == [
        MissingReport(RESP, W40, (TASK.number,)),
        MissingReport(LEAD, W41, (TASK.number,)),
        MissingReport(RESP, W41, (TASK.number,)),
    ]
    assert all(m.unit != COOP for m in got)  # cooperating units do not report


def test_a_week_is_not_missing_until_its_report_day_has_passed() -> None:
    # On Friday 10-13 (W41's report day) W41 reports may still come.
    got = missing_reports([TASK], [], [], [], [W41], as_of=date(2017, 10, 13))
    assert got == []
    got = missing_reports([TASK], [], [], [], [W41], as_of=date(2017, 10, 14))
    assert [m.unit for m in got] == [LEAD, RESP]


def test_the_report_weekday_is_a_parameter() -> None:
    # Reports due on Monday (1): the W41 report filed on Tuesday 10-10 is late.
    reports = [rep(LEAD, W41, date(2017, 10, 10)), rep(RESP, W41, date(2017, 10, 9))]
    got = missing_reports([TASK], reports, [], [], [W41], as_of=date(2017, 10, 11), weekday=1)
    assert got == [MissingReport(LEAD, W41, (TASK.number,))]
    assert missing_reports([TASK], reports, [], [], [W41], date(2017, 10, 16), weekday=5) == []


def test_a_done_task_needs_no_more_reports() -> None:
    reports = [rep(LEAD, W40, date(2017, 10, 4), complete=True), rep(RESP, W40, date(2017, 10, 4))]
    assert missing_reports([TASK], reports, [], [], [W40, W41], date(2017, 10, 20)) == []


def test_weeks_since_stops_at_the_last_closed_week() -> None:
    assert last_closed_week(date(2017, 10, 13)) == IsoWeek(2017, 40)
    assert last_closed_week(date(2017, 10, 14)) == IsoWeek(2017, 41)
    assert weeks_since(date(2017, 10, 1), date(2017, 10, 14)) == [
        IsoWeek(2017, 39),
        W40,
        W41,
    ]
