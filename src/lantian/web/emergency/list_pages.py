"""The reduction list's pages: the check, the enterprises, the office's queue of changes and the
enterprise's own pages. Same services and scopes as the API."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework import exceptions as drf

from lantian.emergency.industries import industries
from lantian.emergency.levels import Level
from lantian.emergency.lines import ReductionList
from lantian.emergency.staggered import calendar_conflicts
from lantian.web.emergency import changes, core, listing, presenters, receipts, response, scopes
from lantian.web.emergency import models as m
from lantian.web.emergency import serializers as s
from lantian.web.emergency.page_utils import form_data, form_messages, level_view, page, require
from lantian.web.org.models import Area
from lantian.web.org.roles import AreaLevel

# --- the list check ------------------------------------------------------------------------------


def _list_page(request: HttpRequest, errors: list[str] | None = None) -> HttpResponse:
    office = scopes.is_office(request.user)
    context: dict[str, Any] = {
        "cities": listing.list_cities(),
        "import_cities": Area.objects.filter(level=AreaLevel.CITY),
        "errors": errors or [],
        "detail": office,
        "check": None,
    }
    text = (request.GET.get("city") or "").strip()
    city_id = int(text) if text.isascii() and text.isdigit() and len(text) < 18 else None
    try:
        city = listing.city_or_404(city_id)
    except drf.NotFound:
        if text:
            raise Http404 from None
        return page(request, "emergency/list.html", context, status=400 if errors else 200)
    imported, result = listing.check(city)
    payload = presenters.check_payload(city, imported, result, office)
    by_level: dict[str, list[dict[str, Any]]] = {}
    for r in payload["results"]:
        by_level.setdefault(r["level"], []).append(r)
    context.update(
        city=city,
        imported=imported,
        check=payload,
        levels=[{"level": level_view(lv), "rows": rows} for lv, rows in by_level.items()],
        shortfalls=[
            {**r, "level_view": level_view(r["level"])}
            for r in payload["results"]
            if not r["passes"]
        ],
        without=[
            {"level": level_view(lv), "lines": lines}
            for lv, lines in payload["without_measure"].items()
            if lines
        ],
    )
    return page(request, "emergency/list.html", context, status=400 if errors else 200)


@login_required
@require_GET
def list_page(request: HttpRequest) -> HttpResponse:
    require(scopes.can_read_list_summary, request)
    return _list_page(request)


@login_required
@require_POST
def list_import(request: HttpRequest) -> HttpResponse:
    require(scopes.is_office, request)
    try:
        form = s.ListImportInputSerializer(
            data={
                "city": request.POST.get("city", ""),
                "list_file": request.FILES.get("list_file"),
                "city_emissions": request.FILES.get("city_emissions"),
            }
        )
        form.is_valid(raise_exception=True)
        valid = form.validated_data
        summary = listing.import_list(
            request.user, valid["city"], valid["list_file"], valid["city_emissions"]
        )
    except drf.ValidationError as exc:
        return _list_page(request, form_messages(exc))
    messages.success(
        request,
        _("List imported: %(e)d enterprises, %(n)d lines.")
        % {"e": summary.enterprises, "n": summary.lines},
    )
    return redirect(f"{reverse('emergency-list')}?city={valid['city'].pk}")


# --- enterprises ---------------------------------------------------------------------------------


def industry_name(code: str) -> str:
    ind = industries().get(code)
    return ind.zh if ind is not None else code


@login_required
@require_GET
def enterprises_page(request: HttpRequest) -> HttpResponse:
    require(scopes.can_list_enterprises, request)
    query = (request.GET.get("q") or "").strip()
    rows = scopes.enterprises_visible_to(request.user).annotate(
        line_count=Count("lines", filter=Q(lines__active=True))
    )
    if query:
        rows = rows.filter(Q(name__icontains=query) | Q(list_id__icontains=query))
    industry_of: dict[int, set[str]] = {}
    for ent_id, code in m.ProductionLine.objects.filter(
        enterprise__in=rows, active=True
    ).values_list("enterprise_id", "industry"):
        industry_of.setdefault(ent_id, set()).add(industry_name(code))
    context = {
        "rows": [
            {"e": e, "industries": "、".join(sorted(industry_of.get(e.pk, set())))} for e in rows
        ],
        "q": query,
    }
    return page(request, "emergency/enterprises.html", context)


def enterprise_context(enterprise: m.Enterprise, lst: ReductionList) -> dict[str, Any]:
    """An enterprise's lines (``lst``: :func:`.core.enterprise_list`) with their measures per
    level, its staggering and conflicts."""
    measures = presenters.line_measures(lst)
    levels = presenters.levels_of(lst.lines)
    periods = m.StaggeredPeriod.objects.filter(line__enterprise=enterprise).select_related("line")
    lines = []
    rows = {r.line_id: r for r in enterprise.lines.filter(active=True)}
    for ln in lst.lines:
        grade = lst.applied_grade(ln)
        lines.append(
            {
                "row": rows[ln.line_id],
                "industry": industry_name(ln.industry),
                "grade": grade.value if grade is not None else "",
                "category": ln.category.zh,
                "exempt": lst.exemption(ln),
                "measures": measures[ln.line_id],
            }
        )
    calendar = core.calendar_of(periods.filter(active=True))
    return {
        "enterprise": enterprise,
        "levels": [level_view(lv.value) for lv in levels],
        "lines": lines,
        "periods": periods,
        "conflicts": calendar_conflicts(lst, calendar),
    }


@login_required
@require_GET
def enterprise_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    require(lambda u: scopes.can_list_enterprises(u) or scopes.is_enterprise(u), request)
    enterprise = get_object_or_404(scopes.enterprises_visible_to(user), pk=pk)
    context = enterprise_context(enterprise, core.enterprise_list(enterprise))
    context["inspections"] = scopes.inspections_visible_to(user).filter(enterprise=enterprise)
    context["measure_changes"] = scopes.measure_changes_visible_to(user).filter(
        line__enterprise=enterprise
    )
    context["stagger_changes"] = scopes.stagger_changes_visible_to(user).filter(
        line__enterprise=enterprise
    )
    return page(request, "emergency/enterprise.html", context)


# --- the office's queue --------------------------------------------------------------------------


def _changes_page(request: HttpRequest, error: dict[str, Any] | None = None) -> HttpResponse:
    pending = m.ChangeStatus.PENDING
    measure_changes = list(
        m.MeasureChange.objects.filter(status=pending).select_related(
            "line__enterprise", "requested_by"
        )
    )
    stagger_changes = list(
        m.StaggerChange.objects.filter(status=pending).select_related(
            "line__enterprise", "requested_by", "before"
        )
    )
    context = {
        "measure_changes": measure_changes,
        "stagger_changes": stagger_changes,
        "open_count": len(measure_changes) + len(stagger_changes),
        "error": error,
    }
    return page(request, "emergency/changes.html", context, status=400 if error else 200)


@login_required
@require_GET
def changes_page(request: HttpRequest) -> HttpResponse:
    require(scopes.is_office, request)
    return _changes_page(request)


@login_required
@require_POST
def change_decide(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    require(scopes.is_office, request)
    data = form_data(request, "decision", "reason")
    try:
        form = s.ChangeDecisionSerializer(data=data)
        form.is_valid(raise_exception=True)
        changes.decide(request.user, kind, pk, form.validated_data)
    except drf.NotFound:
        raise Http404 from None
    except drf.ValidationError as exc:
        return _changes_page(request, {"kind": kind, "pk": pk, "messages": form_messages(exc)})
    messages.success(request, _("The decision was recorded."))
    return redirect("emergency-changes")


# --- the enterprise's own pages ------------------------------------------------------------------


@login_required
@require_GET
def mine_page(request: HttpRequest) -> HttpResponse:
    """An enterprise user's page: its measures per level, the warnings in force and what they
    ask of its lines, how many notices it has yet to acknowledge, its changes and its
    inspections."""
    require(scopes.is_enterprise, request)
    own = scopes.enterprise_of(request.user)
    context: dict[str, Any] = {"enterprise": own}
    if own is not None:
        lst = core.enterprise_list(own)
        context.update(enterprise_context(own, lst))
        context["notices"] = [
            {"w": w, "level": level_view(w.level), "lines": lines}
            for w, lines in response.enterprise_notices(own, lst)
        ]
        context["measure_changes"] = scopes.measure_changes_visible_to(request.user)
        context["stagger_changes"] = scopes.stagger_changes_visible_to(request.user)
        context["inspections"] = scopes.inspections_visible_to(request.user)
        context["unacknowledged"] = receipts.unacknowledged(request.user).count()
    return page(request, "emergency/mine.html", context)


def _own_lines(request: HttpRequest) -> tuple[m.Enterprise, Any]:
    require(scopes.is_enterprise, request)
    own = scopes.enterprise_of(request.user)
    if own is None:
        raise Http404
    return own, own.lines.filter(active=True).order_by("line_id")


def _line_of(lines: Any, text: str) -> m.ProductionLine | None:
    is_id = text.isascii() and text.isdigit() and len(text) < 18
    return lines.filter(pk=int(text)).first() if is_id else None


@login_required
@require_http_methods(["GET", "POST"])
def propose_measure_page(request: HttpRequest) -> HttpResponse:
    own, lines = _own_lines(request)
    context: dict[str, Any] = {
        "enterprise": own,
        "lines": lines,
        "levels": [level_view(lv.value) for lv in Level],
        "errors": [],
        "values": request.POST if request.method == "POST" else request.GET,
    }
    if request.method == "POST":
        data = form_data(request, "level", "measure", "reason")
        form = (s.MeasureProposalSerializer, changes.propose_measure)
        return _propose(request, lines, data, form, "emergency/propose_measure.html", context)
    return page(request, "emergency/propose_measure.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def propose_stagger_page(request: HttpRequest) -> HttpResponse:
    own, lines = _own_lines(request)
    periods = m.StaggeredPeriod.objects.filter(line__in=lines, active=True).select_related("line")
    context: dict[str, Any] = {
        "enterprise": own,
        "lines": lines,
        "periods": periods,
        "actions": m.StaggerAction.choices,
        "kinds": m.StaggerKind.choices,
        "errors": [],
        "values": request.POST if request.method == "POST" else {},
    }
    if request.method == "POST":
        data = form_data(
            request,
            "action",
            "before",
            "start",
            "end",
            "kind",
            "value",
            "baseline",
            "reason",
            nullable=("before", "start", "end", "value", "baseline"),
        )
        form = (s.StaggerProposalSerializer, changes.propose_stagger)
        return _propose(request, lines, data, form, "emergency/propose_stagger.html", context)
    return page(request, "emergency/propose_stagger.html", context)


def _propose(
    request: HttpRequest,
    lines: Any,
    data: dict[str, Any],
    form_and_service: tuple[
        type[Any], Callable[[Any, m.ProductionLine, Mapping[str, Any]], object]
    ],
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """An enterprise's proposal for one of its lines (a measure or a staggering change): checked
    by the serializer, sent by the service; refused on its form (400) with the reasons."""
    serializer, propose = form_and_service
    line = _line_of(lines, request.POST.get("line", ""))
    try:
        if line is None:
            raise drf.ValidationError({"line": [_("Choose one of your lines.")]})
        form = serializer(data={**data, "line": line.pk})
        form.is_valid(raise_exception=True)
        propose(request.user, line, form.validated_data)
    except drf.ValidationError as exc:
        # the staggering form names these fields otherwise (the measure form has none of them)
        context["errors"] = form_messages(exc, kind=_("Measure"), start=_("From"), end=_("To"))
        return page(request, template, context, status=400)
    messages.success(request, _("Your proposal was sent to the command office."))
    return redirect("emergency-mine")
