"""The calendar page's grid (a Gantt chart in a table): month and day columns, a row of warning
days, a row per industry (lines stopped and limited, share of baseline capacity cut) and, below
an industry or an enterprise, a row per line with its periods as bars. Consecutive days that look
the same are one cell spanning them (``colspan``), so a season of 122 days stays a few cells."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from lantian.emergency.industries import industries
from lantian.emergency.levels import Level
from lantian.emergency.measures import Kind, Measure
from lantian.emergency.staggered import IndustryDay
from lantian.web.emergency.calendar import CalendarData
from lantian.web.emergency.page_utils import english

#: Share of baseline capacity cut → shade of an industry cell (upper bounds, inclusive).
HEAT = ((0.0, "heat-0"), (0.10, "heat-1"), (0.25, "heat-2"), (0.50, "heat-3"), (1.0, "heat-4"))


@dataclass(frozen=True)
class Cell:
    """A run of days that look the same: ``span`` columns from ``start``."""

    start: date
    end: date
    span: int
    css: str
    text: str
    title: str


def runs(days: Sequence[date], look: Callable[[date], Hashable]) -> list[tuple[date, date, Any]]:
    """Consecutive days with the same ``look(day)``: (first, last, look)."""
    out: list[tuple[date, date, Any]] = []
    for day in days:
        value = look(day)
        if out and out[-1][2] == value:
            out[-1] = (out[-1][0], day, value)
        else:
            out.append((day, day, value))
    return out


def industry_name(code: str) -> str:
    ind = industries().get(code)
    if ind is None:
        return code
    return ind.en if english() else ind.zh


def measure_text(measure: Measure | None) -> str:
    if measure is None:
        return ""
    if not english():
        return measure.zh
    if measure.kind is Kind.STOP:
        return "stop"
    return f"limit {measure.value:g}%" if measure.kind is Kind.LIMIT else measure.zh


def measure_css(measure: Measure | None) -> str:
    if measure is None:
        return "bar-none"
    if measure.kind is Kind.STOP:
        return "bar-stop"
    value = measure.value or 0
    return "bar-limit-high" if value > 50 else "bar-limit-mid" if value > 30 else "bar-limit-low"


def heat(share: float | None) -> str:
    if share is None:
        return "heat-na"
    for bound, css in HEAT:
        if share <= bound + 1e-12:
            return css
    return HEAT[-1][1]


def _span(a: date, b: date) -> int:
    return (b - a).days + 1


def _when(a: date, b: date) -> str:
    return a.isoformat() if a == b else f"{a.isoformat()} – {b.isoformat()}"


def industry_cells(rows: list[IndustryDay]) -> list[Cell]:
    by_day = {r.day: r for r in rows}

    def look(day: date) -> Hashable:
        r = by_day[day]
        share = r.share_cut
        return (r.stopped, r.limited, None if share is None else round(share, 4))

    cells = []
    for a, b, (stopped, limited, share) in runs(sorted(by_day), look):
        text = ""
        if stopped or limited:
            text = _("stop %(s)d · limit %(l)d") % {"s": stopped, "l": limited}
        pct = "—" if share is None else f"{share:.1%}"
        title = _(
            "%(when)s: %(s)d lines stopped, %(l)d limited; %(pct)s of baseline capacity cut"
        ) % {"when": _when(a, b), "s": stopped, "l": limited, "pct": pct}
        cells.append(
            Cell(a, b, _span(a, b), heat(share) if stopped or limited else "heat-0", text, title)
        )
    return cells


def line_cells(days: Sequence[date], on: Callable[[date], Measure | None]) -> list[Cell]:
    cells = []
    for a, b, measure in runs(days, on):
        text = measure_text(measure)
        title = f"{_when(a, b)}: {text}" if measure is not None else _when(a, b)
        cells.append(Cell(a, b, _span(a, b), measure_css(measure), text, title))
    return cells


def warning_cells(days: Sequence[date], levels: dict[date, Level]) -> list[Cell]:
    cells = []
    for a, b, level in runs(days, levels.get):
        name = "" if level is None else (level.en if english() else level.zh)
        css = "warn-none" if level is None else f"warn-{level.value}"
        cells.append(Cell(a, b, _span(a, b), css, name, f"{_when(a, b)} {name}".strip()))
    return cells


def months(days: Sequence[date]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for a, b, (year, month) in runs(days, lambda d: (d.year, d.month)):
        label = f"{year}-{month:02d}" if english() else f"{year}年{month}月"
        out.append({"label": label, "span": _span(a, b)})
    return out


def grid(data: CalendarData, show_lines: bool) -> dict[str, Any]:
    """What the template draws: months, days, the warning row, industry rows and (``show_lines``)
    line rows grouped by enterprise."""
    days = data.days
    by_industry: dict[str, list[IndustryDay]] = {}
    for r in data.industry_days:
        by_industry.setdefault(r.industry, []).append(r)
    industry_rows = []
    for code, rows in by_industry.items():
        if not any(r.stopped or r.limited for r in rows) and data.query.industry != code:
            continue  # industries the calendar leaves alone take no row
        industry_rows.append(
            {
                "code": code,
                "name": industry_name(code),
                "lines": rows[0].lines,
                "unit": rows[0].unit,
                "cells": industry_cells(rows),
            }
        )
    groups: list[dict[str, Any]] = []
    for view in data.lines if show_lines else []:
        ent = view.row.enterprise
        if not groups or groups[-1]["enterprise"].pk != ent.pk:
            groups.append({"enterprise": ent, "lines": []})
        groups[-1]["lines"].append(
            {
                "row": view.row,
                "industry": industry_name(view.row.industry),
                "cells": line_cells(days, lambda d, lid=view.row.line_id: _measure(data, lid, d)),
            }
        )
    return {
        "months": months(days),
        "days": [{"day": d, "label": d.day, "weekend": d.weekday() >= 5} for d in days],
        "warnings": warning_cells(days, data.warning_days),
        "industries": industry_rows,
        "groups": groups,
    }


def _measure(data: CalendarData, line_id: str, day: date) -> Measure | None:
    period = data.calendar.on(line_id, day)
    return period.measure if period is not None else None
