"""The hand-labelled gold for plan extraction checks out against its own plan texts.

These tests check the gold files of ``tests/planning/gold/`` themselves, not an extractor: the
shape of ``docs/plan_extraction.md`` (without spans), every ``text`` an exact substring of its plan
file, numbering unique and in document order, ISO dates, known roles, metrics and codes, and the
counts published in ``docs/plan_labelling.md``. The rules are in that document.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lantian.airquality.periods import parse_period
from lantian.airquality.targets import METRICS
from lantian.planning.model import parse_number
from lantian.sample_data import SAMPLE_DIR

HERE = Path(__file__).parent
PLANS = SAMPLE_DIR / "plans"
GOLD = HERE / "gold"
LABELLING = HERE.parents[1] / "docs" / "plan_labelling.md"

STEMS = (
    "shijiazhuang_2019",
    "zhengzhou_zhongyuan_2017",
    "jingjinji_fenwei_2020-2021_autumn_winter_draft",
)
#: sha256 of the plan texts as received (data/sample/plans/PROVENANCE.md).
SHA256 = {
    "shijiazhuang_2019": "f30e25e23fc69f5132344e4b2457b3ebaf9f98a4cf4703ed83db54b74b054ab2",
    "zhengzhou_zhongyuan_2017": "cf85a5249069fa3c2965eb4e8761898c51710455b6f629fb6d7b286fb1e92830",
    "jingjinji_fenwei_2020-2021_autumn_winter_draft": (
        "52a94f96eaf1e4dd1aac9aaf6c61b36c422e7182422c4dbd91e58f1ef973209a"
    ),
}

ROLES = {"lead", "cooperating", "responsible"}
#: docs/plan_extraction.md lists weekly, monthly, quarterly; the plans also have half-yearly and
#: yearly duties (docs/plan_labelling.md §9 item 10).
RECURRING = {"weekly", "monthly", "quarterly", "semiannual", "yearly"}
TARGET_METRICS = set(METRICS) | {"dustfall", "other"}
POLLUTANTS = {"PM", "SO2", "NOx", "H2S", "VOCs", "NMHC", "cooking_fume"}
LIMIT_UNITS = {"mg/m³", "g/L"}
PLAN_FIELDS = ("title", "issuer", "document_number", "issued_on", "period", "area")


def _gold(stem: str) -> dict[str, Any]:
    with (GOLD / f"{stem}.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _plan_text(stem: str) -> str:
    return (PLANS / f"{stem}.txt").read_bytes().decode("utf-8")


def _iso(value: str) -> date:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), value
    return date.fromisoformat(value)


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _numeral(segment: str) -> int:
    """The value of one numbering segment: "36", "（八）", "(三)", "二十二"."""
    s = segment.strip("（）()")
    if s.isdigit():
        return int(s)
    if s.startswith("十"):
        s = "一" + s
    if "十" in s:
        tens, _, units = s.partition("十")
        return _DIGITS[tens] * 10 + (_DIGITS[units] if units else 0)
    return _DIGITS[s]


@pytest.mark.parametrize("stem", STEMS)
def test_plan_texts_are_the_received_copies(stem: str) -> None:
    raw = (PLANS / f"{stem}.txt").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SHA256[stem]
    assert SHA256[stem] in (PLANS / "PROVENANCE.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", STEMS)
def test_gold_has_the_documented_shape(stem: str) -> None:
    gold = _gold(stem)
    text = _plan_text(stem)
    assert set(gold) == {"source", "plan", "targets", "tasks", "units"}
    assert gold["source"] == {
        "file": f"{stem}.txt",
        "sha256": SHA256[stem],
        "chars": len(text),
    }
    plan = gold["plan"]
    assert set(plan) == set(PLAN_FIELDS)
    for key in ("title", "issuer", "document_number", "issued_on", "area"):
        assert set(plan[key]) == {"value"}, key
        assert plan[key]["value"] is None or isinstance(plan[key]["value"], str)
    assert plan["title"]["value"] and plan["area"]["value"]
    if plan["issued_on"]["value"] is not None:
        _iso(plan["issued_on"]["value"])
    assert _iso(plan["period"]["start"]) <= _iso(plan["period"]["end"])
    for task in gold["tasks"]:
        assert set(task) == {
            "number",
            "heading",
            "text",
            "units",
            "deadlines",
            "indicators",
            "limits",
        }
        for unit in task["units"]:
            assert set(unit) == {"name", "role"}
        for deadline in task["deadlines"]:
            assert set(deadline) == {"date", "text", "recurring"}
        for indicator in task["indicators"]:
            assert set(indicator) == {"verb", "object", "value", "unit", "op", "text"}
            assert isinstance(indicator["value"], float)
        for limit in task["limits"]:
            assert set(limit) == {"source", "pollutant", "value", "unit", "text"}
            assert isinstance(limit["value"], float)
    for target in gold["targets"]:
        assert set(target) == {"metric", "area", "period", "op", "value", "change", "unit", "text"}
        assert isinstance(target["value"], float) and isinstance(target["change"], bool)


@pytest.mark.parametrize("stem", STEMS)
def test_every_text_is_found_in_its_plan(stem: str) -> None:
    gold = _gold(stem)
    text = _plan_text(stem)
    for target in gold["targets"]:
        assert target["text"] in text, target
    for task in gold["tasks"]:
        body = task["text"]
        assert body in text, task["number"]
        assert body == body.strip(), task["number"]
        assert body.startswith(task["heading"]), task["number"]
        for key in ("deadlines", "indicators", "limits"):
            for item in task[key]:
                assert item["text"] and item["text"] in body, (task["number"], item)


@pytest.mark.parametrize("stem", STEMS)
def test_tasks_are_unique_and_in_document_order(stem: str) -> None:
    gold = _gold(stem)
    text = _plan_text(stem)
    numbers = [task["number"] for task in gold["tasks"]]
    assert len(set(numbers)) == len(numbers)
    end = 0
    for task in gold["tasks"]:
        parse_number(task["number"])
        assert "(" not in task["number"] and "、" not in task["number"], task["number"]
        start = text.find(task["text"], end)
        assert start >= end, f"{task['number']} overlaps or precedes the task before it"
        end = start + len(task["text"])


def test_task_numbering_runs_as_read() -> None:
    """The task level counts on without a gap: 1–36; 1–47 then 四.(一)–(七); (四)–(二十二)."""
    runs = {
        stem: [_numeral(parse_number(t["number"])[-1]) for t in _gold(stem)["tasks"]]
        for stem in STEMS
    }
    assert runs["shijiazhuang_2019"] == list(range(1, 37))
    assert runs["zhengzhou_zhongyuan_2017"] == list(range(1, 48)) + list(range(1, 8))
    assert runs["jingjinji_fenwei_2020-2021_autumn_winter_draft"] == list(range(4, 23))


@pytest.mark.parametrize("stem", STEMS)
def test_units_roles_and_names(stem: str) -> None:
    gold = _gold(stem)
    seen: list[str] = []
    for task in gold["tasks"]:
        pairs = [(u["name"], u["role"]) for u in task["units"]]
        assert len(set(pairs)) == len(pairs), task["number"]
        for name, role in pairs:
            assert role in ROLES, (task["number"], role)
            assert name and not re.search(r"\s|[、，,]", name), (task["number"], name)
            if name not in seen:
                seen.append(name)
    assert gold["units"] == [{"name": name} for name in seen]


@pytest.mark.parametrize("stem", STEMS)
def test_deadlines_are_iso_dates_or_recurring(stem: str) -> None:
    gold = _gold(stem)
    start = _iso(gold["plan"]["period"]["start"])
    end = _iso(gold["plan"]["period"]["end"])
    for task in gold["tasks"]:
        for deadline in task["deadlines"]:
            if deadline["recurring"] is None:
                due = _iso(deadline["date"])
                # within the plan's years, or the season that begins in its last year
                assert date(start.year, 1, 1) <= due <= date(end.year + 1, 3, 31), (
                    task["number"],
                    deadline,
                )
            else:
                assert deadline["recurring"] in RECURRING, deadline
                assert deadline["date"] is None, deadline


@pytest.mark.parametrize("stem", STEMS)
def test_indicators_and_limits(stem: str) -> None:
    for task in _gold(stem)["tasks"]:
        for indicator in task["indicators"]:
            assert indicator["op"] in {">=", "<=", "="}, indicator
            assert indicator["value"] > 0 and indicator["unit"] and indicator["object"], indicator
        for limit in task["limits"]:
            assert limit["pollutant"] in POLLUTANTS, limit
            assert limit["unit"] in LIMIT_UNITS, limit
            assert limit["value"] > 0 and limit["source"], limit


@pytest.mark.parametrize("stem", STEMS)
def test_targets_metric_period_and_bound(stem: str) -> None:
    for target in _gold(stem)["targets"]:
        assert target["metric"] in TARGET_METRICS, target
        assert target["op"] in {"<=", ">="}, target
        assert target["area"], target
        parse_period(target["period"])
        if target["change"]:
            assert target["unit"] == "%", target
        elif target["metric"] in METRICS:
            assert target["unit"] == METRICS[target["metric"]][2], target


def test_hand_checked_items() -> None:
    """A few items read off the texts by hand, so a regenerated file cannot drift silently."""
    sjz = {t["number"]: t for t in _gold("shijiazhuang_2019")["tasks"]}
    assert sjz["三.（一）.1"]["heading"] == "坚定不移化解过剩产能"
    assert {(u["name"], u["role"]) for u in sjz["三.（二）.3"]["units"]} == {
        ("市城管局", "lead"),
        ("市发改委", "cooperating"),
        ("市农业农村局", "cooperating"),
        ("市农业农村局", "lead"),
        ("市发改委", "lead"),
        ("市生态环境局", "lead"),
        ("各县市区", "responsible"),
    }
    assert [d["date"] for d in sjz["三.（三）.9"]["deadlines"]] == ["2019-06-30", "2019-06-30"]
    assert [(x["pollutant"], x["value"]) for x in sjz["三.（二）.4"]["limits"][1:4]] == [
        ("PM", 10.0),
        ("SO2", 35.0),
        ("NOx", 50.0),
    ]
    sjz_targets = _gold("shijiazhuang_2019")["targets"]
    assert [(t["metric"], t["value"], t["change"]) for t in sjz_targets] == [
        ("pm25", -7.0, True),
        ("pm25", 67.0, False),
        ("composite", -9.0, True),
        ("composite", 6.85, False),
        ("good_ratio", 44.7, False),
    ]
    zz = {t["number"]: t for t in _gold("zhengzhou_zhongyuan_2017")["tasks"]}
    assert "—31—" in zz["三.（五）.25"]["text"]
    assert ("须水公安分局", "responsible") in {
        (u["name"], u["role"]) for u in zz["三.（四）.21"]["units"]
    }
    assert zz["四.（七）"]["deadlines"] == [
        {"date": "2017-02-28", "text": "2017年2月28日前", "recurring": None},
        {"date": None, "text": "每月24日前", "recurring": "monthly"},
    ]
    jjj = _gold("jingjinji_fenwei_2020-2021_autumn_winter_draft")
    assert [t["period"] for t in jjj["targets"] if t["metric"] == "pm25"] == [
        "2020-Q4",
        "2020-Q4",
        "2021-Q1",
        "2021-Q1",
    ]
    assert jjj["plan"]["issuer"] == {"value": None}


def test_counts_match_the_labelling_doc() -> None:
    doc = LABELLING.read_text(encoding="utf-8")
    for stem in STEMS:
        tasks = _gold(stem)["tasks"]
        counts = [
            len(tasks),
            *(
                sum(len(t[k]) for t in tasks)
                for k in ("units", "deadlines", "indicators", "limits")
            ),
            len(_gold(stem)["targets"]),
        ]
        row = "| `" + stem + "` | " + " | ".join(str(c) for c in counts) + " |"
        assert row in doc, row
