"""Rows → the values of :mod:`lantian.emergency`, and back: the web layer decides nothing itself.

A forecast row gives a :class:`~lantian.emergency.forecast.Forecast` (its city known to the core
by the platform area's name), a city's active lines give a
:class:`~lantian.emergency.lines.ReductionList`, a warning's events give its
:class:`~lantian.emergency.lifecycle.WarningRecord`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from lantian.emergency import lifecycle as lc
from lantian.emergency.decision import Directive
from lantian.emergency.forecast import (
    AQIValue,
    DailyForecast,
    Forecast,
    HourlyForecast,
    parse_time,
)
from lantian.emergency.grades import Category, parse_grade
from lantian.emergency.levels import POLLUTANTS, Level
from lantian.emergency.lines import Capacity, Line, ReductionList
from lantian.emergency.listfile import EVEN
from lantian.emergency.measures import Kind, Measure, Transport
from lantian.emergency.schemes import LocalRule, parse_local_rule
from lantian.emergency.staggered import Calendar, StaggerPeriod
from lantian.web.emergency import models as m
from lantian.web.org.models import Area

# --- forecasts ---------------------------------------------------------------------------------


def _aqi(value: AQIValue) -> dict[str, int]:
    return {"lo": value.lo, "hi": value.hi}


def forecast_json(fc: Forecast) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The daily and hourly values of ``fc`` as stored in :class:`~.models.Forecast`."""
    days = [
        {
            "day": d.day.isoformat(),
            "aqi": _aqi(d.aqi),
            "primary": list(d.primary),
            "category": list(d.category) if d.category else None,
        }
        for d in fc.days
    ]
    hours = [
        {"end": h.end.isoformat(), "aqi": _aqi(h.aqi), "primary": list(h.primary)} for h in fc.hours
    ]
    return days, hours


def to_forecast(row: m.Forecast) -> Forecast:
    """The stored forecast as the core's value; its city is the platform area's name."""
    days = tuple(
        DailyForecast(
            date.fromisoformat(d["day"]),
            AQIValue(d["aqi"]["lo"], d["aqi"]["hi"]),
            tuple(d["primary"]),
            (d["category"][0], d["category"][1]) if d["category"] else None,
        )
        for d in row.days
    )
    hours = tuple(
        HourlyForecast(
            parse_time(h["end"]), AQIValue(h["aqi"]["lo"], h["aqi"]["hi"]), tuple(h["primary"])
        )
        for h in row.hours
    )
    return Forecast(row.city.name, parse_time(row.issued.isoformat()), days, hours, row.source)


def day_values(row: m.Forecast) -> list[dict[str, Any]]:
    """The daily values for a page: day, AQI text, primary pollutants."""
    return [
        {
            "day": date.fromisoformat(d["day"]),
            "aqi": str(AQIValue(d["aqi"]["lo"], d["aqi"]["hi"])),
            "heavy": d["aqi"]["hi"] > 200,
            "primary": "/".join(p.upper().replace("PM25", "PM2.5") for p in d["primary"]),
        }
        for d in row.days
    ]


def to_local_rule(row: m.LocalRule) -> LocalRule:
    """The stored rule read again by the core (its city is the platform area's name)."""
    rule = parse_local_rule(row.text, Path(row.file_name).name)
    return replace(rule, city=row.city.name, path=row.file_name)


def to_directive(row: m.RegionalDirective) -> Directive:
    return Directive(row.issuer, Level(row.level), row.start, row.end, row.reference)


# --- the list ----------------------------------------------------------------------------------

_TRANSPORT = {t.name.lower(): t for t in Transport}


def to_measure(row: m.MeasureFields) -> Measure:
    return Measure(Kind(row.kind), row.value, _TRANSPORT[row.transport])


def measure_fields(measure: Measure) -> dict[str, Any]:
    """The columns of :class:`~.models.MeasureFields` for ``measure``."""
    return {
        "text": measure.zh,
        "kind": measure.kind.value,
        "value": measure.value,
        "transport": measure.transport.name.lower(),
    }


def to_line(row: m.ProductionLine, own: dict[Level, Measure]) -> Line:
    """The line as the core sees it: daily emissions by the list's default basis (÷ 365)."""
    caps = (row.eia_capacity, row.permit_capacity, row.actual_output)
    return Line(
        line_id=row.line_id,
        enterprise_id=row.enterprise.list_id,
        industry=row.industry,
        emissions={p: EVEN.daily(p, v) for p, v in row.annual().items()},
        name=row.name,
        enterprise=row.enterprise.name,
        grade=parse_grade(row.grade) if row.grade else None,
        category=Category(row.category),
        capacity=Capacity(*caps, unit=row.capacity_unit)
        if any(v is not None for v in caps)
        else None,
        normal_coking_h=row.normal_coking_h,
        own=own,
        synthetic=row.synthetic,
        note=row.note,
        row=row.list_row,
    )


def lines_of(rows: Any) -> list[Line]:
    """Core lines of the given line rows, with their own measures in force (in file order)."""
    rows = list(rows.select_related("enterprise").prefetch_related("measures"))
    rows.sort(key=lambda r: (r.list_row is None, r.list_row or 0, r.pk))
    return [
        to_line(r, {Level(x.level): to_measure(x) for x in r.measures.all() if x.active})
        for r in rows
    ]


def active_lines(city: Area) -> Any:
    return m.ProductionLine.objects.filter(enterprise__area=city, active=True)


def city_list(city: Area) -> ReductionList:
    """The city's list: every active line of its enterprises."""
    return ReductionList(tuple(lines_of(active_lines(city))))


def enterprise_list(enterprise: m.Enterprise) -> ReductionList:
    """The enterprise's own lines (its grade, the lowest over its industries, needs no other)."""
    return ReductionList(tuple(lines_of(enterprise.lines.filter(active=True))))


def latest_import(city: Area) -> m.ListImport | None:
    return m.ListImport.objects.filter(city=city).first()


def city_daily(imported: m.ListImport) -> dict[str, float]:
    """The city's daily emissions [t/d] by the list's default basis."""
    return {p: EVEN.daily(p, float(imported.city_emissions[p])) for p in POLLUTANTS}


def to_period(line_id: str, row: m.StaggeredPeriod) -> StaggerPeriod:
    """A stored period of staggered production as the core's value (of line ``line_id``)."""
    return StaggerPeriod(
        line_id, row.start, row.end, Measure(Kind(row.kind), row.value), row.baseline, row.source
    )


def calendar_of(rows: Any) -> Calendar:
    return Calendar(tuple(to_period(p.line.line_id, p) for p in rows.select_related("line")))


# --- warnings ----------------------------------------------------------------------------------


def level_or_none(text: str | None) -> Level | None:
    return Level(text) if text else None


def to_event(row: m.WarningEvent) -> lc.Event:
    return lc.Event(
        kind=lc.Kind(row.kind),
        at=row.at,
        by=row.by.get_username(),
        level=level_or_none(row.level),
        measures_start=row.measures_start,
        expected_end=row.expected_end,
        approver=row.approver,
        forecast=None,
        reason=row.note,
    )


def record_of(warning: m.Warning) -> lc.WarningRecord:
    """The warning's record: its stored events replayed through the life cycle."""
    events = warning.events.select_related("by").order_by("at", "pk")
    return lc.WarningRecord.replay(warning.city.name, [to_event(e) for e in events])
