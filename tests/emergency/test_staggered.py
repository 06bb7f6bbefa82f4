"""Staggered production (错峰生产) calendars stacked with warning measures, their conflicts and
the change log (performance_grading.md §3)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from lantian.emergency.grades import Category, Grade
from lantian.emergency.levels import Level
from lantian.emergency.lines import Capacity, Line, build_list
from lantian.emergency.measures import Measure, Transport, parse_measure
from lantian.emergency.staggered import (
    Calendar,
    CalendarChange,
    ChangeAction,
    ChangeStatus,
    DayMeasure,
    Source,
    StaggerPeriod,
    apply_published,
    calendar_conflicts,
    combine,
)

# Heating season 2018-2019 (draft plan): steel 50 % from 2018-10-01 to 2019-03-31, baseline the
# capacity of September 2018.
CAP = Capacity(eia=5000, permit=4800, actual=4300, unit="t/d")
CEMENT_B = Line("B-L1", "B", "cement_clinker", {"nox": 4.3}, grade=Grade.B, capacity=CAP)
CEMENT_C = Line("C-L1", "C", "cement_clinker", {"nox": 4.3}, grade=Grade.C, capacity=CAP)
BOILER = Line("H-L1", "H", "heating_boiler", {"so2": 1.0}, category=Category.GUARANTEED)
LST = build_list([CEMENT_B, CEMENT_C, BOILER])
D1 = date(2019, 1, 10)
DAYS = [D1 + timedelta(days=i) for i in range(4)]


def period(line_id: str, text: str, baseline: float | None = None, **kw: date) -> StaggerPeriod:
    return StaggerPeriod(
        line_id,
        kw.get("start", date(2018, 11, 15)),
        kw.get("end", date(2019, 3, 15)),
        parse_measure(text),
        baseline,
    )


def day_measures(cal: Calendar, warnings: dict[date, Level]) -> dict[tuple[str, date], DayMeasure]:
    rows, _ = combine(LST, cal, warnings, DAYS)
    return {(r.line_id, r.day): r for r in rows}


def test_the_stricter_of_staggering_and_warning_applies_each_day() -> None:
    # cement B staggered at 30 % of a 4 000 t/d baseline (2 800 t/d allowed); orange warning on
    # day 2: the list's limit 20 % of 4 300 leaves 3 440 t/d, so staggering stays stricter; red
    # on day 3: stop, stricter than staggering.
    cal = Calendar((period("B-L1", "限产30%", 4000),))
    rows = day_measures(cal, {DAYS[1]: Level.ORANGE, DAYS[2]: Level.RED})
    r0, r1, r2 = (rows[("B-L1", d)] for d in DAYS[:3])
    assert (r0.source, r0.measure, r0.allowed_output) == (
        Source.STAGGERED,
        parse_measure("限产30%"),
        pytest.approx(2800),
    )
    # production from staggering, transport (truck ban) from the warning
    assert r1.measure == parse_measure("限产30%+国四及以下重型货车停运")
    assert r1.source is Source.BOTH and r1.allowed_output == pytest.approx(2800)
    assert r2.source is Source.WARNING and r2.allowed_output == 0
    assert r2.measure == parse_measure("停产+国四及以下重型货车停运")


def test_the_comparison_uses_each_baseline() -> None:
    # staggering 20 % of 5 000 = 4 000 t/d allowed is weaker than the warning's 20 % of 4 300
    # = 3 440 t/d although both say 20 %
    cal = Calendar((period("B-L1", "限产20%", 5000),))
    r = day_measures(cal, {DAYS[0]: Level.ORANGE})[("B-L1", DAYS[0])]
    assert r.source is Source.WARNING and r.allowed_output == pytest.approx(3440)


def test_days_outside_the_calendar_and_without_warning_have_no_measure() -> None:
    cal = Calendar((period("B-L1", "停产", start=date(2019, 1, 12), end=date(2019, 1, 12)),))
    rows = day_measures(cal, {})
    assert rows[("B-L1", DAYS[0])].source is Source.NONE
    assert rows[("B-L1", DAYS[2])].source is Source.STAGGERED
    # no staggering baseline of its own: the list's baseline (4 300 t/d), stopped → 0
    assert rows[("B-L1", DAYS[2])].allowed_output == 0


def test_a_line_stopped_by_staggering_and_limited_by_the_list_is_a_conflict() -> None:
    cal = Calendar((period("B-L1", "停产"), period("C-L1", "停产")))
    warnings = {DAYS[0]: Level.ORANGE, DAYS[1]: Level.ORANGE, DAYS[3]: Level.ORANGE}
    _, conflicts = combine(LST, cal, warnings, DAYS)
    # B limits 20 % at orange (conflict on days 0–1 and 3); C stops at orange (no conflict)
    assert [(c.line_id, c.kind, c.start, c.end) for c in conflicts] == [
        ("B-L1", "stopped_and_limited", DAYS[0], DAYS[1]),
        ("B-L1", "stopped_and_limited", DAYS[3], DAYS[3]),
    ]


def test_calendar_conflicts_overlap_exempt_and_unknown_lines() -> None:
    cal = Calendar(
        (
            period("B-L1", "限产30%", end=date(2019, 1, 31)),
            period("B-L1", "停产", start=date(2019, 1, 20)),
            period("H-L1", "限产50%"),
            period("X-L9", "停产"),
        )
    )
    found = [(c.line_id, c.kind, c.start, c.end) for c in calendar_conflicts(LST, cal)]
    assert found == [
        ("H-L1", "exempt", date(2018, 11, 15), date(2019, 3, 15)),
        ("X-L9", "unknown_line", date(2018, 11, 15), date(2019, 3, 15)),
        ("B-L1", "overlap", date(2019, 1, 20), date(2019, 1, 31)),
    ]
    # where two periods overlap the strictest is in force
    assert cal.on("B-L1", date(2019, 1, 25)) == cal.periods[1]


def test_a_period_is_a_stop_or_a_limit_with_a_sane_span() -> None:
    with pytest.raises(ValueError, match="stop or a limit"):
        period("B-L1", "自主减排")
    with pytest.raises(ValueError, match="ends before"):
        period("B-L1", "停产", start=date(2019, 2, 1), end=date(2019, 1, 1))


T0 = datetime(2018, 10, 8, 9, 0)


def change(**kw: object) -> CalendarChange:
    base: dict[str, object] = {
        "change_id": "CH1",
        "action": ChangeAction.MODIFY,
        "line_id": "B-L1",
        "reason": "完成超低排放改造，申请调整错峰比例",
        "requested_by": "enterprise:B",
        "requested_at": T0,
        "before": period("B-L1", "限产50%"),
        "after": period("B-L1", "限产30%"),
    }
    base.update(kw)
    return CalendarChange(**base)  # type: ignore[arg-type]


def test_only_published_changes_alter_the_calendar() -> None:
    cal = Calendar((period("B-L1", "限产50%"),))
    proposed = change()
    approved = proposed.approve("office:ma", T0 + timedelta(days=1))
    published = approved.publish(T0 + timedelta(days=2))
    assert apply_published(cal, [proposed]) == cal
    assert apply_published(cal, [approved]) == cal
    assert apply_published(cal, [published]).periods == (period("B-L1", "限产30%"),)
    assert (published.status, published.decided_by) == (ChangeStatus.PUBLISHED, "office:ma")
    assert proposed.status is ChangeStatus.PROPOSED  # values: the earlier step is unchanged
    withdrawn = change(
        change_id="CH2", action=ChangeAction.WITHDRAW, before=period("B-L1", "限产30%"), after=None
    )
    w = withdrawn.approve("office:ma", T0).publish(T0 + timedelta(days=3))
    assert apply_published(cal, [published, w]).periods == ()


def test_changes_need_a_reason_a_decider_and_an_approval_before_publication() -> None:
    with pytest.raises(ValueError, match="reason"):
        change(reason=" ")
    with pytest.raises(ValueError, match="requester"):
        change().approve("enterprise:B", T0)
    with pytest.raises(ValueError, match="approved"):
        change().publish(T0)
    with pytest.raises(ValueError, match="already"):
        change().reject("office:ma", T0).approve("office:ma", T0)
    with pytest.raises(ValueError, match="before and after"):
        change(action=ChangeAction.ADD)
    with pytest.raises(ValueError, match="another line"):
        change(after=period("C-L1", "限产30%"))
    stale = change().approve("office:ma", T0).publish(T0)
    with pytest.raises(ValueError, match="not in the"):
        apply_published(Calendar(), [stale])


def test_transport_of_the_warning_survives_a_stricter_staggering() -> None:
    cal = Calendar((period("C-L1", "停产", 4300),))
    rows = day_measures(cal, {DAYS[0]: Level.RED})
    r = rows[("C-L1", DAYS[0])]
    assert r.measure == Measure(parse_measure("停产").kind, None, Transport.TRUCK_BAN)
