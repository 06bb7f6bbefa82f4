"""The staggered-production calendar file (错峰生产日历表): read whole or refused with
``file:line: reason``, written and read back; and the calendar's summaries on constructed cases
(per industry and day, where it meets a warning)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lantian.emergency.calendar_file import (
    CalendarFileError,
    CalendarRow,
    parse_day,
    read_calendar,
    write_calendar,
)
from lantian.emergency.grades import Category, Grade
from lantian.emergency.levels import Level
from lantian.emergency.lines import Capacity, Line, build_list
from lantian.emergency.measures import Kind, Measure, parse_measure
from lantian.emergency.staggered import (
    Calendar,
    Source,
    StaggerPeriod,
    combine,
    industry_days,
    meetings,
)

HEAD = "企业编号,企业名称,生产线编号,生产线名称,开始日期,结束日期,措施,错峰基数(日均),依据,备注"


def write(tmp_path: Path, *rows: str, head: str = HEAD, name: str = "日历.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_calendar_file_gives_its_periods(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "E1,甲,E1-L1,烧结机1#,2019-11-15,2020-03-15,限产50%,4000,2018-2019方案,",
        "E1,甲,E1-L2,高炉2#,2019/12/1,2019年12月31日,停产,,,检修",
        "",  # blank rows are skipped
        "E2,乙,E2-L1,,2020.1.1,2020-01-01,限产 30 %,0,,",
    )
    cal = read_calendar(path)
    assert [r.row for r in cal.rows] == [2, 3, 5]
    first, second, third = cal.rows
    assert first.period == StaggerPeriod(
        "E1-L1",
        date(2019, 11, 15),
        date(2020, 3, 15),
        Measure(Kind.LIMIT, 50.0),
        4000.0,
        "2018-2019方案",
    )
    assert (first.enterprise_id, first.enterprise, first.line) == ("E1", "甲", "烧结机1#")
    assert second.period.measure == Measure(Kind.STOP) and second.period.baseline is None
    assert (second.period.start, second.period.end, second.note) == (
        date(2019, 12, 1),
        date(2019, 12, 31),
        "检修",
    )
    assert third.period.start == third.period.end == date(2020, 1, 1)
    assert cal.span == (date(2019, 11, 15), date(2020, 3, 15))
    assert cal.calendar.on("E1-L2", date(2019, 12, 15)) == second.period


def test_english_headings_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "E1,E1-L1,2019-11-15,2020-03-15,stop",
        head="enterprise_id,line_id,start,end,measure",
    )
    assert read_calendar(path).rows[0].period.measure == Measure(Kind.STOP)


def test_a_bad_file_is_refused_whole_with_every_line_and_reason(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "E1,甲,E1-L1,,2019-11-15,2020-03-15,限产30%,,,",  # 2: good
        "E1,甲,E1-L2,,11/15/2019,2020-03-15,停产,,,",  # 3: unknown date
        "E1,甲,E1-L3,,2019-11-31,2020-03-15,停产,,,",  # 4: no such date
        "E1,甲,E1-L4,,2020-03-15,2019-11-15,停产,,,",  # 5: ends before it starts
        "E1,甲,E1-L5,,2019-11-15,2020-03-15,停产50%,,,",  # 6: not a stop or a limit
        "E1,甲,E1-L6,,2019-11-15,2020-03-15,限产30%,-5,,",  # 7: negative baseline
        "E1,甲,E1-L7,,2019-11-15,2020-03-15,限产30%+国四及以下重型货车停运,,,",  # 8: transport
        "E1,甲,E1-L8,,2019-11-15,2020-03-15,限产,,,",  # 9: unreadable measure
        "E1,甲,,,2019-11-15,2020-03-15,停产,,,",  # 10: no line
        "E1,甲,E1-L1,,2019-11-15,2020-03-15,限产30%,,另一依据,",  # 11: same as line 2
        "E9,丙,E1-L1,,2019-12-01,2019-12-31,停产,,,",  # 12: E1-L1 is E1's
        "E1,甲,E1-L9,,2019-11-15,2020-03-15,停产,abc,,",  # 13: baseline not a number
    )
    with pytest.raises(CalendarFileError) as info:
        read_calendar(path)
    assert str(info.value).splitlines() == [
        f"{path}:3: 开始日期: 无法识别的日期 / unknown date '11/15/2019' (YYYY-MM-DD)",
        f"{path}:4: 开始日期: 日期不存在 / no such date '2019-11-31'",
        f"{path}:5: 结束日期 2019-11-15 早于开始日期 2020-03-15 / the period ends before it starts",
        f"{path}:6: 措施: 错峰生产只能停产或限产 / staggering is a stop or a limit, "
        "not 「停产50%」",
        f"{path}:7: 错峰基数(日均) 不能为负 / cannot be negative: -5",
        f"{path}:8: 措施: 错峰措施不含运输措施 / a staggering measure has no transport part: "
        "「限产30%+国四及以下重型货车停运」",
        f"{path}:9: 措施: 无法识别的措施 / unknown measure '限产'; 可用 / known: 停产, 停产x%, "
        "限产x%, 自主减排, 无, 出焦时间延长至h小时, 估算削减x%, 国四及以下重型货车停运, "
        "停止公路运输",
        f"{path}:10: 生产线编号 (line_id) 为空 / is empty",
        f"{path}:11: 与第 2 行的时段相同 / the same period as line 2",
        f"{path}:12: 生产线 E1-L1 在第 2 行属于企业 E1，此处为 E9 / the line belongs to another "
        "enterprise on line 2",
        f"{path}:13: 错峰基数(日均) 不是数字 / not a number: 'abc'",
    ]
    assert info.value.line == 3  # the first problem


def test_a_bad_heading_or_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, "E1,E1-L1,2019-11-15,停产", head="企业编号,生产线编号,开始日期,措施,限值"
    )
    with pytest.raises(CalendarFileError) as info:
        read_calendar(path)
    assert str(info.value).splitlines() == [
        f"{path}:1: 未知列 / unknown column '限值'",
        f"{path}:1: 缺少必需列 / missing columns: end (结束日期)",
    ]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(CalendarFileError, match=r"empty\.csv: 文件为空 / empty file"):
        read_calendar(empty)
    only_head = write(tmp_path, name="head.csv")
    with pytest.raises(CalendarFileError, match="the calendar has no period"):
        read_calendar(only_head)
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("企业编号".encode("gbk"))
    with pytest.raises(CalendarFileError, match="cannot read"):
        read_calendar(latin1)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_written_calendar_reads_back_the_same(tmp_path: Path, suffix: str) -> None:
    rows = (
        CalendarRow(
            "E1",
            StaggerPeriod(
                "E1-L1", date(2019, 11, 15), date(2020, 3, 15), parse_measure("限产30%"), 2543.5
            ),
            "甲",
            "熟料生产线1#",
            synthetic=True,
        ),
        CalendarRow(
            "E2",
            StaggerPeriod("E2-L1", date(2020, 1, 6), date(2020, 1, 19), Measure(Kind.STOP)),
            note="检修",
        ),
    )
    path = write_calendar(rows, tmp_path / f"cal{suffix}")
    back = read_calendar(path)
    assert [
        (r.period, r.enterprise_id, r.enterprise, r.line, r.synthetic, r.note) for r in back.rows
    ] == [(r.period, r.enterprise_id, r.enterprise, r.line, r.synthetic, r.note) for r in rows]


def test_day_spellings() -> None:
    assert parse_day("2019-11-15") == parse_day("2019/11/15") == date(2019, 11, 15)
    assert parse_day("2019年1月5日") == parse_day("2019.1.5") == date(2019, 1, 5)
    assert parse_day("2019-11-15 00:00:00") == date(2019, 11, 15)  # a workbook's date cell
    with pytest.raises(ValueError, match="unknown date"):
        parse_day("2019-11-15 08:00:00")


# --- the calendar's summaries, on a constructed case ---------------------------------------------

CAP = Capacity(eia=5000, permit=4800, actual=4300, unit="t/d")  # list baseline 4 300 t/d
SINTER = Line(
    "S-L1",
    "S",
    "steel_long",
    {"nox": 2.0},
    grade=Grade.C,
    capacity=Capacity(8000, 7000, 6000, "t/d"),
)
CEMENT_B = Line("B-L1", "B", "cement_clinker", {"nox": 4.3}, grade=Grade.B, capacity=CAP)
CEMENT_C = Line("C-L1", "C", "cement_clinker", {"nox": 4.3}, grade=Grade.C, capacity=CAP)
CEMENT_X = Line("X-L1", "X", "cement_clinker", {"nox": 1.0}, grade=Grade.A)  # no capacity
BOILER = Line(
    "H-L1", "H", "heating_boiler", {"so2": 1.0}, category=Category.GUARANTEED, capacity=CAP
)
LST = build_list([SINTER, CEMENT_B, CEMENT_C, CEMENT_X, BOILER])
D = date(2020, 1, 10)


def p(
    line_id: str, text: str, baseline: float | None = None, start: date = D, end: date = D
) -> StaggerPeriod:
    return StaggerPeriod(line_id, start, end, parse_measure(text), baseline)


def test_an_industry_day_counts_lines_and_the_share_of_baseline_capacity_cut() -> None:
    cal = Calendar(
        (
            p("B-L1", "限产20%", 5000),  # allows 4 000 of its 4 300 t/d: cuts 300
            p("C-L1", "停产"),  # cuts all 4 300
            p("C-L1", "限产50%"),  # overlaps the stop: the stop is in force
            p("S-L1", "限产50%"),  # no staggering baseline: 50 % of its list baseline 6 000
            p("Z-L1", "停产"),  # not in the list: counted nowhere
            p("H-L1", "停产"),  # exempt line stopped: counted (and a conflict elsewhere)
        )
    )
    rows = {(r.industry, r.day): r for r in industry_days(LST, cal, [D, date(2020, 1, 11)])}
    assert [k for k in rows if k[1] == D] == [
        ("steel_long", D),
        ("cement_clinker", D),
        ("heating_boiler", D),
    ]
    cement = rows["cement_clinker", D]
    # three lines, X-L1 without a capacity: baseline 4 300 + 4 300 = 8 600 t/d
    assert (cement.lines, cement.stopped, cement.limited) == (3, 1, 1)
    assert cement.baseline == 8600 and cement.cut == pytest.approx(4600)
    assert cement.share_cut == pytest.approx(4600 / 8600)
    steel = rows["steel_long", D]
    assert (steel.stopped, steel.limited, steel.cut, steel.share_cut) == (0, 1, 3000, 0.5)
    assert rows["heating_boiler", D].share_cut == 1.0
    # the next day nothing is in force
    after = rows["cement_clinker", date(2020, 1, 11)]
    assert (after.stopped, after.limited, after.cut, after.share_cut) == (0, 0, 0, 0)


def test_a_staggering_baseline_above_what_the_line_may_produce_cuts_nothing() -> None:
    # 20 % off 6 000 leaves 4 800 t/d, more than the list baseline 4 300: no cut
    rows = industry_days(LST, Calendar((p("B-L1", "限产20%", 6000),)), [D])
    cement = next(r for r in rows if r.industry == "cement_clinker")
    assert (cement.limited, cement.cut) == (1, 0)


def test_an_industry_whose_capacity_units_differ_has_no_share() -> None:
    other = Line(
        "B-L2",
        "B",
        "cement_clinker",
        {"nox": 1.0},
        grade=Grade.B,
        capacity=Capacity(10, unit="万t/a"),
    )
    lst = build_list([CEMENT_B, other])
    (row,) = industry_days(lst, Calendar((p("B-L1", "停产"),)), [D])
    assert (row.stopped, row.baseline, row.cut, row.share_cut, row.unit) == (
        1,
        None,
        None,
        None,
        "",
    )


def test_where_the_calendar_and_a_warning_meet_and_which_governs() -> None:
    days = [date(2020, 1, d) for d in range(8, 13)]
    cal = Calendar(
        (
            p("B-L1", "限产30%", 4000, date(2019, 11, 15), date(2020, 3, 15)),  # allows 2 800
            p("C-L1", "停产", None, date(2020, 1, 9), date(2020, 1, 10)),
        )
    )
    warnings = {
        date(2020, 1, 8): Level.ORANGE,
        date(2020, 1, 9): Level.ORANGE,
        date(2020, 1, 10): Level.YELLOW,
        date(2020, 1, 11): Level.RED,
    }
    rows, conflicts = combine(LST, cal, warnings, days)
    found = meetings(LST, rows)
    assert [(m.line_id, m.start, m.end, m.level, m.source) for m in found] == [
        # B, orange: list 限产20% of 4 300 leaves 3 440 > 2 800 → production from the
        # calendar, trucks from the warning
        ("B-L1", date(2020, 1, 8), date(2020, 1, 9), Level.ORANGE, Source.BOTH),
        # B, yellow: the default is a truck ban only (no production cut)
        ("B-L1", date(2020, 1, 10), date(2020, 1, 10), Level.YELLOW, Source.BOTH),
        # B, red: the warning's stop governs
        ("B-L1", date(2020, 1, 11), date(2020, 1, 11), Level.RED, Source.WARNING),
        # C, orange and yellow: the calendar's stop; C's yellow default stops 50 % per line
        ("C-L1", date(2020, 1, 9), date(2020, 1, 9), Level.ORANGE, Source.BOTH),
        ("C-L1", date(2020, 1, 10), date(2020, 1, 10), Level.YELLOW, Source.BOTH),
    ]
    first = found[0]
    assert first.governing == parse_measure("限产30%+国四及以下重型货车停运")
    assert first.allowed_output == pytest.approx(2800)
    assert not first.stopped_and_limited
    # C at yellow: 停产50%+truck ban while the calendar stops it → the list counts a cut on a
    # line not running; at orange C stops anyway (no conflict)
    assert [m.stopped_and_limited for m in found[3:]] == [False, True]
    assert [(c.line_id, c.kind, c.start, c.end) for c in conflicts] == [
        ("C-L1", "stopped_and_limited", date(2020, 1, 10), date(2020, 1, 10))
    ]


def test_a_coking_line_staggered_under_an_extended_coking_time_warning() -> None:
    # coke ovens pushing every 24 h, staggered 20 % (of 3 000 t/d: 2 400 t/d left); the
    # warning extends coking to 48 h: 24/48 of the output, 1 500 t/d → the warning governs.
    # (combine once failed here: the coking time needs the line's normal cycle.)
    oven = Line(
        "K-L1",
        "K",
        "coking",
        {"nox": 1.0},
        grade=Grade.C,
        capacity=Capacity(3000, unit="t/d"),
        normal_coking_h=24,
        own={Level.ORANGE: parse_measure("出焦时间延长至48小时")},
    )
    lst = build_list([oven])
    cal = Calendar((p("K-L1", "限产20%"),))
    rows, _ = combine(lst, cal, {D: Level.ORANGE}, [D])
    (row,) = rows
    assert row.source is Source.WARNING and row.allowed_output == pytest.approx(1500)
    assert row.measure == parse_measure("出焦时间延长至48小时")


def test_a_file_that_is_not_a_workbook_or_has_a_shifted_row_is_refused(tmp_path: Path) -> None:
    """A text file named .xlsx is refused (not a BadZipFile traceback); a row with a value
    beyond the heading (an unquoted comma) is refused at its line."""
    fake = tmp_path / "日历.xlsx"
    fake.write_bytes(b"not a workbook")
    with pytest.raises(CalendarFileError) as info:
        read_calendar(fake)
    assert str(info.value) == (
        f"{fake}: 无法读取 / cannot read: 不是可读取的 Excel 工作簿 (.xlsx) / not a readable "
        ".xlsx workbook: File is not a zip file"
    )
    shifted = write(tmp_path, "E1,企业,E1-L1,窑,2019-11-15,2020-03-15,停产,,石家庄,第30条,备注")
    with pytest.raises(CalendarFileError) as info:
        read_calendar(shifted)
    assert str(info.value) == (
        f"{shifted}:2: 有 11 个字段，表头只有 10 列（含逗号的值须加引号）/ 11 fields but 10 "
        "columns in the heading (quote a value that contains a comma)"
    )
