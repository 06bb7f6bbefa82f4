"""The command line as a user drives it: the demo, ingest outcomes and exit codes, the
statistics commands on the real 2019 sample, and machine-readable output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lantian.cli import SAMPLE_DIR, app

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "tests" / "data" / "cnemc_raw"

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory filled by ``lantian demo`` (the README's first command)."""
    d = tmp_path_factory.mktemp("demo")
    result = runner.invoke(app, ["demo", "--data-dir", str(d)])
    assert result.exit_code == 0, result.output
    return d


def test_demo_prints_shijiazhuang_2019_against_the_plan(demo_dir: Path) -> None:
    result = runner.invoke(app, ["demo", "--data-dir", str(demo_dir)])  # re-run: idempotent
    assert result.exit_code == 0, result.output
    out = result.output
    assert "(+0 rows)" in out  # the second ingest of the same files changes nothing
    assert "石家庄市2019年目标进度" in out
    assert "全市PM2.5平均浓度达到67微克/立方米" in out
    assert "已完成 met" in out


def store_args(demo_dir: Path) -> list[str]:
    return ["--store", str(demo_dir / "store")]


def test_stats_json_has_the_2019_shijiazhuang_figures(demo_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "aq",
            "stats",
            "--period",
            "2019",
            "--city",
            "石家庄",
            "-f",
            "json",
            *store_args(demo_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    # Published 2019: PM2.5 63, PM10 118, 综合指数 6.80 (docs/statistics.md explains the gap).
    assert abs(row["pm25"] - 63) <= 1.5
    assert abs(row["pm10"] - 118) <= 5
    assert abs(row["composite"] - 6.80) <= 0.12
    assert row["good_days"] <= row["valid_days"] <= 365


def test_rank_csv_orders_the_three_cities(demo_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "aq",
            "rank",
            "--period",
            "2019",
            "--all",
            "--by",
            "pm25",
            "-f",
            "csv",
            *store_args(demo_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    header = lines[0].split(",")
    areas = [line.split(",")[header.index("area")] for line in lines[1:]]
    ranks = [line.split(",")[header.index("rank")] for line in lines[1:]]
    assert areas == ["北京", "郑州", "石家庄"]
    assert ranks == ["1", "2", "3"]


def test_rank_without_all_lists_insufficient_areas_unranked(demo_dir: Path) -> None:
    result = runner.invoke(
        app, ["aq", "rank", "--period", "2019", "-f", "json", *store_args(demo_dir)]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    # Every sample city misses days in August/September 2019 (source gaps): 数据不足, no rank.
    assert {r["validity"] for r in rows} == {"数据不足"}
    assert all(r["rank"] is None for r in rows)


def test_daily_city_values(demo_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "aq",
            "daily",
            "--city",
            "石家庄",
            "--from",
            "2019-01-01",
            "--to",
            "2019-01-03",
            "-f",
            "json",
            *store_args(demo_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["date"] for r in rows] == ["2019-01-01", "2019-01-02", "2019-01-03"]
    for r in rows:
        assert r["aqi"] >= 1 and r["category"] in {
            "优",
            "良",
            "轻度污染",
            "中度污染",
            "重度污染",
            "严重污染",
        }


def test_progress_mid_year_has_required_rest(demo_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "aq",
            "progress",
            "--targets",
            str(SAMPLE_DIR / "targets_shijiazhuang_2019.csv"),
            "--date",
            "2019-06-30",
            "-f",
            "json",
            *store_args(demo_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    pm25 = rows[0]
    assert pm25["days"] == "181/365"
    # Required rest = (67·N − V·n)/(N − n): below the target because January–June ran above it.
    assert pm25["value_unrounded"] > 67 > pm25["required_rest"] > 0
    assert pm25["status_code"] in {"on_track", "at_risk"}


def test_ingest_refuses_truncated_file_with_file_line_reason(tmp_path: Path) -> None:
    bad = RAW / "china_sites_20190220.csv.gz"
    result = runner.invoke(app, ["aq", "ingest", "--store", str(tmp_path / "s"), str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:107: " in result.output
    assert "truncated row" in result.output


def test_ingest_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["aq", "ingest", "--store", str(tmp_path / "s"), "nope.csv"])
    assert result.exit_code == 2
    assert "nope.csv" in result.output


def test_bad_period_names_the_accepted_forms(demo_dir: Path) -> None:
    result = runner.invoke(app, ["aq", "stats", "--period", "2019-Q5", *store_args(demo_dir)])
    assert result.exit_code == 2
    assert "2019-Q1" in result.output


def test_commands_without_a_store_say_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(app, ["aq", "stats", "--period", "2019", "--store", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "lantian aq ingest" in result.output


def test_english_headings_on_request(demo_dir: Path) -> None:
    args = ["aq", "stats", "--period", "2019", "--city", "北京", *store_args(demo_dir)]
    zh = runner.invoke(app, args)
    en = runner.invoke(app, ["--lang", "en", *args])
    assert zh.exit_code == en.exit_code == 0, en.output
    assert "综合指数" in zh.output and "composite index" not in zh.output
    assert "composite index" in en.output and "优良天数" not in en.output
    again = runner.invoke(app, args)  # the choice holds for one invocation only
    assert "综合指数" in again.output
    bad = runner.invoke(app, ["--lang", "fr", *args])
    assert bad.exit_code == 2


def test_rank_at_station_level_ranks_the_evaluation_stations(demo_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "aq",
            "rank",
            "--period",
            "2019",
            "--level",
            "station",
            "--all",
            "-f",
            "json",
            *store_args(demo_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    # the sample's 29 stations of 北京 (1001A–1012A), 石家庄 (1029A–1035A, 2862A) and 郑州
    # (1316A–1324A), without the control stations 定陵 1002A, 封龙山 1035A, 岗李水库 1324A
    sample = {f"{n}A" for n in (*range(1001, 1013), *range(1029, 1036), 2862, *range(1316, 1325))}
    assert {r["area"] for r in rows} == sample - {"1002A", "1035A", "1324A"}
    assert len(rows) == 26
    ranks = [r["rank"] for r in rows]
    assert ranks[0] == 1 and None not in ranks and ranks == sorted(ranks)
    values = [r["rank_value"] for r in rows]
    assert values == sorted(values)  # composite index: smaller ranks first


def test_published_source_is_refused_below_the_city_level(demo_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            *("aq", "stats", "--period", "2019", "--level", "district"),
            *("--source", "published", *store_args(demo_dir)),
        ],
    )
    assert result.exit_code == 2
    assert "--source computed" in result.output


def test_ingest_takes_a_station_list_like_any_other_file(tmp_path: Path) -> None:
    """Station lists go through the same ingest as measurements: outcome row and warnings."""
    path = SAMPLE_DIR / "StationList-2020.01.01.csv"
    store = tmp_path / "s"
    result = runner.invoke(app, ["aq", "ingest", "--store", str(store), str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "3207A" in result.output  # listed twice in the 2020 list: first kept, warned
    listed = runner.invoke(app, ["aq", "stations", "--store", str(store), "-f", "json"])
    rows = json.loads(listed.output)
    assert len(rows) == 1640
    assert {r["station_code"]: r["station_type"] for r in rows}["1035A"] == "background"
