"""``lantian warn`` (the sub-app the lead registers in lantian.cli): decisions for a forecast
file in each output format, and bad input refused with ``file:line: reason`` and exit 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from lantian.emergency.cli_warn import warn_app

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "sample" / "emergency" / "forecasts"
CSV_FILE = str(SAMPLES / "forecasts_synthetic.csv")
JSON_FILE = str(SAMPLES / "forecasts_synthetic.json")
RULE = str(SAMPLES / "local_rule_synthetic.toml")

runner = CliRunner()


def test_evaluate_prints_a_table_in_chinese_with_english() -> None:
    result = runner.invoke(warn_app, ["evaluate", CSV_FILE])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "预警级别 level" in out
    assert "橙色预警 orange warning" in out and "红色预警 red warning" in out
    assert "AQI>200 持续96小时且AQI>300" in out  # the red rule of the 2019-01-10 forecast
    assert "2019-01-11 00:00 – 2019-01-16 00:00" in out  # its episode
    assert "按上限分级" in out  # the range 180-220 was read at its upper end


def test_evaluate_json_gives_each_decision() -> None:
    result = runner.invoke(warn_app, ["evaluate", JSON_FILE, "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["level"] for r in rows] == ["yellow", "orange", "red", None, None, "yellow"]
    hourly = rows[5]
    assert hourly["d200_hours"] == 85 and len(hourly["trigger"]) == 50
    assert rows[2]["trigger"] == [f"2019-01-{d}" for d in range(11, 16)]


def test_evaluate_csv_without_the_300_clause_and_with_a_local_rule() -> None:
    result = runner.invoke(warn_app, ["evaluate", CSV_FILE, "--no-orange-needs-300", "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["level"] for r in rows] == ["orange", "orange", "red", "", ""]
    result = runner.invoke(warn_app, ["evaluate", CSV_FILE, "--local", RULE, "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    last = rows[4]
    assert (last["level"], last["basis"], last["national_level"]) == ("yellow", "local", "")
    assert last["trigger"] == "2019-01-22"
    assert "应至少提前72小时发布" in last["notes_zh"]


def test_the_2017_scheme_warns_blue() -> None:
    result = runner.invoke(warn_app, ["evaluate", CSV_FILE, "--scheme", "2017", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[4]["level"] == "blue"


def test_a_bad_forecast_file_exits_2_with_file_line_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "city,issued,date,aqi\n石家庄,2019-01-10T16:00,2019-01-11,215\n"
        "石家庄,2019-01-10T16:00,2019-01-12,2l5\n",
        encoding="utf-8",
    )
    result = runner.invoke(warn_app, ["evaluate", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:3: AQI 应为整数或范围如 180-220" in result.output.replace("\n", "")
    assert "石家庄" not in result.stdout  # nothing printed from the half of the file that was good


def test_other_bad_input_exits_2(tmp_path: Path) -> None:
    missing = runner.invoke(warn_app, ["evaluate", str(tmp_path / "none.csv")])
    assert missing.exit_code == 2 and "file not found" in missing.output
    scheme = runner.invoke(warn_app, ["evaluate", CSV_FILE, "--scheme", "2019"])
    assert scheme.exit_code == 2 and "known: 2017, 2018, 2024" in scheme.output
    switch = runner.invoke(
        warn_app, ["evaluate", CSV_FILE, "--scheme", "2017", "--no-orange-needs-300"]
    )
    assert switch.exit_code == 2 and "only be switched off for: 2018, 2024" in switch.output
    looser = runner.invoke(
        warn_app, ["evaluate", CSV_FILE, "--local", RULE, "--no-orange-needs-300"]
    )
    assert looser.exit_code == 2
    assert f"{RULE}:levels.orange: 本地橙色条件" in looser.output.replace("\n", "")


def test_schemes_lists_every_level_and_what_is_unconfirmed() -> None:
    result = runner.invoke(warn_app, ["schemes", "--local", RULE])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "2018（默认 default）" in out
    assert "蓝色预警 blue warning (默认关闭 off by default)" in out
    assert "UNCONFIRMED" in out
    assert "示例市重污染天气应急预案" in out and "lead time ≥ 72 h" in out


def test_a_refusal_is_one_line_on_stderr_however_long() -> None:
    """``file:key: reason`` is not folded at the console width when stderr is piped."""
    looser = runner.invoke(
        warn_app, ["evaluate", CSV_FILE, "--local", RULE, "--no-orange-needs-300"]
    )
    assert looser.exit_code == 2
    lines = looser.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{RULE}:levels.orange: 本地橙色条件（AQI>200 持续48小时")
    assert lines[0].endswith("a local rule may only be stricter)")
