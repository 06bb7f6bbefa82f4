from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polars as pl

from lantian.airquality.ingest import ingest_paths, read_one, refused
from lantian.airquality.store import MeasurementStore

TESTS = Path(__file__).resolve().parents[1] / "data"


def test_ingest_paths_accepts_whole_files_and_refuses_bad_ones(tmp_path: Path) -> None:
    paths = [
        TESTS / "readers" / "china_sites_20190101.csv",
        TESTS / "cnemc_raw" / "china_sites_20190220.csv.gz",
        TESTS / "cnemc_raw" / "china_sites_20190823.csv",
        TESTS / "readers" / "tianqihoubao_shijiazhuang.csv",
    ]
    seen: list[int] = []
    s = MeasurementStore(tmp_path)
    out = ingest_paths(s, paths, progress=lambda i, n, o: seen.append(i))
    assert seen == [1, 2, 3, 4]
    assert [o.accepted for o in out] == [True, False, True, True]
    bad = refused(out)[0].error
    assert bad is not None and bad.line == 107
    assert any("partial day" in w for w in out[2].warnings)
    assert s.hourly_version() == 0  # both accepted hourly files in one commit
    con = s.connect()
    assert con.execute("SELECT count(*) FROM hourly WHERE ts = '2019-08-23 08:00'").fetchone() == (
        12,
    )
    assert con.execute("SELECT count(*) FROM city_daily_published").fetchone() == (12,)
    assert con.execute("SELECT count(*) FROM ingest_log WHERE target = 'refused'").fetchone() == (
        1,
    )
    again = ingest_paths(s, paths[:1])
    assert again[0].report is not None and again[0].report.version is None


def _hourly(s: MeasurementStore) -> pl.DataFrame:
    df = pl.from_arrow(s.connect().sql("SELECT * FROM hourly").to_arrow_table())
    assert isinstance(df, pl.DataFrame)
    # ``source`` is left out: with one commit the long file's later copy of an hour wins,
    # with several the first stored copy stays (its values are the same).
    return df.drop("source").sort("station_code", "ts")


def test_parallel_reading_stores_what_sequential_reading_stores(tmp_path: Path) -> None:
    paths = [
        TESTS / "readers" / "china_sites_20190101.csv",
        TESTS / "readers" / "china_sites_20190102.csv",
        TESTS / "cnemc_raw" / "china_sites_20190601.csv",
        TESTS / "cnemc_raw" / "china_sites_20190220.csv.gz",
        TESTS / "cnemc_raw" / "china_sites_20190823.csv",
        TESTS / "readers" / "sites_2019_long.csv.gz",
    ]
    one = MeasurementStore(tmp_path / "one")
    two = MeasurementStore(tmp_path / "two")
    seq = ingest_paths(one, paths, workers=1)
    par = ingest_paths(two, paths, workers=2, files_per_commit=2)
    assert [(o.path, o.accepted, o.rows, o.warnings) for o in seq] == [
        (o.path, o.accepted, o.rows, o.warnings) for o in par
    ]
    assert one.hourly_version() == 0  # 5 accepted hourly files, one commit
    assert two.hourly_version() == 2  # commits of 2, 2 (0220 refused) and 1 file
    assert _hourly(one).equals(_hourly(two))
    # the batches of a commit share its report; batches keep file order
    assert par[0].report is par[1].report and par[2].report is par[4].report
    assert par[0].report is not None and par[0].report.source == (
        "china_sites_20190101.csv,china_sites_20190102.csv"
    )


def test_read_one_returns_each_files_own_warnings_across_threads() -> None:
    paths = [
        TESTS / "cnemc_raw" / "china_sites_20190601.csv",
        TESTS / "cnemc_raw" / "china_sites_20190823.csv",
        TESTS / "readers" / "tianqihoubao_shijiazhuang.csv",
        TESTS / "readers" / "china_sites_20190101.csv",
    ] * 8
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing may go through the warnings machinery
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(read_one, paths))
    for path, (outcome, table) in zip(paths, results, strict=True):
        assert table is not None and outcome.rows == table.num_rows
        assert all(w.startswith(str(path)) for w in outcome.warnings)
        if path.name == "china_sites_20190101.csv":
            assert outcome.warnings == []
        else:
            assert outcome.warnings
    assert any("partial day: only 2 of 24 hours: 0,1" in w for w in results[0][0].warnings)
