"""What the dashboard shows, computed from the measurement store (no Django here).

The page and ``/api/dashboard/`` both call :func:`dashboard_summary` (STYLE 14), so they show the
same numbers. Everything comes from the air-quality engine: target progress from
:func:`lantian.airquality.targets.progress`, the calendar from ``Engine.city_daily``, the ranking
from ``Engine.rank``; the level colours from the AQI standard in force (HJ 633 附录A).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from lantian.airquality.engine import Engine
from lantian.airquality.engine_stats import EngineStats
from lantian.airquality.errors import IngestError
from lantian.airquality.periods import Period
from lantian.airquality.store import MeasurementStore
from lantian.airquality.targets import METRICS, Target, progress, read_targets
from lantian.standards.versions import aqi_standard

#: The statistic the ranking of areas is by (综合指数, lower is better).
RANK_BY = "composite"

#: English for the engine's validity flags (HJ 663 data-capture rule).
VALIDITY_EN: dict[str, str] = {"有效": "valid", "数据不足": "insufficient data"}


@dataclass(frozen=True)
class DashboardRequest:
    """Where the data are and what to show: ``as_of`` ``None`` means the last day with data,
    but not after ``today`` (when given: the platform's date, fixed in the demo)."""

    store: Path
    targets: Path
    as_of: date | None = None
    city: str | None = None
    today: date | None = None


def store_exists(store: Path) -> bool:
    """Whether a measurement store has been created at ``store`` (``lantian demo`` or ingest)."""
    return (store / "hourly").is_dir()


def read_store(store: Path) -> duckdb.DuckDBPyConnection | None:
    """A connection that only reads the measurement store at ``store`` (``None`` when there is
    none). The platform never writes the store while serving requests: a stale one raises
    :class:`lantian.airquality.store.StaleStoreError`, which the site answers with 503 and the
    repair command."""
    if not store_exists(store):
        return None
    return MeasurementStore(store).connect(refresh=False)


def dashboard_summary(req: DashboardRequest) -> dict[str, Any]:
    """The dashboard's data as plain JSON-ready values.

    Without a store: ``{"store": False, "store_path": ...}`` and nothing else. Otherwise the keys
    ``as_of``, ``last_day``, ``city``, ``targets`` (one row per target), ``targets_error`` (the
    targets file's ``file:line: reason``, or ``None``), ``calendar`` and ``ranking``.
    """
    con = read_store(req.store)
    if con is None:
        return {"store": False, "store_path": str(req.store)}
    engine = Engine(con)
    last = last_day_with_data(con)
    as_of = req.as_of or (min(last, req.today) if last and req.today else last)
    targets, targets_error = _read_targets(req.targets)
    city = req.city or (targets[0].area if targets else None)
    out: dict[str, Any] = {
        "store": True,
        "store_path": str(req.store),
        "as_of": _iso(as_of),
        "last_day": _iso(last),
        "city": city,
        "targets_file": req.targets.name,
        "targets_error": targets_error,
        "targets": [],
        "calendar": None,
        "ranking": None,
    }
    if as_of is None:  # a store with no measurement yet
        return out
    stats = EngineStats(engine)
    out["targets"] = [target_row(t, stats, as_of) for t in targets if city in (None, t.area)]
    if city is not None:
        out["calendar"] = aqi_calendar(engine, city, as_of)
    out["ranking"] = area_ranking(engine, as_of)
    return out


def last_day_with_data(con: Any) -> date | None:
    """The last day of the station-daily table (the day of the newest hourly value)."""
    ((day,),) = con.sql("SELECT max(date) FROM station_daily").fetchall()
    return day if isinstance(day, date) else None


def _read_targets(path: Path) -> tuple[list[Target], str | None]:
    try:
        return read_targets(path), None
    except (IngestError, OSError) as exc:
        return [], str(exc)


def target_row(target: Target, stats: EngineStats, as_of: date) -> dict[str, Any]:
    """One target on ``as_of``: value so far, bound, what the remaining days must keep to."""
    pr = progress(stats, target, as_of)
    zh, en, unit, _kind = METRICS[target.metric]
    shown = pr.details.get("display")
    return {
        "area": target.area,
        "label": target.label or f"{zh} {target.op} {target.bound}",
        "metric": target.metric,
        "metric_zh": zh,
        "metric_en": en,
        "unit": unit,
        "period": target.period.label,
        "op": target.op,
        "op_sign": "≤" if target.op == "<=" else "≥",
        "bound": _round(pr.bound),
        "value": _number(shown) if shown is not None else _round(pr.value),
        "last_year": _round(pr.last_year),
        "days_elapsed": pr.days_elapsed,
        "days_total": pr.days_total,
        "valid_days": pr.valid_days,
        "required": _round(pr.required),
        "required_note": pr.required_note,
        "status": pr.status,
        "status_zh": pr.status_zh,
        "status_en": pr.status_en,
    }


def aqi_calendar(engine: Engine, city: str, as_of: date) -> dict[str, Any]:
    """Daily AQI of ``city`` from 1 January of ``as_of``'s year to ``as_of``, with the levels.

    ``days`` holds ``[date, aqi, level]`` (level 1–6; a day without AQI is left out).
    """
    start = date(as_of.year, 1, 1)
    frame = engine.city_daily(start, as_of, cities=[city])
    days = [
        [d.isoformat(), int(aqi), int(level)]
        for d, aqi, level in frame.select("date", "aqi", "level").iter_rows()
        if aqi is not None and level is not None
    ]
    return {
        "city": city,
        "start": start.isoformat(),
        "end": as_of.isoformat(),
        "days": days,
        "levels": aqi_levels(as_of),
    }


def aqi_levels(on: date) -> list[dict[str, Any]]:
    """The AQI levels of the standard in force on ``on``, with their colours (附录A)."""
    std = aqi_standard(on=on)
    return [
        {
            "level": lv.number,
            "name_zh": lv.name_zh,
            "name_en": lv.name_en,
            "category_zh": lv.category_zh,
            "category_en": lv.category_en,
            "aqi_lo": lv.aqi_lo,
            "aqi_hi": lv.aqi_hi,
            "colour": lv.colour.hex,
        }
        for lv in std.LEVELS
    ]


def area_ranking(engine: Engine, as_of: date) -> dict[str, Any]:
    """The areas ranked by composite index from 1 January to ``as_of`` (累计).

    Areas flagged 数据不足 are ranked too and keep the flag in ``validity``.
    """
    period = Period(date(as_of.year, 1, 1), as_of, f"{as_of.year}-01-01..{as_of.isoformat()}")
    frame = engine.rank(period, by=RANK_BY, include_insufficient=True)
    rows = [
        {
            "rank": row["rank"],
            "area": row["area"],
            "composite": _number(row["composite_display"]),
            "pm25": _number(row["pm25_display"]),
            "good_ratio": _number(row["good_ratio_display"]),
            "valid_days": row["valid_days"],
            "validity": row["validity"],
            "validity_en": VALIDITY_EN.get(row["validity"], row["validity"]),
        }
        for row in frame.iter_rows(named=True)
    ]
    return {"period": period.label, "by": RANK_BY, "rows": rows}


def _number(v: Any) -> float | int | None:
    """A display value as JSON: whole numbers without ``.0`` (PM2.5 75, not 75.0)."""
    if v is None:
        return None
    f = float(v)
    return int(f) if f.is_integer() else f


def _round(v: float | None) -> float | int | None:
    return None if v is None else _number(round(v, 2))


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()
