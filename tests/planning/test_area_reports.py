"""Responsible areas (责任地区) report for themselves: missing reports and the dispatch rows.

Worked by hand on measures 33 and 34 of 石政发〔2019〕3号 as the demo holds them ("各县市区政府
负责" → the districts listed as areas), with two districts, dispatched on Friday 2019-09-06
(Friday reports, so the report week is 2019-W35, report day 2019-08-30):

- 四.33 强化严格执法: 市生态环境局 and 市公安局 lead, area 长安区; no deadline.
  W35: 市公安局 on 08-30, 长安区 on 08-30; 市生态环境局 files nothing → it is missing.
- 四.34 强化监测监控: 市生态环境局 leads, areas 长安区 and 桥西区; deadline 2019-12-31.
  W35: 市生态环境局 on 08-30, 长安区 on 08-29; 桥西区 files nothing → it is missing.

Both tasks have reports and no deadline within a week → on track on 09-06.
"""

from __future__ import annotations

from datetime import date

from lantian.planning.dispatch import weekly_dispatch
from lantian.planning.model import Milestone, Report, Task
from lantian.planning.status import MissingReport, missing_reports
from lantian.planning.weeks import IsoWeek

ECO, PSB = "市生态环境局", "市公安局"
CHANGAN, QIAOXI = "长安区", "桥西区"
W35 = IsoWeek(2019, 35)
TODAY = date(2019, 9, 6)

T33 = Task(number="四.33", text="强化严格执法", lead_units=(ECO, PSB), areas=(CHANGAN,))
T34 = Task(
    number="四.34",
    text="强化监测监控",
    lead_units=(ECO,),
    areas=(CHANGAN, QIAOXI),
    milestones=(Milestone(date(2019, 12, 31)),),
)
TASKS = [T33, T34]
REPORTS = [
    Report(T33.number, PSB, W35, date(2019, 8, 30)),
    Report(T33.number, CHANGAN, W35, date(2019, 8, 30)),
    Report(T34.number, ECO, W35, date(2019, 8, 30)),
    Report(T34.number, CHANGAN, W35, date(2019, 8, 29)),
]


def test_each_reporter_owes_its_own_report() -> None:
    got = missing_reports(TASKS, REPORTS, [], [], [W35], TODAY)
    # 长安区's report on 四.33 does not fill 市生态环境局's gap; the lead unit's report on 四.34
    # does not fill 桥西区's. Reporters in code-point order: 市 < 桥 < 长.
    assert got == [
        MissingReport(ECO, W35, (T33.number,)),
        MissingReport(QIAOXI, W35, (T34.number,)),
    ]


def test_an_area_that_reports_late_is_missing() -> None:
    late = [*REPORTS[:3], Report(T34.number, CHANGAN, W35, date(2019, 8, 31))]  # Saturday
    got = missing_reports(TASKS, late, [], [], [W35], TODAY)
    assert MissingReport(CHANGAN, W35, (T34.number,)) in got


def test_a_task_of_areas_only_is_owed_by_its_areas() -> None:
    task = Task(number="四.31", text="强化组织领导", areas=(CHANGAN, QIAOXI))
    reports = [Report(task.number, QIAOXI, W35, date(2019, 8, 30))]
    got = missing_reports([task], reports, [], [], [W35], TODAY)
    assert got == [MissingReport(CHANGAN, W35, (task.number,))]


def test_dispatch_rows_count_each_areas_own_missing_reports() -> None:
    d = weekly_dispatch(TASKS, REPORTS, [], [], TODAY)
    assert d.report_week == W35
    assert {n: st.status.value for n, st in d.states.items()} == {
        "四.33": "on_track",
        "四.34": "on_track",
    }
    units = {r.name: r for r in d.by_unit}
    assert list(units) == [PSB, ECO]  # ranked: PSB (0 overdue, 0 missing) before ECO (0, 1)
    assert (units[ECO].tasks, units[ECO].on_track, units[ECO].reports_missing) == (2, 2, 1)
    assert (units[PSB].tasks, units[PSB].reports_missing) == (1, 0)
    assert (units[PSB].rank, units[ECO].rank) == (1, 2)
    areas = {r.name: r for r in d.by_area}
    # 长安区 reported on both of its tasks: 0 missing, although 市生态环境局 missed 四.33;
    # 桥西区 missed its own report on 四.34, although the lead unit filed.
    assert (areas[CHANGAN].tasks, areas[CHANGAN].reports_missing, areas[CHANGAN].rank) == (2, 0, 1)
    assert (areas[QIAOXI].tasks, areas[QIAOXI].reports_missing, areas[QIAOXI].rank) == (1, 1, 2)
    assert [r.name for r in d.by_area] == [CHANGAN, QIAOXI]
