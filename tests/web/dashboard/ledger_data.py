"""A small ledger for the dashboard's ledger panels, on the personas' organisation.

``factories.make_ledger`` (tasks 24 and 25) plus tasks 26–30 and six warning notices. On Friday
2019-09-06 (the day the tests pin) the statuses, by the rules of ``lantian.planning.status``, are:

======  ==================================  ==========  =========================================
task    lead (cooperating)                  areas       status on 2019-09-06
======  ==================================  ==========  =========================================
24      市生态环境局 (市工信局)              长安区       overdue: June milestone open, 68 days
25      the office's unit                   桥西区       not started: no milestone, no report
26      市生态环境局                          长安区       at risk: milestone 09-08, two days away
27      the office's unit (市教育局)          建北街道     overdue: milestone 08-20, 17 days
28      市生态环境局                          桥西区       done: completion claimed on 08-15
29      市工信局                              桥西区       closed: closing approved on 08-20
30      市生态环境局                          —           on track: reported 03-15, due 12-31
======  ==================================  ==========  =========================================

So (not started, on track, at risk, overdue, done, closed) per persona:

- office: all seven, (1, 1, 1, 2, 1, 1);
- lead (市生态环境局: 24, 26, 28, 30): (0, 1, 1, 1, 1, 0);
- cooperating (市工信局: 24, 29): (0, 0, 0, 1, 0, 1);
- other_dept (市教育局: 27): (0, 0, 0, 1, 0, 0);
- area (长安区 and 建北街道 below it: 24, 26, 27): (0, 0, 1, 2, 0, 0).

On 2019-03-31 only task 30 has a report (filed 03-15) and no deadline is within seven days, so
the office counts six not started and one on track.

Notices (week, rule, recipient, acknowledged): W36 overdue_tasks 市生态环境局 (no); W36
missing_reports the office's unit (no); W35 missing_reports 市生态环境局 (yes); W34
bottom_ranking 长安区 (no); W32 missing_reports 市生态环境局 (no: older than the four weeks
W33–W36 shown on 2019-09-06); W37 overdue_tasks 市生态环境局 (no: after the as-of week).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tests.web.ledger.factories import Ledger, at, make_ledger

#: The day the tests pin and ask the dashboard for.
ON = "2019-09-06"
STATUS_ORDER = ("not_started", "on_track", "at_risk", "overdue", "done", "closed")
COUNTS = {
    "office": (1, 1, 1, 2, 1, 1),
    "lead": (0, 1, 1, 1, 1, 0),
    "cooperating": (0, 0, 0, 1, 0, 1),
    "other_dept": (0, 0, 0, 1, 0, 0),
    "area": (0, 0, 1, 2, 0, 0),
}


@dataclass
class DashboardLedger:
    base: Ledger
    tasks: dict[str, Any]
    notices: dict[str, Any]


def make_dashboard_ledger(personas: Any) -> DashboardLedger:
    from lantian.web.ledger import models as m

    base = make_ledger(personas)
    units, users, areas = personas.units, personas.users, personas.areas
    tasks = {"24": base.task, "25": base.hidden}

    def task(number: str, lead: str, area: str | None, *, cooperating: str | None = None) -> Any:
        row = m.Task.objects.create(plan=base.plan, number=number, text=f"任务{number}。")
        if area is not None:
            row.areas.add(areas[area])
        m.TaskUnit.objects.create(task=row, unit=units[lead], role=m.UnitRole.LEAD)
        if cooperating is not None:
            m.TaskUnit.objects.create(
                task=row, unit=units[cooperating], role=m.UnitRole.COOPERATING
            )
        tasks[number] = row
        return row

    def report(row: Any, unit: str, day: str, week: str, complete: bool = False) -> None:
        m.Report.objects.create(
            task=row,
            unit=units[unit],
            week=week,
            filed_at=at(day),
            text="进展",
            complete=complete,
            filed_by=users[unit],
        )

    t26 = task("26", "lead", "changan")
    t26.heading = "道路扬尘治理"
    t26.save()
    m.Milestone.objects.create(task=t26, due=date(2019, 9, 8), label="九月")
    report(t26, "lead", "2019-08-30", "2019-W35")

    t27 = task("27", "office", "street", cooperating="other_dept")
    t27.heading = "校园周边餐饮油烟整治"
    t27.save()
    m.Milestone.objects.create(task=t27, due=date(2019, 8, 20), label="八月")

    t28 = task("28", "lead", "qiaoxi")
    report(t28, "lead", "2019-08-15", "2019-W33", complete=True)

    t29 = task("29", "cooperating", "qiaoxi")
    report(t29, "cooperating", "2019-08-10", "2019-W32", complete=True)
    m.ClosingRequest.objects.create(
        task=t29,
        unit=units["cooperating"],
        requested_by=users["cooperating"],
        requested_at=at("2019-08-12"),
        reason="已完成",
        decision=m.Decision.APPROVED,
        decided_by=users["office"],
        decided_at=at("2019-08-20"),
    )

    t30 = task("30", "lead", None)
    m.Milestone.objects.create(task=t30, due=date(2019, 12, 31), label="全年")
    report(t30, "lead", "2019-03-15", "2019-W11")

    def notice(key: str, week: str, rule: str, who: str, acknowledged: bool = False) -> None:
        kind = "area" if who in areas else "unit"
        to = areas[who] if kind == "area" else units[who]
        recipient = to.name
        notices[key] = m.Notice.objects.create(
            week=week,
            rule=rule,
            recipient=recipient,
            reason_zh=f"{recipient}：{rule}（{week}）",
            reason_en=f"{recipient}: {rule} ({week})",
            created_by=users["office"],
            created_at=at(ON),
            acknowledged_by=users[who] if acknowledged else None,
            acknowledged_at=at(ON, 15) if acknowledged else None,
            **{kind: to},
        )

    notices: dict[str, Any] = {}
    notice("eco_overdue", "2019-W36", "overdue_tasks", "lead")
    notice("office_missing", "2019-W36", "missing_reports", "office")
    notice("eco_missing", "2019-W35", "missing_reports", "lead", acknowledged=True)
    notice("changan_bottom", "2019-W34", "bottom_ranking", "changan")
    notice("eco_old", "2019-W32", "missing_reports", "lead")
    notice("eco_later", "2019-W37", "overdue_tasks", "lead")
    return DashboardLedger(base, tasks, notices)
