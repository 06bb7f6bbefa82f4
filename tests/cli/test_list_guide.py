"""``lantian list industries`` and ``--guide`` as an official drives them (the whole CLI app).

The counts are those of ``src/lantian/emergency/data/industries.csv`` (24 rows, 20 with
key_2020 = yes) and ``measures_default.csv`` (12 rows, all cement clinker), read by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lantian.cli import app
from lantian.emergency import industries
from lantian.sample_data import SAMPLE_DIR

runner = CliRunner()
EXAMPLE = str(SAMPLE_DIR / "emergency" / "guide_example" / "manifest.toml")
#: the 19 key industries of industries.csv without a measure table, in file order
WITHOUT_TABLE = [
    "steel_long",
    "steel_short",
    "coking",
    "flat_glass",
    "foundry",
    "brick_tile",
    "industrial_coating",
    "packaging_printing",
    "alumina",
    "electrolytic_aluminium",
    "carbon",
    "copper_smelting",
    "ceramics",
    "lime_kiln",
    "refining_petrochemical",
    "pharmaceutical",
    "pesticide",
    "coating_manufacture",
    "ink_manufacture",
]


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["list", *args])


def test_industries_table_on_the_packaged_tables() -> None:
    r = run("industries")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "packaged tables" in out
    assert "重点行业 / key industries: 20 / 39 已列入 listed, 19 未录入 not yet keyed in" in out
    assert "有默认措施表 / with a default measure table: 1: cement_clinker" in out
    assert "重点行业缺措施表 / key industries without a table: 19: steel_long, steel_short" in out
    assert "有 yes (12)" in out and out.count("无 no") == 23


def test_industries_json_lists_every_industry_with_its_table_status_and_source() -> None:
    r = run("industries", "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    rows = {x["code"]: x for x in doc["industries"]}
    assert len(rows) == 24
    assert sum(x["key_2020"] for x in rows.values()) == 20
    cement = rows["cement_clinker"]
    assert cement["scale"] == ["A", "B", "C", "D"] and cement["scale_status"] == "confirmed"
    assert (cement["default_table"], cement["measure_rows"]) == (True, 12)
    assert cement["measure_status"] == "confirmed"
    assert cement["source"] == "performance_grading.md §2.1"
    assert rows["coking"]["scale"] is None and rows["coking"]["scale_status"] == "UNCONFIRMED"
    assert rows["coking"]["default_table"] is False and rows["coking"]["source"] == "§1 §2.3"
    assert doc["coverage"] == {
        "key_total": 39,
        "key_listed": 20,
        "key_not_listed": 19,
        "with_table": ["cement_clinker"],
        "key_without_table": WITHOUT_TABLE,
    }
    assert [v["illustrative"] for v in doc["versions"]] == [False]
    assert doc["overrides"] == []


def test_industries_csv_has_one_row_per_industry() -> None:
    r = run("industries", "-f", "csv")
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    assert lines[0].startswith("code,name_zh,name_en,key_2020,exempt,scale,scale_status,")
    assert len(lines) == 25
    assert lines[4].startswith(
        'cement_clinker,水泥熟料,cement clinker,yes,no,"A,B,C,D",confirmed,yes,12,'
    )


def test_industries_with_the_example_guide_show_it_as_not_official() -> None:
    r = run("industries", "--guide", EXAMPLE)
    assert r.exit_code == 0, r.output
    assert "ILLUSTRATIVE EXAMPLE, NOT OFFICIAL VALUES" in r.stdout
    assert (
        "有默认措施表 / with a default measure table: 2: cement_clinker, example_kiln" in r.stdout
    )
    doc = json.loads(run("industries", "--guide", EXAMPLE, "-f", "json").stdout)
    assert len(doc["industries"]) == 25
    assert doc["industries"][-1]["measure_status"] == "example"
    assert doc["coverage"]["key_listed"] == 20  # the example is not one of the 39
    assert industries.in_force().version.illustrative is False  # the command's choice ends


def test_a_refused_guide_exits_two_with_file_line_reason(tmp_path: Path) -> None:
    (tmp_path / "industries.csv").write_text(
        "code,name_zh,name_en,key_2020,graded_2019,scale,scale_status,exempt,spec,status,note\n",
        encoding="utf-8",
    )
    (tmp_path / "measures.csv").write_text(
        "industry,grade,level,measure,status,source\ncoking,B,red,限产,UNCONFIRMED,test\n",
        encoding="utf-8",
    )
    manifest = tmp_path / "m.toml"
    manifest.write_text(
        '[guide]\nname = "t"\nkeyed_by = "t"\nkeyed_on = 2026-12-01\n'
        '[tables]\nindustries = "industries.csv"\nmeasures = "measures.csv"\n',
        encoding="utf-8",
    )
    listed = tmp_path / "list.csv"
    listed.write_text("enterprise_id,industry,line_id\nE1,coking,E1-L1\n", encoding="utf-8")
    checks = ["check", str(listed), "--so2", "1", "--nox", "1", "--pm", "1", "--vocs", "1"]
    for args in (["industries"], checks, ["synthetic", str(tmp_path / "out")]):
        r = run(*args, "--guide", str(manifest))
        assert r.exit_code == 2, args
        assert f"{tmp_path}/measures.csv:2: measure: 无法识别的措施 / unknown measure '限产'" in (
            r.stderr
        )


def test_check_with_the_example_guide_takes_its_defaults(tmp_path: Path) -> None:
    lst = tmp_path / "list.csv"
    lst.write_text(
        "enterprise_id,industry,grade,line_id,nox_t_d\nX1,example_kiln,C,X1-L1,2.0\n",
        encoding="utf-8",
    )
    city = ["--so2", "365", "--nox", "365", "--pm", "365", "--vocs", "365"]
    refused = run("check", str(lst), *city)
    assert refused.exit_code == 2
    assert f"{lst}:2: 未知行业 / unknown industry 'example_kiln'" in refused.stderr
    r = run("check", str(lst), *city, "--guide", EXAMPLE, "-f", "json")
    assert r.exit_code == 0, r.output
    assert "NOT OFFICIAL VALUES" in r.stderr
    got = {
        x["level"]: x["achieved_t_d"]
        for x in json.loads(r.stdout)["results"]
        if x["pollutant"] == "nox"
    }
    # the example's C row: yellow 限产20%, orange 限产40%, red 停产 of 2.0 t/d
    assert got == {"yellow": 0.4, "orange": 0.8, "red": 2.0}


def test_synthetic_with_a_guide_writes_the_same_city(tmp_path: Path) -> None:
    r = run("synthetic", str(tmp_path), "--n", "10", "--guide", EXAMPLE)
    assert r.exit_code == 0, r.output
    assert (tmp_path / "synthetic_city_list.csv").is_file()
