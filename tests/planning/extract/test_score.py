"""Precision and recall against a gold file (matching as defined in score.py)."""

from __future__ import annotations

from lantian.planning.extract.score import format_scores, score

GOLD = {
    "plan": {
        "title": {"value": "石家庄市2019年大气污染防治治理工作方案"},
        "document_number": {"value": "石政发[2019]3号"},
    },
    "targets": [
        {
            "metric": "pm25",
            "period": "2020-10-01..2020-12-31",
            "op": "<=",
            "value": 63,
            "change": False,
        }
    ],
    "tasks": [
        {
            "number": "三.(一).1",
            "heading": "坚定不移化解过剩产能",
            "units": [{"name": "市发改委", "role": "lead"}, {"name": "市工信局", "role": "lead"}],
            "deadlines": [{"date": "2019-12-31", "recurring": None}],
            "indicators": [{"value": 260, "unit": "万吨"}],
            "limits": [{"pollutant": "氮氧化物", "value": 50}],
        },
        {
            "number": "三.(一).2",
            "heading": "持续推进“火电围城”整改",
            "units": [{"name": "市发改委", "role": "lead"}],
        },
    ],
}
EXTRACTED = {
    "plan": {
        "title": {"value": "石家庄市2019年大气污染防治治理工作方案", "span": [0, 1]},
        "document_number": {"value": "石政发〔2019〕3号", "span": [0, 1]},
        "issuer": {"value": "石家庄市人民政府", "span": [0, 1]},
    },
    "targets": [
        {"metric": "pm25", "period": "2020-Q4", "op": "<=", "value": 63.0, "change": False},
        {"metric": "pm25", "period": "2020-Q4", "op": "<=", "value": -5.0, "change": True},
    ],
    "tasks": [
        {
            "number": "三.（一）.1",
            "heading": "坚定不移 化解过剩产能",
            "units": [
                {"name": "市发改委", "role": "lead"},
                {"name": "市工信局", "role": "cooperating"},
            ],
            "deadlines": [{"date": "2019-12-31", "recurring": None}],
            "indicators": [{"value": 260.0, "unit": "万吨"}, {"value": 48.0, "unit": "万吨"}],
            "limits": [{"pollutant": "NOx", "value": 50.0}],
        },
        {"number": "三.（一）.3", "heading": "", "units": [{"name": "市城管局", "role": "lead"}]},
    ],
}


def test_scores_per_field() -> None:
    s = score(EXTRACTED, GOLD)
    got = {f: (v.tp, v.fp, v.fn) for f, v in s.items()}
    assert got == {
        "plan": (2, 1, 0),  # title and number equal (brackets unified); issuer not in the gold
        "tasks": (1, 1, 1),  # 三.（一）.1 matches 三.(一).1; .3 is extra, .2 missed
        # .1 equal but for the space; .3's empty heading counts nothing; .2's is missed
        "headings": (1, 0, 1),
        "units": (1, 2, 2),  # 市工信局 has the wrong role; .3's unit extra; .2's unit missed
        "deadlines": (1, 0, 0),
        "indicators": (1, 1, 0),
        "limits": (1, 0, 0),  # 氮氧化物 = NOx
        "targets": (1, 1, 0),  # 2020-Q4 = 2020-10-01..2020-12-31
    }
    assert s["units"].precision == 1 / 3 and s["units"].recall == 1 / 3
    assert s["deadlines"].precision == 1.0
    table = format_scores(s)
    assert table.splitlines()[0].split() == ["field", "tp", "fp", "fn", "precision", "recall"]
    assert "units" in table and "0.333" in table


def test_nothing_found_and_nothing_expected_is_perfect() -> None:
    s = score({"tasks": []}, {"tasks": []})
    assert all(v.precision == 1.0 and v.recall == 1.0 for v in s.values())


def test_a_wrong_heading_is_a_false_find_and_a_miss() -> None:
    gold = {"tasks": [{"number": "1", "heading": "实施挥发性有机物(VOCs)治理"}]}
    for heading, counts in (
        ("实施挥发性有机物(VOCs)治理", (1, 0, 0)),
        ("实施挥发性有机物（VOCs）治理", (0, 1, 1)),  # brackets compare as written
        ("", (0, 0, 1)),
    ):
        got = score({"tasks": [{"number": "1", "heading": heading}]}, gold)["headings"]
        assert (got.tp, got.fp, got.fn) == counts
