"""What the staggered-production calendar (错峰生产日历) shows, for the page, its API and its
workbook alike: the core's calendar of a city over a range of days, per industry and per line,
its conflicts, where it meets the warnings issued in the range, and the published change log.

Who sees what (``docs/emergency_calendar.md``, ``docs/access.md`` §Emergency):

- ``full`` — the command office and inspectors: every industry, enterprise and line, and the
  city's calendar imports (:class:`~lantian.web.emergency.models.CalendarImport`);
- ``own`` — an enterprise user: its own enterprise's lines only (the industry rows sum them
  alone); another enterprise is 404;
- ``summary`` — departments and areas (the list check's summary readers): the industry rows,
  the warning days and the number of conflicts — no enterprise, no line;
- the public: nothing (401 / the login page).

The rules are the core's (:mod:`lantian.emergency.staggered`: :func:`industry_days`,
:func:`calendar_conflicts`, :func:`combine`, :func:`meetings`); the days a warning is in force are
:func:`lantian.emergency.warning_verdict.issued_days`' on the warning's replayed record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.emergency.calendar_file import CalendarRow
from lantian.emergency.industries import industries
from lantian.emergency.levels import Level
from lantian.emergency.lines import Line, ReductionList
from lantian.emergency.staggered import (
    Calendar,
    Conflict,
    IndustryDay,
    Meeting,
    combine,
    industry_days,
    meetings,
)
from lantian.emergency.warning_verdict import issued_days
from lantian.web.emergency import core, listing, scopes
from lantian.web.emergency import models as m
from lantian.web.emergency.changes import to_period
from lantian.web.ledger import clock
from lantian.web.ledger.params import api_date, api_id
from lantian.web.org.models import Area

#: The longest range shown at once [days].
MAX_DAYS = 366
#: The heating season (采暖季) of the plans (performance_grading.md §3): 11-15 … 03-15.
SEASON_START = (11, 15)
SEASON_END = (3, 15)
CONFLICT_KINDS = ("stopped_and_limited", "overlap", "exempt", "unknown_line")


class Scope(StrEnum):
    FULL = "full"
    OWN = "own"
    SUMMARY = "summary"


def scope_of(user: Any) -> Scope:
    """What the user sees of the calendar (403 for a role that sees nothing of it)."""
    if scopes.can_list_enterprises(user):
        return Scope.FULL
    if scopes.is_enterprise(user):
        return Scope.OWN
    if scopes.can_read_list_summary(user):
        return Scope.SUMMARY
    raise exceptions.PermissionDenied(_("You may not see the staggered-production calendar."))


def season_around(day: date) -> tuple[date, date]:
    """The heating season holding ``day``, or (between seasons) the next one."""
    start = date(day.year, *SEASON_START)
    if day <= date(day.year, *SEASON_END):
        return date(day.year - 1, *SEASON_START), date(day.year, *SEASON_END)
    return start, date(day.year + 1, *SEASON_END)


@dataclass(frozen=True)
class Query:
    city: Area | None
    start: date
    end: date
    industry: str | None = None
    enterprise: m.Enterprise | None = None

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


def _refuse(name: str, message: str) -> exceptions.ValidationError:
    return exceptions.ValidationError({name: [message]})


def parse_query(user: Any, scope: Scope, params: Mapping[str, Any]) -> Query:
    """The calendar asked for: ``area`` (the city; default the latest imported list's),
    ``start`` and ``end`` (default the heating season around today), ``industry`` (a code of
    ``industries.csv``), ``enterprise`` (an id). Bad values are 400 naming the parameter; a city
    without a list, or an enterprise out of the user's sight, 404; an enterprise asked for by a
    role that sees none, 403."""
    city = _city(user, scope, api_id(params, "area"))
    season_start, season_end = season_around(clock.today())
    given = api_date(params, "start")
    start = given or season_start
    # only a start given: a season's length from it
    end = api_date(params, "end") or (
        season_end if given is None else start + (season_end - season_start)
    )
    if end < start:
        raise _refuse("end", _("The period ends before it starts."))
    if (end - start).days + 1 > MAX_DAYS:
        raise _refuse("end", _("At most %(n)d days at a time.") % {"n": MAX_DAYS})
    code = str(params.get("industry") or "").strip() or None
    if code is not None and code not in industries():
        raise _refuse("industry", _("Unknown industry."))
    enterprise = _enterprise(user, scope, api_id(params, "enterprise"), city)
    return Query(city, start, end, code, enterprise)


def _city(user: Any, scope: Scope, area_id: int | None) -> Area | None:
    """The city asked for; an enterprise always sees its own enterprise's city."""
    if scope is Scope.OWN:
        own = scopes.enterprise_of(user)
        return own.area if own is not None else None
    cities = listing.list_cities()
    if area_id is None:
        return cities[0] if cities else None
    for city in cities:
        if city.pk == area_id:
            return city
    raise exceptions.NotFound(_("No list has been imported for this city."))


def _enterprise(user: Any, scope: Scope, pk: int | None, city: Area | None) -> m.Enterprise | None:
    if pk is None:
        return None
    if scope is Scope.SUMMARY:
        raise exceptions.PermissionDenied(
            _("Only the command office and inspectors see enterprises.")
        )
    found = scopes.enterprises_visible_to(user).filter(pk=pk)
    if city is not None:
        found = found.filter(area=city)
    enterprise = found.first()
    if enterprise is None:
        raise exceptions.NotFound(_("No such enterprise."))
    return enterprise


# --- the data ------------------------------------------------------------------------------------


@dataclass
class LineView:
    """A line of the calendar: its row, the core's line, its periods in the range."""

    row: m.ProductionLine
    line: Line
    periods: list[m.StaggeredPeriod]


@dataclass
class CalendarData:
    query: Query
    scope: Scope
    days: list[date]
    industry_days: list[IndustryDay] = field(default_factory=list)
    lines: list[LineView] = field(default_factory=list)
    calendar: Calendar = field(default_factory=Calendar)
    warning_days: dict[date, Level] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    changes: list[m.StaggerChange] = field(default_factory=list)
    #: the city's calendar imports, newest first (the full scope only)
    imports: list[m.CalendarImport] = field(default_factory=list)
    labels: dict[str, m.ProductionLine] = field(default_factory=dict)

    @property
    def detail(self) -> bool:
        """Whether enterprises and lines are shown (not the summary)."""
        return self.scope is not Scope.SUMMARY

    @property
    def conflict_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(CONFLICT_KINDS, 0)
        for c in self.conflicts:
            counts[c.kind] = counts.get(c.kind, 0) + 1
        return counts

    def rows(self) -> list[CalendarRow]:
        """The periods shown, as calendar-file rows (the workbook's, readable back)."""
        out = []
        for view in self.lines:
            for p in view.periods:
                out.append(
                    CalendarRow(
                        view.row.enterprise.list_id,
                        to_period(view.row.line_id, p),
                        view.row.enterprise.name,
                        view.row.name,
                        synthetic=view.row.synthetic,
                    )
                )
        return out


def _lines_in_scope(query: Query, scope: Scope, user: Any) -> QuerySet[m.ProductionLine]:
    rows = m.ProductionLine.objects.filter(enterprise__area=query.city)
    if scope is Scope.OWN:
        own = scopes.enterprise_of(user)
        rows = rows.filter(enterprise=own) if own is not None else rows.none()
    if query.enterprise is not None:
        rows = rows.filter(enterprise=query.enterprise)
    if query.industry is not None:
        rows = rows.filter(industry=query.industry)
    return rows


def _warning_days(user: Any, query: Query) -> dict[date, Level]:
    """The highest level in force on each day of the range (warnings the user may see). A
    warning lifted before the range (a day's margin for the time zone) is not replayed: the
    city's history of warnings grows with every season, the range does not."""
    out: dict[date, Level] = {}
    before = timezone.make_aware(datetime.combine(query.start - timedelta(days=1), time.min))
    warnings = (
        scopes.warnings_visible_to(user)
        .filter(city=query.city, issued_at__isnull=False)
        .exclude(lifted_at__lt=before)
        .select_related("city")
    )
    now = clock.now()
    for w in warnings:
        for day, level in issued_days(core.record_of(w), now).items():
            if query.start <= day <= query.end and (day not in out or level > out[day]):
                out[day] = level
    return out


def imports_of(city: Area) -> list[m.CalendarImport]:
    """The city's calendar imports, newest first (whatever their season: the history)."""
    return list(
        m.CalendarImport.objects.filter(city=city)
        .select_related("imported_by")
        .order_by("-imported_at", "-pk")
    )


def calendar_data(user: Any, query: Query, scope: Scope) -> CalendarData:
    """The calendar of ``query`` as ``scope`` sees it."""
    days = query.days
    data = CalendarData(query, scope, days)
    if query.city is None:
        return data
    line_rows = _lines_in_scope(query, scope, user)
    periods = list(
        m.StaggeredPeriod.objects.filter(
            line__in=line_rows, active=True, start__lte=query.end, end__gte=query.start
        )
        .select_related("line__enterprise")
        .order_by("line__list_row", "line_id", "start", "pk")
    )
    data.calendar = Calendar(tuple(to_period(p.line.line_id, p) for p in periods))
    active = line_rows.filter(active=True)
    shown = core.lines_of(active)
    data.industry_days = industry_days(ReductionList(tuple(shown)), data.calendar, days)
    data.warning_days = _warning_days(user, query)
    # the measures of a line need its whole enterprise (the lowest grade over its industries)
    staggered = {p.line.enterprise_id for p in periods}
    whole = ReductionList(
        tuple(core.lines_of(core.active_lines(query.city).filter(enterprise_id__in=staggered)))
    )
    rows, conflicts = combine(whole, data.calendar, data.warning_days, sorted(data.warning_days))
    data.conflicts = conflicts  # every period is in scope, and so every conflict
    if scope is Scope.SUMMARY:
        return data
    if scope is Scope.FULL:
        data.imports = imports_of(query.city)
    by_line: dict[int, list[m.StaggeredPeriod]] = {}
    for p in periods:
        by_line.setdefault(p.line_id, []).append(p)
    rows_by_id = {r.line_id: r for r in active.select_related("enterprise")}
    for ln in shown:
        row = rows_by_id[ln.line_id]
        if row.pk in by_line:
            data.lines.append(LineView(row, ln, by_line[row.pk]))
    data.labels = {p.line.line_id: p.line for p in periods}
    data.meetings = meetings(whole, rows)
    data.changes = list(
        m.StaggerChange.objects.filter(line__in=line_rows, published_at__isnull=False)
        .select_related("line__enterprise", "requested_by", "decided_by", "before", "result")
        .order_by("-published_at", "-pk")
    )
    return data
