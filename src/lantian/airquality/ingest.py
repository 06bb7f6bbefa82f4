"""Ingest many files: read and check each (accepted whole or refused), commit accepted ones in
few atomic Delta commits.

Files are read in a small pool of threads (the readers spend their time in Polars and NumPy,
which release the GIL, and return their warnings as values), while a single writer thread makes
the store calls one after another in file order, so reading the next files overlaps the Delta
commit of the previous batch.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from lantian.airquality.errors import IngestError, Notes
from lantian.airquality.readers import (
    CITY_DAILY_FORMATS,
    STATION_FORMATS,
    read_noted,
    sniff_format,
)
from lantian.airquality.store import IngestReport, MeasurementStore

#: Accepted hourly files committed together. Bounds memory: one batch commits while the next is
#: read, and 48 national days (≈ 2 M station-hours, ≈ 0.4 GB as Arrow) keep a year's ingest
#: near 3 GB peak on the benchmark; 64 was ~10 % faster but peaked near 4 GB.
FILES_PER_COMMIT = 48

#: Files read at the same time (one per core; at least 1).
READ_WORKERS = max(1, os.cpu_count() or 1)


@dataclass
class FileOutcome:
    """The outcome of one file: accepted (``error`` None) or refused with its IngestError."""

    path: Path
    fmt: str | None
    rows: int = 0
    warnings: list[str] = field(default_factory=list)
    error: IngestError | None = None
    report: IngestReport | None = None

    @property
    def accepted(self) -> bool:
        return self.error is None


Progress = Callable[[int, int, FileOutcome], None]


def read_one(path: str | Path) -> tuple[FileOutcome, pa.Table | None]:
    """Read and check one file; never raises for bad input (the outcome carries the error).

    Safe to call from several threads at once: warnings come back in ``outcome.warnings``.
    """
    path = Path(path)
    outcome = FileOutcome(path=path, fmt=None)
    notes: Notes = []
    table: pa.Table | None = None
    try:
        outcome.fmt = sniff_format(path)
        table = read_noted(path, outcome.fmt, notes)
    except IngestError as exc:
        outcome.error = exc
    except OSError as exc:
        outcome.error = IngestError(path, None, f"无法读取文件 (cannot read file): {exc}")
    outcome.warnings = [str(n) for n in notes]
    if table is not None:
        outcome.rows = table.num_rows
    return outcome, table


def _read_in_order(
    paths: Sequence[Path], workers: int
) -> Iterator[tuple[FileOutcome, pa.Table | None]]:
    """:func:`read_one` of each path, in order, with up to ``2 × workers`` files in flight."""
    if workers <= 1:
        yield from map(read_one, paths)
        return
    with ThreadPoolExecutor(workers, thread_name_prefix="lantian-read") as pool:
        window: deque[Future[tuple[FileOutcome, pa.Table | None]]] = deque()
        todo = iter(paths)
        for p in todo:
            window.append(pool.submit(read_one, p))
            if len(window) >= 2 * workers:
                break
        while window:
            done = window.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                window.append(pool.submit(read_one, nxt))
            yield done


def ingest_paths(
    store: MeasurementStore,
    paths: Iterable[str | Path],
    *,
    progress: Progress | None = None,
    files_per_commit: int = FILES_PER_COMMIT,
    workers: int = READ_WORKERS,
) -> list[FileOutcome]:
    """Read, check and store ``paths``; returns one :class:`FileOutcome` per path, in order.

    Hourly files accepted are committed ``files_per_commit`` at a time, each batch in one
    Delta commit; city daily files one commit each; refusals are logged. Store calls happen in
    file order in one writer thread; ``workers`` files are read at a time (1: all in the
    calling thread). ``progress(done, total, outcome)`` is called per file, in order, once the
    file is read.
    """
    plist = [Path(p) for p in paths]
    outcomes: list[FileOutcome] = []
    pending: list[tuple[FileOutcome, pa.Table]] = []
    writer = ThreadPoolExecutor(1, thread_name_prefix="lantian-store")
    submitted: list[Future[None]] = []

    def commit(batch: list[tuple[FileOutcome, pa.Table]]) -> None:
        table = pa.concat_tables([t for _, t in batch])
        names = ",".join(o.path.name for o, _ in batch)
        warns = [w for o, _ in batch for w in o.warnings]
        report = store.ingest_hourly(table, source=names, warnings=warns)
        for o, _ in batch:
            o.report = report

    def city_daily(outcome: FileOutcome, table: pa.Table) -> None:
        outcome.report = store.ingest_city_daily(table, source=outcome.path.name)

    def stations(outcome: FileOutcome, table: pa.Table) -> None:
        n = store.upsert_stations(table)
        outcome.report = IngestReport(source=outcome.path.name, inserted=n)

    def refusal(outcome: FileOutcome) -> None:
        store.log_refusal(str(outcome.path), str(outcome.error))

    def flush() -> None:
        if not pending:
            return
        # One batch committing while the next is read: wait for earlier store calls first, so
        # at most two batches are held in memory.
        for f in submitted:
            f.result()
        submitted.clear()
        submitted.append(writer.submit(commit, list(pending)))
        pending.clear()

    try:
        for i, (outcome, table) in enumerate(_read_in_order(plist, workers), start=1):
            outcomes.append(outcome)
            if outcome.error is not None:
                submitted.append(writer.submit(refusal, outcome))
            elif table is not None and outcome.fmt in STATION_FORMATS:
                submitted.append(writer.submit(stations, outcome, table))
            elif table is not None and outcome.fmt in CITY_DAILY_FORMATS:
                submitted.append(writer.submit(city_daily, outcome, table))
            elif table is not None:
                pending.append((outcome, table))
                if len(pending) >= files_per_commit:
                    flush()
            if progress is not None:
                progress(i, len(plist), outcome)
        flush()
        for f in submitted:
            f.result()
    finally:
        writer.shutdown(wait=True)
    return outcomes


def refused(outcomes: Sequence[FileOutcome]) -> list[FileOutcome]:
    """The refused outcomes (for a CLI exit code)."""
    return [o for o in outcomes if not o.accepted]
