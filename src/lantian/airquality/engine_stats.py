"""The engine's period statistics seen as target metrics (adapter for :mod:`targets`).

Maps each target metric onto the engine's statistic column, its display (rounded) column and the
count of valid days behind it. When no statistics can be computed from station hours for an
area and period (e.g. a previous year that was never ingested hour by hour), the published city
daily values (``city_daily_published``) are used instead, and the row says so in ``source``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from lantian.airquality.periods import Period

#: target metric → (statistic column, column counting the valid days behind it).
METRIC_COLUMNS: dict[str, tuple[str, str]] = {
    "pm25": ("pm25", "n_pm25"),
    "pm10": ("pm10", "n_pm10"),
    "so2": ("so2", "n_so2"),
    "no2": ("no2", "n_no2"),
    "co": ("co_p95", "n_co"),
    "o3": ("o3_8h_p90", "n_o3_8h"),
    "composite": ("composite", "valid_days"),
    "good_ratio": ("good_ratio", "valid_days"),
    "good_days": ("good_days", "valid_days"),
    "heavy_days": ("heavy_pollution_days", "valid_days"),
}


class EngineStats:
    """``area_stats(period, area)`` for :func:`lantian.airquality.targets.progress`."""

    def __init__(self, engine: Any, *, fallback_published: bool = True) -> None:
        self.engine = engine
        self.fallback_published = fallback_published
        # Targets of one plan share their area and periods: each statistic is computed once
        # per adapter (make a new adapter to see newly ingested data).
        self._rows: dict[tuple[date, date, str, str], dict[str, Any] | None] = {}

    def area_stats(self, period: Period, area: str) -> Mapping[str, Any] | None:
        row = self._row(period, area, "computed")
        if (row is None or not row.get("valid_days")) and self.fallback_published:
            row = self._row(period, area, "published")
        if row is None or not row.get("valid_days"):
            return None
        out: dict[str, Any] = {"valid_days": row["valid_days"], "source": row["_source"]}
        for metric, (col, n_col) in METRIC_COLUMNS.items():
            out[metric] = row.get(col)
            out[f"{metric}_display"] = row.get(f"{col}_display", row.get(col))
            out[f"{metric}_n"] = row.get(n_col)
        return out

    def _row(self, period: Period, area: str, source: str) -> dict[str, Any] | None:
        key = (period.start, period.end, area, source)
        if key not in self._rows:
            frame = self.engine.period_stats(period, areas=[area], source=source)
            row: dict[str, Any] | None = None
            if frame.height:
                row = frame.row(0, named=True)
                row["_source"] = source
            self._rows[key] = row
        return self._rows[key]
