"""A third plan none of the rules was read from: a 2023 prefecture-level 秋冬季 plan excerpt.

``data/wuling_2023_autumn_winter.txt`` was written for this test (a fictitious city; no
sentence is taken from the sample plans). Its layout: an excerpt whose numbering starts at
二、 (一、 and the targets are left out), task titles on lines of their own without
punctuation and the text on the next line, units named in running text (由…牵头，…配合;
…负责; 按职责分工负责), a page number inside a unit list, and a task table "序号 任务 牵头单位
完成时限" (cells apart by tabs, as a .docx table is read). The expected values below were
worked by hand from the text under docs/plan_labelling.md, not copied from the extractor.
"""

from __future__ import annotations

from typing import Any

import pytest

from lantian.planning.extract import extract_file
from tests.planning.extract.conftest import DATA

PLAN = DATA / "wuling_2023_autumn_winter.txt"
TEXT = PLAN.read_text(encoding="utf-8")

#: number → heading, units, deadlines (date, recurring), indicators (value, unit, op), limits
EXPECTED: dict[str, dict[str, Any]] = {
    "二.（一）": {
        "heading": "钢铁焦化行业深度治理",
        "units": [
            ("市生态环境局", "lead"),  # 由市生态环境局牵头
            ("市工业和信息化局", "cooperating"),  # one name although it holds 和
            ("相关县（市、区）人民政府", "responsible"),  # wrapped before （市、区）
        ],
        "deadlines": [("2023-11-30", None)],
        "indicators": [],  # 全面完成…改造: no number of work
        "limits": [("PM", 10.0), ("SO2", 35.0), ("NOx", 50.0)],
    },
    "二.（二）": {
        "heading": "燃煤锅炉和散煤治理",  # the next line starts 10月底前，
        "units": [
            ("市城市管理局", "responsible"),
            ("市财政局", "cooperating"),  # wrapped "市财政\n局"
            ("市农业农村局", "cooperating"),
        ],
        "deadlines": [("2023-10-31", None)],  # October of the season's first year
        # 35蒸吨/小时以下 delimits the boilers; the total and its two parts (其中)
        "indicators": [
            (26.0, "台", ">="),
            (1.5, "万户", ">="),
            (6000.0, "户", ">="),
            (9000.0, "户", ">="),
        ],
        "limits": [],
    },
    "二.（三）": {
        "heading": "移动源污染管控",
        # 市公共交通集团负责制定…: 负责 followed by its work, an actor, not a unit; the
        # cooperating list runs across the page number "— 2 —"
        "units": [
            ("市交通运输局", "lead"),
            ("市公安局交通警察支队", "cooperating"),
            ("市生态环境局", "cooperating"),
        ],
        "deadlines": [("2024-03-31", None), (None, "weekly")],  # 秋冬季期间, 每周
        "indicators": [(80.0, "%", ">="), (1.0, "次", ">="), (3000.0, "辆次", ">=")],
        "limits": [],
    },
    "二.（四）": {
        "heading": "扬尘综合管控",
        "units": [("市住房和城乡建设局", "responsible"), ("市城市管理局", "responsible")],
        "deadlines": [],  # 重污染天气预警期间 is an event window
        "indicators": [(90.0, "%", ">=")],  # “六个百分之百” is a slogan
        "limits": [],
    },
    "三.1": {
        "heading": "完成2家焦化企业干熄焦改造",
        "units": [("市工业和信息化局", "lead")],
        "deadlines": [("2023-12-31", None)],
        "indicators": [(2.0, "家", ">=")],
        "limits": [],
    },
    "三.2": {
        "heading": "建成空气质量微型监测站120个",
        "units": [("市生态环境局", "lead")],
        "deadlines": [("2023-11-30", None)],
        "indicators": [(120.0, "个", ">=")],  # stations counted, not an air-quality level
        "limits": [],
    },
    "三.3": {
        "heading": "淘汰国三及以下排放标准营运柴油货车500辆",
        "units": [("市交通运输局", "lead"), ("市公安局交通警察支队", "lead")],
        "deadlines": [("2024-03-31", None)],
        "indicators": [(500.0, "辆", ">=")],  # 国三及以下 delimits the trucks
        "limits": [],
    },
    "四.（一）": {
        "heading": "强化组织调度",
        # 市大气污染防治工作领导小组办公室每月调度…: the sentence's actor, no role word
        "units": [("市大气办", "responsible")],
        "deadlines": [(None, "monthly"), (None, "quarterly")],
        "indicators": [],
        "limits": [],
    },
    "四.（二）": {
        # opens with an ordinary sentence; its first line is a full line broken before the
        # first comma (a wrap), so no title; 由…会同…进行约谈 names no role
        "heading": "",
        "units": [],
        "deadlines": [],
        "indicators": [],
        "limits": [],
    },
}


@pytest.fixture(scope="module")
def extraction() -> dict[str, Any]:
    data: dict[str, Any] = extract_file(PLAN).to_dict()
    return data


def test_plan_fields_of_an_excerpt(extraction: dict[str, Any]) -> None:
    plan = extraction["plan"]
    assert {k: (v or {}).get("value") for k, v in plan.items() if k != "period"} == {
        "title": "梧岭市2023—2024年秋冬季大气污染综合治理攻坚行动方案",
        "issuer": None,
        "document_number": None,
        "issued_on": None,
        "area": "梧岭市",
    }
    assert (plan["period"]["start"], plan["period"]["end"]) == ("2023-10-01", "2024-03-31")
    assert extraction["targets"] == []  # the excerpt leaves out 一、 and its targets


def test_numbering_starting_at_two_and_table_rows(extraction: dict[str, Any]) -> None:
    assert [t["number"] for t in extraction["tasks"]] == list(EXPECTED)


@pytest.mark.parametrize("number", list(EXPECTED))
def test_each_task(extraction: dict[str, Any], number: str) -> None:
    task = {t["number"]: t for t in extraction["tasks"]}[number]
    want = EXPECTED[number]
    assert task["heading"] == want["heading"]
    assert [(u["name"], u["role"]) for u in task["units"]] == want["units"]
    assert [
        (None if d["recurring"] else d["date"], d["recurring"]) for d in task["deadlines"]
    ] == want["deadlines"]
    assert [(i["value"], i["unit"], i["op"]) for i in task["indicators"]] == want["indicators"]
    assert [(x["pollutant"], x["value"]) for x in task["limits"]] == want["limits"]


def test_spans_and_texts(extraction: dict[str, Any]) -> None:
    by_number = {t["number"]: t for t in extraction["tasks"]}
    first = by_number["二.（一）"]
    # the title keeps its own line in the text; the text starts with the heading
    assert first["text"].startswith("钢铁焦化行业深度治理\n全市钢铁企业")
    units = first["units"]
    assert TEXT[units[2]["span"][0] : units[2]["span"][1]] == "相关县\n（市、区）人民政府"
    row = by_number["三.3"]
    # a table row: the task cell, then the time-limit cell; the unit cell is read as units
    assert row["text"] == "淘汰国三及以下排放标准营运柴油货车500辆；2024年3月底前。"
    assert [TEXT[u["span"][0] : u["span"][1]] for u in row["units"]] == [
        "市交通运输局",
        "市公安局交通警察支队",
    ]
    assert TEXT[row["span"][0] : row["span"][1]].startswith("3\t淘汰国三")
    mobile = by_number["二.（三）"]["units"][2]
    assert TEXT[mobile["span"][0] : mobile["span"][1]] == "市生态环境局"
