"""The synthetic city's staggered-production calendar (data/sample/emergency/
synthetic_city_calendar.csv): what the generator writes, the documented rules on rows of the
synthetic list read by hand, the two deliberate conflicts, and one industry-day worked by hand."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from lantian.emergency.calendar_file import read_calendar
from lantian.emergency.levels import Level
from lantian.emergency.listfile import read_list
from lantian.emergency.measures import Kind, Measure
from lantian.emergency.staggered import (
    Source,
    calendar_conflicts,
    combine,
    industry_days,
    meetings,
)
from lantian.emergency.synthetic import CALENDAR_NAME, SEASON, write_calendar_sample
from lantian.sample_data import SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "emergency"
CALENDAR = SAMPLE / f"{CALENDAR_NAME}.csv"
LIST = SAMPLE / "synthetic_city_list.csv"


@pytest.fixture(scope="module")
def cal():  # type: ignore[no-untyped-def]
    return read_calendar(CALENDAR)


@pytest.fixture(scope="module")
def lst():  # type: ignore[no-untyped-def]
    return read_list(LIST)


def test_the_committed_calendar_is_what_the_generator_writes(tmp_path: Path) -> None:
    written = write_calendar_sample(tmp_path)
    assert written.read_bytes() == CALENDAR.read_bytes()
    text = (SAMPLE / "PROVENANCE_list.md").read_text(encoding="utf-8")
    assert CALENDAR.name in text and "合成冲突" in text


def test_every_row_is_synthetic_and_names_a_line_of_the_list(cal, lst) -> None:  # type: ignore[no-untyped-def]
    assert len(cal.rows) == 279  # 277 season rows + the 2 deliberate conflicts
    assert all(r.synthetic for r in cal.rows)
    ids = {ln.line_id: ln for ln in lst.lines}
    assert all(ids[r.line_id].enterprise_id == r.enterprise_id for r in cal.rows)
    assert cal.span == SEASON == (date(2019, 11, 15), date(2020, 3, 15))


def by_line(cal):  # type: ignore[no-untyped-def]
    out: dict[str, list] = {}  # type: ignore[type-arg]
    for r in cal.rows:
        out.setdefault(r.line_id, []).append(r.period)
    return out


def test_the_rules_on_rows_read_by_hand(cal) -> None:  # type: ignore[no-untyped-def]
    periods = by_line(cal)
    season = (date(2019, 11, 15), date(2020, 3, 15))

    def only(line_id: str) -> tuple[object, ...]:
        (p,) = periods[line_id]
        return (p.start, p.end), p.measure, p.baseline

    # flat glass E0051, grade D: stops for the season; baseline = min(EIA, permit, actual)
    assert only("E0051-L1") == (season, Measure(Kind.STOP), 612)  # min(669, 647, 612)
    assert only("E0051-L2") == (season, Measure(Kind.STOP), 680)
    # flat glass E0242, grade C: 30 %
    assert only("E0242-L1") == (season, Measure(Kind.LIMIT, 30), 571)
    # steel E0047, grade C: 50 % (the steel row); E0126 D: stop
    assert only("E0047-L1") == (season, Measure(Kind.LIMIT, 50), 5498)
    assert only("E0126-L1") == (season, Measure(Kind.STOP), 6639)
    # not graded because non-compliant (E0066, coating, no capacity): stop, no baseline
    assert only("E0066-L1") == (season, Measure(Kind.STOP), None)
    # E0001's lime kilns are graded B, but the enterprise's cement line is C: the enterprise
    # takes its lowest grade, so its kilns are staggered as C (L2 also has the overlap below)
    assert only("E0001-L3") == (season, Measure(Kind.LIMIT, 30), 238)
    # A (E0062), B (E0295), 小微 (E0005), 保障类 heating boilers (E0012): not staggered
    for line_id in ("E0062-L1", "E0295-L1", "E0005-L1", "E0012-L1", "E0071-L2", "N01"):
        assert line_id not in periods


def test_the_deliberate_conflicts_are_the_two_documented(cal, lst) -> None:  # type: ignore[no-untyped-def]
    found = [(c.line_id, c.kind, c.start, c.end) for c in calendar_conflicts(lst, cal.calendar)]
    jan = (date(2020, 1, 6), date(2020, 1, 19))
    assert found == [("E0071-L1", "exempt", *jan), ("E0001-L2", "overlap", *jan)]


def test_flat_glass_on_2020_01_10_worked_by_hand(cal, lst) -> None:  # type: ignore[no-untyped-def]
    # 8 flat-glass lines; baselines min(EIA, permit, actual): E0051 612 + 680, E0062 1076,
    # E0242 571 + 739, E0253 1092, E0267 310, E0295 477 = 5 557 t/d.
    # Stopped (D): E0051-L1, E0051-L2, E0253-L1 → 612 + 680 + 1 092 = 2 384 t/d cut;
    # limited 30 % (C): E0242-L1, E0242-L2, E0267-L1 → 0.3 × (571 + 739 + 310) = 486 t/d.
    day = date(2020, 1, 10)
    rows = industry_days(lst, cal.calendar, [day])
    glass = next(r for r in rows if r.industry == "flat_glass")
    assert (glass.lines, glass.stopped, glass.limited) == (8, 3, 3)
    assert glass.baseline == 5557 and glass.unit == "t/d"
    assert glass.cut == pytest.approx(2384 + 486)
    assert glass.share_cut == pytest.approx(2870 / 5557)  # 51.6 %
    # outside the season nothing is cut
    (before,) = [
        r
        for r in industry_days(lst, cal.calendar, [date(2019, 11, 14)])
        if r.industry == "flat_glass"
    ]
    assert (before.stopped, before.limited, before.cut) == (0, 0, 0)


def test_a_yellow_warning_in_the_overlap_shows_a_cut_counted_on_a_stopped_line(cal, lst) -> None:  # type: ignore[no-untyped-def]
    # yellow from 2020-01-18 to 01-21: E0001-L2 is stopped by the calendar on 01-18 and 01-19
    # (the deliberate overlap) while its own yellow measure is 限产10%.
    days = [date(2020, 1, 18) + timedelta(days=i) for i in range(4)]
    warnings = dict.fromkeys(days, Level.YELLOW)
    rows, conflicts = combine(lst, cal.calendar, warnings, days)
    assert [
        (c.start, c.end)
        for c in conflicts
        if (c.line_id, c.kind) == ("E0001-L2", "stopped_and_limited")
    ] == [(date(2020, 1, 18), date(2020, 1, 19))]
    meets = [m for m in meetings(lst, rows) if m.line_id == "E0001-L2"]
    # 01-18–19: the calendar's stop governs (0 t/d); 01-20–21: its 30 % of 168 leaves 117.6 t/d,
    # stricter than the warning's 限产10% (151.2 t/d)
    assert [(m.start, m.end, m.source, m.allowed_output) for m in meets] == [
        (date(2020, 1, 18), date(2020, 1, 19), Source.STAGGERED, 0),
        (date(2020, 1, 20), date(2020, 1, 21), Source.STAGGERED, pytest.approx(117.6)),
    ]
    assert [m.stopped_and_limited for m in meets] == [True, False]
