"""The office loads a season's staggered-production calendar (错峰生产日历) for a city: whole or
refused, audited, nothing deleted.

The file is read by the core (:func:`lantian.emergency.calendar_file.read_calendar`: every row
checked, refusals as ``file:line: reason`` naming the uploaded file); then every row must name an
active line of the city's list (企业编号 + 生产线编号), else the file is refused the same way.
Only then is anything written, in one transaction:

- the file's **season** is its span, from its earliest start to its latest end;
- a row already held by an active period of the line (same days, measure, baseline and 依据) is
  kept as it is; any other row becomes a new period (source: the row's 依据);
- the active periods of the city that meet the season and came from an earlier import (not from
  an approved change: those are the published change log's and stay) but are not in the file
  are **marked inactive** — a re-import replaces nothing silently: each is an audited update;
- the import itself is recorded as a :class:`~lantian.web.emergency.models.CalendarImport`
  (city, file, SHA-256, season, counts, by and at; each period it creates points to it) and in
  the audit log (the record's ``create`` and ``import_staggered_calendar``: file, SHA-256,
  season, counts, the periods created and withdrawn).

An import that changes no period is recorded only when its file (SHA-256) has never been
recorded for the city: the same file twice writes and records nothing (no second record); a
different file holding the same periods is recorded (created 0, withdrawn 0), so that the
history says who imported it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from rest_framework import exceptions

from lantian.emergency.calendar_file import CalendarFileError, CalendarRow, read_calendar
from lantian.web.audit.audited import audited
from lantian.web.audit.log import record
from lantian.web.emergency import models as m
from lantian.web.emergency.forecasting import office_or_403
from lantian.web.ledger import clock
from lantian.web.org.models import Area
from lantian.web.uploads import refusal, saved, sha256, upload_name

MAX_CALENDAR_BYTES = 5 * 1024 * 1024
#: The audit log's name of an import (besides its ``CalendarImport`` row's ``create``).
IMPORT_ACTION = "import_staggered_calendar"
IMPORT_TYPE = "emergency.staggeredcalendar"
SOURCE_MAX = m.StaggeredPeriod._meta.get_field("source").max_length or 200

Key = tuple[int, date, date, str, float | None, float | None, str]


@dataclass
class CalendarImportSummary:
    """What an import did: the season, the periods created, kept and withdrawn."""

    file_name: str
    sha256: str
    season: tuple[date, date]
    rows: int
    created: list[m.StaggeredPeriod] = field(default_factory=list)
    kept: int = 0
    withdrawn: list[m.StaggeredPeriod] = field(default_factory=list)
    #: the import's record; ``None`` when nothing was recorded (the same file again)
    record: m.CalendarImport | None = None

    @property
    def changed(self) -> bool:
        return bool(self.created or self.withdrawn)


def _key(row: m.StaggeredPeriod) -> Key:
    return (row.line_id, row.start, row.end, row.kind, row.value, row.baseline, row.source)


def _new_period(line: m.ProductionLine, r: CalendarRow) -> m.StaggeredPeriod:
    p = r.period
    return m.StaggeredPeriod(
        line=line,
        start=p.start,
        end=p.end,
        kind=p.measure.kind.value,
        value=p.measure.value,
        baseline=p.baseline,
        source=p.source,
        active=True,
    )


def _lines(city: Area, rows: tuple[CalendarRow, ...], name: str) -> list[m.ProductionLine]:
    """The active line of the city's list each row names (refused with ``file:line`` when a row
    names none, or its 依据 is too long to keep)."""
    lines = {
        (ln.enterprise.list_id, ln.line_id): ln
        for ln in m.ProductionLine.objects.filter(
            enterprise__area=city, active=True
        ).select_related("enterprise")
    }
    found: list[m.ProductionLine] = []
    problems: list[tuple[int | None, str]] = []
    for r in rows:
        line = lines.get((r.enterprise_id, r.line_id))
        if line is None:
            problems.append(
                (
                    r.row,
                    f"{city.name}的清单中没有企业 {r.enterprise_id} 的生产线 {r.line_id} / no such "
                    "line of that enterprise in the city's list",
                )
            )
        else:
            found.append(line)
        if len(r.period.source) > SOURCE_MAX:
            problems.append((r.row, f"依据超过 {SOURCE_MAX} 字 / source longer than {SOURCE_MAX}"))
    if problems:
        raise exceptions.ValidationError({"file": refusal(CalendarFileError(name, problems), name)})
    return found


def import_calendar_file(actor: Any, city: Area, path: Path, name: str) -> CalendarImportSummary:
    """Import a calendar file (a path) as the city's calendar for the file's season; ``actor``
    ``None`` is the system (the demo)."""
    try:
        cal = read_calendar(path)
    except CalendarFileError as exc:
        raise exceptions.ValidationError({"file": refusal(exc, name)}) from None
    lines = _lines(city, cal.rows, name)
    first, last = cal.span
    summary = CalendarImportSummary(name, sha256(path), (first, last), len(cal.rows))
    with transaction.atomic():
        from_changes = m.StaggerChange.objects.filter(result__isnull=False).values("result")
        season = (
            m.StaggeredPeriod.objects.select_for_update()
            .filter(line__enterprise__area=city, active=True, start__lte=last, end__gte=first)
            .exclude(pk__in=from_changes)
            .order_by("pk")
        )
        pool: dict[Key, list[m.StaggeredPeriod]] = {}
        for row in season:
            pool.setdefault(_key(row), []).append(row)
        for r, line in zip(cal.rows, lines, strict=True):
            period = _new_period(line, r)
            held = pool.get(_key(period))
            if held:
                held.pop(0)
                summary.kept += 1
            else:
                summary.created.append(period)
        summary.withdrawn = [row for rows in pool.values() for row in rows]
        known = m.CalendarImport.objects.filter(city=city, sha256=summary.sha256).exists()
        if not summary.changed and known:
            return summary
        summary.record = m.CalendarImport(
            city=city,
            file_name=name,
            sha256=summary.sha256,
            season_start=first,
            season_end=last,
            rows=summary.rows,
            created=len(summary.created),
            kept=summary.kept,
            withdrawn=len(summary.withdrawn),
            imported_by=actor if actor is not None and actor.is_authenticated else None,
            imported_at=clock.now(),
        )
        with audited(actor, summary.record):
            summary.record.save()
        for period in summary.created:
            period.calendar_import = summary.record
            with audited(actor, period):
                period.save()
        for row in summary.withdrawn:
            with audited(actor, row):
                row.active = False
                row.save()
        record(
            actor,
            IMPORT_ACTION,
            IMPORT_TYPE,
            f"{city.pk}:{first.isoformat()}:{last.isoformat()}",
            None,
            {
                "calendar_import": summary.record.pk,
                "city": city.pk,
                "file": name,
                "sha256": summary.sha256,
                "season": [first.isoformat(), last.isoformat()],
                "rows": summary.rows,
                "kept": summary.kept,
                "created": [p.pk for p in summary.created],
                "withdrawn": [p.pk for p in summary.withdrawn],
            },
        )
    return summary


def import_calendar(user: Any, city: Area, upload: Any) -> CalendarImportSummary:
    """The office imports a city's calendar file (.csv or .xlsx)."""
    office_or_403(user)
    with saved(upload, "file", (".csv", ".xlsx"), MAX_CALENDAR_BYTES) as path:
        return import_calendar_file(user, city, path, upload_name(upload))
