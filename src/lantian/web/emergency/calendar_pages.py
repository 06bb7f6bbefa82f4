"""The staggered-production calendar's pages: ``/emergency/calendar/`` (the grid, conflicts,
where the warnings meet it, the change log, the city's calendar imports for the office and
inspectors, the office's import form), the office's import and the workbook download. Same
services and scopes as the API (:mod:`.calendar`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from rest_framework import exceptions as drf

from lantian.emergency.industries import industries
from lantian.emergency.staggered import Meeting, Source
from lantian.web.emergency import calendar, calendar_import, calendar_xlsx, listing, scopes
from lantian.web.emergency import models as m
from lantian.web.emergency.calendar_grid import grid, industry_name, measure_text
from lantian.web.emergency.page_utils import form_messages, level_view, page, require
from lantian.web.ledger.edit_serializers import RowField
from lantian.web.org.models import Area
from lantian.web.org.roles import AreaLevel


def conflict_kinds() -> dict[str, str]:
    return {
        "stopped_and_limited": _("Stopped by the calendar, limited by the warning"),
        "overlap": _("Overlapping periods"),
        "exempt": _("Exempt line staggered"),
        "unknown_line": _("Line not in the list"),
    }


def source_names() -> dict[Source, str]:
    return {
        Source.STAGGERED: _("the calendar"),
        Source.WARNING: _("the warning"),
        Source.BOTH: _("both"),
        Source.NONE: "—",
    }


def _link(query: calendar.Query, **change: Any) -> str:
    values: dict[str, Any] = {
        "area": query.city.pk if query.city is not None else None,
        "start": query.start.isoformat(),
        "end": query.end.isoformat(),
        "industry": query.industry,
        "enterprise": query.enterprise.pk if query.enterprise is not None else None,
    }
    values.update(change)
    return "?" + urlencode({k: v for k, v in values.items() if v not in (None, "")})


def _label(data: calendar.CalendarData, line_id: str) -> str:
    row = data.labels.get(line_id)
    if row is None:
        return line_id
    return " ".join(x for x in (line_id, row.enterprise.name, row.name) if x)


def period_text(start: Any, end: Any, kind: str, value: float | None) -> str:
    """``2019-11-15 – 2020-03-15 限产30%`` (a stored period or a change's new period)."""
    if start is None or end is None:
        return "—"
    measure = _("stop") if kind == m.StaggerKind.STOP else _("limit %(v)s%%") % {"v": f"{value:g}"}
    return f"{start.isoformat()} – {end.isoformat()} {measure}"


def _before(c: m.StaggerChange) -> str:
    p = c.before
    return "—" if p is None else period_text(p.start, p.end, p.kind, p.value)


def _after(c: m.StaggerChange) -> str:
    if c.action == m.StaggerAction.WITHDRAW:
        return "—"
    return period_text(c.start, c.end, c.kind, c.value)


def context_of(request: HttpRequest, data: calendar.CalendarData) -> dict[str, Any]:
    q = data.query
    show_lines = data.detail and (
        data.scope is calendar.Scope.OWN or q.industry is not None or q.enterprise is not None
    )
    kinds = conflict_kinds()
    sources = source_names()
    enterprises: list[m.Enterprise] = []
    if data.scope is calendar.Scope.FULL and q.city is not None:
        enterprises = list(
            m.Enterprise.objects.filter(area=q.city, lines__periods__active=True)
            .distinct()
            .order_by("list_id")
        )
    drawn = grid(data, show_lines)
    for row in drawn["industries"]:
        row["link"] = _link(q, industry=row["code"], enterprise=None)
    for group in drawn["groups"]:
        group["link"] = _link(q, enterprise=group["enterprise"].pk, industry=None)
    return {
        "data": data,
        "q": q,
        "grid": drawn,
        "show_lines": show_lines,
        "cities": listing.list_cities() if data.scope is not calendar.Scope.OWN else [],
        "import_cities": Area.objects.filter(level=AreaLevel.CITY),
        "industry_choices": [(code, industry_name(code)) for code in industries()],
        "enterprise_choices": enterprises,
        "counts": [{"kind": k, "name": kinds[k], "n": n} for k, n in data.conflict_counts.items()],
        "conflicts": [
            {
                "kind": c.kind,
                "name": kinds.get(c.kind, c.kind),
                "line": _label(data, c.line_id),
                "start": c.start,
                "end": c.end,
                "reason": c.reason,
            }
            for c in data.conflicts
        ],
        "meetings": [
            {
                "line": _label(data, mt.line_id),
                "start": mt.start,
                "end": mt.end,
                "level": level_view(mt.level.value),
                "staggered": measure_text(mt.staggered),
                "warning": mt.warning.zh,
                "governing": mt.governing.zh if mt.governing is not None else "",
                "source": sources[mt.source],
                "allowed": mt.allowed_output,
                "conflict": mt.stopped_and_limited,
            }
            for mt in (data.meetings if show_lines else [])
        ],
        "meeting_counts": line_days(data.meetings),
        "changes": [
            {
                "c": c,
                "line": " ".join(
                    x for x in (c.line.line_id, c.line.enterprise.name, c.line.name) if x
                ),
                "before": _before(c),
                "after": _after(c),
            }
            for c in data.changes
        ],
        "download": reverse("emergency-calendar-download") + _link(q),
        "all_link": _link(q, industry=None, enterprise=None),
        "own": scopes.enterprise_of(request.user) if data.scope is calendar.Scope.OWN else None,
    }


def line_days(meets: list[Meeting]) -> dict[str, int]:
    """Line-days on which the calendar and a warning meet: in all, by which governs, and those
    the calendar stops while the warning limits."""
    out = {"all": 0, "calendar": 0, "warning": 0, "both": 0, "conflicts": 0}
    key = {Source.STAGGERED: "calendar", Source.WARNING: "warning", Source.BOTH: "both"}
    for mt in meets:
        n = (mt.end - mt.start).days + 1
        out["all"] += n
        if mt.source in key:
            out[key[mt.source]] += n
        if mt.stopped_and_limited:
            out["conflicts"] += n
    return out


def _data(request: HttpRequest) -> calendar.CalendarData:
    """The calendar asked for; the API's refusals as the pages' (403, 404)."""
    try:
        scope = calendar.scope_of(request.user)
        query = calendar.parse_query(request.user, scope, request.GET)
    except drf.PermissionDenied:
        raise PermissionDenied from None
    except drf.NotFound:
        raise Http404 from None
    return calendar.calendar_data(request.user, query, scope)


def _render(
    request: HttpRequest, data: calendar.CalendarData | None, errors: list[str], status: int
) -> HttpResponse:
    context: dict[str, Any] = {"errors": errors, "data": None}
    if data is not None:
        context.update(context_of(request, data))
    return page(request, "emergency/calendar.html", context, status=status)


def _messages(exc: drf.ValidationError) -> list[str]:
    """A refusal named as the calendar's form names its fields."""
    return form_messages(
        exc,
        start=_("From"),
        end=_("To"),
        industry=_("Industry"),
        file=_("Calendar file (.csv or .xlsx)"),
    )


@login_required
@require_GET
def calendar_page(request: HttpRequest) -> HttpResponse:
    try:
        data = _data(request)
    except drf.ValidationError as exc:
        return _render(request, None, _messages(exc), 400)
    return _render(request, data, [], 200)


@login_required
@require_GET
def calendar_download(request: HttpRequest) -> HttpResponse:
    """The calendar of the page's query as a workbook (what the user may see of it)."""
    try:
        data = _data(request)
    except drf.ValidationError as exc:
        return HttpResponse(
            "\n".join(_messages(exc)), status=400, content_type="text/plain; charset=utf-8"
        )
    return calendar_xlsx.download(data)


@login_required
@require_POST
def calendar_import_page(request: HttpRequest) -> HttpResponse:
    """The office's import form: back to the calendar of the file's season, or the refusal."""
    require(scopes.is_office, request)
    try:
        city = RowField(queryset=Area.objects.all()).run_validation(request.POST.get("city", ""))
        summary = calendar_import.import_calendar(request.user, city, request.FILES.get("file"))
    except drf.ValidationError as exc:
        detail = exc.detail if isinstance(exc.detail, dict) else {"city": exc.detail}
        try:
            data = _data(request)
        except drf.ValidationError:
            data = None
        return _render(request, data, _messages(drf.ValidationError(detail)), 400)
    messages.success(
        request,
        _(
            "Calendar imported: %(n)d periods from %(start)s to %(end)s; %(c)d new, "
            "%(k)d unchanged, %(w)d withdrawn."
        )
        % {
            "n": summary.rows,
            "start": summary.season[0].isoformat(),
            "end": summary.season[1].isoformat(),
            "c": len(summary.created),
            "k": summary.kept,
            "w": len(summary.withdrawn),
        },
    )
    query = urlencode(
        {
            "area": city.pk,
            "start": summary.season[0].isoformat(),
            "end": summary.season[1].isoformat(),
        }
    )
    return redirect(f"{reverse('emergency-calendar')}?{query}")
