"""Drop, merge, split and add on a review (lantian.web.drafts.operations): exact results, worked
by hand from the small plan below (docs/plan_review.md, "Merge, split, drop, add")."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from lantian.web.drafts import operations as ops

#: A plan's text as a PDF gives it: a line broken inside a word, full-width digits in one place.
SOURCE = (
    "1.压减产能10万吨，2019年底前完成。新增公\n交８０辆，2019年6月底前完成。（市发改委牵头）\n"
    "2.乙任务。新增充电桩200个，2019年底前完成。（市交通局牵头，市发改委配合）\n"
)
A_START, A_END = 0, SOURCE.index("\n2.")
B_START, B_END = SOURCE.index("2.乙"), len(SOURCE) - 1


def review() -> dict[str, Any]:
    return {
        "plan": {"title": "某市方案", "area": "某市", "start": "2019-01-01", "end": "2019-12-31"},
        "targets": [
            {"metric": "pm25", "area": "某市", "period": "2019", "op": "<=", "value": 50.0},
            {"metric": "dustfall", "area": "某市", "period": "2019", "op": "<=", "value": 9.0},
        ],
        "tasks": [
            {
                "number": "1",
                "heading": "",
                "text": "压减产能10万吨，2019年底前完成。新增公交80辆，2019年6月底前完成。",
                "span": [A_START, A_END],
                "units": [{"name": "市发改委", "role": "lead", "span": [39, 43]}],
                "deadlines": [
                    {
                        "date": "2019-12-31",
                        "text": "2019年底前",
                        "recurring": None,
                        "span": [10, 17],
                    },
                    {
                        "date": "2019-06-30",
                        "text": "2019年6月底前",
                        "recurring": None,
                        "span": None,
                    },
                ],
                "indicators": [
                    {"name": "压减产能", "value": 10.0, "unit": "万吨", "text": "压减产能10万吨"},
                    {"name": "新增公交", "value": 80.0, "unit": "辆", "text": "新增公交80辆"},
                ],
                "limits": [],
            },
            {
                "number": "2",
                "heading": "乙任务",
                "text": "乙任务。新增充电桩200个，2019年底前完成。",
                "span": [B_START, B_END],
                "units": [
                    {"name": "市交通局", "role": "lead", "span": None},
                    {"name": "市发改委", "role": "cooperating", "span": None},
                ],
                "deadlines": [
                    {
                        "date": "2019-12-31",
                        "text": "2019年底前",
                        "recurring": None,
                        "span": [99, 106],
                    }
                ],
                "indicators": [
                    {"name": "新增充电桩", "value": 200.0, "unit": "个", "text": "新增充电桩200个"}
                ],
                "limits": [],
            },
        ],
        "units": [],
    }


def test_merge_joins_texts_and_unites_units_deadlines_and_indicators() -> None:
    r = review()
    ops.merge_tasks(r, 0)
    assert len(r["tasks"]) == 1
    merged = r["tasks"][0]
    assert merged["number"] == "1"
    assert merged["heading"] == "乙任务"  # the first has none
    assert merged["text"] == (
        "压减产能10万吨，2019年底前完成。新增公交80辆，2019年6月底前完成。\n"
        "乙任务。新增充电桩200个，2019年底前完成。"
    )
    # 市发改委 leads the first and cooperates on the second: it keeps the role that reports
    assert [(u["name"], u["role"]) for u in merged["units"]] == [
        ("市发改委", "lead"),
        ("市交通局", "lead"),
    ]
    # the same deadline (date and words) once, whatever its place in the text
    assert [(d["date"], d["text"]) for d in merged["deadlines"]] == [
        ("2019-12-31", "2019年底前"),
        ("2019-06-30", "2019年6月底前"),
    ]
    assert [i["name"] for i in merged["indicators"]] == ["压减产能", "新增公交", "新增充电桩"]
    assert merged["span"] == [A_START, B_END]


def test_merge_of_the_last_task_is_refused() -> None:
    r = review()
    with pytest.raises(ops.OperationError):
        ops.merge_tasks(r, 1)
    assert r == review()


def test_split_at_a_position_gives_two_numbered_parts() -> None:
    r = review()
    text = r["tasks"][0]["text"]
    ops.split_task(r, 0, text.index("新增公交"), SOURCE)
    first, second, third = r["tasks"]
    assert (first["number"], second["number"], third["number"]) == ("1.（1）", "1.（2）", "2")
    assert first["text"] == "压减产能10万吨，2019年底前完成。"
    assert second["text"] == "新增公交80辆，2019年6月底前完成。"
    # each deadline and indicator goes with the part that holds its words
    assert [d["text"] for d in first["deadlines"]] == ["2019年底前"]
    assert [d["text"] for d in second["deadlines"]] == ["2019年6月底前"]
    assert [i["name"] for i in first["indicators"]] == ["压减产能"]
    assert [i["name"] for i in second["indicators"]] == ["新增公交"]
    # units on both
    assert first["units"] == second["units"] == review()["tasks"][0]["units"]
    # the source is cut where "新增公交" begins, although the PDF broke the line inside it and
    # wrote the digits full-width
    cut = SOURCE.index("新增公")
    assert first["span"] == [A_START, cut]
    assert second["span"] == [cut, A_END]


def test_split_takes_the_next_free_sub_numbers() -> None:
    r = review()
    r["tasks"][1]["number"] = "1.（1）"
    ops.split_task(r, 0, 5, SOURCE)
    assert [t["number"] for t in r["tasks"]] == ["1.（3）", "1.（4）", "1.（1）"]


@pytest.mark.parametrize("position", [0, -1, 10_000])
def test_split_outside_the_text_is_refused(position: int) -> None:
    r = review()
    if position == -1:
        position = len(r["tasks"][0]["text"])
    with pytest.raises(ops.OperationError):
        ops.split_task(r, 0, position, SOURCE)
    assert r == review()


def test_drop_takes_out_one_task_or_target() -> None:
    r = review()
    ops.drop(r, "tasks", 0)
    ops.drop(r, "targets", 1)
    assert [t["number"] for t in r["tasks"]] == ["2"]
    assert [t["metric"] for t in r["targets"]] == ["pm25"]
    with pytest.raises(ops.OperationError):
        ops.drop(r, "tasks", 5)


def test_add_task_counts_on_from_the_numbering_before_it() -> None:
    r = review()
    r["tasks"][0]["number"] = "三.（一）.1"
    r["tasks"][1]["number"] = "三.（一）.2"
    at = ops.add_task(r, 0)
    assert at == 1
    assert [t["number"] for t in r["tasks"]] == ["三.（一）.1", "三.（一）.3", "三.（一）.2"]
    assert r["tasks"][1]["text"] == "" and r["tasks"][1]["units"] == []
    ops.add_task(r)
    assert r["tasks"][-1]["number"] == "三.（一）.4"


def test_fresh_number_without_an_arabic_last_segment() -> None:
    assert ops.fresh_number("四.（七）", set()) == "四.（七）.1"
    assert ops.fresh_number("", {"1", "2"}) == "3"


def test_add_target_for_the_plans_area_and_year() -> None:
    r = review()
    ops.add_target(r)
    assert r["targets"][-1] == {
        "metric": "pm25",
        "area": "某市",
        "period": "2019",
        "op": "<=",
        "value": None,
        "change": False,
        "unit": "µg/m³",
        "text": "",
        "span": None,
    }


def test_operations_leave_the_other_items_alone() -> None:
    r = review()
    before = copy.deepcopy(r["tasks"][1])
    ops.split_task(r, 0, 3, SOURCE)
    assert r["tasks"][2] == before
