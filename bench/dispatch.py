"""The dispatch's engine work before and after the per-request batch and the cache.

Usage: ``python -m bench.dispatch [--store PATH] [--areas K] [--on YYYY-MM-DD] [--repeat R]``.

The measurement store is the national benchmark's (``bench/out/store_<N>``, the largest there;
``python -m bench.run --phases ingest`` makes one), else ``--store``; ``K`` areas of it (those
ranked first over the dispatch's air-quality week) each get the five targets of the demo plan
(``data/sample/targets_shijiazhuang_2019.csv``). One "dispatch" is the engine work of
``/ledger/dispatch/`` for the command office: the week's ranking, every target's progress
(``dashboard.summary.target_row``) and the 约谈 checks (``target_progress.interview_checks``);
the ledger's own queries (tasks, areas) are left out. Three ways, each timed ``R`` times (best
kept), with the engine queries (``Engine._run``) and store connections counted:

- **before**: as the dispatch did it before ``ledger/air_cache.py``: a connection for the ranking,
  another for a plain ``EngineStats``, which asks one area at a time;
- **cold**: ``AirData`` with an empty cache: one connection, one query per period and source;
- **warm**: ``AirData`` again, the store unchanged: served from the cache.

The three must give the same rows (checked). Written: ``bench/out/dispatch_<store>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from bench import synth

TARGETS = synth.REPO / "data" / "sample" / "targets_shijiazhuang_2019.csv"


def default_store() -> Path | None:
    """The largest national store under ``bench/out`` (``store_<N>``)."""
    stores = sorted(synth.OUT.glob("store_*"), key=lambda p: int(p.name.split("_")[1]))
    return stores[-1] if stores else None


def setup_django(data_dir: Path) -> None:
    """The platform's settings (development), the store under ``data_dir``; no database use."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantian.web.settings")
    os.environ.setdefault("LANTIAN_ENV", "development")
    os.environ["LANTIAN_DATA_DIR"] = str(data_dir)
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--areas", type=int, default=20)
    parser.add_argument("--on", type=date.fromisoformat, default=date(2019, 9, 6))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    store = args.store or default_store()
    if store is None or not (store / "hourly").is_dir():
        print(
            "bench.dispatch: no store (run `python -m bench.run --phases ingest`)", file=sys.stderr
        )
        return 2
    setup_django(store.parent)

    from django.core.cache import cache

    from lantian.airquality.engine import Engine
    from lantian.airquality.engine.core import Engine as EngineClass
    from lantian.airquality.engine_stats import EngineStats
    from lantian.airquality.periods import Period
    from lantian.airquality.store import MeasurementStore
    from lantian.airquality.targets import read_targets
    from lantian.planning.weeks import IsoWeek
    from lantian.web.dashboard.summary import RANK_BY, read_store, target_row
    from lantian.web.ledger import target_progress as tp
    from lantian.web.ledger.air_cache import AirData

    week = IsoWeek.of(args.on).shift(-1)
    period = Period(week.monday, week.sunday, str(week))
    con = read_store(store)
    assert con is not None
    ranked = Engine(con).rank(period, by=RANK_BY, include_insufficient=True)
    areas = ranked["area"].to_list()[: args.areas]
    con.close()
    plan = read_targets(TARGETS)
    targets = [replace(t, area=a) for a in areas for t in plan]

    counts: Counter[str] = Counter()
    run, connect = EngineClass._run, MeasurementStore.connect

    def counted_run(self: Any, sql: str, **kw: Any) -> Any:
        counts["queries"] += 1
        return run(self, sql, **kw)

    def counted_connect(self: Any, **kw: Any) -> Any:
        counts["connects"] += 1
        return connect(self, **kw)

    EngineClass._run = counted_run  # type: ignore[method-assign]
    MeasurementStore.connect = counted_connect  # type: ignore[method-assign]

    def work(ranking: dict[str, Any] | None, stats: EngineStats) -> Any:
        rows = [target_row(t, stats, args.on) for t in targets]
        checks = tp.interview_checks(stats, targets, args.on, lambda name: None).rows
        return ranking, rows, checks

    def before() -> Any:
        c1 = read_store(store)
        frame = Engine(c1).rank(period, by=RANK_BY)
        ranking = {row["area"]: row["rank"] for row in frame.iter_rows(named=True)}
        return work(ranking, EngineStats(Engine(read_store(store))))

    def cached() -> Any:
        air = AirData.open(store)
        assert air is not None
        return work(air.ranking(period), air.stats(t.area for t in targets))

    def cold() -> Any:
        cache.clear()
        return cached()

    def timed(fn: Callable[[], Any]) -> tuple[float, dict[str, int], Any]:
        best, seen, out = float("inf"), {}, None
        for _ in range(args.repeat):
            counts.clear()
            t0 = time.perf_counter()
            out = fn()
            best = min(best, time.perf_counter() - t0)
            seen = dict(counts)
        return best, seen, out

    results: dict[str, Any] = {
        "store": str(store),
        "areas": len(areas),
        "targets": len(targets),
        "on": args.on.isoformat(),
    }
    outputs = {}
    for name, fn in (("before", before), ("cold", cold), ("warm", cached)):
        seconds, seen, outputs[name] = timed(fn)
        results[name] = {"seconds": seconds, **seen}
        print(f"  {name:6} {seconds:7.3f} s  {seen}")
    same = outputs["before"] == outputs["cold"] == outputs["warm"]
    results["identical"] = same
    results["before_over_cold"] = results["before"]["seconds"] / results["cold"]["seconds"]
    results["before_over_warm"] = results["before"]["seconds"] / results["warm"]["seconds"]
    print(f"  identical results: {same}; before / cold {results['before_over_cold']:.1f}, "
          f"before / warm {results['before_over_warm']:.0f}")  # fmt: skip
    out = synth.OUT / f"dispatch_{store.name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
