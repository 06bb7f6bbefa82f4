"""``lantian list check`` as an official drives it (typer CliRunner on the sub-app)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lantian.emergency.cli_list import list_app
from lantian.sample_data import SAMPLE_DIR

runner = CliRunner()
LIST = str(SAMPLE_DIR / "emergency" / "synthetic_city_list.csv")
CITY = str(SAMPLE_DIR / "emergency" / "synthetic_city_list.city_emissions.csv")


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(list_app, ["check", *args])


def test_table_names_every_shortfall_with_its_closing_lines() -> None:
    r = run(LIST, "--city-emissions", CITY)
    assert r.exit_code == 0, r.output
    out = r.output
    assert "annual ÷ 365" in out
    # the synthetic city: yellow VOCs, red PM and red VOCs fall short
    assert out.count("缺口 shortfall") == 3  # table rows
    assert out.count("缺口 / shortfall") == 3  # one section each, with its lines
    assert "黄色预警 VOCs 缺口 / shortfall 0.530 t/d" in out
    assert "E0004-L3 合成企业0004 装置3#: 限产20% → 停产  +1.131 t/d" in out
    assert "lines without a measure at yellow: 167" in out


def test_json_has_every_level_and_pollutant() -> None:
    r = run(LIST, "--city-emissions", CITY, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert len(doc["results"]) == 12 and doc["passes"] is False
    yellow_vocs = next(
        x for x in doc["results"] if (x["level"], x["pollutant"]) == ("yellow", "vocs")
    )
    # city VOCs 35 910 t/a ÷ 365 = 98.384 t/d; 10 % = 9.838 t/d
    assert yellow_vocs["required_t_d"] == 9.8384
    assert yellow_vocs["passes"] is False
    assert [c["line_id"] for c in yellow_vocs["closers"]] == ["E0004-L3"]
    assert len(doc["without_measure"]["red"]) == 103


def test_one_level_as_csv_with_city_totals_on_the_command_line() -> None:
    r = run(
        LIST,
        "--so2",
        "28760",
        "--nox",
        "108240",
        "--pm",
        "56340",
        "--vocs",
        "35910",
        "--level",
        "orange",
        "-f",
        "csv",
    )
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("level,pollutant,city_t_d,required_t_d,achieved_t_d,passes")
    assert len(lines) == 5 and all(x.startswith("orange,") for x in lines[1:])
    assert all(",True," in x for x in lines[1:])  # orange passes on all four


def test_fail_on_shortfall_exits_one() -> None:
    r = run(LIST, "--city-emissions", CITY, "--fail-on-shortfall", "-f", "json")
    assert r.exit_code == 1
    ok = run(LIST, "--city-emissions", CITY, "--level", "orange", "--fail-on-shortfall")
    assert ok.exit_code == 0


def test_bad_input_exits_two_with_file_line_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "企业编号,行业,绩效等级,生产线编号,NOx(吨/年),橙色预警措施\n"
        "E1,水泥熟料,B,E1-L1,100,限产10%\n",
        encoding="utf-8",
    )
    r = run(str(bad), "--city-emissions", CITY)
    assert r.exit_code == 2
    assert f"{bad}:2: 生产线 E1-L1 橙色预警措施「限产10%」弱于行业默认" in r.output
    missing = run(str(tmp_path / "nope.csv"), "--city-emissions", CITY)
    assert missing.exit_code == 2 and "file not found" in missing.output
    no_city = run(LIST, "--so2", "1")
    assert no_city.exit_code == 2 and "missing: --nox, --pm, --vocs" in no_city.output
    both = run(LIST, "--city-emissions", CITY, "--so2", "1")
    assert both.exit_code == 2
    assert run(LIST, "--city-emissions", CITY, "--days", "0").exit_code == 2
    assert run(LIST, "--city-emissions", CITY, "--level", "purple").exit_code == 2


def test_the_synthetic_command_writes_the_list_files_and_the_calendar(tmp_path: Path) -> None:
    r = runner.invoke(list_app, ["synthetic", str(tmp_path), "--n", "20"])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "synthetic_city_calendar.csv",
        "synthetic_city_list.city_emissions.csv",
        "synthetic_city_list.csv",
        "synthetic_city_list.xlsx",
    ]
    check = run(
        str(tmp_path / "synthetic_city_list.xlsx"),
        "--city-emissions",
        str(tmp_path / "synthetic_city_list.city_emissions.csv"),
        "-f",
        "json",
    )
    assert check.exit_code == 0, check.output
