"""The national-scale benchmark in one run.

Usage: ``python -m bench.run [--stations N] [--peers-sample M]``.

Builds (or reuses) the synthetic national year of :mod:`bench.synth`, then runs each phase of
:mod:`bench.phases` in its own fresh process, prints every time and the ratios, and writes
``bench/out/results_<N>.json`` and ``bench/out/results_<N>.md``. A phase that fails (for example
because a lantian piece is missing) is reported with its error and the run goes on.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import machine, report, synth

#: Phases in run order; ``lantian`` writes the annual table that ``pandas`` checks against.
ORDER = ("ingest", "lantian", "e2e", "floor", "aqi", "peers", "pandas")


def run_phase(name: str, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    json_path = out / f"phase_{name}_{args.stations}.json"
    json_path.unlink(missing_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "bench.phases",
        name,
        "--json",
        str(json_path),
        "--stations",
        str(args.stations),
        "--seed",
        str(args.seed),
        "--store",
        str(out / f"store_{args.stations}"),
        "--annual",
        str(out / f"lantian_annual_{args.stations}.parquet"),
        "--peers-sample",
        str(args.peers_sample),
    ]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=synth.REPO, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0 or not json_path.exists():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        print(f"  {name}: FAILED — {' | '.join(tail)}")
        return {"error": "\n".join(tail), "wall_s": wall}
    rec: dict[str, Any] = json.loads(json_path.read_text(encoding="utf-8"))
    rec["wall_s"] = wall
    print(f"  {name}: {rec.get('seconds', math.nan):.2f} s in the phase (process {wall:.1f} s, "
          f"peak {rec.get('peak_rss_mb', math.nan):.0f} MB)")  # fmt: skip
    return rec


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=1700)
    parser.add_argument("--peers-sample", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--phases", default=",".join(ORDER), help="comma-separated subset")
    args = parser.parse_args(argv)
    out = synth.OUT
    out.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    try:
        paths = synth.ensure(args.stations, args.seed)
    except synth.SharedDataMissing as exc:
        print(f"bench: {exc}; nothing to run.", file=sys.stderr)
        return 2
    meta = json.loads(paths.meta.read_text(encoding="utf-8"))
    print(f"synthetic year: {meta['stations']} stations, {meta['cities']} cities, "
          f"{meta['hours']} h ({time.perf_counter() - t0:.1f} s to build or load)")  # fmt: skip

    wanted = [p for p in ORDER if p in args.phases.split(",")]
    phases = {name: run_phase(name, args, out) for name in wanted}
    children_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    results = {
        "synthetic": meta,
        "peers_sample": args.peers_sample,
        "machine": machine.describe(),
        "phases": phases,
        "children_peak_rss_mb": children_peak,
    }
    results["summary"] = report.summarise(results)
    (out / f"results_{args.stations}.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    table = report.markdown(results)
    (out / f"results_{args.stations}.md").write_text(table, encoding="utf-8")
    print()
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
