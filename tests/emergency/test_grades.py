"""Grades, list categories and the industry data (performance_grading.md §1, §2)."""

from __future__ import annotations

import csv

import pytest

from lantian.emergency.grades import (
    LEADING_SCALE,
    LETTERS,
    LETTERS_WITH_B_MINUS,
    Category,
    Grade,
    Violations,
    apply_bars,
    grade_enterprise,
    in_scale,
    lowest,
    parse_grade,
    shortboard,
)
from lantian.emergency.industries import (
    INDUSTRIES_CSV,
    default_measure,
    has_default_table,
    industries,
    industry,
)
from lantian.emergency.levels import Level
from lantian.emergency.lines import Line, ReductionList, build_list
from lantian.emergency.measures import Kind, MeasureRefused, Transport, parse_measure


def test_grades_are_read_in_every_spelling() -> None:
    assert parse_grade("B-") is Grade.B_MINUS
    assert parse_grade("B−级") is Grade.B_MINUS
    assert parse_grade(" a ") is Grade.A
    assert parse_grade("引领性") is Grade.LEADING
    assert parse_grade("非引领性") is Grade.NON_LEADING
    with pytest.raises(ValueError, match="known: A\\+, A, B"):
        parse_grade("E")


def test_the_lowest_indicator_decides() -> None:
    # 短板原则: A on equipment and monitoring, C on fugitive control → C
    indicators = {"装备水平": Grade.A, "无组织排放": Grade.C, "监测监控水平": Grade.A}
    assert shortboard(indicators) is Grade.C
    assert shortboard([Grade.B, Grade.B_MINUS, Grade.A]) is Grade.B_MINUS
    with pytest.raises(ValueError):
        shortboard([])


def test_violations_within_a_year_bar_a_b_and_leading() -> None:
    over = Violations(over_permit=True)
    assert apply_bars(Grade.A, over, LETTERS) is Grade.C
    assert apply_bars(Grade.B, over, LETTERS) is Grade.C
    # the text bars A, B and 引领性 only: B− stays where the scale has it
    assert apply_bars(Grade.A, over, LETTERS_WITH_B_MINUS) is Grade.B_MINUS
    assert apply_bars(Grade.B_MINUS, over, LETTERS_WITH_B_MINUS) is Grade.B_MINUS
    assert apply_bars(Grade.LEADING, Violations(punished=True), LEADING_SCALE) is Grade.NON_LEADING
    assert apply_bars(Grade.D, over) is Grade.D
    assert apply_bars(Grade.A, Violations()) is Grade.A
    assert grade_enterprise({"排放限值": Grade.A, "运输方式": Grade.A}, over, LETTERS) is Grade.C


def test_a_multi_industry_enterprise_takes_its_lowest_grade() -> None:
    assert lowest([Grade.A, Grade.C, Grade.B]) is Grade.C
    assert lowest([Grade.LEADING, Grade.B]) is Grade.B  # 引领性 ranks with A


def test_grades_translate_between_scales() -> None:
    assert in_scale(Grade.NON_LEADING, LETTERS) is Grade.B
    assert in_scale(Grade.LEADING, LETTERS) is Grade.A
    assert in_scale(Grade.C, LEADING_SCALE) is Grade.NON_LEADING
    assert in_scale(Grade.A, LEADING_SCALE) is Grade.LEADING
    assert in_scale(Grade.B_MINUS, LETTERS) is Grade.C
    assert in_scale(Grade.B, LETTERS) is Grade.B


def test_industries_are_those_the_spec_names_and_no_more() -> None:
    table = industries()
    key = [i for i in table.values() if i.key]
    # 20 of the 39 are named in the spec; the other 19 are a documented gap
    assert len(key) == 20
    assert {i.zh for i in key} >= {
        "水泥熟料",
        "长流程联合钢铁",
        "短流程钢铁",
        "焦化",
        "平板玻璃",
        "铸造",
    }
    # the 15 graded in 2019 (steel counted once, split into long and short here)
    assert sum(i.graded_2019 for i in key) == 16
    assert industry("水泥熟料").scale == (Grade.A, Grade.B, Grade.C, Grade.D)
    assert industry("cement_clinker").scale_status == "confirmed"
    assert industry("焦化").scale_status == "UNCONFIRMED"
    assert industry("居民供暖锅炉").exempt and industry("生活服务业").exempt
    assert not industry("other").key
    with pytest.raises(KeyError, match="unknown industry"):
        industry("造纸")
    with INDUSTRIES_CSV.open(encoding="utf-8") as f:
        statuses = {row["scale_status"] for row in csv.DictReader(f)}
    assert statuses == {"confirmed", "UNCONFIRMED", "n/a"}


def test_only_cement_clinker_has_national_default_measures() -> None:
    assert [c for c in industries() if has_default_table(c)] == ["cement_clinker"]
    assert default_measure("cement_clinker", Grade.B, Level.ORANGE) == parse_measure(
        "限产20%+国四及以下重型货车停运"
    )
    assert default_measure("cement_clinker", Grade.D, Level.YELLOW) == parse_measure(
        "停产+停止公路运输"
    )
    assert default_measure("cement_clinker", Grade.A_PLUS, Level.RED) == parse_measure("自主减排")
    assert default_measure("cement_clinker", Grade.B, Level.BLUE) is None
    assert default_measure("coking", Grade.B, Level.RED) is None


def test_cement_defaults_never_get_weaker_at_a_higher_level_or_a_lower_grade() -> None:
    levels = (Level.YELLOW, Level.ORANGE, Level.RED)
    grades = (Grade.A, Grade.B, Grade.C, Grade.D)
    from lantian.emergency.measures import fraction

    for g in grades:
        r = [fraction(default_measure("cement_clinker", g, lv)) for lv in levels]
        assert r == sorted(r)
    for lv in levels:
        r = [fraction(default_measure("cement_clinker", g, lv)) for g in grades]
        assert r == sorted(r)


def cement(line_id: str, enterprise: str, grade: Grade | None, **kw: object) -> Line:
    return Line(line_id, enterprise, "cement_clinker", {"nox": 4.3}, grade=grade, **kw)  # type: ignore[arg-type]


def test_a_cement_line_takes_the_enterprise_s_lowest_grade() -> None:
    # cement graded B, its lime kiln C: the enterprise is C, so the cement line stops at orange
    kiln = Line("E1-L2", "E1", "lime_kiln", {"nox": 1.0}, grade=Grade.C)
    lst = build_list([cement("E1-L1", "E1", Grade.B), kiln])
    assert lst.enterprise_grade("E1") is Grade.C
    assert lst.measure(lst.lines[0], Level.ORANGE) == parse_measure("停产+国四及以下重型货车停运")
    # a 非引领性 second industry counts as B on the cement scale
    pack = Line("E2-L2", "E2", "packaging_printing", {"vocs": 1.0}, grade=Grade.NON_LEADING)
    lst2 = build_list([cement("E2-L1", "E2", Grade.A), pack])
    assert lst2.applied_grade(lst2.lines[0]) is Grade.B


def test_a_grade_and_leading_decide_their_own_reductions() -> None:
    lst = build_list(
        [
            cement("E1-L1", "E1", Grade.A),
            Line("E2-L1", "E2", "coking", {"nox": 2.0}, grade=Grade.LEADING),
        ]
    )
    for ln in lst.lines:
        assert lst.measure(ln, Level.RED) == parse_measure("自主减排")
        assert lst.r(ln, Level.RED) == 0
    assert lst.without_measure(Level.RED) == []


def test_non_compliant_enterprises_are_listed_and_stop_on_every_line() -> None:
    lst = build_list(
        [
            cement("E1-L1", "E1", None, category=Category.NON_COMPLIANT),
            cement("E1-L2", "E1", None, category=Category.NON_COMPLIANT),
            Line("E2-L1", "E2", "foundry", {"pm": 1.0}, category=Category.NON_COMPLIANT),
        ]
    )
    for lv in (Level.YELLOW, Level.ORANGE, Level.RED):
        for ln in lst.lines:
            assert lst.measure(ln, lv) is not None
            assert lst.measure(ln, lv).kind is Kind.STOP  # type: ignore[union-attr]
            assert lst.r(ln, lv) == 1
    # cement's strictest transport at each level is 停止公路运输 (grade D)
    assert lst.measure(lst.lines[0], Level.YELLOW).transport is Transport.NO_ROAD  # type: ignore[union-attr]
    assert lst.measure(lst.lines[2], Level.YELLOW).transport is Transport.NONE  # type: ignore[union-attr]
    with pytest.raises(MeasureRefused, match="weaker"):
        build_list(
            [
                cement(
                    "E1-L1",
                    "E1",
                    None,
                    category=Category.NON_COMPLIANT,
                    own={Level.RED: parse_measure("限产50%")},
                )
            ]
        )


def test_guaranteed_and_heating_lines_are_kept_without_stop_or_limit() -> None:
    boiler = Line("H1-L1", "H1", "heating_boiler", {"so2": 2.0}, category=Category.GUARANTEED)
    guaranteed = cement("G1-L1", "G1", None, category=Category.GUARANTEED)
    service = Line("S1-L1", "S1", "life_service", {"vocs": 0.01}, category=Category.UNGRADED)
    lst = build_list([boiler, guaranteed, service])
    for ln in lst.lines:
        assert lst.measure(ln, Level.RED) is None and lst.r(ln, Level.RED) == 0
        assert lst.exemption(ln) is not None
    assert lst.without_measure(Level.RED) == []  # exempt, so not "missing"
    for bad in (boiler, guaranteed, service):
        stopped = Line(
            bad.line_id,
            bad.enterprise_id,
            bad.industry,
            bad.emissions,
            category=bad.category,
            own={Level.ORANGE: parse_measure("限产30%")},
        )
        with pytest.raises(MeasureRefused, match="不应采取停限产措施") as info:
            build_list([stopped])
        assert info.value.line == bad.line_id and info.value.level is Level.ORANGE


def test_list_rules_refuse_inconsistent_enterprises_and_off_scale_grades() -> None:
    problems = ReductionList(
        (
            cement("E1-L1", "E1", Grade.B_MINUS),  # cement has no B−
            cement("E2-L1", "E2", None),  # a key industry needs a grade
            cement("E3-L1", "E3", Grade.B),
            cement("E3-L2", "E3", Grade.C),  # two grades in one industry
            cement("E4-L1", "E4", None, category=Category.GUARANTEED),
            cement("E4-L2", "E4", None, category=Category.NON_COMPLIANT),
            cement("E3-L1", "E5", Grade.B),  # duplicate id
        )
    ).problems()
    reasons = [(p.line, p.reason.split(" / ")[1]) for p in problems]
    assert reasons == [
        ("E1-L1", "grade B- is not on the cement clinker scale"),
        ("E2-L1", "a key industry needs a grade or a category"),
        ("E3-L2", "two grades in one industry"),
        ("E4-L2", "enterprise E4 has two categories"),
        ("E3-L1", "duplicate line id 'E3-L1'"),
    ]


def test_transport_restrictions_are_listed_per_level() -> None:
    lst = build_list(
        [
            cement("A-L1", "A", Grade.A),
            cement("B-L1", "B", Grade.B),
            cement("D-L1", "D", Grade.D),
            Line("F-L1", "F", "foundry", {"pm": 1.0}, grade=Grade.C),
        ]
    )
    yellow = [(ln.line_id, m.transport) for ln, m in lst.transport_restricted(Level.YELLOW)]
    assert yellow == [("B-L1", Transport.TRUCK_BAN), ("D-L1", Transport.NO_ROAD)]
    assert lst.r(lst.lines[1], Level.YELLOW) == 0  # a truck ban cuts no production
