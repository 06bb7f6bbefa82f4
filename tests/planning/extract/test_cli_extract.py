"""``lantian plan extract`` as an office drives it (typer CliRunner on the sub-app)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lantian.planning.cli_extract import plan_app
from tests.planning.extract.conftest import DATA

runner = CliRunner()
PLAN = str(DATA / "baoding_2021.txt")
UNITS = str(DATA / "units.csv")


def test_json_has_the_documented_shape() -> None:
    r = runner.invoke(plan_app, ["extract", PLAN, "--format", "json", "--units", UNITS])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert list(doc) == ["source", "plan", "targets", "tasks", "units"]
    assert doc["source"]["file"] == "baoding_2021.txt"
    assert doc["plan"]["document_number"]["value"] == "保政发〔2021〕5号"
    assert [t["number"] for t in doc["tasks"]][:2] == ["二.（一）.1", "二.（一）.2"]
    known = {u["name"]: u["known"] for u in doc["units"]}
    assert known["市发展改革委"] is True and known["市公安局交通管理支队"] is False


def test_table_for_people() -> None:
    r = runner.invoke(plan_app, ["extract", PLAN])
    assert r.exit_code == 0, r.output
    assert "保定市2021年大气污染综合治理工作方案" in r.output
    assert "任务 / tasks (5)" in r.output
    assert "市发展改革委(牵头)" in r.output
    assert "新增 new" in r.output  # no registry: every unit is proposed


def test_bad_input_exits_2_with_file_and_reason(tmp_path: Path) -> None:
    r = runner.invoke(plan_app, ["extract", str(tmp_path / "none.txt")])
    assert r.exit_code == 2 and "none.txt: 文件不存在 / no such file" in r.output
    bad = tmp_path / "u.csv"
    bad.write_text("unit\n市发改委\n", encoding="utf-8")
    r = runner.invoke(plan_app, ["extract", PLAN, "--units", str(bad)])
    assert r.exit_code == 2 and "u.csv:1: 缺少表头 name" in r.output
