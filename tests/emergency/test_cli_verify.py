"""``lantian warn verify`` (the sub-app the lead registers): the 2019 replay of 石家庄 and the
scores of a small forecast file worked by hand against the real observations, in each output
format; bad input refused with exit 2 and the reason."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lantian.emergency.cli_verify import verify_app
from tests.emergency.test_replay import sjz_store

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(sjz_store(tmp_path_factory))


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(verify_app, list(args))
    return result.exit_code, result.stdout, result.stderr


REPLAY = ("replay", "--city", "石家庄", "--year", "2019")


def test_replay_prints_the_warnings_and_the_heavy_day_check(store: str) -> None:
    code, out, _ = invoke(*REPLAY, "--store", store)
    assert code == 0, out
    assert re.search(r"红色预警 red warning\s*│ 2019-01-02\s*│ 2019-01-14\s*│ 13 ", out)
    assert "2018-12-31 黄色; 2019-01-04 橙色; 2019-01-05 红色" in out
    assert "黄色预警 4，橙色预警 1，红色预警 1" in out
    assert (
        "引擎 engine 34，观测 observed 34，预警覆盖 inside a warning 28，未覆盖 not covered 6"
        in out
    )
    assert "未覆盖 not covered 2019-06-11: 孤立的单日重污染" in out
    assert "预警日非重污染 warned, not heavy 2019-01-09: AQI 124 ≤ 200" in out
    assert "一致 ✓ matches" in out


def test_replay_persistence_json(store: str) -> None:
    code, out, _ = invoke(*REPLAY, "--forecast", "persistence", "--store", store, "-f", "json")
    assert code == 0, out
    doc = json.loads(out)
    assert doc["replay"]["forecast"] == "persistence"
    assert doc["replay"]["episodes_by_level"] == {"yellow": 12, "orange": 0, "red": 2}
    assert doc["engine_heavy_days"] == 34
    assert doc["heavy_days"]["covered"] == 20 and doc["heavy_days"]["matches"] is False
    yellow = doc["against_perfect"][0]
    assert (yellow["event"], yellow["hits"], yellow["misses"]) == ("yellow", 23, 8)
    assert (yellow["false_alarms"], yellow["correct_negatives"]) == (12, 322)
    lead1 = doc["verification"]["forecast"][0]
    heavy = next(e for e in lead1["events"] if e["event"] == "aqi>200")
    assert (lead1["lead"], heavy["hits"], heavy["misses"], heavy["false_alarms"]) == (1, 19, 14, 14)


def test_replay_csv_and_the_2017_scheme(store: str) -> None:
    code, out, _ = invoke(*REPLAY, "--scheme", "2017", "--store", store, "-f", "csv")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["level"] for r in rows].count("blue") == 5 and len(rows) == 11
    jan = rows[0]
    assert (jan["start"], jan["end"], jan["days"], jan["issued"]) == (
        "2019-01-02",
        "2019-01-14",
        "13",
        "2018-12-31",
    )
    assert jan["changes"] == "2018-12-31 yellow; 2019-01-04 orange; 2019-01-05 red"


# Forecasts for 石家庄 against the observed 2019 daily AQI: 01-01 163, 01-02 230, 01-03 253,
# 01-08 227, 01-09 124, 01-10 207 (all PM2.5); the observed series grades 01-02…01-14 red.
FORECASTS = """city,issued,date,aqi,primary
石家庄,2018-12-31T16:00,2019-01-01,170,PM2.5
石家庄,2019-01-01T16:00,2019-01-02,180,PM2.5
石家庄,2019-01-01T16:00,2019-01-03,260,PM2.5
石家庄,2019-01-08T16:00,2019-01-09,150,PM2.5
石家庄,2019-01-08T16:00,2019-01-10,190,PM2.5
示例市,2019-01-08T16:00,2019-01-09,150,PM2.5
"""


@pytest.fixture
def forecast_file(tmp_path: Path) -> str:
    path = tmp_path / "sjz.csv"
    path.write_text(FORECASTS, encoding="utf-8")
    return str(path)


def _rows(out: str) -> dict[tuple[str, str, str], dict[str, str]]:
    return {(r["source"], r["lead"], r["measure"]): r for r in csv.DictReader(io.StringIO(out))}


def test_score_csv_worked_by_hand(store: str, forecast_file: str) -> None:
    code, out, _ = invoke("score", forecast_file, "--city", "石家庄", "--store", store, "-f", "csv")
    assert code == 0, out
    rows = _rows(out)
    # lead 1: 01-02 180 vs 230 (miss), 01-09 150 vs 124 (correct negative, same category)
    h1 = rows[("forecast", "1", "aqi>200")]
    assert (h1["hits"], h1["misses"], h1["false_alarms"], h1["correct_negatives"]) == (
        "0",
        "1",
        "0",
        "1",
    )
    assert (h1["pod"], h1["far"], h1["ts"]) == ("0.0", "", "0.0")
    assert h1["undefined"] == "no forecast event: FAR undefined"
    assert (
        rows[("forecast", "1", "exact_level")]["hits"],
        rows[("forecast", "1", "exact_level")]["n"],
    ) == ("1", "2")
    # lead 2: 01-03 260 vs 253 (hit), 01-10 190 vs 207 (miss)
    h2 = rows[("forecast", "2", "aqi>200")]
    assert (h2["hits"], h2["misses"], h2["pod"], h2["far"], h2["ts"]) == (
        "1",
        "1",
        "0.5",
        "0.0",
        "0.5",
    )
    # the forecasts meet no warning level; the observed days are all in the red episode
    y1 = rows[("forecast", "1", "yellow")]
    assert (y1["hits"], y1["misses"], y1["correct_negatives"]) == ("0", "2", "0")
    # persistence: 163 from 01-01 (misses 01-02), 227 from 01-08 (false alarm on 01-09, and
    # yellow on 01-09 and 01-10: two days above 200)
    p1 = rows[("persistence", "1", "aqi>200")]
    assert (p1["hits"], p1["misses"], p1["false_alarms"], p1["correct_negatives"]) == (
        "0",
        "1",
        "1",
        "0",
    )
    py = rows[("persistence", "all", "yellow")]
    assert (py["hits"], py["misses"], py["false_alarms"]) == ("2", "2", "0")


def test_score_table_and_json(store: str, forecast_file: str) -> None:
    code, out, _ = invoke("score", forecast_file, "--city", "石家庄", "--store", store)
    assert code == 0, out
    assert "3 份预报 forecasts，4 个预报日 forecast days" in out
    assert "级别准确 exact level" in out and "持续性 persistence" in out
    # the forecast issued on 2018-12-31: no observation that day, so no persistence to compare
    assert "未计入 / left out: 1 — 发布日无观测日值" in out
    code, out, _ = invoke(
        "score", forecast_file, "--city", "石家庄", "--store", store, "-f", "json"
    )
    assert code == 0, out
    doc = json.loads(out)
    assert doc["city"] == "石家庄" and doc["pairs"] == 4
    assert [r["lead"] for r in doc["forecast"]] == [1, 2, None]


def test_refusals(store: str, forecast_file: str, tmp_path: Path) -> None:
    code, _, err = invoke(*REPLAY, "--store", str(tmp_path / "none"))
    assert code == 2 and "no measurement store" in err
    code, _, err = invoke("replay", "--city", "不存在市", "--year", "2019", "--store", store)
    assert code == 2 and "no daily AQI for 不存在市 from 2019-01-01 to 2019-12-31" in err
    code, _, err = invoke(*REPLAY, "--scheme", "2016", "--store", store)
    assert code == 2 and "unknown grading scheme '2016'" in err
    code, _, err = invoke(*REPLAY, "--scheme", "2017", "--no-orange-needs-300", "--store", store)
    assert code == 2 and "orange_needs_300 can only be switched off" in err
    code, _, err = invoke("score", forecast_file, "--city", "北京", "--store", store)
    assert code == 2 and "no forecast for 北京 in the file" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("city,issued,date,aqi\n石家庄,2019-01-01T16:00,2019-01-02,abc\n", "utf-8")
    code, _, err = invoke("score", str(bad), "--city", "石家庄", "--store", store)
    assert code == 2 and "bad.csv:2: AQI" in err
    code, _, err = invoke("score", str(tmp_path / "missing.csv"), "--city", "石家庄")
    assert code == 2 and "file not found" in err
    code, _, err = invoke("replay", "--city", "石家庄", "--year", "0", "--store", store)
    assert code == 2 and "Invalid value for '--year'" in err
