"""The measurement store: Delta Lake tables under one root, queried with DuckDB.

Layout under ``root``: ``hourly/`` and ``station_daily/`` (partitioned by ``year``),
``stations/``, ``city_daily/``, ``ingest_log/``. Each is a Delta table (Parquet files plus
``_delta_log``), readable unchanged by Spark. ``hourly`` holds ``HOURLY_SCHEMA`` plus ``revision``
(0 for a first value, +1 per correction) and ``history`` (JSON list of every replaced value:
column, old, new, old and new source, time, revision), so a correction and its record land in the
same Delta commit.

``station_daily`` materialises the engine's station-daily *parts* (``daily_sql.PART_COLUMNS``:
means and valid counts, O3 maximum, the 24 hourly O3 values; no option applied) with the engine's
own SQL (``daily_sql.station_daily_parts``). After each hourly commit the station-days touched by
the inserted or corrected hours are re-derived and merged; each station_daily commit records the
hourly version it reflects (commit metadata ``lantian.hourly_version``), and :meth:`connect`
re-derives whatever a stale table misses (a crash between the two commits, an older store).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

import duckdb
import polars as pl
import pyarrow as pa
from deltalake import CommitProperties, DeltaTable, WriterProperties, write_deltalake

from lantian.airquality.engine.daily_sql import PART_COLUMNS, station_daily_parts
from lantian.airquality.engine.dialect import DUCKDB
from lantian.airquality.schema import (
    CITY_DAILY_SCHEMA,
    HOURLY_SCHEMA,
    POLLUTANTS,
    PUBLISHED,
    QC_SUFFIX,
    STATION_SCHEMA,
)

#: Columns whose change is a correction (``source`` alone changing is not).
VALUE_COLUMNS: tuple[str, ...] = (
    *POLLUTANTS,
    *(p + QC_SUFFIX for p in POLLUTANTS),
    *PUBLISHED,
)

HOURLY_STORE_SCHEMA = pa.schema(
    [*HOURLY_SCHEMA, pa.field("revision", pa.int32()), pa.field("history", pa.string())]
)
#: Station-daily parts (units as ``hourly``; ``n_*`` valid hourly values; ``o3_h<k>`` the O3 value
#: of hour position k of the day), partitioned by ``year`` of ``date``.
STATION_DAILY_STORE_SCHEMA = pa.schema(
    [
        pa.field("station_code", pa.string(), nullable=False),
        pa.field("date", pa.date32(), nullable=False),
        pa.field("year", pa.int32(), nullable=False),
        *[pa.field(c, pa.int64() if c.startswith("n_") else pa.float64()) for c in PART_COLUMNS],
    ]
)
#: Rows per Parquet row group of ``station_daily`` (~ 2 months of 1,700 stations): small
#: enough that a year's scan is split evenly across threads.
DAILY_ROW_GROUP = 100_000
#: Commit metadata of ``station_daily``: the ``hourly`` version the table reflects.
DAILY_REFLECTS = "lantian.hourly_version"
CITY_DAILY_STORE_SCHEMA = pa.schema([*CITY_DAILY_SCHEMA, pa.field("dataset", pa.string())])
INGEST_LOG_SCHEMA = pa.schema(
    [
        pa.field("at", pa.timestamp("us")),
        pa.field("source", pa.string()),
        pa.field("target", pa.string()),
        pa.field("inserted", pa.int64()),
        pa.field("corrected", pa.int64()),
        pa.field("unchanged", pa.int64()),
        pa.field("flagged", pa.int64()),
        pa.field("version", pa.int64()),
        pa.field("warnings", pa.string()),
    ]
)
CORRECTION_SCHEMA = pa.schema(
    [
        pa.field("station_code", pa.string()),
        pa.field("ts", pa.timestamp("s")),
        pa.field("revision", pa.int32()),
        pa.field("column", pa.string()),
        pa.field("old", pa.string()),
        pa.field("new", pa.string()),
        pa.field("old_source", pa.string()),
        pa.field("new_source", pa.string()),
        pa.field("at", pa.string()),
    ]
)
_HISTORY_DTYPE = pl.List(
    pl.Struct(
        {
            "revision": pl.Int32,
            "column": pl.String,
            "old": pl.String,
            "new": pl.String,
            "old_source": pl.String,
            "new_source": pl.String,
            "at": pl.String,
        }
    )
)
KEY = ("station_code", "ts")
#: The tables the engine reads, whose Delta versions make :meth:`MeasurementStore.version`.
VERSIONED_TABLES: tuple[str, ...] = ("hourly", "station_daily", "stations", "city_daily")
#: :meth:`MeasurementStore.version`: ``(table, Delta table id, Delta version)`` per table.
StoreVersion = tuple[tuple[str, str, int], ...]


@dataclass
class IngestReport:
    """What one ingest call did. ``version`` is the Delta version written (None: no commit)."""

    source: str
    inserted: int = 0
    corrected: int = 0
    unchanged: int = 0
    flagged: int = 0
    warnings: list[str] = field(default_factory=list)
    version: int | None = None
    daily_rederived: int = 0  # station-days of ``station_daily`` re-derived after the commit

    @property
    def changed(self) -> int:
        return self.inserted + self.corrected


class StaleStoreError(RuntimeError):
    """The ``station_daily`` table does not reflect the current ``hourly`` version."""

    def __init__(self, root: Path, hourly: int, reflects: int | None) -> None:
        self.root = root
        self.hourly = hourly
        self.reflects = reflects
        seen = "无日数据表 (no station_daily table)" if reflects is None else f"版本 {reflects}"
        super().__init__(
            f"{root}: 站点日数据未更新到小时数据版本 {hourly}（{seen}）；请运行 "
            f"`lantian aq refresh --store {root}` "
            f"(station_daily is behind hourly version {hourly}; run the command to repair it)"
        )


class MeasurementStore:
    """Hourly station data, station registry, published city values and an ingest log."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.hourly_path = self.root / "hourly"
        self.station_daily_path = self.root / "station_daily"
        self.stations_path = self.root / "stations"
        self.city_daily_path = self.root / "city_daily"
        self.log_path = self.root / "ingest_log"

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _exists(path: Path) -> bool:
        return (path / "_delta_log").is_dir()

    def hourly_version(self) -> int | None:
        """Current Delta version of the hourly table (None when nothing was ingested yet)."""
        return (
            DeltaTable(str(self.hourly_path)).version() if self._exists(self.hourly_path) else None
        )

    def _files(self, path: Path) -> list[str]:
        return DeltaTable(str(path)).file_uris() if self._exists(path) else []

    @staticmethod
    def _batches(table: pa.Table) -> Iterator[pa.RecordBatch]:
        """The write path's stream of record batches (a test raises in here to simulate a crash)."""
        yield from table.to_batches(max_chunksize=1_000_000)

    def _reader(self, table: pa.Table) -> pa.RecordBatchReader:
        return pa.RecordBatchReader.from_batches(table.schema, self._batches(table))

    # -- hourly ----------------------------------------------------------------------------
    def ingest_hourly(
        self, table: pa.Table, *, source: str, warnings: list[str] | None = None
    ) -> IngestReport:
        """Insert new station-hours and replace corrected ones, in one atomic Delta commit.

        Idempotent: values equal to the stored ones (NULL-safe) are counted ``unchanged`` and,
        when nothing changes, no commit is made. Within ``table`` a repeated station-hour keeps
        its last row (a later file corrects an earlier one).
        """
        report = IngestReport(source=source, warnings=list(warnings or []))
        new = pl.from_arrow(table.select(HOURLY_SCHEMA.names).cast(HOURLY_SCHEMA))
        assert isinstance(new, pl.DataFrame)
        new = new.unique(subset=list(KEY), keep="last", maintain_order=True)
        report.flagged = int(
            new.select(
                pl.any_horizontal(pl.col(p + QC_SUFFIX).is_not_null() for p in POLLUTANTS).sum()
            ).item()
        )
        old = self._existing(new)
        now = datetime.now().isoformat(timespec="seconds")
        if old is None or old.height == 0:
            inserts = new.with_columns(
                pl.lit(0, pl.Int32).alias("revision"), pl.lit(None, pl.String).alias("history")
            )
            changed = inserts.clear()
        else:
            joined = new.join(old, on=list(KEY), how="left", suffix="_old")
            present = pl.col("revision").is_not_null()
            same = pl.all_horizontal(
                pl.col(c).eq_missing(pl.col(c + "_old")) for c in VALUE_COLUMNS
            )
            report.unchanged = joined.filter(present & same).height
            inserts = joined.filter(~present).with_columns(pl.lit(0, pl.Int32).alias("revision"))
            inserts = inserts.select(HOURLY_STORE_SCHEMA.names)
            changed = _with_history(joined.filter(present & ~same), now)
        report.inserted = inserts.height
        report.corrected = changed.height
        if report.changed == 0:
            return report
        before = self.hourly_version()
        data = pl.concat([inserts, changed]).to_arrow().cast(HOURLY_STORE_SCHEMA)
        if report.corrected == 0:
            write_deltalake(
                str(self.hourly_path), self._reader(data), partition_by=["year"], mode="append"
            )
        else:
            (
                DeltaTable(str(self.hourly_path))
                .merge(
                    self._reader(data),
                    predicate="t.year = s.year AND t.station_code = s.station_code AND t.ts = s.ts",
                    source_alias="s",
                    target_alias="t",
                )
                .when_matched_update_all()
                .when_not_matched_insert_all()
                .execute()
            )
        report.version = self.hourly_version()
        self._log(report, "hourly")
        assert report.version is not None
        if self.daily_reflects() == before:  # daily current up to this commit: touched days only
            keys = _station_days(data.select(list(KEY)))
            report.daily_rederived = self._derive_daily(keys, report.version)
        else:
            report.daily_rederived = self.refresh_daily()
        return report

    # -- station daily ---------------------------------------------------------------------
    def daily_reflects(self) -> int | None:
        """The ``hourly`` version ``station_daily`` reflects (None: no station_daily table)."""
        if not self._exists(self.station_daily_path):
            return None
        return _reflects(DeltaTable(str(self.station_daily_path)))

    def refresh_daily(self) -> int:
        """Bring ``station_daily`` up to the current ``hourly`` version; returns the number of
        station-days re-derived (0 when it was current).

        Without a station_daily table (or without its version record) every station-day is
        derived from scratch. Otherwise the station-days found in the hourly Parquet files added
        since the recorded version are re-derived: hourly rows are never deleted, so any changed
        hour lies in such a file (a rewritten file only adds days that are re-derived unchanged).
        """
        current = self.hourly_version()
        if current is None:
            return 0
        reflects = self.daily_reflects()
        if reflects == current:
            return 0
        if reflects is None or reflects > current:
            return self._derive_daily(None, current)
        old = set(DeltaTable(str(self.hourly_path), version=reflects).file_uris())
        added = [f for f in DeltaTable(str(self.hourly_path), version=current).file_uris()
                 if f not in old]  # fmt: skip
        keys = pa.table(
            {"station_code": pa.array([], pa.string()), "date": pa.array([], pa.date32())}
        )
        if added:
            con = duckdb.connect()
            keys = con.sql(
                f"SELECT DISTINCT station_code, {DUCKDB.day_of_hour('ts')} AS date "
                f"FROM read_parquet({_listing(added)})"
            ).to_arrow_table()
            con.close()
        return self._derive_daily(keys, current)

    def _derive_daily(self, keys: pa.Table | None, version: int) -> int:
        """Re-derive the station-days ``keys`` (station_code, date; None: all) from ``hourly`` at
        ``version`` with the engine's station-daily SQL, merge them into ``station_daily`` in one
        commit that records ``version``; returns the number of station-days written."""
        files = DeltaTable(str(self.hourly_path), version=version).file_uris()
        con = duckdb.connect()
        src = f"read_parquet({_listing(files)}, hive_partitioning = true)"
        if keys is None:
            view = f"SELECT * FROM {src}"
        else:
            con.register("keys", keys)
            view = (
                f"SELECT h.* FROM {src} h SEMI JOIN keys k ON h.station_code = k.station_code "
                f"AND {DUCKDB.day_of_hour('h.ts')} = k.date"
            )
        con.execute(f"CREATE VIEW hourly AS {view}")
        day = DUCKDB.day_of_hour("ts")
        bounds = (
            f"SELECT min({day}), max({day}) FROM {src}"
            if keys is None
            else ("SELECT min(date), max(date) FROM keys")
        )
        lo, hi = con.execute(bounds).fetchall()[0]
        if lo is None or hi is None:
            data = STATION_DAILY_STORE_SCHEMA.empty_table()
        else:
            parts = station_daily_parts(DUCKDB, lo, hi)
            cols = ", ".join(f'"{n}"' for n in STATION_DAILY_STORE_SCHEMA.names if n != "year")
            data = (
                con.sql(f"SELECT {cols}, CAST(year(date) AS INTEGER) AS year FROM ({parts}) p")
                .to_arrow_table()
                .select(STATION_DAILY_STORE_SCHEMA.names)
                .cast(STATION_DAILY_STORE_SCHEMA)
            )
        con.close()
        props = CommitProperties(custom_metadata={DAILY_REFLECTS: str(version)})
        writer = WriterProperties(max_row_group_size=DAILY_ROW_GROUP)
        path = str(self.station_daily_path)
        if keys is None or not self._exists(self.station_daily_path):
            mode: Literal["overwrite", "append"] = "overwrite" if keys is None else "append"
            write_deltalake(
                path,
                self._reader(data),
                partition_by=["year"],
                mode=mode,
                commit_properties=props,
                writer_properties=writer,
            )
        else:
            (
                DeltaTable(path)
                .merge(
                    self._reader(data),
                    predicate=(
                        "t.year = s.year AND t.station_code = s.station_code AND t.date = s.date"
                    ),
                    source_alias="s",
                    target_alias="t",
                    commit_properties=props,
                    writer_properties=writer,
                )
                .when_matched_update_all()
                .when_not_matched_insert_all()
                .execute()
            )
        return int(data.num_rows)

    def _existing(self, new: pl.DataFrame) -> pl.DataFrame | None:
        files = self._files(self.hourly_path)
        if not files or new.height == 0:
            return None
        years = sorted(set(new["year"].to_list()))
        con = duckdb.connect()
        keys = new.select(*KEY, "year").to_arrow()
        con.register("keys", keys)
        cols = ", ".join(f'o."{c}"' for c in HOURLY_STORE_SCHEMA.names if c != "year")
        rel = con.sql(
            f"SELECT {cols}, CAST(o.year AS INTEGER) AS year "
            f"FROM read_parquet({_listing(files)}, hive_partitioning = true) o "
            "SEMI JOIN keys k ON o.station_code = k.station_code AND o.ts = k.ts "
            f"WHERE o.year IN ({', '.join(str(y) for y in years)})"
        ).to_arrow_table()
        con.close()
        old = pl.from_arrow(rel)
        assert isinstance(old, pl.DataFrame)
        return old.select(*KEY, *VALUE_COLUMNS, "source", "revision", "history").with_columns(
            pl.col("ts").cast(new.schema["ts"])
        )

    def corrections(self) -> pa.Table:
        """Every recorded replacement: station-hour, revision, column, old/new value, sources."""
        files = self._files(self.hourly_path)
        if not files:
            return CORRECTION_SCHEMA.empty_table()
        con = duckdb.connect()
        rel = con.sql(
            "SELECT station_code, ts, history "
            f"FROM read_parquet({_listing(files)}, hive_partitioning = true) WHERE revision > 0"
        ).to_arrow_table()
        con.close()
        df = pl.from_arrow(rel)
        assert isinstance(df, pl.DataFrame)
        if df.height == 0:
            return CORRECTION_SCHEMA.empty_table()
        out = (
            df.with_columns(pl.col("history").str.json_decode(_HISTORY_DTYPE))
            .explode("history")
            .unnest("history")
            .select(CORRECTION_SCHEMA.names)
            .sort("station_code", "ts", "revision", "column")
        )
        return out.to_arrow().cast(CORRECTION_SCHEMA)

    # -- other tables ----------------------------------------------------------------------
    def ingest_city_daily(self, table: pa.Table, *, source: str) -> IngestReport:
        """Upsert published city daily values; key (city, date, dataset=``source``)."""
        report = IngestReport(source=source)
        data = (
            table.select(CITY_DAILY_SCHEMA.names)
            .append_column("dataset", pa.array([source] * table.num_rows, pa.string()))
            .cast(CITY_DAILY_STORE_SCHEMA)
        )
        if not self._exists(self.city_daily_path):
            write_deltalake(str(self.city_daily_path), self._reader(data), mode="append")
            report.inserted = data.num_rows
        else:
            res = (
                DeltaTable(str(self.city_daily_path))
                .merge(
                    self._reader(data),
                    predicate="t.city = s.city AND t.date = s.date AND t.dataset = s.dataset",
                    source_alias="s",
                    target_alias="t",
                )
                .when_matched_update_all()
                .when_not_matched_insert_all()
                .execute()
            )
            report.inserted = int(res.get("num_target_rows_inserted", 0))
            report.corrected = int(res.get("num_target_rows_updated", 0))
        self._log(report, "city_daily")
        return report

    def upsert_stations(self, table: pa.Table) -> int:
        """Insert or replace stations by ``station_code``; returns the row count given."""
        data = table.select(STATION_SCHEMA.names).cast(STATION_SCHEMA)
        if not self._exists(self.stations_path):
            write_deltalake(str(self.stations_path), data, mode="append")
        else:
            (
                DeltaTable(str(self.stations_path))
                .merge(
                    data,
                    predicate="t.station_code = s.station_code",
                    source_alias="s",
                    target_alias="t",
                )
                .when_matched_update_all()
                .when_not_matched_insert_all()
                .execute()
            )
        return int(data.num_rows)

    def log_refusal(self, source: str, reason: str) -> None:
        """Record a refused file in the ingest log."""
        self._log(IngestReport(source=source, warnings=[reason]), "refused")

    def _log(self, report: IngestReport, target: str) -> None:
        row = pa.table(
            {
                "at": [datetime.now()],
                "source": [report.source],
                "target": [target],
                "inserted": [report.inserted],
                "corrected": [report.corrected],
                "unchanged": [report.unchanged],
                "flagged": [report.flagged],
                "version": [report.version],
                "warnings": [json.dumps(report.warnings, ensure_ascii=False)],
            }
        ).cast(INGEST_LOG_SCHEMA)
        write_deltalake(str(self.log_path), row, mode="append")

    # -- reading ---------------------------------------------------------------------------
    def _refuse_stale(self) -> None:
        """Raise :class:`StaleStoreError` when ``station_daily`` is behind ``hourly``."""
        current, reflects = self.hourly_version(), self.daily_reflects()
        if current is not None and reflects != current:
            raise StaleStoreError(self.root, current, reflects)

    def version(self) -> StoreVersion:
        """What names the store's current contents, read from the Delta logs only (no data
        file): per table a reader sees (:data:`VERSIONED_TABLES`) its Delta table id and version
        (``("", -1)`` before its first commit). Every commit changes it — an ingest, ``lantian aq
        refresh``, a station upsert — and so does a table rebuilt from scratch (a new id), so
        results computed from the store may be kept under it. A stale store is refused with
        :class:`StaleStoreError`, as :meth:`connect` with ``refresh=False`` refuses it."""
        tables = {
            name: DeltaTable(str(self.root / name)) if self._exists(self.root / name) else None
            for name in VERSIONED_TABLES
        }  # each log opened once; the staleness check reads the same snapshots
        hourly, daily = tables.get(self.hourly_path.name), tables.get(self.station_daily_path.name)
        current = int(hourly.version()) if hourly is not None else None
        reflects = _reflects(daily) if daily is not None else None
        if current is not None and reflects != current:
            raise StaleStoreError(self.root, current, reflects)
        return tuple(
            (name, str(t.metadata().id), int(t.version())) if t is not None else (name, "", -1)
            for name, t in tables.items()
        )

    def connect(self, *, refresh: bool = True) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection with views ``hourly``, ``station_daily``, ``stations``,
        ``city_daily_published``, ``corrections`` and ``ingest_log`` over the current Delta
        snapshot.

        ``refresh=True`` (the CLI): a stale ``station_daily`` (an ingest stopped between its
        hourly and its daily commit) is brought up to date first (:meth:`refresh_daily`), which
        writes to the store. ``refresh=False`` (readers that must not write: the web platform,
        where requests run concurrently, or a store on a read-only disk): the store is only read,
        and a stale one is refused with :class:`StaleStoreError`, which names the command that
        repairs it.

        Views read the Delta table's current Parquet files with DuckDB's ``read_parquet``
        (``hive_partitioning`` gives ``year``); they do not see later commits — reconnect.
        """
        if refresh:
            self.refresh_daily()
        else:
            self._refuse_stale()
        con = duckdb.connect()
        specs: list[tuple[str, Path, pa.Schema, bool]] = [
            ("hourly", self.hourly_path, HOURLY_SCHEMA, True),
            ("station_daily", self.station_daily_path, STATION_DAILY_STORE_SCHEMA, True),
            ("stations", self.stations_path, STATION_SCHEMA, False),
            ("city_daily_published", self.city_daily_path, CITY_DAILY_SCHEMA, False),
            ("ingest_log", self.log_path, INGEST_LOG_SCHEMA, False),
        ]
        listed = {path: self._files(path) for _, path, _, _ in specs}
        for name, path, schema, hive in specs:
            files = listed[path]
            if not files:
                con.execute(f"CREATE VIEW {name} AS {_empty_sql(schema)}")
                continue
            cols = ", ".join(
                f'CAST("{f.name}" AS INTEGER) AS "{f.name}"' if f.name == "year" else f'"{f.name}"'
                for f in schema
            )
            listing = _listing(files)
            con.execute(
                f"CREATE VIEW {name} AS SELECT {cols} FROM read_parquet({listing}"
                f"{', hive_partitioning = true' if hive else ''})"
            )
        if listed[self.hourly_path]:
            con.execute(f"CREATE VIEW corrections AS {_corrections_sql(listed[self.hourly_path])}")
        else:
            con.execute(f"CREATE VIEW corrections AS {_empty_sql(CORRECTION_SCHEMA)}")
        return con


def _listing(files: list[str]) -> str:
    """A DuckDB list literal of file paths."""
    return "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"


#: DuckDB spelling of the Arrow types of the store's schemas.
_DUCKDB_TYPES: dict[pa.DataType, str] = {
    pa.string(): "VARCHAR",
    pa.float64(): "DOUBLE",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.date32(): "DATE",
    pa.timestamp("s"): "TIMESTAMP_S",
    pa.timestamp("us"): "TIMESTAMP",
    pa.bool_(): "BOOLEAN",
}


def _empty_sql(schema: pa.Schema) -> str:
    """SELECT of no rows with the columns and types of ``schema`` (no Arrow registration, which
    would import pandas into every process that connects)."""
    cols = ", ".join(f'CAST(NULL AS {_DUCKDB_TYPES[f.type]}) AS "{f.name}"' for f in schema)
    return f"SELECT {cols} WHERE FALSE"


def _corrections_sql(files: list[str]) -> str:
    """SELECT of :meth:`MeasurementStore.corrections` in DuckDB SQL (the ``history`` JSON
    unnested), read only when the view is queried."""
    entry = [f for f in CORRECTION_SCHEMA if f.name not in KEY]
    spec = ", ".join(
        f'"{f.name}": "{"INTEGER" if pa.types.is_integer(f.type) else "VARCHAR"}"' for f in entry
    )
    cols = ", ".join(f'"{f.name}"' for f in CORRECTION_SCHEMA)
    return (
        f"SELECT {cols} FROM (SELECT station_code, ts, "
        f"unnest(from_json(history, '[{{{spec}}}]'), recursive := true) "
        f"FROM read_parquet({_listing(files)}, hive_partitioning = true) WHERE revision > 0) c "
        f'ORDER BY station_code, ts, revision, "column"'
    )


def _station_days(hours: pa.Table) -> pa.Table:
    """Distinct (station_code, date) of station-hours, the day being ``date(ts - 1 h)``."""
    frame = pl.from_arrow(hours)
    assert isinstance(frame, pl.DataFrame)
    days = frame.select(
        pl.col("station_code"), pl.col("ts").dt.offset_by("-1h").dt.date().alias("date")
    ).unique()
    return days.to_arrow().cast(pa.schema([("station_code", pa.string()), ("date", pa.date32())]))


def _fmt(col: str) -> pl.Expr:
    return pl.col(col).cast(pl.String)


def _with_history(changed: pl.DataFrame, now: str) -> pl.DataFrame:
    """New rows for corrected station-hours: revision + 1 and the replaced values appended."""
    if changed.height == 0:
        return changed.select(HOURLY_STORE_SCHEMA.names).clear()
    revision = pl.col("revision") + 1
    entries = []
    for c in VALUE_COLUMNS:
        entry = pl.struct(
            revision.cast(pl.Int32).alias("revision"),
            pl.lit(c).alias("column"),
            _fmt(c + "_old").alias("old"),
            _fmt(c).alias("new"),
            pl.col("source_old").alias("old_source"),
            pl.col("source").alias("new_source"),
            pl.lit(now).alias("at"),
        )
        entries.append(
            pl.when(pl.col(c).eq_missing(pl.col(c + "_old"))).then(None).otherwise(entry)
        )
    added = pl.concat_list(entries).list.drop_nulls()
    prior = pl.col("history").str.json_decode(_HISTORY_DTYPE).fill_null(pl.lit([], _HISTORY_DTYPE))
    history = pl.concat_list(prior, added)
    out = changed.with_columns(
        revision.cast(pl.Int32).alias("revision"),
        history.alias("_hist"),
    )
    out = out.with_columns(pl.col("_hist").list.eval(pl.element().struct.json_encode()))
    out = out.with_columns(("[" + pl.col("_hist").list.join(",") + "]").alias("history"))
    return out.select(HOURLY_STORE_SCHEMA.names)


def _reflects(station_daily: DeltaTable) -> int | None:
    """The ``hourly`` version the ``station_daily`` table's last commit records."""
    last = station_daily.history(1)
    value = last[0].get(DAILY_REFLECTS) if last else None
    return int(value) if value is not None else None
