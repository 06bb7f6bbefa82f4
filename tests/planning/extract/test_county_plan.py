"""A plan none of the rules was written from: a 2022 county plan in another layout.

``data/nantang_county_2022.txt`` was written for this test (a fictitious county; no sentence
is taken from the three sample plans). Its layout differs from theirs: the task level is
"（1）" restarted under every "一、" (nothing runs on; one task is a bare title over ①②③),
units stand in "牵头单位：/责任单位：/配合单位：" lines (one list separated by spaces, one
wrapped mid-name across a page number "- 2 -"), a standing rule is worded
"以下各项任务均由各乡镇落实，不再一一列出", and deadlines read "2022年6月底前", "10月底前",
"每季度", "季度考核", "上半年". Every expected value below was worked by hand from the text
under docs/plan_labelling.md, not copied from the extractor's output.
"""

from __future__ import annotations

from typing import Any

import pytest

from lantian.planning.extract import extract_file
from tests.planning.extract.conftest import DATA

PLAN = DATA / "nantang_county_2022.txt"
TEXT = PLAN.read_text(encoding="utf-8")
EACH = ("各乡镇", "responsible")  # the standing rule of task 二.（1）, as written

#: number → (units, deadlines (date, recurring), indicators (value, unit, op), limits)
EXPECTED: dict[str, dict[str, list[Any]]] = {
    "二.（1）": {
        "units": [
            ("县工信局", "lead"),
            ("县发改局", "cooperating"),
            ("县生态环境分局", "cooperating"),  # wrapped "县生态环境分\n局"
            ("各乡镇人民政府", "responsible"),  # the task stating the rule keeps its own name
        ],
        "deadlines": [("2022-06-30", None)],
        "indicators": [(3.0, "家", ">=")],
        "limits": [("PM", 10.0), ("SO2", 50.0), ("NOx", 100.0)],
    },
    "二.（2）": {
        "units": [
            ("县生态环境分局", "lead"),
            ("县市场监管局", "responsible"),  # "县市场监管局 县住建局": split at the space
            ("县住建局", "responsible"),
            EACH,
        ],
        # ① 10月底前 (year from the plan), ③ 每季度
        "deadlines": [("2022-10-31", None), (None, "quarterly")],
        # ① 12 台 (35蒸吨/小时以下 delimits the boilers), ③ 每季度…开展一次 → 1 次
        "indicators": [(12.0, "台", ">="), (1.0, "次", ">=")],
        "limits": [("NOx", 30.0)],
    },
    "二.（3）": {
        "units": [
            ("县住建局", "lead"),
            ("县发改局", "cooperating"),  # after the page number "- 2 -": still task (3)
            ("县财政局", "cooperating"),
            ("县农业农村局", "cooperating"),
            EACH,
        ],
        "deadlines": [("2022-09-30", None), ("2022-12-31", None)],  # 采暖季前, 年内
        # the total, its two parts by town (其中), and 20 万平方米 of new heating area
        "indicators": [
            (1.2, "万户", ">="),
            (3000.0, "户", ">="),
            (2000.0, "户", ">="),
            (20.0, "万平方米", ">="),
        ],
        "limits": [],
    },
    "三.（1）": {
        "units": [
            ("县住建局", "responsible"),
            ("县城管局", "responsible"),
            ("县自然资源局", "responsible"),
            EACH,
        ],
        # 秋冬季期间 → the season beginning in 2022 ends 2023-03-31; 预警期间 is an event window
        "deadlines": [("2023-03-31", None)],
        # 开工前三天 (lead time, >=), 24小时内 (time limit, <=); 5000平方米及以上 is scope
        "indicators": [(3.0, "天", ">="), (24.0, "小时", "<=")],
        "limits": [],
    },
    "三.（2）": {
        "units": [("县城管局", "responsible"), ("县交通运输局", "responsible"), EACH],
        "deadlines": [(None, "weekly"), (None, "monthly")],
        "indicators": [(95.0, "%", ">="), (1.0, "次", ">=")],
        "limits": [],
    },
    "三.（3）": {
        "units": [
            ("县公安局", "responsible"),
            ("县城管局", "responsible"),
            ("县农业农村局", "responsible"),
            EACH,
        ],
        "deadlines": [("2022-05-01", None)],
        "indicators": [],
        "limits": [],
    },
    "四.（1）": {
        "units": [
            ("县交通运输局", "lead"),
            ("县发改局", "cooperating"),
            ("县供电公司", "cooperating"),  # wrapped "县供电公\n司"
            EACH,
        ],
        "deadlines": [("2022-12-31", None)],
        "indicators": [(90.0, "%", ">="), (200.0, "个", ">=")],
        "limits": [],
    },
    "四.（2）": {
        "units": [("县公安局交警大队", "lead"), ("县生态环境分局", "lead"), EACH],
        "deadlines": [("2022-06-30", None)],  # 上半年
        "indicators": [(2.0, "套", ">="), (5000.0, "辆次", ">=")],
        "limits": [],
    },
    "五.（1）": {
        "units": [("县大气办", "responsible"), EACH],
        "deadlines": [(None, "quarterly")],  # 季度考核: a periodic review
        "indicators": [],
        "limits": [],
    },
    "五.（2）": {
        "units": [EACH],  # the standing rule reaches every later task
        "deadlines": [],
        "indicators": [],
        "limits": [],
    },
}


@pytest.fixture(scope="module")
def extraction() -> dict[str, Any]:
    data: dict[str, Any] = extract_file(PLAN).to_dict()
    return data


def test_plan_fields(extraction: dict[str, Any]) -> None:
    plan = extraction["plan"]
    assert {k: v["value"] for k, v in plan.items() if k != "period"} == {
        "title": "南塘县2022年大气污染防治工作方案",
        "issuer": "南塘县人民政府办公室",
        "document_number": "南政办〔2022〕8号",
        "issued_on": "2022-03-10",
        "area": "南塘县",
    }
    assert (plan["period"]["start"], plan["period"]["end"]) == ("2022-01-01", "2022-12-31")


def test_targets_from_the_target_part_only(extraction: dict[str, Any]) -> None:
    # the preamble's "2021年…为52微克/立方米" is a past result, not a target
    assert [
        (t["metric"], t["area"], t["period"], t["op"], t["value"], t["change"])
        for t in extraction["targets"]
    ] == [
        ("pm25", "南塘县", "2022", "<=", 48.0, False),
        ("pm25", "南塘县", "2022", "<=", -7.0, True),
        ("good_ratio", "南塘县", "2022", ">=", 70.0, False),
        ("heavy_days", "南塘县", "2022", "<=", 5.0, False),
    ]


def test_the_task_level_restarts_under_every_section(extraction: dict[str, Any]) -> None:
    tasks = extraction["tasks"]
    assert [t["number"] for t in tasks] == list(EXPECTED)
    by_number = {t["number"]: t for t in tasks}
    boilers = by_number["二.（2）"]
    assert boilers["heading"] == "淘汰燃煤锅炉"
    assert "①10月底前" in boilers["text"] and "③每季度" in boilers["text"]  # sub-items inside
    # the body ends before the distribution list
    s, e = tasks[-1]["span"]
    assert TEXT[s:e].endswith("营造全民参与的良好氛围。")


@pytest.mark.parametrize("number", list(EXPECTED))
def test_units_deadlines_indicators_limits(extraction: dict[str, Any], number: str) -> None:
    task = {t["number"]: t for t in extraction["tasks"]}[number]
    want = EXPECTED[number]
    assert [(u["name"], u["role"]) for u in task["units"]] == want["units"]
    assert [
        (None if d["recurring"] else d["date"], d["recurring"]) for d in task["deadlines"]
    ] == want["deadlines"]
    assert [(i["value"], i["unit"], i["op"]) for i in task["indicators"]] == want["indicators"]
    assert [(x["pollutant"], x["value"]) for x in task["limits"]] == want["limits"]


def test_items_point_at_their_source(extraction: dict[str, Any]) -> None:
    by_number = {t["number"]: t for t in extraction["tasks"]}
    texts = {
        (n, "deadlines"): [TEXT[d["span"][0] : d["span"][1]] for d in t["deadlines"]]
        for n, t in by_number.items()
    }
    assert texts[("二.（3）", "deadlines")] == ["2022年采暖季前", "年内"]
    assert texts[("三.（3）", "deadlines")] == ["自2022年5月1日起"]
    assert texts[("五.（1）", "deadlines")] == ["季度考核"]
    parts = by_number["二.（3）"]["indicators"][1:3]
    assert [(i["object"], TEXT[i["span"][0] : i["span"][1]]) for i in parts] == [
        ("农村清洁取暖改造（城关镇）", "城关镇3000户"),
        ("农村清洁取暖改造（河口镇）", "河口镇2000户"),
    ]
    wrapped = by_number["四.（1）"]["units"][2]
    assert TEXT[wrapped["span"][0] : wrapped["span"][1]] == "县供电公\n司"
    limit = by_number["二.（2）"]["limits"][0]
    assert limit["source"] == "新建燃气锅炉"  # without the sub-item's ②
