"""One phase of the benchmark per process: ``python -m bench.phases PHASE --json OUT [...]``.

Each phase runs in a fresh interpreter (no warm caches of a previous phase besides the operating
system's file cache), times its own work with ``time.perf_counter`` and writes a JSON record with
its timings and its peak resident memory (``ru_maxrss`` of the process, DuckDB threads included).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench import synth

Record = dict[str, Any]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _timed(record: Record, key: str, fn: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    out = fn()
    record[key] = time.perf_counter() - t0
    return out


def phase_ingest(args: argparse.Namespace) -> Record:
    from bench import lantian_api as api

    paths = synth.paths_for(args.stations, args.seed)
    store_root = Path(args.store)
    if store_root.exists():
        shutil.rmtree(store_root)
    rec: Record = {"files": len(paths.daily)}
    t0 = time.perf_counter()
    store = api.open_store(store_root)
    _timed(rec, "stations_s", lambda: api.register_stations(store, paths.station_list))
    report = _timed(rec, "files_s", lambda: api.ingest_files(store, paths.daily))
    rec["seconds"] = time.perf_counter() - t0
    rec["report"] = api.describe_ingest(report)
    rec["rows"] = api.count_rows(store)
    return rec


def phase_lantian(args: argparse.Namespace) -> Record:
    """Each step of the evaluation, materialised one after the other (per-step times)."""
    from bench import lantian_api as api

    rec: Record = {}
    t0 = time.perf_counter()
    steps = api.evaluation_steps(Path(args.store), args.year)
    for name, step in steps:
        out = _timed(rec, f"{name}_s", step)
        rec[f"{name}_rows"] = int(out) if isinstance(out, int) else None
    rec["seconds"] = time.perf_counter() - t0
    api.write_annual(Path(args.store), args.year, Path(args.annual))
    return rec


def phase_e2e(args: argparse.Namespace) -> Record:
    """Store → annual ranking of all cities, end to end, in this fresh process."""
    from bench import lantian_api as api

    rec: Record = {}
    # Module loading (polars, deltalake, lantian) is timed apart, as the floor's ``import duckdb``
    # is not in its time; "seconds" is opening the store (Delta logs, station_daily check) and
    # computing the ranking.
    _timed(rec, "import_s", api.load_engine_modules)
    cities = _timed(rec, "seconds", lambda: api.rank_end_to_end(Path(args.store), args.year))
    rec["cities"] = cities
    return rec


def phase_floor(args: argparse.Namespace) -> Record:
    """The floor: one plain DuckDB scan of the six columns straight from the Parquet files."""
    import duckdb

    from bench import lantian_api as api

    files = api.parquet_files(Path(args.store))
    cols = ", ".join(f"sum({p})" for p in synth.POLLUTANTS)
    rec: Record = {"files": len(files)}
    con = duckdb.connect()
    sql = f"SELECT count(*), {cols} FROM read_parquet($files)"
    row = _timed(rec, "seconds", lambda: con.execute(sql, {"files": files}).fetchone())
    rec["rows"] = int(row[0])
    rec["sums"] = [float(x) if x is not None else None for x in row[1:]]
    return rec


def phase_aqi(args: argparse.Namespace) -> Record:
    """lantian's whole-column hourly AQI of every row (the per-value figure for the peers):
    the engine's SQL aggregated inside DuckDB (a) from the store's Parquet files and (b) from
    an in-memory table loaded beforehand (data already in memory, as the peers are timed), then
    (c) ``hj633_2012.aqi_array`` over numpy columns already in memory. ``duckdb_rows`` is the
    number of station-hours of the year (the denominator of (a) and (b)).

    ``HOURLY_COPY=1`` also streams every output column to a Parquet file (``copy_s``)."""
    import os

    from bench import lantian_api as api

    rec: Record = {}
    store = Path(args.store)
    n_sql = _timed(rec, "duckdb_s", lambda: api.hourly_aqi_in_duckdb(store, args.year))
    rec["duckdb_with_aqi"] = n_sql
    rec["duckdb_peak_rss_mb"] = _peak_mb()
    mem = _timed(rec, "load_memory_s", lambda: api.hourly_table_in_memory(store))
    n_mem = _timed(rec, "duckdb_mem_s", lambda: api.hourly_aqi_in_memory(mem, args.year))
    rec["duckdb_mem_with_aqi"] = n_mem
    rec["duckdb_rows"] = int(
        mem.con.execute(
            f"SELECT count(*) FROM hourly WHERE year(ts - INTERVAL 1 HOUR) = {args.year}"
        ).fetchone()[0]
    )
    mem.con.close()
    if os.environ.get("HOURLY_COPY") == "1":
        out = Path(args.json).with_suffix(".hourly.parquet")
        rec["copy_rows"] = _timed(
            rec, "copy_s", lambda: api.hourly_aqi_to_parquet(store, args.year, out)
        )
        out.unlink(missing_ok=True)
    columns = _timed(rec, "read_s", lambda: api.read_columns(store))
    # Best of three, as ``timeit`` reports; the first run in this fresh process also pays the
    # page faults of ~1 GB of new output arrays and is kept as ``first_s``.
    aqi = _timed(rec, "first_s", lambda: api.hourly_aqi_columns(columns))
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        aqi = api.hourly_aqi_columns(columns)
        times.append(time.perf_counter() - t0)
    rec["seconds"] = min(times)
    rec["rows"] = len(aqi)
    rec["with_aqi"] = int((aqi >= 0).sum())
    return rec


def phase_peers(args: argparse.Namespace) -> Record:
    """aqi-hub and python-aqi value by value on a seeded random sample of the store's rows."""
    from bench import lantian_api as api
    from bench import peers

    columns = api.read_columns(Path(args.store))
    n = len(next(iter(columns.values())))
    rng = np.random.default_rng(args.seed)
    pick = np.sort(rng.choice(n, size=min(args.peers_sample, n), replace=False))
    sample = np.column_stack([columns[p][pick] for p in peers.SAMPLE_COLUMNS])
    mine = api.hourly_aqi_columns({p: columns[p][pick] for p in synth.POLLUTANTS})
    rec: Record = {"sample": len(pick)}
    for timing in (peers.time_aqi_hub(sample), peers.time_python_aqi(sample)):
        theirs = np.array([-1 if v is None else v for v in timing.values])
        both = (theirs >= 0) & (mine >= 0)
        rec[timing.name] = {
            "rows": timing.rows,
            "seconds": timing.seconds,
            "seconds_per_value": timing.seconds_per_value,
            "failures": timing.failures,
            "agree_with_lantian": float((theirs[both] == mine[both]).mean())
            if both.any()
            else None,
        }
    return rec


def phase_pandas(args: argparse.Namespace) -> Record:
    """The plain pandas statistics on the same rows, checked against lantian's annual table."""
    import pandas as pd

    from bench import lantian_api as api
    from bench import pandas_ref

    rec: Record = {}
    t0 = time.perf_counter()
    files = api.parquet_files(Path(args.store))
    hourly = _timed(rec, "read_s", lambda: pandas_ref.load_hourly(files))
    rec["rows"] = len(hourly)
    city_of = api.city_of_stations(Path(args.store))
    sd = _timed(rec, "station_daily_s", lambda: pandas_ref.station_daily(hourly))
    cd = _timed(rec, "city_daily_s", lambda: pandas_ref.city_daily(hourly, sd, city_of))
    ann = _timed(rec, "annual_rank_s", lambda: pandas_ref.annual(cd, args.year))
    rec["seconds"] = time.perf_counter() - t0
    rec["cities"] = len(ann)
    annual_path = Path(args.annual)
    if annual_path.exists():
        theirs = pd.read_parquet(annual_path).set_index("city")
        rec["max_abs_diff"] = compare_annual(ann.set_index("city"), theirs)
    return rec


def compare_annual(mine: Any, theirs: Any) -> dict[str, float | int | None]:
    """Largest absolute difference per statistic between two annual tables (index = city)."""
    out: dict[str, float | int | None] = {
        "cities_only_pandas": len(mine.index.difference(theirs.index)),
        "cities_only_lantian": len(theirs.index.difference(mine.index)),
    }
    common = mine.index.intersection(theirs.index)
    for col in (*synth.POLLUTANTS, "composite", "rank"):
        if col in theirs.columns and col in mine.columns:
            a = mine.loc[common, col].astype(float)
            b = theirs.loc[common, col].astype(float)
            diff = (a - b).abs()
            mismatch = int((a.isna() != b.isna()).sum())
            out[col] = float(diff.max()) if diff.notna().any() else None
            out[f"{col}_null_mismatch"] = mismatch
    return out


PHASES: dict[str, Callable[[argparse.Namespace], Record]] = {
    "ingest": phase_ingest,
    "lantian": phase_lantian,
    "e2e": phase_e2e,
    "floor": phase_floor,
    "aqi": phase_aqi,
    "peers": phase_peers,
    "pandas": phase_pandas,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run one benchmark phase.")
    parser.add_argument("phase", choices=sorted(PHASES))
    parser.add_argument("--json", required=True)
    parser.add_argument("--stations", type=int, default=1700)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--year", type=int, default=synth.YEAR)
    parser.add_argument("--store", required=True)
    parser.add_argument("--annual", required=True)
    parser.add_argument("--peers-sample", type=int, default=20_000)
    args = parser.parse_args(argv)
    rec = PHASES[args.phase](args)
    rec["peak_rss_mb"] = _peak_mb()
    Path(args.json).write_text(json.dumps(rec, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
