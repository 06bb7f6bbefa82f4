"""What the CSV and JSON readers share: the error that refuses a file, the rows of one forecast
as they are collected, and building the forecasts from them (checking each sequence and naming
the entry at fault).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from lantian.airquality.errors import IngestError
from lantian.emergency.forecast.values import (
    DailyForecast,
    Forecast,
    HourlyForecast,
    check_cover,
    check_days,
    check_hours,
)


class ForecastError(IngestError):
    """A forecast file that cannot be read; the whole file is refused.

    ``line`` is the 1-based line of a CSV file (header = line 1); for JSON, ``pointer`` is the
    path of the bad value (``$.forecasts[0].days[2].aqi``) and ``line`` is set only for syntax
    errors.
    """

    def __init__(
        self, path: str | Path, line: int | None, reason: str, pointer: str | None = None
    ) -> None:
        super().__init__(path, line, reason)
        self.pointer = pointer

    def __str__(self) -> str:
        if self.pointer is not None:
            return f"{self.path}:{self.pointer}: {self.reason}"
        return super().__str__()


@dataclass
class Group:
    """The rows of one forecast while a file is read, each with where it came from (a CSV line
    or a JSON path)."""

    city: str
    issued: datetime
    where: Any
    source: str = ""
    days: list[tuple[DailyForecast, Any]] = field(default_factory=list)
    hours: list[tuple[HourlyForecast, Any]] = field(default_factory=list)


#: Makes the error for an entry: (where, reason) → error.
Locate = Callable[[Any, str], ForecastError]


def unreadable(exc: Exception) -> str:
    return f"无法读取：{exc} (unreadable: {exc})"


def build(groups: Iterable[Group], locate: Locate) -> tuple[Forecast, ...]:
    """Check each group's sequence (reporting the entry at fault) and make the forecasts."""
    out: list[Forecast] = []
    for g in groups:
        days = sorted(g.days, key=lambda e: e[0].day)
        hours = sorted(g.hours, key=lambda e: e[0].end)
        for problem, entries in (
            (check_days([d for d, _ in days], g.issued), days),
            (check_hours([h for h, _ in hours]), hours),
            (check_cover([d for d, _ in days], [h for h, _ in hours]), hours),
        ):
            if problem is not None:
                index, reason = problem
                raise locate(entries[index][1], reason)
        out.append(
            Forecast(
                g.city,
                g.issued,
                tuple(d for d, _ in days),
                tuple(h for h, _ in hours),
                g.source,
            )
        )
    return tuple(out)
