"""Ingest many files: read and check each (accepted whole or refused), commit accepted ones in
few atomic Delta commits."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from lantian.airquality.errors import IngestError, IngestWarning
from lantian.airquality.readers import CITY_DAILY_FORMATS, read_file, sniff_format
from lantian.airquality.store import IngestReport, MeasurementStore

#: Accepted hourly files committed together (bounds memory: ~40 national days ≈ 1.6 M rows).
FILES_PER_COMMIT = 64


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


def _read_one(path: Path) -> tuple[FileOutcome, pa.Table | None]:
    outcome = FileOutcome(path=path, fmt=None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", IngestWarning)
        try:
            outcome.fmt = sniff_format(path)
            table = read_file(path, outcome.fmt)
        except IngestError as exc:
            outcome.error = exc
            table = None
        except OSError as exc:
            outcome.error = IngestError(path, None, f"无法读取文件 (cannot read file): {exc}")
            table = None
    outcome.warnings = [str(w.message) for w in caught if issubclass(w.category, IngestWarning)]
    if table is not None:
        outcome.rows = table.num_rows
    return outcome, table


def ingest_paths(
    store: MeasurementStore,
    paths: Iterable[str | Path],
    *,
    progress: Progress | None = None,
    files_per_commit: int = FILES_PER_COMMIT,
) -> list[FileOutcome]:
    """Read, check and store ``paths``; returns one :class:`FileOutcome` per path, in order.

    Hourly files accepted are committed ``files_per_commit`` at a time, each batch in one
    Delta commit; city daily files one commit each. ``progress(done, total, outcome)`` is
    called per file.
    """
    plist = [Path(p) for p in paths]
    outcomes: list[FileOutcome] = []
    pending: list[tuple[FileOutcome, pa.Table]] = []

    def flush() -> None:
        if not pending:
            return
        table = pa.concat_tables([t for _, t in pending])
        names = ",".join(o.path.name for o, _ in pending)
        warns = [w for o, _ in pending for w in o.warnings]
        report = store.ingest_hourly(table, source=names, warnings=warns)
        for o, _ in pending:
            o.report = report
        pending.clear()

    # Sequential on purpose: warnings.catch_warnings is not thread-safe, and Polars already
    # uses both cores inside each read.
    for i, (outcome, table) in enumerate(map(_read_one, plist), start=1):
        outcomes.append(outcome)
        if outcome.error is not None:
            store.log_refusal(str(outcome.path), str(outcome.error))
        elif table is not None and outcome.fmt in CITY_DAILY_FORMATS:
            outcome.report = store.ingest_city_daily(table, source=outcome.path.name)
        elif table is not None:
            pending.append((outcome, table))
            if len(pending) >= files_per_commit:
                flush()
        if progress is not None:
            progress(i, len(plist), outcome)
    flush()
    return outcomes


def refused(outcomes: Sequence[FileOutcome]) -> list[FileOutcome]:
    """The refused outcomes (for a CLI exit code)."""
    return [o for o in outcomes if not o.accepted]
