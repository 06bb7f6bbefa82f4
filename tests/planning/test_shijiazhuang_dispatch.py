"""The 36 measures of 石政发〔2019〕3号 as tasks, dispatched on a pinned day (Friday 2019-09-06).

Expected counts are worked by hand from data/shijiazhuang_2019_tasks.csv (see each comment).
"""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from lantian.planning.dispatch import Dispatch, weekly_dispatch
from lantian.planning.model import (
    ClosingRequest,
    Decision,
    DecisionKind,
    ExtensionRequest,
    Milestone,
    Report,
    Task,
)
from lantian.planning.notices import missing_report_notices, overdue_notices
from lantian.planning.status import Status, missing_reports
from lantian.planning.weeks import IsoWeek

FIXTURE = Path(__file__).parent / "data" / "shijiazhuang_2019_tasks.csv"
TODAY = date(2019, 9, 6)  # pinned: Friday of ISO week 2019-W36
ECO, MIIT, COUNTIES = "市生态环境局", "市工信局", "各县市区政府"


def _units(text: str) -> tuple[str, ...]:
    return tuple(u for u in text.split("、") if u)


def load_tasks() -> list[Task]:
    with FIXTURE.open(encoding="utf-8") as fh:
        return [
            Task(
                number=row["number"],
                heading=row["heading"],
                text=row["heading"],
                lead_units=_units(row["lead"]),
                cooperating_units=_units(row["cooperating"]),
                responsible_units=_units(row["responsible"]),
                milestones=tuple(
                    Milestone(date.fromisoformat(d)) for d in row["deadline"].split(";") if d
                ),
            )
            for row in csv.DictReader(fh)
        ]


def rep(task: str, unit: str, week: IsoWeek, filed: date, **kw: object) -> Report:
    return Report(task=task, unit=unit, week=week, filed_on=filed, **kw)  # type: ignore[arg-type]


REPORTS = [
    # 26: the June milestone met and completion claimed, closed on 07-05 (below).
    rep(
        "三.（五）.26",
        ECO,
        IsoWeek(2019, 26),
        date(2019, 6, 28),
        milestones_met=(date(2019, 6, 30),),
        complete=True,
    ),
    # 24: A-level firms done by June; next deadline 12-31.
    rep(
        "三.（五）.24",
        ECO,
        IsoWeek(2019, 26),
        date(2019, 6, 28),
        milestones_met=(date(2019, 6, 30),),
    ),
    # 17: 市工信局 reports for W36 on 09-05.
    rep("三.（四）.17", MIIT, IsoWeek(2019, 36), date(2019, 9, 5)),
    # 4: W35 report on time (08-30); the deadline 08-31 still passes unmet.
    rep("三.（二）.4", ECO, IsoWeek(2019, 35), date(2019, 8, 30)),
    # 9: W35 report filed late (Monday 09-02): does not fill the W35 gap.
    rep("三.（三）.9", ECO, IsoWeek(2019, 35), date(2019, 9, 2)),
]
EXTENSIONS = [
    # 30: deadline 06-30 moved to Sunday 09-08 (approved 06-25): due this week, 2 days left.
    ExtensionRequest(
        "三.（六）.30",
        MIIT,
        date(2019, 6, 30),
        date(2019, 9, 8),
        date(2019, 6, 20),
        "门禁视频安装延后",
        Decision(DecisionKind.APPROVED, date(2019, 6, 25)),
    ),
]
CLOSINGS = [
    ClosingRequest(
        "三.（五）.26",
        ECO,
        date(2019, 7, 1),
        decision=Decision(DecisionKind.APPROVED, date(2019, 7, 5), by="市大气办"),
    ),
]


@pytest.fixture(scope="module")
def dispatch() -> Dispatch:
    return weekly_dispatch(load_tasks(), REPORTS, EXTENSIONS, CLOSINGS, TODAY)


def test_the_fixture_holds_the_36_measures() -> None:
    tasks = load_tasks()
    assert len(tasks) == 36
    assert tasks[0].number == "三.（一）.1" and tasks[-1].number == "四.36"
    assert tasks[1].cooperating_units[:2] == ("市工信局", "市自然资源和规划局")


def test_statuses_on_the_pinned_day(dispatch: Dispatch) -> None:
    s = dispatch.states
    # Deadlines before 09-06 with nothing met: 4 (08-31), 9, 23 (06-30) → overdue.
    assert [n for n, st in s.items() if st.status is Status.OVERDUE] == [
        "三.（二）.4",
        "三.（三）.9",
        "三.（五）.23",
    ]
    assert s["三.（六）.30"].status is Status.AT_RISK and s["三.（六）.30"].days_left == 2
    assert s["三.（五）.26"].status is Status.CLOSED
    assert s["三.（五）.24"].status is Status.ON_TRACK
    assert s["三.（四）.17"].status is Status.ON_TRACK
    assert s["三.（二）.7"].status is Status.NOT_STARTED


def test_report_week_is_the_last_week_whose_report_day_has_passed(dispatch: Dispatch) -> None:
    # W36's report day is Friday 09-06 itself, still open on the day: W35 is checked.
    assert dispatch.report_week == IsoWeek(2019, 35)


def test_counts_by_unit(dispatch: Dispatch) -> None:
    rows = {r.name: r for r in dispatch.by_unit}
    eco = rows[ECO]
    # ECO leads or is responsible for 4,7,8,9,15,17,18,21–29,33,34,36 = 19 tasks and cooperates
    # on 2,5,10,13,14,20,30 = 7.
    assert (eco.tasks, eco.cooperating) == (19, 7)
    assert (eco.overdue, eco.at_risk, eco.on_track, eco.done, eco.closed) == (3, 0, 2, 0, 1)
    assert eco.not_started == 13
    assert eco.overdue_tasks == ("三.（二）.4", "三.（三）.9", "三.（五）.23")
    # W35: 18 tasks open on 08-30 (26 closed); the on-time report on 4 fills one gap.
    assert eco.reports_missing == 17
    assert eco.progress == pytest.approx(1 / 19)

    miit = rows[MIIT]  # leads 1, 12, 17, 30; cooperates on 2, 4, 7, 13, 21, 22, 23, 24
    assert (miit.tasks, miit.cooperating) == (4, 8)
    assert (miit.not_started, miit.on_track, miit.at_risk, miit.overdue) == (2, 1, 1, 0)
    assert miit.due_this_week == 1  # 30, extended to 09-08
    assert miit.reports_missing == 4  # its W36 report on 17 is not a W35 report

    counties = rows[COUNTIES]  # responsible for 1, 31–36
    assert (counties.tasks, counties.not_started, counties.reports_missing) == (7, 7, 7)


def test_unit_ranking_uses_competition_ranks(dispatch: Dispatch) -> None:
    ranks = {r.name: r.rank for r in dispatch.by_unit}
    # 17 units lead or are responsible; only ECO has overdue tasks → last.
    assert ranks[ECO] == 17
    # Seven units miss one report each and tie first; five miss two and share rank 8.
    firsts = {
        "市气象局",
        "市商务局",
        "市大气办",
        "市委宣传部",
        "市农业农村局",
        "市公安交管局",
        "市自然资源和规划局",
    }
    assert {n for n, r in ranks.items() if r == 1} == firsts
    assert {n for n, r in ranks.items() if r == 8} == {
        "市公安局",
        "市政府有关部门",
        "市住建局",
        "市城管局",
        "市市场监管局",
    }
    assert ranks["市交通运输局"] == 13
    assert ranks["市发改委"] == ranks[MIIT] == 14
    assert ranks[COUNTIES] == 16
    # Units that only cooperate are listed unranked, after the ranked ones.
    assert ranks["市投促局"] is None
    assert [r.rank for r in dispatch.by_unit][-1] is None


def test_overdue_notice_goes_to_the_unit_with_overdue_tasks(dispatch: Dispatch) -> None:
    notices = overdue_notices(dispatch.by_unit)
    assert [n.recipient for n in notices] == [ECO]
    assert (
        notices[0].reason_zh
        == "市生态环境局有3项任务逾期未完成：三.（二）.4、三.（三）.9、三.（五）.23"
    )
    assert notices[0].reason("en").startswith("市生态环境局 has 3 overdue task(s)")


def test_missing_reports_two_weeks_running() -> None:
    tasks = load_tasks()
    weeks = [IsoWeek(2019, 34), IsoWeek(2019, 35)]
    missing = missing_reports(tasks, REPORTS, EXTENSIONS, CLOSINGS, weeks, TODAY)
    notices = missing_report_notices(missing, weeks)
    # Nobody filed in W34, and only ECO filed on time in W35, on one of its 18 tasks.
    assert ECO in {n.recipient for n in notices}
    assert len(notices) == 17
    assert notices[0].refs == ("2019-W34", "2019-W35")


def test_with_the_districts_as_responsible_areas() -> None:
    """As the demo holds the plan: "各县市区政府负责" lists the districts as areas (two here) and
    names no unit. 长安区 files its W35 report on measure 34 on Friday 08-30; 桥西区 files none."""
    tasks = [
        replace(
            t,
            responsible_units=tuple(u for u in t.responsible_units if u != COUNTIES),
            areas=("长安区", "桥西区") if COUNTIES in t.responsible_units else (),
        )
        for t in load_tasks()
    ]
    reports = [*REPORTS, rep("四.34", "长安区", IsoWeek(2019, 35), date(2019, 8, 30))]
    d = weekly_dispatch(tasks, reports, EXTENSIONS, CLOSINGS, TODAY)
    areas = {r.name: r for r in d.by_area}
    # 1 and 31–36: open on 08-30 (deadlines 12-31 or none); 34 now has a report → on track.
    changan, qiaoxi = areas["长安区"], areas["桥西区"]
    assert (changan.tasks, changan.not_started, changan.on_track) == (7, 6, 1)
    assert (changan.reports_missing, changan.rank) == (6, 1)
    assert (qiaoxi.tasks, qiaoxi.on_track, qiaoxi.reports_missing, qiaoxi.rank) == (7, 1, 7, 2)
    units = {r.name: r for r in d.by_unit}
    assert COUNTIES not in units  # the collective name is no unit any more
    # 31 and 32 keep 市政府有关部门 as a responsible unit; 16 units are ranked, ECO last.
    assert units["市政府有关部门"].tasks == 2
    assert len([r for r in d.by_unit if r.rank is not None]) == 16
    assert units[ECO].rank == 16
