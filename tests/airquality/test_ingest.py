from __future__ import annotations

from pathlib import Path

from lantian.airquality.ingest import ingest_paths, refused
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
