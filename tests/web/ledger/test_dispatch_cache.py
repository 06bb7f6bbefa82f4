"""The dispatch's engine work: the same results with and without the cache, a bounded number of
engine queries per dispatch, none while the store is unchanged, and afresh after a store change
(``docs/ledger.md`` §Dispatch, "Engine work and its cache").

The store and targets are those of ``test_dispatch_targets.py`` (tiny store of ``air_store.py``):
targets 石家庄 PM2.5 ≤ 67 (2019), PM2.5 −7 %, PM10 −5 % (2019), 长安 and 鹿泉 PM2.5 −7 % (2019),
石家庄 PM2.5 −7 % (2020); dispatch on 2019-09-06. The demo store (real data with the published
fallback, ``test_dispatch_demo.py``) is compared too.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from tests.web.dashboard.conftest import sample_data_dir  # noqa: F401 (the fixture)
from tests.web.ledger.air_store import DAYS, build, canonical_rows
from tests.web.ledger.test_dispatch import dispatch_ledger  # noqa: F401 (the fixture)
from tests.web.ledger.test_dispatch_demo import demo  # noqa: F401 (the fixture)
from tests.web.ledger.test_dispatch_targets import air_dir, targets, with_air  # noqa: F401

ON = date(2019, 9, 6)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts of engine queries (``Engine._run``, which every engine result goes through) and of
    store connections (``MeasurementStore.connect``), both run unchanged."""
    from lantian.airquality.engine.core import Engine
    from lantian.airquality.store import MeasurementStore

    counts: Counter[str] = Counter()
    run, connect = Engine._run, MeasurementStore.connect

    def counted_run(self: Any, sql: str, **kw: Any) -> Any:
        counts["queries"] += 1
        return run(self, sql, **kw)

    def counted_connect(self: Any, **kw: Any) -> Any:
        counts["connects"] += 1
        return connect(self, **kw)

    monkeypatch.setattr(Engine, "_run", counted_run)
    monkeypatch.setattr(MeasurementStore, "connect", counted_connect)
    return counts


def uncached(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dispatch as it was before the cache: a connection and an engine per call, the ranking
    straight from ``Engine.rank`` and a plain :class:`EngineStats` asking one area at a time."""
    from lantian.airquality.engine import Engine
    from lantian.airquality.engine_stats import EngineStats
    from lantian.airquality.periods import Period
    from lantian.web.dashboard.summary import RANK_BY, read_store
    from lantian.web.ledger import dispatch as disp

    def ranking(week: Any, air: Any) -> dict[str, int | None] | None:
        con = read_store(disp.store_path())
        if con is None:
            return None
        frame = Engine(con).rank(Period(week.monday, week.sunday, str(week)), by=RANK_BY)
        return {row["area"]: row["rank"] for row in frame.iter_rows(named=True)}

    def stats(air: Any, plan_targets: Any) -> EngineStats | None:
        con = read_store(disp.store_path())
        return None if con is None else EngineStats(Engine(con))

    monkeypatch.setattr(disp, "air_ranking", ranking)
    monkeypatch.setattr(disp, "engine_stats", stats)


def compare(user: Any, on: date, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The dispatch and the notices' rules without the cache, cold and warm: all equal."""
    from lantian.web.ledger.dispatch import dispatch_summary
    from lantian.web.ledger.notices import rule_notices

    with monkeypatch.context() as m:
        uncached(m)
        expected = (dispatch_summary(user, on), rule_notices(on))
    cache.clear()
    cold = (dispatch_summary(user, on), rule_notices(on))
    warm = (dispatch_summary(user, on), rule_notices(on))
    assert cold == expected
    assert warm == expected
    return expected[0]


@pytest.mark.usefixtures("with_air", "targets", "pin")
def test_the_tiny_store_gives_the_same_dispatch_with_and_without_the_cache(
    personas: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = compare(personas.users["office"], ON, monkeypatch)
    assert [c["change"] for c in office["interview"]["checks"]] == [-14.3, 0.0, -3.2, 12.5]
    area = compare(personas.users["area"], ON, monkeypatch)
    assert area["interview"] is None
    assert [g["area"] for g in area["target_progress"]["areas"]] == ["石家庄市", "长安区", "鹿泉"]


@pytest.mark.usefixtures("demo")
def test_the_demo_store_gives_the_same_dispatch_with_and_without_the_cache(
    personas: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Months from station hours (2019) against the published city values (2018)."""
    for on in (date(2019, 3, 8), date(2019, 4, 5)):
        summary = compare(personas.users["office"], on, monkeypatch)
        sources = {(c["source"], c["last_year_source"]) for c in summary["interview"]["checks"]}
        assert sources == {("computed", "published")}


@pytest.mark.usefixtures("with_air", "targets", "pin")
def test_one_dispatch_makes_one_query_per_period_and_source(
    client_for: Any, counted: Counter[str]
) -> None:
    """Hand-counted for the office on 2019-09-06 (the targets' three areas asked at once):

    - the ranking of W35: 1;
    - the 2019 targets: 2019-01-01..09-06 (1) and 2018-01-01..09-06 (1), computed for all three
      areas; last year's rest 2018-09-07..12-31 has no station hours → computed and published
      (2);
    - the 2020 target: nothing elapsed; last year's "period so far" 2019-01-01 has no data →
      computed and published (2);
    - the 约谈 checks: 2019-08 and 2018-08, computed (2).

    9 queries on one connection (before: one query per area, 21, on two connections). An area
    user sees no 约谈 checks: 7.
    """
    office = client_for("office")
    assert office.get(f"/api/dispatch/?on={ON}").status_code == 200
    assert counted == {"queries": 9, "connects": 1}
    counted.clear()
    assert office.get(f"/ledger/dispatch/?on={ON}").status_code == 200
    assert counted == {}  # the store is unchanged: no query, no connection
    cache.clear()
    assert client_for("area").get(f"/api/dispatch/?on={ON}").status_code == 200
    assert counted == {"queries": 7, "connects": 1}


@pytest.mark.usefixtures("with_air", "targets", "pin")
def test_the_notices_reuse_the_dispatch_work(client_for: Any, counted: Counter[str]) -> None:
    """After the dispatch, generating the notices only ranks W34 (the dispatch ranked W35; the
    约谈 months were computed for the targets' areas)."""
    office = client_for("office")
    assert office.get(f"/api/dispatch/?on={ON}").status_code == 200
    counted.clear()
    assert office.post(f"/api/notices/generate/?on={ON}").status_code == 201
    assert counted == {"queries": 1, "connects": 1}


@pytest.fixture
def own_store(settings: Any, tmp_path: Path) -> Path:
    """A tiny store of this test's own, to change."""
    settings.LANTIAN_DATA_DIR = build(tmp_path)
    return tmp_path


def hours_file(base: Path, pm25: int) -> Path:
    """Station T002 (长安) on 2019-08-06 at ``pm25`` µg/m³ (PM10 100), every hour."""
    path = base / f"more-{pm25}.csv"
    path.write_text(
        "\n".join(canonical_rows({("T002", date(2019, 8, 6)): (pm25, 100)})) + "\n",
        encoding="utf-8",
    )
    return path


def changan(client: Any) -> tuple[Any, Any, Any]:
    body = client.get(f"/api/dispatch/?on={ON}").json()
    (check,) = [c for c in body["interview"]["checks"] if c["area"] == "长安区"]
    return check["value"], check["change"], check["valid_days"]


@pytest.mark.usefixtures("targets", "pin")
def test_new_data_ingested_is_seen_by_the_next_dispatch(
    client_for: Any, own_store: Path, counted: Counter[str]
) -> None:
    """长安's August 2019: one day at 60 (``air_store.py``); a second day at 70 is ingested →
    mean 65, change (65 − 62) / 62 = +4.84 % → +4.8 %, on 2 valid days."""
    from lantian.airquality.ingest import ingest_paths
    from lantian.airquality.store import MeasurementStore

    assert ("T002", date(2019, 8, 6)) not in DAYS
    office = client_for("office")
    assert changan(office) == (60, -3.2, 1)
    counted.clear()
    assert changan(office) == (60, -3.2, 1)
    assert counted == {}
    store = MeasurementStore(own_store / "store")
    before = store.version()
    outcomes = ingest_paths(store, [hours_file(own_store, 70)])
    assert [getattr(o, "error", None) for o in outcomes] == [None]
    assert store.version() != before
    counted.clear()
    assert changan(office) == (65, 4.8, 2)
    assert counted["queries"] == 9  # computed afresh, as the first dispatch


@pytest.mark.usefixtures("targets", "pin")
def test_a_stale_store_is_refused_then_seen_after_the_refresh(
    client_for: Any, own_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ingest stopped between its hourly and daily commits: the cached dispatch is not
    served (503 with the repair command); after ``lantian aq refresh`` the new day counts."""
    from typer.testing import CliRunner

    from lantian.airquality.ingest import ingest_paths
    from lantian.airquality.store import MeasurementStore, StaleStoreError
    from lantian.cli import app

    office = client_for("office")
    assert changan(office) == (60, -3.2, 1)
    store = MeasurementStore(own_store / "store")
    before = store.version()

    def crash(*args: object) -> int:
        raise RuntimeError("simulated crash")

    with monkeypatch.context() as m:
        m.setattr(MeasurementStore, "_derive_daily", crash)
        with pytest.raises(RuntimeError, match="simulated crash"):
            ingest_paths(store, [hours_file(own_store, 70)], workers=1)
    with pytest.raises(StaleStoreError):
        store.version()
    page = office.get(f"/ledger/dispatch/?on={ON}")
    assert page.status_code == 503
    assert "lantian aq refresh" in page.content.decode()

    result = CliRunner().invoke(app, ["aq", "refresh", "--store", str(own_store / "store")])
    assert result.exit_code == 0, result.output
    assert store.version() != before
    assert changan(office) == (65, 4.8, 2)


def test_the_store_version_names_each_table_and_changes_with_each_commit(tmp_path: Path) -> None:
    """Per table the engine reads: (name, Delta table id, version); a table not yet written is
    ``("", -1)``. A station upsert changes the stations' version only; a store rebuilt from
    scratch at the same path has the same versions but new table ids."""
    import shutil

    from lantian.airquality.stations import read_station_list
    from lantian.airquality.store import MeasurementStore

    build(tmp_path)
    store = MeasurementStore(tmp_path / "store")
    first = store.version()
    assert [(name, version) for name, _id, version in first] == [
        ("hourly", 0),
        ("station_daily", 0),
        ("stations", 0),
        ("city_daily", -1),
    ]
    assert [bool(table_id) for _n, table_id, _v in first] == [True, True, True, False]
    store.upsert_stations(read_station_list(tmp_path / "stations.csv"))
    second = store.version()
    assert [v for _n, _i, v in second] == [0, 0, 1, -1]
    shutil.rmtree(tmp_path / "store")
    build(tmp_path)
    rebuilt = MeasurementStore(tmp_path / "store").version()
    assert [v for _n, _i, v in rebuilt] == [v for _n, _i, v in first]
    assert [i for _n, i, _v in rebuilt][:3] != [i for _n, i, _v in first][:3]
