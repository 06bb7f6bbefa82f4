"""The task breakdown table (任务分解表): round trip and every refusal with sheet!cell: reason."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from lantian.planning.excel import COLUMNS, ExcelError, read_tasks, write_tasks
from lantian.planning.model import Indicator, Milestone, Task

HEADER = list(COLUMNS)

TASK = Task(
    number="三.（一）.1",
    heading="坚定不移化解过剩产能",
    text="2019年底，压减水泥产能260万吨，退出炼铁产能48万吨。",
    category="产业结构",
    lead_units=("市发改委", "市工信局"),
    responsible_units=("各县市区政府",),
    areas=("石家庄市",),
    milestones=(Milestone(date(2019, 6, 30), "A级企业"), Milestone(date(2019, 12, 31))),
    indicators=(Indicator("压减水泥产能", "万吨", 260.0), Indicator("退出炼铁产能", "万吨", 48.0)),
)


def sheet(tmp_path: Path, rows: list[list[Any]], title: str = "任务分解表") -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(row)
    path = tmp_path / "t.xlsx"
    wb.save(path)
    return path


def refusal(path: Path) -> ExcelError:
    with pytest.raises(ExcelError) as info:
        read_tasks(path)
    return info.value


def test_export_then_import_gives_the_same_tasks(tmp_path: Path) -> None:
    single = Task(
        number="四.31",
        text="强化组织领导",
        responsible_units=("各县市区政府",),
        indicators=(Indicator("覆盖率", "%", 90.0),),
    )
    path = tmp_path / "out.xlsx"
    write_tasks([TASK, single], path, title="石家庄市2019年大气污染防治治理工作方案任务分解表")
    assert read_tasks(path) == [TASK, single]
    ws = load_workbook(path)["任务分解表"]
    assert [c.value for c in ws[2]] == HEADER  # title in row 1, header in row 2
    assert ws["E3"].value == "市发改委、市工信局"
    assert ws["I3"].value == "2019-06-30 A级企业\n2019-12-31"
    assert ws["L4"].value == 90  # a lone target is a number cell


def test_import_accepts_the_usual_ways_of_writing(tmp_path: Path) -> None:
    path = sheet(
        tmp_path,
        [
            ["序号", "具体内容", "牵头单位", "配合单位", "完成时限", "量化指标", "单位", "目标值"],
            [
                1,
                "治理散煤污染",
                "区工商质监局",
                "区环保局，区行政执法局",
                datetime(2017, 10, 31),
                None,
                None,
                None,
            ],
            [
                "2",
                "加大燃煤锅炉拆改力度",
                "区环保局",
                None,
                "2017年10月31日；2017/12/31 全部拆除",
                "拆除锅炉；改用清洁能源",
                "台；台",
                "12；3",
            ],
        ],
    )
    t1, t2 = read_tasks(path)
    assert t1.number == "1" and t1.cooperating_units == ("区环保局", "区行政执法局")
    assert t1.milestones == (Milestone(date(2017, 10, 31)),)
    assert t2.milestones == (
        Milestone(date(2017, 10, 31)),
        Milestone(date(2017, 12, 31), "全部拆除"),
    )
    assert t2.indicators == (
        Indicator("拆除锅炉", "台", 12.0),
        Indicator("改用清洁能源", "台", 3.0),
    )


def test_refuses_a_sheet_without_header(tmp_path: Path) -> None:
    err = refusal(sheet(tmp_path, [["1", "治理散煤污染", "区环保局"]]))
    assert (err.sheet, err.cell) == ("任务分解表", "A1")
    assert str(err).startswith("任务分解表!A1: 找不到表头")


def test_refuses_a_missing_required_column(tmp_path: Path) -> None:
    err = refusal(sheet(tmp_path, [["序号", "具体内容"], ["1", "治理散煤污染"]]))
    assert str(err) == "任务分解表!C1: 缺少列 / missing column '牵头单位'"


def test_refuses_an_unknown_column(tmp_path: Path) -> None:
    err = refusal(sheet(tmp_path, [["序号", "具体内容", "牵头单位", "备注"]]))
    assert err.cell == "D1"
    assert "未知列 / unknown column '备注'" in err.reason


def test_refuses_a_bad_date(tmp_path: Path) -> None:
    path = sheet(
        tmp_path,
        [
            ["序号", "具体内容", "牵头单位", "完成时限"],
            ["1", "治理散煤污染", "区环保局", "2017-02-30"],
        ],
    )
    assert str(refusal(path)) == "任务分解表!D2: 不存在的日期 / no such date: '2017-02-30'"
    path = sheet(
        tmp_path,
        [
            ["序号", "具体内容", "牵头单位", "完成时限"],
            ["1", "治理散煤污染", "区环保局", "10月底前"],
        ],
    )
    err = refusal(path)
    assert err.cell == "D2" and "not a date" in err.reason


def test_refuses_empty_task_text(tmp_path: Path) -> None:
    path = sheet(
        tmp_path, [["序号", "任务", "具体内容", "牵头单位"], ["1", "治理散煤", None, "区环保局"]]
    )
    assert str(refusal(path)) == "任务分解表!C2: 具体内容为空 / empty task text"


def test_refuses_duplicate_numbering(tmp_path: Path) -> None:
    path = sheet(
        tmp_path,
        [
            ["序号", "具体内容", "牵头单位"],
            ["三.1", "甲", "区环保局"],
            [None, None, None],
            ["三.1", "乙", "区环保局"],
        ],
    )
    err = refusal(path)
    assert err.cell == "A4"
    assert err.reason == "序号重复 / duplicate numbering '三.1'（首次出现于 / first at A2）"


def test_refuses_bad_numbering_missing_units_and_misaligned_indicators(tmp_path: Path) -> None:
    head = ["序号", "具体内容", "牵头单位", "量化指标", "单位", "目标值"]
    err = refusal(sheet(tmp_path, [head, ["三..1", "甲", "区环保局"]]))
    assert err.cell == "A2" and "bad numbering" in err.reason
    err = refusal(sheet(tmp_path, [head, ["1", "甲", None]]))
    assert err.cell == "C2" and "no lead unit, responsible unit or area" in err.reason
    areas_only = ["序号", "具体内容", "牵头单位", "区域"]
    (task,) = read_tasks(sheet(tmp_path, [areas_only, ["1", "甲", None, "长安区、桥西区"]]))
    assert task.lead_units == () and task.areas == ("长安区", "桥西区")  # areas report: accepted
    err = refusal(sheet(tmp_path, [head, ["1", "甲", "区环保局", "a\nb", "台", None]]))
    assert err.cell == "E2" and "must line up" in err.reason
    err = refusal(sheet(tmp_path, [head, ["1", "甲", "区环保局", "a", "台", "很多"]]))
    assert err.cell == "F2" and "not a number" in err.reason


def test_refuses_a_missing_sheet_and_data_under_a_blank_header(tmp_path: Path) -> None:
    err = refusal(sheet(tmp_path, [["序号", "具体内容", "牵头单位"]], title="Sheet1"))
    assert err.cell == "A1" and "no such sheet" in err.reason
    err = refusal(sheet(tmp_path, [["序号", "具体内容", "牵头单位", None], ["1", "甲", "乙", "x"]]))
    assert err.cell == "D2"


def test_text_starting_with_equals_is_kept_as_text(tmp_path: Path) -> None:
    t = Task(number="1", text='=HYPERLINK("x")', lead_units=("区环保局",))
    path = tmp_path / "f.xlsx"
    write_tasks([t], path)
    assert read_tasks(path) == [t]


def test_export_refuses_what_it_cannot_write_faithfully(tmp_path: Path) -> None:
    bad = Task(number="1", text="甲", lead_units=("区环保局、区工信局",))
    with pytest.raises(ValueError, match="separator"):
        write_tasks([bad], tmp_path / "x.xlsx")
    bad = Task(number="1", text=" 甲", lead_units=("区环保局",))
    with pytest.raises(ValueError, match="surrounding spaces"):
        write_tasks([bad], tmp_path / "x.xlsx")


# ----------------------------------------------------------------------- round-trip property

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
WORD = st.text(st.one_of(CJK, st.sampled_from("ABCabc0123()")), min_size=1, max_size=8)
OPT = st.one_of(st.just(""), WORD)
SEG = st.one_of(
    st.sampled_from(["一", "二", "三", "四", "（一）", "（六）", "(2)"]),
    st.integers(1, 40).map(str),
)
NUMBER = st.lists(SEG, min_size=1, max_size=3).map(".".join)
UNITS = st.lists(WORD, max_size=3, unique=True).map(tuple)
TARGET = st.one_of(st.none(), st.decimals(-1e6, 1e6, places=3, allow_nan=False).map(float))
MILESTONE = st.builds(Milestone, st.dates(date(2000, 1, 1), date(2099, 12, 31)), OPT)
INDICATOR = st.builds(Indicator, WORD, OPT, TARGET)


@st.composite
def tasks(draw: st.DrawFn) -> list[Task]:
    numbers = draw(st.lists(NUMBER, min_size=1, max_size=5, unique=True))
    return [
        Task(
            number=n,
            text=draw(WORD),
            heading=draw(OPT),
            category=draw(OPT),
            lead_units=draw(UNITS.filter(bool)),
            cooperating_units=draw(UNITS),
            responsible_units=draw(UNITS),
            areas=draw(UNITS),
            milestones=tuple(draw(st.lists(MILESTONE, max_size=3))),
            indicators=tuple(draw(st.lists(INDICATOR, max_size=3))),
        )
        for n in numbers
    ]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ts=tasks(), title=OPT)
def test_round_trip_property(tmp_path: Path, ts: list[Task], title: str) -> None:
    path = tmp_path / "rt.xlsx"
    write_tasks(ts, path, title=title)
    assert read_tasks(path) == ts
