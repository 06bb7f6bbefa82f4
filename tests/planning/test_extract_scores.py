"""The extractor measured against the hand-labelled gold of the three sample plans (issue #5).

For each plan the precision and recall per field (``lantian.planning.extract.score``) are
printed (``pytest -s``) and recorded as test properties (``--junitxml``); the floors below fail
the run on a regression. Tasks, units and deadlines must reach 0.95 precision and recall on
every plan (the issue's aim); the other fields, headings among them, are held a little under
what the extractor reaches (docs/plan_extraction.md, "Measured").
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lantian.planning.extract import extract, extract_file
from lantian.planning.extract.score import FieldScore, format_scores, score
from lantian.sample_data import SAMPLE_DIR

HERE = Path(__file__).parent
STEMS = (
    "shijiazhuang_2019",
    "zhengzhou_zhongyuan_2017",
    "jingjinji_fenwei_2020-2021_autumn_winter_draft",
)

#: field → lowest precision and recall accepted on every plan.
FLOORS = {
    "tasks": 0.95,
    # headings: reached 1.0 on every plan once a title line standing alone is read from the
    # layout (docs/plan_extraction_rules.md, "Outline and tasks")
    "headings": 0.95,
    "units": 0.95,
    "deadlines": 0.95,
    # reached: 1.0 on every plan (docs/plan_extraction.md, "Measured"); one slip on the
    # larger plans stays above, a new kind of miss does not
    "indicators": 0.95,
    "limits": 0.95,
    "targets": 0.95,
    "plan": 0.95,
}


def _scores(stem: str) -> dict[str, FieldScore]:
    gold: dict[str, Any] = json.loads((HERE / "gold" / f"{stem}.json").read_text("utf-8"))
    return score(extract_file(SAMPLE_DIR / "plans" / f"{stem}.txt").to_dict(), gold)


@pytest.mark.parametrize("stem", STEMS)
def test_precision_and_recall_per_field(
    stem: str, record_property: Callable[[str, object], None]
) -> None:
    scores = _scores(stem)
    print(f"\n{stem}\n{format_scores(scores)}")
    for name, s in scores.items():
        record_property(f"{name}.precision", round(s.precision, 3))
        record_property(f"{name}.recall", round(s.recall, 3))
        record_property(f"{name}.tp_fp_fn", f"{s.tp}/{s.fp}/{s.fn}")
    low = {
        name: (round(s.precision, 3), round(s.recall, 3))
        for name, s in scores.items()
        if min(s.precision, s.recall) < FLOORS[name]
    }
    assert not low, f"{stem}: below the floor (precision, recall): {low}"


def test_every_plan_has_gold_for_every_field() -> None:
    """The floors are not met vacuously: each field has gold items on some plan, and tasks,
    units and deadlines are counted where the gold has them (docs/plan_labelling.md)."""
    totals = {name: 0 for name in FLOORS}
    for stem in STEMS:
        for name, s in _scores(stem).items():
            totals[name] += s.tp + s.fn
    assert totals == {
        "tasks": 36 + 54 + 19,
        "headings": 36 + 54 + 19,  # every gold task has a heading
        "units": 157 + 161 + 0,
        "deadlines": 41 + 16 + 17,
        "indicators": 34 + 6 + 23,
        "limits": 22 + 1 + 0,
        "targets": 5 + 3 + 9,
        "plan": 6 + 6 + 3,
    }


@pytest.mark.parametrize("stem", STEMS)
def test_an_excerpt_from_three_keeps_the_task_numbers(stem: str) -> None:
    """Cut just before its section 三、, a plan still gives the gold's tasks of 三 and 四
    (docs/plan_extraction_rules.md, "Excerpts")."""
    text = (SAMPLE_DIR / "plans" / f"{stem}.txt").read_text("utf-8")
    cut = re.search(r"(?m)^[#\s]*三、", text)
    assert cut is not None
    gold: dict[str, Any] = json.loads((HERE / "gold" / f"{stem}.json").read_text("utf-8"))
    want = [t["number"] for t in gold["tasks"] if t["number"].split(".")[0] in ("三", "四")]
    assert want
    assert [t.number for t in extract(text[cut.start() :]).tasks] == want
