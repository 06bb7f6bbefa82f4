"""The few lantian calls the benchmark makes, in one place (adapt here when an API moves)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

#: Concentration columns → HJ 633 real-time indicators of the CNEMC_PUBLISHED profile.
HOURLY_INDICATOR = {
    "so2": "so2_1h",
    "no2": "no2_1h",
    "co": "co_1h",
    "o3": "o3_1h",
    "pm10": "pm10_1h",
    "pm25": "pm25_1h",
}


def hourly_aqi_columns(columns: dict[str, np.ndarray]) -> np.ndarray:
    """Hourly AQI (HJ 633-2012, profile CNEMC_PUBLISHED) of pollutant columns; -1 = none."""
    from lantian.standards import hj633_2012

    arrays = hj633_2012.aqi_array(
        {HOURLY_INDICATOR[p]: v for p, v in columns.items()},
        report="hourly",
        profile="CNEMC_PUBLISHED",
    )
    return np.asarray(arrays.aqi)


def hourly_aqi_cube(values: np.ndarray) -> np.ndarray:
    """Hourly AQI of a value cube (stations, 6, hours), ``schema.POLLUTANTS`` order; NaN = none."""
    from lantian.airquality.schema import POLLUTANTS

    flat = {p: values[:, k].reshape(-1).astype(np.float64) for k, p in enumerate(POLLUTANTS)}
    aqi = hourly_aqi_columns(flat).astype(np.float32)
    aqi[aqi < 0] = np.nan
    return aqi.reshape(values.shape[0], values.shape[2])


# -- store and ingest ------------------------------------------------------------------------
def open_store(root: Path) -> Any:
    from lantian.airquality.store import MeasurementStore

    return MeasurementStore(root)


def register_stations(store: Any, station_list: Path) -> int:
    from lantian.airquality.stations import read_station_list

    return int(store.upsert_stations(read_station_list(station_list)))


def ingest_files(store: Any, paths: list[Path]) -> Any:
    """``ingest_paths(store, paths)`` of ``lantian.airquality.ingest``."""
    from lantian.airquality.ingest import ingest_paths

    return ingest_paths(store, paths)


def describe_ingest(outcomes: Any) -> dict[str, int]:
    """A JSON-able summary of the ``FileOutcome`` list ``ingest_paths`` returned."""
    out = {"accepted": 0, "refused": 0, "inserted": 0, "corrected": 0, "unchanged": 0,
           "flagged": 0, "warnings": 0}  # fmt: skip
    seen: set[int] = set()
    for o in outcomes:
        out["accepted" if o.error is None else "refused"] += 1
        out["warnings"] += len(o.warnings)
        if o.report is not None and id(o.report) not in seen:
            seen.add(id(o.report))
            for key in ("inserted", "corrected", "unchanged", "flagged"):
                out[key] += int(getattr(o.report, key))
    return out


def parquet_files(root: Path) -> list[str]:
    """The Parquet files of the current snapshot of the store's hourly table."""
    from deltalake import DeltaTable

    return [str(f) for f in DeltaTable(str(open_store(root).hourly_path)).file_uris()]


def count_rows(store: Any) -> int:
    con = store.connect()
    return int(con.execute("SELECT count(*) FROM hourly").fetchone()[0])


def read_columns(root: Path) -> dict[str, np.ndarray]:
    """The six pollutant columns of every stored station-hour (QC-flagged values as NaN)."""
    from lantian.airquality.schema import POLLUTANTS, QC_SUFFIX

    con = open_store(root).connect()
    cols = ", ".join(f"CASE WHEN {p}{QC_SUFFIX} IS NULL THEN {p} END AS {p}" for p in POLLUTANTS)
    table = con.sql(f"SELECT {cols} FROM hourly").to_arrow_table()
    return {
        p: table.column(p).to_numpy(zero_copy_only=False).astype(np.float64) for p in POLLUTANTS
    }


def city_of_stations(root: Path) -> pd.Series:
    """station_code → city of the stations that count for the city value (not background)."""
    con = open_store(root).connect()
    frame = con.execute(
        "SELECT station_code, city FROM stations "
        "WHERE coalesce(station_type, 'national') = 'national'"
    ).df()
    return frame.set_index("station_code")["city"]


# -- engine ----------------------------------------------------------------------------------
def load_engine_modules() -> None:
    """Import the store and the engine (and with them polars, duckdb, deltalake, pyarrow)."""
    import lantian.airquality.engine
    import lantian.airquality.store  # noqa: F401


def engine_of(root: Path) -> Any:
    from lantian.airquality.engine import Engine

    return Engine(open_store(root).connect())


def evaluation_steps(root: Path, year: int) -> list[tuple[str, Any]]:
    """The engine's steps over the whole year, each returning its row count when run.

    Every ``Engine`` method is one SQL statement from the store, so each step is timed from the
    hourly rows; ``rank`` is store → ranking on its own.
    """
    import tempfile
    from datetime import date

    start, end = date(year, 1, 1), date(year, 12, 31)
    eng = engine_of(root)
    out = Path(tempfile.mkdtemp(prefix="lantian-bench-")) / "hourly_aqi.parquet"
    return [
        # the whole-country path: streamed to Parquet, never held in memory
        ("hourly_aqi", lambda: eng.hourly_aqi_to_parquet(str(out), start, end)),
        ("station_daily", lambda: eng.station_daily(start, end).height),
        ("city_daily", lambda: eng.city_daily(start, end).height),
        ("period_stats", lambda: eng.period_stats(str(year)).height),
        ("rank", lambda: eng.rank(str(year)).height),
    ]


def _unordered_hourly_sql(eng: Any, year: int) -> str:
    """The engine's hourly AQI SQL for ``year`` without the final ORDER BY (aggregated)."""
    from datetime import date

    from lantian.airquality.engine.hourly_sql import hourly_aqi_sql

    start, end = date(year, 1, 1), date(year, 12, 31)
    return hourly_aqi_sql(eng.dialect, eng.versions, eng.options, start, end, None, ordered=False)


def hourly_aqi_in_duckdb(root: Path, year: int) -> int:
    """The engine's hourly AQI SQL for every row of ``year``, aggregated inside DuckDB straight
    from the store's Parquet files (no transfer to Python): the number of station-hours with an
    AQI."""
    eng = engine_of(root)
    sql = _unordered_hourly_sql(eng, year)
    return int(eng.con.execute(f"SELECT count(aqi) FROM ({sql}) h").fetchone()[0])


def hourly_table_in_memory(root: Path) -> Any:
    """An engine over a DuckDB connection whose ``hourly`` is an in-memory table (loaded here,
    not timed), as the peers get their values already in memory."""
    import duckdb

    from lantian.airquality.engine import Engine

    con = duckdb.connect()
    con.execute(f"CREATE TABLE hourly AS SELECT * FROM read_parquet({parquet_files(root)!r})")
    return Engine(con)


def hourly_aqi_in_memory(eng: Any, year: int) -> int:
    """The engine's hourly AQI SQL over the in-memory table, aggregated inside DuckDB."""
    sql = _unordered_hourly_sql(eng, year)
    return int(eng.con.execute(f"SELECT count(aqi) FROM ({sql}) h").fetchone()[0])


def hourly_aqi_to_parquet(root: Path, year: int, path: Path) -> int:
    """Every column of the hourly AQI of ``year`` streamed to one Parquet file (DuckDB
    ``COPY``); returns the number of rows written."""
    from datetime import date

    eng = engine_of(root)
    return int(eng.hourly_aqi_to_parquet(str(path), date(year, 1, 1), date(year, 12, 31)))


def rank_end_to_end(root: Path, year: int) -> int:
    """Open the store, rank all cities on the composite index of ``year``; returns the count."""
    return int(engine_of(root).rank(str(year)).height)


def write_annual(root: Path, year: int, path: Path) -> None:
    """lantian's annual statistics and ranks of every city as Parquet (for the pandas check)."""
    eng = engine_of(root)
    stats = eng.period_stats(str(year)).to_pandas()
    ranks = eng.rank(str(year)).to_pandas()
    stats.to_parquet(path.with_suffix(".stats.parquet"))
    ranks.to_parquet(path.with_suffix(".rank.parquet"))
    table = annual_table(stats, ranks)
    table.to_parquet(path)


def annual_table(stats: pd.DataFrame, ranks: pd.DataFrame) -> pd.DataFrame:
    """Columns city, six pollutants, composite, rank, valid from the engine's outputs."""
    out = stats.rename(columns={"area": "city", "co_p95": "co", "o3_8h_p90": "o3"})
    out = out[["city", "so2", "no2", "co", "o3", "pm10", "pm25", "composite", "valid"]].copy()
    for col in ("co", "o3"):  # exact decimals from the engine
        out[col] = out[col].astype(float)
    rank_of = ranks.set_index("area")["rank"]
    out["rank"] = out["city"].map(rank_of).astype("Float64")
    return out
